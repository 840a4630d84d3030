package io.helpdeskbridge.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.PostgresSchema;
import io.helpdeskbridge.testing.StoreProbe;
import io.helpdeskbridge.testing.StripeEvents;
import io.helpdeskbridge.testing.TcpProxy;
import io.helpdeskbridge.testing.ZendeskStandIn;
import io.helpdeskbridge.testing.ZendeskStub;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ops and Kubernetes see of a running bridge: the Prometheus scrape at {@code /observe/metrics}
 * counts what came in and what it did, the probes at {@code /observe/health/*} follow the store,
 * JSON log lines carry the event's ids, and none of it shows a secret.
 */
class ObservabilityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OPS_TOKEN = "ops-token-observability-it";
  private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  @TempDir Path home;

  /** One series of a scrape: its name, labels and value. */
  record Series(String name, Map<String, String> labels, double value) {}

  static List<Series> parse(String scrape) {
    List<Series> out = new ArrayList<>();
    for (String line : scrape.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) continue;
      Matcher m = SERIES.matcher(line.trim());
      assertThat(m.matches()).as("a Prometheus text line: %s", line).isTrue();
      Map<String, String> labels = new LinkedHashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) labels.put(l.group(1), l.group(2));
      }
      out.add(new Series(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
    return out;
  }

  /** The value of the series with exactly these labels; 0 when the scrape has none (a counter never incremented). */
  static double value(String scrape, String name, String... labels) {
    Map<String, String> want = new LinkedHashMap<>();
    for (int i = 0; i < labels.length; i += 2) want.put(labels[i], labels[i + 1]);
    return parse(scrape).stream().filter(s -> s.name().equals(name) && s.labels().equals(want))
        .mapToDouble(Series::value).findFirst().orElse(0);
  }

  private static String scrape(BridgeProcess bridge) throws IOException {
    var r = bridge.get("/observe/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    return r.body();
  }

  private static long count(StoreProbe store, String status) {
    return (Long) store.rows("select count(*) as n from inbox where status = ?", status).get(0).get("n");
  }

  private static byte[] resource(String path) throws IOException {
    try (InputStream in = ObservabilityIT.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void theScrapeCountsWhatCameInAndWhatItDidAndTheLogIsJsonWithTheEventsIds() throws Exception {
    try (ZendeskStandIn zendesk = new ZendeskStandIn()) {
      Map<String, String> env = zendesk.bridgeEnv();
      env.put("BRIDGE_OPS_TOKEN", OPS_TOKEN);
      env.put("BRIDGE_COALESCE_MS", "0");
      env.put("BRIDGE_RETRY_BACKOFF_MS", "100");
      env.put("BRIDGE_LOG_FORMAT", "json");
      StoreProbe store = new StoreProbe(home);
      BridgeProcess bridge = new BridgeProcess(home, env);
      try (bridge) {
        bridge.start();
        // two refunds, a retried delivery, a forgery and a type the bridge has no use for
        byte[] first = StripeEvents.chargeRefunded("evt_obs_1", "11", 0, 1000);
        byte[] second = StripeEvents.chargeRefunded("evt_obs_2", "12", 0, 500);
        byte[] forged = StripeEvents.chargeRefunded("evt_obs_forged", "11", 0, 99_900);
        byte[] customer = resource("vendor/stripe/customer.created.json");
        assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(first), first).statusCode()).isEqualTo(202);
        assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(second), second).statusCode()).isEqualTo(202);
        assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(first), first).statusCode()).isEqualTo(200);
        assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(forged, "whsec_not_the_secret", Instant.now()), forged)
            .statusCode()).isEqualTo(400);
        assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(customer), customer).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(store, "done") == 2);

        // Zendesk refuses everything with 429 for a moment: the third refund waits its Retry-After and goes through
        zendesk.storm(Duration.ofSeconds(2));
        byte[] third = StripeEvents.chargeRefunded("evt_obs_3", "13", 0, 700);
        assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(third), third).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(store, "done") == 3);
        assertThat(zendesk.refused429()).isPositive();

        String scrape = scrape(bridge);
        assertThat(value(scrape, "bridge_events_received_total", "source", "stripe")).isEqualTo(4); // 3 refunds + customer
        assertThat(value(scrape, "bridge_events_duplicate_total", "source", "stripe")).isEqualTo(1);
        assertThat(value(scrape, "bridge_events_rejected_total", "source", "stripe", "status", "400")).isEqualTo(1);
        assertThat(value(scrape, "bridge_events_ignored_total", "source", "stripe")).isEqualTo(1);
        assertThat(value(scrape, "bridge_events_applied_total", "source", "stripe", "type", "RefundIssued")).isEqualTo(3);
        assertThat(value(scrape, "bridge_events_dead_total", "source", "stripe", "type", "RefundIssued")).isZero();
        assertThat(value(scrape, "bridge_ticket_writes_total", "action", "applied", "helpdesk", "zendesk")).isEqualTo(3);
        assertThat(value(scrape, "bridge_helpdesk_calls_seconds_count", "helpdesk", "zendesk", "outcome", "ok")).isPositive();
        assertThat(value(scrape, "bridge_helpdesk_calls_seconds_count", "helpdesk", "zendesk", "outcome", "rate_limited"))
            .isPositive();
        assertThat(value(scrape, "bridge_helpdesk_429_total", "helpdesk", "zendesk")).isPositive();
        // Camel's own meters share the scrape
        assertThat(parse(scrape)).anyMatch(s -> s.name().equals("camel_exchanges_total") && "stripe".equals(s.labels().get("routeId")));
        assertThat(parse(scrape)).anyMatch(s -> s.name().startsWith("jvm_memory_used_bytes"));
        // the depth gauges read the store at most every few seconds: the counts arrive
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
          String s = scrape(bridge);
          assertThat(value(s, "bridge_inbox_depth", "status", "done")).isEqualTo(3);
          assertThat(value(s, "bridge_inbox_depth", "status", "ignored")).isEqualTo(1);
          assertThat(value(s, "bridge_inbox_depth", "status", "received")).isZero();
        });

        // probes: the old /health stays, the Camel ones answer beside it
        assertThat(bridge.get("/health").statusCode()).isEqualTo(200);
        var ready = bridge.get("/observe/health/ready?exposureLevel=full");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).path("status").asText()).isEqualTo("UP");
        assertThat(ready.body()).contains("\"name\":\"store\"");
        assertThat(bridge.get("/observe/health/live").statusCode()).isEqualTo(200);

        // no secret on any of them, at any level of detail
        for (String path : List.of("/observe/metrics", "/observe/health", "/observe/health?exposureLevel=full",
            "/observe/health/ready?exposureLevel=full", "/observe/health/live?exposureLevel=full")) {
          String body = bridge.get(path).body();
          assertThat(body).as(path).doesNotContain(StripeEvents.SECRET, ZendeskStub.TOKEN, OPS_TOKEN);
        }
      }

      // JSON lines, one per event, the correlation ids under "mdc"
      List<JsonNode> lines = new ArrayList<>();
      for (String line : bridge.log().split("\n")) {
        if (line.startsWith("{")) lines.add(JSON.readTree(line));
      }
      assertThat(lines).anyMatch(l -> l.path("formattedMessage").asText().startsWith("Helpdesk Bridge is up"));
      assertThat(lines).anyMatch(l -> l.path("mdc").path("eventId").asText().equals("evt_obs_1")
          && l.path("mdc").path("orderKey").asText().equals("order:11")
          && l.path("mdc").path("source").asText().equals("stripe")
          && !l.path("mdc").path("ticketId").asText().isEmpty()
          && l.path("formattedMessage").asText().contains("done"));
      // the duplicate is logged at intake with the same ids
      assertThat(lines).anyMatch(l -> l.path("mdc").path("eventId").asText().equals("evt_obs_1")
          && l.path("loggerName").asText().endsWith("WebhookIntake") && l.path("formattedMessage").asText().contains("duplicate"));
      // nothing leaks from one row's lines into the next: the start-up lines carry no ids
      assertThat(lines).filteredOn(l -> l.path("formattedMessage").asText().startsWith("Helpdesk Bridge is up"))
          .allMatch(l -> l.path("mdc").isEmpty());
    }
  }

  @Test
  void aDeadLetterIsCountedBySourceAndTypeAndInTheDepth() throws Exception {
    Files.createDirectories(home.resolve("mappings"));
    try (var shipped = Files.list(Path.of("mappings"))) {
      for (Path p : shipped.toList()) Files.copy(p, home.resolve("mappings").resolve(p.getFileName()));
    }
    Path mapping = home.resolve("mappings/refund-issued.yaml");
    Files.writeString(mapping, Files.readString(mapping).replace("when-missing: skip", "when-missing: dead-letter"));
    try (ZendeskStub zendesk = new ZendeskStub()) {
      zendesk.noTicketsFound();
      Map<String, String> env = new LinkedHashMap<>(zendesk.env());
      env.put("STRIPE_WEBHOOK_SECRET", StripeEvents.SECRET);
      env.put("BRIDGE_COALESCE_MS", "0");
      StoreProbe store = new StoreProbe(home);
      try (BridgeProcess bridge = new BridgeProcess(home, env).start()) {
        byte[] body = StripeEvents.chargeRefunded("evt_obs_dead", "4004", 0, 2500);
        assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(body), body).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(store, "dead") == 1);

        String scrape = scrape(bridge);
        assertThat(value(scrape, "bridge_events_dead_total", "source", "stripe", "type", "RefundIssued")).isEqualTo(1);
        assertThat(value(scrape, "bridge_events_applied_total", "source", "stripe", "type", "RefundIssued")).isZero();
        assertThat(value(scrape, "bridge_helpdesk_calls_seconds_count", "helpdesk", "zendesk", "outcome", "ok")).isPositive();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
            .until(() -> value(scrape(bridge), "bridge_inbox_depth", "status", "dead") == 1);
      }
    }
  }

  @Test
  void readinessFollowsTheStoreWhileLivenessStaysUp() throws Exception {
    try (PostgresSchema pg = PostgresSchema.create()) {
      Matcher hostPort = Pattern.compile("//([^/:?]+):(\\d+)/").matcher(pg.url());
      assertThat(hostPort.find()).as("host:port in %s", pg.url()).isTrue();
      try (TcpProxy proxy = new TcpProxy(hostPort.group(1), Integer.parseInt(hostPort.group(2)))) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BRIDGE_STORE_URL", pg.url().replace(hostPort.group(0), "//127.0.0.1:" + proxy.port() + "/"));
        env.put("STRIPE_WEBHOOK_SECRET", StripeEvents.SECRET);
        try (BridgeProcess bridge = new BridgeProcess(home, env).start()) {
          assertThat(bridge.get("/observe/health/ready").statusCode()).isEqualTo(200);

          proxy.cut();
          await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var ready = bridge.get("/observe/health/ready?exposureLevel=full");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"name\":\"store\"").contains("DOWN").doesNotContain(hostPort.group(0));
          });
          assertThat(bridge.get("/observe/health/live").statusCode()).isEqualTo(200);

          proxy.restore();
          await().atMost(Duration.ofSeconds(30)).until(() -> bridge.get("/observe/health/ready").statusCode() == 200);
        }
      }
    }
  }
}
