package io.helpdeskbridge.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real jar ({@code target/helpdesk-bridge.jar}, built by {@code mvn package} before failsafe
 * runs) started as its own JVM, with the environment a user would give it. Output goes to a file
 * the test can grep (for secrets, for messages).
 */
public final class BridgeProcess implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Path home;
  private final Map<String, String> env;
  private final int port;
  private final Path log;
  private Process process;
  private int starts;

  public BridgeProcess(Path home, Map<String, String> env) {
    this.home = home;
    this.port = freePort();
    this.env = new LinkedHashMap<>(env);
    this.env.put("BRIDGE_HOME", home.toString());
    this.env.put("BRIDGE_HTTP_PORT", String.valueOf(port));
    this.log = home.resolve("bridge.log");
  }

  public static Path jar() {
    String jar = System.getProperty("bridge.jar", "target/helpdesk-bridge.jar");
    Path p = Path.of(jar);
    if (!Files.isRegularFile(p)) throw new IllegalStateException(p + " is missing: run mvn package (mvn verify does it)");
    return p.toAbsolutePath();
  }

  /** Starts the bridge and waits until /health answers 200. */
  public BridgeProcess start() throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command("run"));
    pb.environment().clear();
    pb.environment().putAll(baseEnv());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    process = pb.start();
    starts++;
    // a bridge that dies fails at once (below); the bound only catches one that never answers: about 3 s
    // on a quiet 2-core machine, over 60 s on a busy one, which is not what these tests measure
    await("bridge start #" + starts).atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          if (!process.isAlive()) throw new IllegalStateException("the bridge exited with " + process.exitValue() + ":\n" + log());
          return healthy();
        });
    return this;
  }

  private boolean healthy() {
    try {
      return get("/health").statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** kill -9: no shutdown hook, no flush, nothing graceful. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, the way a service manager stops it. */
  public void stop() throws InterruptedException {
    if (process == null || !process.isAlive()) return;
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
  }

  public HttpResponse<String> post(String path, Map<String, String> headers, byte[] body) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", "application/json");
    headers.forEach(b::header);
    return send(b.build());
  }

  /** A POST whose headers (Content-Type included) are exactly the given ones. */
  public HttpResponse<String> postRaw(String path, Map<String, String> headers, byte[] body) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return send(b.build());
  }

  public HttpResponse<String> get(String path) throws IOException {
    return get(path, Map.of());
  }

  public HttpResponse<String> get(String path, Map<String, String> headers) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).timeout(Duration.ofSeconds(10)).GET();
    headers.forEach(b::header);
    return send(b.build());
  }

  private static HttpResponse<String> send(HttpRequest r) throws IOException {
    try {
      return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  /** Runs another CLI command of the same jar with the same environment. */
  public Cli cli(String... args) throws IOException, InterruptedException {
    return runCli(home, env, args);
  }

  public static Cli runCli(Path home, Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-jar", jar().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
    pb.environment().clear();
    pb.environment().putAll(baseEnv());
    pb.environment().putAll(env);
    pb.environment().put("BRIDGE_HOME", home.toString());
    Path out = Files.createTempFile(home, "cli-out", ".txt");
    Path err = Files.createTempFile(home, "cli-err", ".txt");
    pb.redirectOutput(out.toFile());
    pb.redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("CLI " + List.of(args) + " did not finish in 60 s");
    }
    return new Cli(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /** Exit code and output of one CLI run. */
  public record Cli(int exitCode, String out, String err) {}

  public String log() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  public Path home() {
    return home;
  }

  public int port() {
    return port;
  }

  private List<String> command(String sub) {
    List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx256m"));
    ClassArchive.flag(jar(), javaBin()).ifPresent(cmd::add);
    cmd.addAll(List.of("-jar", jar().toString(), sub));
    return cmd;
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Map<String, String> baseEnv() {
    Map<String, String> base = new LinkedHashMap<>();
    for (String k : List.of("PATH", "HOME", "LANG", "TMPDIR")) {
      String v = System.getenv(k);
      if (v != null) base.put(k, v);
    }
    return base;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
