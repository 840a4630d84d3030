// Intake latency under load: what a vendor waits for our 2xx, side by side with a naive receiver
// that verifies the same signature and writes the ticket (search, read, update) before answering,
// both against the same Zendesk stand-in, in one run.
// JDK only, loopback only, bounded: java bench/IntakeLoad.java target/helpdesk-bridge.jar [events] [clients] [helpdesk-ms]
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
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
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class IntakeLoad {
  static final String SECRET = "shpss_bench_secret";
  static final Pattern ORDER = Pattern.compile("custom_field_9001%3A%22(\\d+)%22|custom_field_9001:\"(\\d+)\"");

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "target/helpdesk-bridge.jar");
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    int helpdeskMs = args.length > 3 ? Integer.parseInt(args[3]) : 100;

    // a Zendesk stand-in whose ticket update takes helpdeskMs (a loaded helpdesk plus the network)
    Map<String, Long> written = new ConcurrentHashMap<>();
    HttpServer zendesk = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    zendesk.setExecutor(Executors.newFixedThreadPool(16));
    zendesk.createContext("/api/v2/", ex -> {
      String path = ex.getRequestURI().getPath();
      String body;
      if (path.endsWith("/search.json")) {
        Matcher m = ORDER.matcher(ex.getRequestURI().getRawQuery() + " " + ex.getRequestURI().getQuery());
        String order = m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : "0";
        body = "{\"results\":[" + ticket(Long.parseLong(order)) + "],\"count\":1}";
      } else if (ex.getRequestMethod().equals("PUT")) {
        sleep(helpdeskMs);
        String id = path.replaceAll("\\D", "").substring(1); // /api/v2/tickets/<id>.json
        written.put(id, System.nanoTime());
        body = "{\"ticket\":" + ticket(Long.parseLong(id)) + "}";
      } else {
        body = "{\"ticket\":" + ticket(Long.parseLong(path.replaceAll("\\D", "").substring(1))) + "}";
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/json");
      ex.sendResponseHeaders(200, bytes.length);
      ex.getResponseBody().write(bytes);
      ex.close();
    });
    zendesk.start();

    Path home = Files.createTempDirectory("bridge-bench");
    int port = freePort();
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", jar.toAbsolutePath().toString(), "run");
    pb.environment().put("BRIDGE_HOME", home.toString());
    pb.environment().put("BRIDGE_HTTP_PORT", String.valueOf(port));
    pb.environment().put("BRIDGE_LOG_LEVEL", "WARN");
    pb.environment().put("ZENDESK_URL", "http://127.0.0.1:" + zendesk.getAddress().getPort());
    pb.environment().put("ZENDESK_EMAIL", "bench@example.com");
    pb.environment().put("ZENDESK_API_TOKEN", "bench-token");
    pb.environment().put("ZENDESK_ORDER_FIELD_ID", "9001");
    pb.environment().put("SHOPIFY_WEBHOOK_SECRET", SECRET);
    pb.environment().put("ZENDESK_REQUESTS_PER_MINUTE", "0"); // this bench measures intake, not the budget
    pb.redirectErrorStream(true).redirectOutput(home.resolve("bridge.log").toFile());
    Process bridge = pb.start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      waitHealthy(http, port, bridge);
      // warm-up outside the measurement: JIT, pools, H2
      for (int i = 0; i < 50; i++) post(http, port, 900000 + i);

      long[] intakeNs = new long[events];
      long[] sentAt = new long[events];
      AtomicInteger failures = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      long start = System.nanoTime();
      for (int i = 0; i < events; i++) {
        int n = i;
        pool.execute(() -> {
          sentAt[n] = System.nanoTime();
          try {
            int status = post(http, port, 1000 + n);
            if (status != 202) failures.incrementAndGet();
          } catch (Exception e) {
            failures.incrementAndGet();
          }
          intakeNs[n] = System.nanoTime() - sentAt[n];
        });
      }
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.MINUTES);
      double intakeSeconds = (System.nanoTime() - start) / 1e9;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (countWritten(written, events) < events && System.nanoTime() < deadline) sleep(100);
      double allWrittenSeconds = (System.nanoTime() - start) / 1e9;

      List<Long> intake = new ArrayList<>();
      List<Long> endToEnd = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        intake.add(intakeNs[i]);
        Long w = written.get(String.valueOf(1000 + i));
        if (w != null) endToEnd.add(w - sentAt[i]);
      }
      // the baseline: same load, same stand-in, a receiver that answers only after the ticket write
      int naivePort = startNaiveReceiver(zendesk.getAddress().getPort(), http);
      written.clear();
      List<Long> naive = new ArrayList<>();
      AtomicInteger naiveFailures = new AtomicInteger();
      long[] naiveNs = new long[events];
      ExecutorService pool2 = Executors.newFixedThreadPool(clients);
      long naiveStart = System.nanoTime();
      for (int i = 0; i < events; i++) {
        int n = i;
        pool2.execute(() -> {
          long t0 = System.nanoTime();
          try {
            if (post(http, naivePort, 1000 + n) / 100 != 2) naiveFailures.incrementAndGet();
          } catch (Exception e) {
            naiveFailures.incrementAndGet();
          }
          naiveNs[n] = System.nanoTime() - t0;
        });
      }
      pool2.shutdown();
      pool2.awaitTermination(10, TimeUnit.MINUTES);
      double naiveSeconds = (System.nanoTime() - naiveStart) / 1e9;
      for (long ns : naiveNs) naive.add(ns);

      System.out.printf("events %d, clients %d, helpdesk update %d ms; non-2xx: bridge %d, naive %d%n", events, clients,
          helpdeskMs, failures.get(), naiveFailures.get());
      System.out.printf("%-52s %8s %8s %8s %8s %7s %9s%n", "", "p50 ms", "p95 ms", "p99 ms", "max ms", "> 5 s", "events/s");
      row("bridge: POST -> 202 (durable in the inbox)", intake, events / intakeSeconds);
      row("naive:  POST -> 200 after the ticket write", naive, events / naiveSeconds);
      row("bridge: POST -> ticket written (in the background)", endToEnd, endToEnd.size() / allWrittenSeconds);
    } finally {
      bridge.destroy();
      bridge.waitFor(30, TimeUnit.SECONDS);
      zendesk.stop(0);
      System.exit(0);
    }
  }

  static int countWritten(Map<String, Long> written, int events) {
    int n = 0;
    for (int i = 0; i < events; i++) if (written.containsKey(String.valueOf(1000 + i))) n++;
    return n;
  }

  static void row(String label, List<Long> ns, double perSecond) {
    List<Long> s = new ArrayList<>(ns);
    Collections.sort(s);
    long over = s.stream().filter(x -> x > 5_000_000_000L).count();
    System.out.printf("%-52s %8.1f %8.1f %8.1f %8.1f %7d %9.0f%n", label, pct(s, 50), pct(s, 95), pct(s, 99),
        s.isEmpty() ? 0 : s.get(s.size() - 1) / 1e6, over, perSecond);
  }

  /** The naive way: verify, search the ticket, read it, update it, then answer. */
  static int startNaiveReceiver(int zendeskPort, HttpClient http) throws IOException {
    HttpServer naive = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    naive.setExecutor(Executors.newFixedThreadPool(64));
    String zd = "http://127.0.0.1:" + zendeskPort + "/api/v2";
    naive.createContext("/webhooks/shopify", ex -> {
      int status = 200;
      try {
        byte[] body = ex.getRequestBody().readAllBytes();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(body));
        if (!java.security.MessageDigest.isEqual(expected.getBytes(), ex.getRequestHeaders().getFirst("X-Shopify-Hmac-Sha256").getBytes())) {
          status = 401;
        } else {
          String order = new String(body, StandardCharsets.UTF_8).replaceAll("^\\{\"id\":(\\d+).*$", "$1");
          String q = java.net.URLEncoder.encode("type:ticket custom_field_9001:\"" + order + "\"", StandardCharsets.UTF_8);
          http.send(HttpRequest.newBuilder(URI.create(zd + "/search.json?query=" + q)).build(), HttpResponse.BodyHandlers.ofString());
          http.send(HttpRequest.newBuilder(URI.create(zd + "/tickets/" + order + ".json")).build(), HttpResponse.BodyHandlers.ofString());
          http.send(HttpRequest.newBuilder(URI.create(zd + "/tickets/" + order + ".json"))
              .PUT(HttpRequest.BodyPublishers.ofString("{\"ticket\":{\"comment\":{\"body\":\"cancelled\",\"public\":false}}}"))
              .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        }
      } catch (Exception e) {
        status = 500;
      }
      ex.sendResponseHeaders(status, -1);
      ex.close();
    });
    naive.start();
    return naive.getAddress().getPort();
  }

  static double pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) return 0;
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, i)) / 1e6;
  }

  static int post(HttpClient http, int port, long order) throws Exception {
    byte[] body = ("{\"id\":" + order + ",\"name\":\"#" + order + "\",\"order_number\":" + order
        + ",\"email\":\"c" + order + "@example.com\",\"cancel_reason\":\"customer\",\"financial_status\":\"refunded\","
        + "\"cancelled_at\":\"2026-11-24T10:00:00Z\",\"fulfillments\":[]}").getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/shopify"))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .header("X-Shopify-Hmac-Sha256", Base64.getEncoder().encodeToString(mac.doFinal(body)))
        .header("X-Shopify-Topic", "orders/cancelled")
        .header("X-Shopify-Shop-Domain", "bench.myshopify.com")
        .header("X-Shopify-API-Version", "2026-07")
        .header("X-Shopify-Webhook-Id", "bench-" + order + "-" + System.nanoTime())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static String ticket(long id) {
    return "{\"id\":" + id + ",\"status\":\"open\",\"tags\":[],\"updated_at\":\"2026-11-24T10:00:00Z\"}";
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
      sleep(200);
    }
    throw new IllegalStateException("the bridge did not become healthy in 60 s");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
