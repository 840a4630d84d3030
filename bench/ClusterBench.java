import io.helpdeskbridge.testing.KafkaBroker;
import io.helpdeskbridge.testing.PostgresSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The burst in cluster mode: 1, 2 and 3 bridge instances on the machine's PostgreSQL (a fresh
 * schema each round) and one real Kafka broker (KRaft, from Maven Central's artifacts), the
 * webhooks spread round-robin over the instances. Reports what the senders saw and how fast the
 * events reached the helpdesk. Usage: java ClusterBench <jar> [events] [orders] [latency-ms] [clients] [max-instances]
 */
public class ClusterBench {
  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int events = BurstBench.arg(args, 1, 6_000);
    int orders = BurstBench.arg(args, 2, 2_000);
    int latencyMs = BurstBench.arg(args, 3, 50);
    int clients = BurstBench.arg(args, 4, 64);
    int maxInstances = BurstBench.arg(args, 5, 3);
    System.out.printf("cluster burst: %d events over %d orders, %d senders, helpdesk unlimited at %d ms per call; 12 partitions,"
        + " 4 consumers per instance%n", events, orders, clients, latencyMs);
    System.out.printf("%-10s %12s %12s %12s %14s %8s%n", "instances", "accepted/s", "p99 accept", "drain s", "applied/s", "written");
    try (KafkaBroker kafka = new KafkaBroker().start()) {
      for (int n = 1; n <= maxInstances; n++) {
        round(jar, kafka, n, events, orders, latencyMs, clients);
      }
    }
    System.exit(0);
  }

  static void round(Path jar, KafkaBroker kafka, int n, int events, int orders, int latencyMs, int clients) throws Exception {
    List<BurstBench.Delivery> burst = BurstBench.burst(events, orders, 2_000_000 + n * 100_000);
    try (PostgresSchema pg = PostgresSchema.reserve(); ZendeskLike zd = new ZendeskLike(0, latencyMs)) {
      Map<String, String> env = BurstBench.env(zd, 0, null);
      env.put("BRIDGE_STORE_URL", pg.url());
      env.put("BRIDGE_KAFKA_BOOTSTRAP", kafka.bootstrap());
      env.put("BRIDGE_KAFKA_TOPIC", "bench-" + n + "-" + System.nanoTime());
      env.put("BRIDGE_KAFKA_PARTITIONS", "12");
      List<BenchSupport.Bridge> bridges = new ArrayList<>();
      try {
        for (int i = 0; i < n; i++) bridges.add(BenchSupport.startBridge(jar, env));
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long[] ns = new long[burst.size()];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        for (int i = 0; i < burst.size(); i++) {
          int k = i;
          pool.execute(() -> {
            BenchSupport.Bridge b = bridges.get(Math.floorMod(next.getAndIncrement(), bridges.size()));
            long s = System.nanoTime();
            try {
              if (BurstBench.post(b.port(), burst.get(k)) / 100 != 2) failed.incrementAndGet();
            } catch (Exception e) {
              failed.incrementAndGet();
            }
            ns[k] = System.nanoTime() - s;
          });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        double acceptSeconds = (System.nanoTime() - t0) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (zd.written.size() < burst.size() && System.nanoTime() < deadline) BenchSupport.sleep(200);
        long last = zd.written.values().stream().mapToLong(Long::longValue).max().orElse(t0);
        double drain = (last - t0) / 1e9;
        List<Long> sorted = new ArrayList<>();
        for (long x : ns) sorted.add(x);
        java.util.Collections.sort(sorted);
        System.out.printf("%-10d %12.0f %10.0f ms %12.1f %14.1f %5d/%d%s%n", n, burst.size() / acceptSeconds,
            BenchSupport.pct(sorted, 99), drain, zd.written.size() / drain, zd.written.size(), burst.size(),
            failed.get() > 0 ? "  (" + failed.get() + " not answered 2xx)" : "");
      } finally {
        for (BenchSupport.Bridge b : bridges) BenchSupport.stop(b);
      }
    }
  }
}
