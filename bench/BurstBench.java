import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue #5's benchmark, in one run, each part side by side with its baseline:
 *   1. start-up time and resident memory (idle, and the peak during the burst);
 *   2. a burst of signed webhooks over many orders (Stripe refunds, AfterShip exceptions,
 *      Signifyd fraud decisions) against a Zendesk-like helpdesk with a per-minute budget:
 *      helpdesk calls, 429s, time to drain; then the naive way (one search and one update per
 *      event, retrying 429s after Retry-After, as workflow tools do) against a fresh helpdesk;
 *   3. webhook -> helpdesk write latency at a steady rate, with and without the coalescing window.
 * Usage: java BurstBench <jar> [events] [orders] [per-minute] [latency-ms] [clients] [steady-rate] [steady-seconds]
 */
public class BurstBench {
  static final String STRIPE = "whsec_bench_secret";
  static final String AFTERSHIP = "aftership_bench_secret";
  static final String SIGNIFYD = "signifyd_bench_key";
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One delivery: where it goes, its headers and body, and the order it is about. */
  record Delivery(String source, Map<String, String> headers, byte[] body, long order) {}

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int events = arg(args, 1, 10_000);
    int orders = arg(args, 2, 2_000);
    int perMinute = arg(args, 3, 2_500);
    int latencyMs = arg(args, 4, 50);
    int clients = arg(args, 5, 64);
    int steadyRate = arg(args, 6, 100);
    int steadySeconds = arg(args, 7, 30);
    System.out.printf("burst: %d events over %d orders, %d clients; helpdesk: %d requests/min, %d ms per call%n%n",
        events, orders, clients, perMinute, latencyMs);

    String parts = System.getenv().getOrDefault("BENCH_PARTS", "burst,steady");
    if (parts.contains("burst")) burstPart(jar, events, orders, perMinute, latencyMs, clients);
    if (parts.contains("steady")) steadyPart(jar, latencyMs, steadyRate, steadySeconds);
    System.exit(0);
  }

  static void burstPart(Path jar, int events, int orders, int perMinute, int latencyMs, int clients) throws Exception {
    // ---- 1 + 2: the bridge under the burst
    List<Delivery> burst = burst(events, orders, 1_000_000);
    Result bridge;
    double startSeconds;
    double idleMiB;
    AtomicLong peakMiB = new AtomicLong();
    try (ZendeskLike zd = new ZendeskLike(perMinute, latencyMs)) {
      BenchSupport.Bridge b = BenchSupport.startBridge(jar, env(zd, perMinute, null));
      startSeconds = b.startSeconds();
      BenchSupport.sleep(3000);
      idleMiB = BenchSupport.rssMiB(b.process());
      var sampler = Executors.newSingleThreadScheduledExecutor();
      sampler.scheduleAtFixedRate(() -> peakMiB.accumulateAndGet((long) BenchSupport.rssMiB(b.process()), Math::max),
          0, 250, TimeUnit.MILLISECONDS);
      try {
        bridge = run("bridge", burst, clients, zd, d -> post(b.port(), d), 30);
      } finally {
        sampler.shutdownNow();
        BenchSupport.stop(b);
      }
    }
    // ---- 2: the naive way, same burst, a fresh helpdesk with the same budget
    Result naive;
    try (ZendeskLike zd = new ZendeskLike(perMinute, latencyMs)) {
      NaiveReceiver receiver = new NaiveReceiver(zd.url());
      naive = run("naive", burst, clients, zd, d -> receiver.handle(d), 30);
    }
    System.out.printf("%-8s %9s %8s %8s %8s %8s %7s %9s %10s %10s %9s%n", "", "events", "tickets", "calls", "search", "read",
        "update", "429s", "calls/tkt", "drain s", "intake/s");
    bridge.print();
    naive.print();
    System.out.printf("%nstart-up %.2f s; resident memory idle %.0f MiB, peak during the burst %d MiB%n%n", startSeconds, idleMiB,
        peakMiB.get());

  }

  static void steadyPart(Path jar, int latencyMs, int steadyRate, int steadySeconds) throws Exception {
    // ---- 3: steady rate, webhook -> helpdesk write, with and without the coalescing window
    System.out.printf("steady %d events/s for %d s over fresh orders (helpdesk unlimited, %d ms per call)%n", steadyRate,
        steadySeconds, latencyMs);
    System.out.printf("%-34s %8s %8s %8s %8s %9s%n", "", "p50 ms", "p95 ms", "p99 ms", "max ms", "written");
    for (String window : List.of("1000", "0")) {
      try (ZendeskLike zd = new ZendeskLike(0, latencyMs)) {
        BenchSupport.Bridge b = BenchSupport.startBridge(jar, env(zd, 0, window));
        try {
          steady("bridge, coalescing window " + window + " ms", b, zd, steadyRate, steadySeconds, 5_000_000 + Integer.parseInt(window) * 10);
        } finally {
          BenchSupport.stop(b);
        }
      }
    }
  }

  static Map<String, String> env(ZendeskLike zd, int perMinute, String window) {
    Map<String, String> env = new HashMap<>();
    env.put("ZENDESK_URL", zd.url());
    env.put("ZENDESK_EMAIL", "bench@example.com");
    env.put("ZENDESK_API_TOKEN", "bench-token");
    env.put("ZENDESK_ORDER_FIELD_ID", "9001");
    env.put("ZENDESK_REQUESTS_PER_MINUTE", String.valueOf(perMinute));
    env.put("STRIPE_WEBHOOK_SECRET", STRIPE);
    env.put("AFTERSHIP_WEBHOOK_SECRET", AFTERSHIP);
    env.put("SIGNIFYD_WEBHOOK_SECRET", SIGNIFYD);
    if (window != null) env.put("BRIDGE_COALESCE_MS", window);
    return env;
  }

  /** What one side did with the burst. */
  record Result(String name, int events, int tickets, long calls, long searches, long reads, long updates, long refused,
      double drainSeconds, double intakePerSecond, int failed) {
    void print() {
      System.out.printf("%-8s %9d %8d %8d %8d %8d %7d %9d %10.2f %10.1f %9.0f%s%n", name, events, tickets, calls, searches, reads,
          updates, refused, tickets == 0 ? 0 : (double) calls / tickets, drainSeconds, intakePerSecond,
          failed > 0 ? "  (" + failed + " not answered 2xx)" : "");
    }
  }

  interface Sender {
    int send(Delivery d) throws Exception;
  }

  /** Sends the burst from {@code clients} threads, then waits until every event's marker is on its ticket. */
  static Result run(String name, List<Delivery> burst, int clients, ZendeskLike zd, Sender sender, int quietSeconds)
      throws Exception {
    AtomicInteger failed = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long t0 = System.nanoTime();
    for (Delivery d : burst) {
      pool.execute(() -> {
        try {
          if (sender.send(d) / 100 != 2) failed.incrementAndGet();
        } catch (Exception e) {
          failed.incrementAndGet();
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(2, TimeUnit.HOURS);
    double intakeSeconds = (System.nanoTime() - t0) / 1e9;
    // drained: every event's marker written, or nothing new for quietSeconds
    long lastChange = System.nanoTime();
    int seen = -1;
    while (zd.written.size() < burst.size() && System.nanoTime() - lastChange < TimeUnit.SECONDS.toNanos(quietSeconds)) {
      if (zd.written.size() != seen) {
        seen = zd.written.size();
        lastChange = System.nanoTime();
      }
      BenchSupport.sleep(200);
    }
    long lastWrite = zd.written.values().stream().mapToLong(Long::longValue).max().orElse(t0);
    if (zd.written.size() < burst.size()) {
      System.out.printf("%s: only %d of %d events reached their ticket%n", name, zd.written.size(), burst.size());
    }
    return new Result(name, burst.size(), zd.ticketsUpdated(), zd.calls.get(), zd.searches.get(), zd.reads.get(), zd.updates.get(),
        zd.refused429.get(), (lastWrite - t0) / 1e9, burst.size() / intakeSeconds, failed.get());
  }

  /** {@code rate} events per second, each for its own fresh order; latency from POST to its marker on the ticket. */
  static void steady(String label, BenchSupport.Bridge b, ZendeskLike zd, int rate, int seconds, int firstOrder) throws Exception {
    int n = rate * seconds;
    List<Delivery> list = new ArrayList<>();
    for (int i = 0; i < n; i++) list.add(stripeRefund(firstOrder + i, "evt_steady_" + (firstOrder + i), 0, 100));
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(32);
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      Delivery d = list.get(i);
      long due = start + (long) (i * 1e9 / rate);
      long wait = due - System.nanoTime();
      if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
      pool.execute(() -> {
        sentAt.put("stripe/evt_steady_" + d.order(), System.nanoTime());
        try {
          post(b.port(), d);
        } catch (Exception e) {
          // counted below as not written
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(10, TimeUnit.MINUTES);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (zd.written.size() < n && System.nanoTime() < deadline) BenchSupport.sleep(100);
    List<Long> latencies = new ArrayList<>();
    sentAt.forEach((marker, at) -> {
      Long w = zd.written.get(marker);
      if (w != null) latencies.add(w - at);
    });
    Collections.sort(latencies);
    System.out.printf("%-34s %8.0f %8.0f %8.0f %8.0f %5d/%d%n", label, BenchSupport.pct(latencies, 50), BenchSupport.pct(latencies, 95),
        BenchSupport.pct(latencies, 99), latencies.isEmpty() ? 0 : latencies.get(latencies.size() - 1) / 1e6, latencies.size(), n);
  }

  /** Per order: three refunds, a carrier exception and a fraud decision; orders interleaved as a real burst is. */
  static List<Delivery> burst(int events, int orders, int firstOrder) {
    List<Delivery> out = new ArrayList<>();
    int perOrder = Math.max(1, events / orders);
    for (int k = 0; k < perOrder; k++) {
      for (int o = 0; o < orders && out.size() < events; o++) {
        long order = firstOrder + o;
        String id = order + "_" + k;
        out.add(switch (k % 5) {
          case 3 -> aftershipException(order, "as_" + id);
          case 4 -> signifydReject(order, k);
          default -> stripeRefund(order, "evt_" + id, k * 100L, (k + 1) * 100L);
        });
      }
    }
    return out;
  }

  static Delivery stripeRefund(long order, String eventId, long before, long after) {
    long now = Instant.now().getEpochSecond();
    byte[] body = ("{\"id\":\"" + eventId + "\",\"object\":\"event\",\"api_version\":\"2024-10-28.acacia\",\"created\":" + now
        + ",\"livemode\":false,\"type\":\"charge.refunded\",\"data\":{\"object\":{\"id\":\"ch_" + order + "\",\"object\":\"charge\","
        + "\"amount\":5000,\"amount_refunded\":" + after + ",\"refunded\":false,\"currency\":\"usd\",\"payment_intent\":\"pi_" + order
        + "\",\"description\":\"Order #" + order + "\",\"metadata\":{\"order_id\":\"" + order + "\"}},"
        + "\"previous_attributes\":{\"amount_refunded\":" + before + "}}}").getBytes(StandardCharsets.UTF_8);
    String signed = now + "." + new String(body, StandardCharsets.UTF_8);
    String sig = BenchSupport.hmacHex(STRIPE, signed.getBytes(StandardCharsets.UTF_8));
    return new Delivery("stripe", Map.of("Stripe-Signature", "t=" + now + ",v1=" + sig), body, order);
  }

  static Delivery aftershipException(long order, String eventId) {
    byte[] body = ("{\"event\":\"tracking_update\",\"event_id\":\"" + eventId + "\",\"ts\":" + Instant.now().getEpochSecond()
        + ",\"msg\":{\"id\":\"trk" + order + "\",\"tracking_number\":\"1ZBENCH" + order + "\",\"slug\":\"ups\",\"tag\":\"Exception\","
        + "\"subtag\":\"Exception_007\",\"subtag_message\":\"Incorrect Address\",\"order_number\":\"" + order + "\","
        + "\"updated_at\":\"2026-11-24T03:00:00Z\",\"checkpoints\":[]}}").getBytes(StandardCharsets.UTF_8);
    return new Delivery("aftership", Map.of("aftership-hmac-sha256", BenchSupport.hmacBase64(AFTERSHIP, body)), body, order);
  }

  static Delivery signifydReject(long order, int k) {
    byte[] body = ("{\"signifydId\":" + (7_000_000_000L + order) + ",\"checkoutId\":\"chk_" + order + "\",\"orderId\":\"" + order
        + "\",\"decision\":{\"createdAt\":\"2026-11-24T03:00:0" + (k % 10) + ".000Z\",\"checkpointAction\":\"REJECT\","
        + "\"checkpointActionReason\":\"SIGNIFYD_DECLINED\",\"score\":112.48}}").getBytes(StandardCharsets.UTF_8);
    return new Delivery("signifyd", Map.of("SIGNIFYD-SEC-HMAC-SHA256", BenchSupport.hmacBase64(SIGNIFYD, body),
        "signifyd-checkpoint", "CHECKOUT"), body, order);
  }

  static int post(int port, Delivery d) throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/" + d.source()))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()));
    d.headers().forEach(r::header);
    return HTTP.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  static int arg(String[] args, int i, int fallback) {
    return args.length > i ? Integer.parseInt(args[i]) : fallback;
  }
}
