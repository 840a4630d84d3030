package io.helpdeskbridge.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A class-data sharing archive of the bridge jar (JDK dynamic AppCDS), made once per build by one
 * throwaway start and reused by every bridge an IT starts: the JVM then maps Camel's classes instead
 * of loading and verifying them, about a quarter off each start, and the suite starts the bridge
 * dozens of times. Same code, same flags otherwise. Off with {@code -Dbridge.cds=false}; when the
 * archive cannot be made the bridges start without it.
 */
final class ClassArchive {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static Optional<String> flag;

  private ClassArchive() {}

  /** {@code -XX:SharedArchiveFile=...}, or empty when there is none. */
  static synchronized Optional<String> flag(Path jar, String javaBin) {
    if (flag == null) flag = make(jar, javaBin);
    return flag;
  }

  private static Optional<String> make(Path jar, String javaBin) {
    if (!Boolean.parseBoolean(System.getProperty("bridge.cds", "true"))) return Optional.empty();
    try {
      // keyed to the jar, so a rebuilt jar never maps a stale archive
      Path archive = Path.of("target", "bridge-cds",
          Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() + ".jsa").toAbsolutePath();
      Files.createDirectories(archive.getParent());
      // failsafe runs ITs in two JVMs: one makes the archive while the other waits for it
      try (java.nio.channels.FileChannel lockFile = java.nio.channels.FileChannel.open(archive.resolveSibling(".lock"),
              java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
          java.nio.channels.FileLock lock = lockFile.lock()) {
        if (Files.isRegularFile(archive)) return Optional.of("-XX:SharedArchiveFile=" + archive);
        return dump(jar, javaBin, archive);
      }
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static Optional<String> dump(Path jar, String javaBin, Path archive) {
    Path home = null;
    try {
      home = Files.createTempDirectory("bridge-cds");
      int port = BridgeProcess.freePort();
      ProcessBuilder pb = new ProcessBuilder(List.of(javaBin, "-Xmx256m", "-XX:ArchiveClassesAtExit=" + archive,
          "-jar", jar.toAbsolutePath().toString(), "run"));
      pb.environment().clear();
      for (String k : List.of("PATH", "HOME", "LANG", "TMPDIR")) {
        if (System.getenv(k) != null) pb.environment().put(k, System.getenv(k));
      }
      pb.environment().put("BRIDGE_HOME", home.toString());
      pb.environment().put("BRIDGE_HTTP_PORT", String.valueOf(port));
      pb.redirectErrorStream(true).redirectOutput(home.resolve("bridge.log").toFile());
      Process p = pb.start();
      URI health = URI.create("http://127.0.0.1:" + port + "/health");
      await("bridge start for the class archive").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .until(() -> {
            if (!p.isAlive()) return true;
            try {
              return HTTP.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
              return false;
            }
          });
      p.destroy(); // SIGTERM: the JVM writes the archive on its way out
      if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
      return Files.isRegularFile(archive) ? Optional.of("-XX:SharedArchiveFile=" + archive) : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    } finally {
      if (home != null) delete(home);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory left behind is harmless
    }
  }
}
