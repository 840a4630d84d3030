// Intake latency under load: what a vendor waits for our 2xx, side by side with a naive receiver
// that verifies the same signature and writes the ticket (search, read, update) before answering,
// both against the same Zendesk stand-in, in one run.
// JDK only, loopback only, bounded: java bench/IntakeLoad.java target/helpdesk-bridge.jar [events] [clients] [helpdesk-ms]
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

public class IntakeLoad {
  static final String SECRET = "shpss_bench_secret";

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args.length > 0 ? args[0] : "target/helpdesk-bridge.jar");
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    int helpdeskMs = args.length > 3 ? Integer.parseInt(args[3]) : 100;

    // a Zendesk stand-in whose every call takes helpdeskMs (a loaded helpdesk plus the network), no budget
    ZendeskLike zd = new ZendeskLike(0, helpdeskMs);
    Map<Long, Long> written = zd.firstUpdate;
    Map<String, String> env = new java.util.HashMap<>();
    env.put("ZENDESK_URL", zd.url());
    env.put("ZENDESK_EMAIL", "bench@example.com");
    env.put("ZENDESK_API_TOKEN", "bench-token");
    env.put("ZENDESK_ORDER_FIELD_ID", "9001");
    env.put("SHOPIFY_WEBHOOK_SECRET", SECRET);
    env.put("ZENDESK_REQUESTS_PER_MINUTE", "0"); // this bench measures intake, not the budget
    BenchSupport.Bridge started = BenchSupport.startBridge(jar, env);
    Process bridge = started.process();
    int port = started.port();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
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
      while (countWritten(written, events) < events && System.nanoTime() < deadline) BenchSupport.sleep(100);
      double allWrittenSeconds = (System.nanoTime() - start) / 1e9;

      List<Long> intake = new ArrayList<>();
      List<Long> endToEnd = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        intake.add(intakeNs[i]);
        Long w = written.get(1000L + i);
        if (w != null) endToEnd.add(w - sentAt[i]);
      }
      // the baseline: same load, same stand-in, a receiver that answers only after the ticket write
      written.clear();
      Load naive = load(http, startNaiveReceiver(zd.port(), http), events, clients);
      // the ceiling: the same load against a JDK server that reads the body and answers 202, nothing else
      Load bare = load(http, startBareResponder(), events, clients);

      System.out.printf("events %d, clients %d, helpdesk call %d ms; non-2xx: bridge %d, naive %d, bare %d%n", events, clients,
          helpdeskMs, failures.get(), naive.failures(), bare.failures());
      System.out.printf("%-52s %8s %8s %8s %8s %7s %9s%n", "", "p50 ms", "p95 ms", "p99 ms", "max ms", "> 5 s", "events/s");
      row("bridge: POST -> 202 (durable in the inbox)", intake, events / intakeSeconds);
      row("bare 202 responder (the ceiling)", bare.latencies(), events / bare.seconds());
      row("naive:  POST -> 200 after the ticket write", naive.latencies(), events / naive.seconds());
      row("bridge: POST -> ticket written (in the background)", endToEnd, endToEnd.size() / allWrittenSeconds);
    } finally {
      bridge.destroy();
      bridge.waitFor(30, TimeUnit.SECONDS);
      zd.close();
      System.exit(0);
    }
  }

  record Load(List<Long> latencies, double seconds, int failures) {}

  /** {@code events} signed webhooks from {@code clients} threads; each one's latency as the sender sees it. */
  static Load load(HttpClient http, int port, int events, int clients) throws Exception {
    AtomicInteger failures = new AtomicInteger();
    long[] ns = new long[events];
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    for (int i = 0; i < events; i++) {
      int n = i;
      pool.execute(() -> {
        long t0 = System.nanoTime();
        try {
          if (post(http, port, 1000 + n) / 100 != 2) failures.incrementAndGet();
        } catch (Exception e) {
          failures.incrementAndGet();
        }
        ns[n] = System.nanoTime() - t0;
      });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    double seconds = (System.nanoTime() - start) / 1e9;
    List<Long> out = new ArrayList<>();
    for (long x : ns) out.add(x);
    return new Load(out, seconds, failures.get());
  }

  static int startBareResponder() throws IOException {
    HttpServer bare = HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 256);
    bare.setExecutor(Executors.newFixedThreadPool(64));
    bare.createContext("/webhooks/shopify", ex -> {
      ex.getRequestBody().readAllBytes();
      ex.sendResponseHeaders(202, -1);
      ex.close();
    });
    bare.start();
    return bare.getAddress().getPort();
  }

  static int countWritten(Map<Long, Long> written, int events) {
    int n = 0;
    for (int i = 0; i < events; i++) if (written.containsKey(1000L + i)) n++;
    return n;
  }

  static void row(String label, List<Long> ns, double perSecond) {
    List<Long> s = new ArrayList<>(ns);
    Collections.sort(s);
    long over = s.stream().filter(x -> x > 5_000_000_000L).count();
    System.out.printf("%-52s %8.1f %8.1f %8.1f %8.1f %7d %9.0f%n", label, BenchSupport.pct(s, 50), BenchSupport.pct(s, 95), BenchSupport.pct(s, 99),
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

}
