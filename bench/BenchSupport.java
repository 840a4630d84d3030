import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What every benchmark needs: the bridge as a process, signing, percentiles, ports. */
final class BenchSupport {
  private BenchSupport() {}

  /** A started bridge and how long it took to answer /health. */
  record Bridge(Process process, int port, Path home, double startSeconds) {}

  static Bridge startBridge(Path jar, Map<String, String> env) throws Exception {
    Path home = Files.createTempDirectory("bridge-bench");
    int port = freePort();
    // the heap the README recommends; BENCH_JAVA_OPTS changes it
    List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(List.of(System.getenv().getOrDefault("BENCH_JAVA_OPTS", "-Xmx256m").trim().split("\\s+")));
    cmd.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "run"));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("BRIDGE_HOME", home.toString());
    pb.environment().put("BRIDGE_HTTP_PORT", String.valueOf(port));
    pb.environment().put("BRIDGE_LOG_LEVEL", "WARN");
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(home.resolve("bridge.log").toFile());
    long t0 = System.nanoTime();
    Process p = pb.start();
    waitHealthy(HttpClient.newHttpClient(), port, p);
    return new Bridge(p, port, home, (System.nanoTime() - t0) / 1e9);
  }

  static void stop(Bridge b) throws InterruptedException {
    b.process().destroy();
    b.process().waitFor(30, TimeUnit.SECONDS);
  }

  /** Resident memory of a process in MiB, from /proc (Linux). */
  static double rssMiB(Process p) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  static String hmacBase64(String secret, byte[] body) {
    return Base64.getEncoder().encodeToString(hmac(secret, body));
  }

  static String hmacHex(String secret, byte[] body) {
    StringBuilder sb = new StringBuilder();
    for (byte b : hmac(secret, body)) sb.append(String.format("%02x", b));
    return sb.toString();
  }

  private static byte[] hmac(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static double pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) return 0;
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, i)) / 1e6;
  }

  static void waitHealthy(HttpClient http, int port, Process bridge) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!bridge.isAlive()) throw new IllegalStateException("the bridge exited; see its log");
      try {
        if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
      } catch (IOException notYet) {
        // still starting
      }
      sleep(20);
    }
    throw new IllegalStateException("the bridge did not become healthy in 60 s");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void sleep(long ms) {
    if (ms <= 0) return;
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
