package io.helpdeskbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.JdbcProbe;
import io.helpdeskbridge.testing.KafkaBroker;
import io.helpdeskbridge.testing.PostgresSchema;
import io.helpdeskbridge.testing.StripeEvents;
import io.helpdeskbridge.testing.TcpProxy;
import io.helpdeskbridge.testing.ZendeskStandIn;
import io.helpdeskbridge.testing.ZendeskStub;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode end to end: three bridge processes (the shaded jar) on one PostgreSQL schema and one
 * real Kafka broker, a stateful Zendesk stand-in, signed Stripe deliveries spread over the three
 * as a load balancer would. Each test takes its own orders, and each ends with every event on its
 * ticket exactly once, in the vendor's order, and nothing dead. The store is reached through a
 * {@link TcpProxy}, so a test can take it away.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
  static final int PER_ORDER = 3;

  @TempDir static Path dir;
  static KafkaBroker kafka;
  static PostgresSchema pg;
  static TcpProxy pgProxy;
  static ZendeskStandIn zendesk;
  static JdbcProbe db;
  static final List<BridgeProcess> bridges = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    kafka = new KafkaBroker().start();
    pg = PostgresSchema.create();
    Matcher hostPort = Pattern.compile("//([^/:?]+):(\\d+)/").matcher(pg.url());
    assertThat(hostPort.find()).as("host:port in %s", pg.url()).isTrue();
    pgProxy = new TcpProxy(hostPort.group(1), Integer.parseInt(hostPort.group(2)));
    zendesk = new ZendeskStandIn();
    db = new JdbcProbe(pg.url());
    String proxied = pg.url().replace(hostPort.group(0), "//127.0.0.1:" + pgProxy.port() + "/");

    Map<String, String> env = new LinkedHashMap<>();
    env.put("ZENDESK_URL", zendesk.url());
    env.put("ZENDESK_EMAIL", ZendeskStub.EMAIL);
    env.put("ZENDESK_API_TOKEN", ZendeskStub.TOKEN);
    env.put("ZENDESK_ORDER_FIELD_ID", ZendeskStub.ORDER_FIELD);
    env.put("ZENDESK_REQUESTS_PER_MINUTE", "0");
    env.put("STRIPE_WEBHOOK_SECRET", StripeEvents.SECRET);
    env.put("BRIDGE_STORE_URL", proxied);
    env.put("BRIDGE_KAFKA_BOOTSTRAP", kafka.bootstrap());
    env.put("BRIDGE_KAFKA_PARTITIONS", "12");
    env.put("BRIDGE_KAFKA_CONSUMERS", "4");
    for (int i = 0; i < 3; i++) bridges.add(new BridgeProcess(Files.createDirectories(dir.resolve("bridge-" + i)), env));
    // the first one migrates the schema and creates the topic; the other two join it together
    bridges.get(0).start();
    ExecutorService starter = Executors.newFixedThreadPool(2);
    try {
      List<Future<BridgeProcess>> started = List.of(starter.submit(bridges.get(1)::start), starter.submit(bridges.get(2)::start));
      for (Future<BridgeProcess> f : started) f.get();
    } finally {
      starter.shutdown();
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    for (BridgeProcess b : bridges) b.stop();
    if (zendesk != null) zendesk.close();
    if (pgProxy != null) pgProxy.close();
    if (pg != null) pg.close();
    if (kafka != null) kafka.close();
  }

  @Test
  @Order(1)
  void brokerCrashAndRestartMidBurstIntakeKeepsAnsweringAndEverythingLandsOnce() throws Exception {
    Burst burst = new Burst("kafka", 2001, 200).start();
    await().atMost(Duration.ofSeconds(60)).until(() -> burst.accepted() >= 150);
    kafka.kill();

    // the broker is gone: intake still stores and answers; the rows wait unpublished in the inbox
    int before = burst.accepted();
    await("deliveries accepted while Kafka is down").atMost(Duration.ofSeconds(60)).until(() -> burst.accepted() >= before + 200);
    assertThat(db.count("select count(*) from inbox where status = 'received' and published_at is null")).isPositive();
    kafka.start();

    burst.finish();
    assertThat(burst.refusals()).as("answers other than 2xx").isEmpty();
    assertEveryEventAppliedOnceInOrder(burst);
  }

  @Test
  @Order(2)
  void storeUnreachableMidBurstIntakeAnswers503WithRetryAfterAndNothingIsLost() throws Exception {
    Burst burst = new Burst("pg", 3001, 200).start();
    await().atMost(Duration.ofSeconds(60)).until(() -> burst.accepted() >= 150);
    pgProxy.cut();
    try {
      // deliveries that reach any instance now are refused as retryable, never acknowledged
      for (int i = 0; i < bridges.size(); i++) {
        byte[] body = StripeEvents.chargeRefunded("evt_probe_" + i, "3999", 0, 100);
        HttpResponse<String> r = bridges.get(i).post("/webhooks/stripe", StripeEvents.signed(body), body);
        assertThat(r.statusCode()).as("bridge %d while the store is away: %s", i, r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).as("Retry-After").hasValueSatisfying(v ->
            assertThat(Integer.parseInt(v)).isPositive());
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
      }
      await("the vendor is told to come back").atMost(Duration.ofSeconds(60)).until(() -> burst.refusals().containsKey(503));
    } finally {
      pgProxy.restore();
    }
    burst.finish();
    assertThat(burst.refusals().keySet()).as("only 503s, while the store was away").containsOnly(503);
    assertEveryEventAppliedOnceInOrder(burst);
    assertThat(db.count("select count(*) from inbox where event_id like 'evt_probe_%'")).as("refused probes are not stored").isZero();
  }

  @Test
  @Order(3)
  void oneInstanceKilledMidBurstEveryEventIsAppliedExactlyOnceInPerOrderOrder() throws Exception {
    Burst burst = new Burst("kill", 1, 1000).start();
    await().atMost(Duration.ofSeconds(90)).until(() -> burst.accepted() >= 1000);
    BridgeProcess victim = bridges.get(2);
    victim.kill();
    // the kill cut work short: accepted events were still waiting
    assertThat(db.count("select count(*) from inbox where status = 'received'")).isPositive();

    burst.finish();
    assertThat(burst.acceptedBy(2)).as("the killed instance had taken deliveries").isPositive();
    assertEveryEventAppliedOnceInOrder(burst);
  }

  private static void assertEveryEventAppliedOnceInOrder(Burst burst) {
    long total = (long) burst.orders * PER_ORDER;
    long t0 = System.nanoTime();
    await("all " + total + " " + burst.tag + " events done").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
        .until(() -> db.count("select count(*) from inbox where status = 'done' and event_id like ?", burst.tag + "%") == total);
    System.out.printf("%s: %d events done %d ms after the last delivery%n", burst.tag, total,
        Duration.ofNanos(System.nanoTime() - t0).toMillis());
    assertThat(db.count("select count(*) from inbox where status = 'dead'")).as("dead letters").isZero();
    for (int o = burst.firstOrder; o < burst.firstOrder + burst.orders; o++) {
      List<String> expected = new ArrayList<>();
      for (int k = 0; k < PER_ORDER; k++) expected.add("stripe/" + burst.eventId(o, k));
      assertThat(zendesk.markers(o)).as("ticket %d: each event once, in the vendor's order", o).containsExactlyElementsOf(expected);
    }
  }

  /**
   * The vendor: each order's events in sequence (the next only after the previous was
   * acknowledged), many orders in parallel, each delivery to the next instance in turn as a load
   * balancer would; a refused or failed delivery is retried on the next instance.
   */
  static final class Burst {
    final String tag;
    final int firstOrder;
    final int orders;
    private final ExecutorService vendors = Executors.newFixedThreadPool(12);
    private final List<Future<?>> work = new ArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicLong turn = new AtomicLong();
    private final Map<Integer, AtomicInteger> acceptedBy = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> refusals = new ConcurrentHashMap<>();
    private final long t0 = System.nanoTime();

    Burst(String tag, int firstOrder, int orders) {
      this.tag = "evt_c" + tag;
      this.firstOrder = firstOrder;
      this.orders = orders;
    }

    String eventId(int order, int k) {
      return tag + "_" + order + "_" + k;
    }

    Burst start() {
      for (int t = 0; t < 12; t++) {
        int lane = t;
        work.add(vendors.submit(() -> {
          for (int k = 0; k < PER_ORDER; k++) {
            for (int o = firstOrder + lane; o < firstOrder + orders; o += 12) deliver(o, k);
          }
          return null;
        }));
      }
      return this;
    }

    private void deliver(int order, int k) {
      byte[] body = StripeEvents.chargeRefunded(eventId(order, k), String.valueOf(order), k * 100L, (k + 1) * 100L);
      // as a vendor does: try again after the Retry-After it was given (capped so the test does not
      // idle), or at once on the next instance when the picked one is down
      AtomicLong nextTryMillis = new AtomicLong();
      await(eventId(order, k) + " accepted").atMost(Duration.ofMinutes(4)).pollDelay(Duration.ZERO)
          .pollInterval((poll, previous) -> Duration.ofMillis(nextTryMillis.get()))
          .until(() -> {
            int i = (int) (turn.getAndIncrement() % bridges.size());
            try {
              HttpResponse<String> r = bridges.get(i).post("/webhooks/stripe", StripeEvents.signed(body), body);
              if (r.statusCode() / 100 == 2) {
                accepted.incrementAndGet();
                acceptedBy.computeIfAbsent(i, x -> new AtomicInteger()).incrementAndGet();
                return true;
              }
              refusals.computeIfAbsent(r.statusCode(), x -> new AtomicInteger()).incrementAndGet();
              nextTryMillis.set(Math.min(1000, 1000L * Integer.parseInt(r.headers().firstValue("Retry-After").orElse("1"))));
            } catch (IOException down) {
              nextTryMillis.set(1); // a killed instance: the load balancer's next pick
            }
            return false;
          });
    }

    int accepted() {
      return accepted.get();
    }

    int acceptedBy(int instance) {
      AtomicInteger n = acceptedBy.get(instance);
      return n == null ? 0 : n.get();
    }

    Map<Integer, AtomicInteger> refusals() {
      return refusals;
    }

    /** Waits for every delivery to be acknowledged. */
    void finish() throws Exception {
      for (Future<?> f : work) f.get(5, java.util.concurrent.TimeUnit.MINUTES);
      vendors.shutdown();
      long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
      System.out.printf("%s: %d deliveries acknowledged in %d ms (%.0f/s), by instance %s, refusals %s%n", tag,
          accepted.get(), ms, accepted.get() * 1000.0 / Math.max(1, ms), acceptedBy, refusals);
    }
  }
}
