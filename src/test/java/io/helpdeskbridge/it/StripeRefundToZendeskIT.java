package io.helpdeskbridge.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.StoreProbe;
import io.helpdeskbridge.testing.StripeEvents;
import io.helpdeskbridge.testing.ZendeskStub;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton end to end: the real jar, real HTTP, an H2 file store, and a WireMock
 * stand-in of the Zendesk Support API. Each test starts its own bridge on a fresh home.
 */
class StripeRefundToZendeskIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TICKET = 42;

  @TempDir Path home;
  private ZendeskStub zendesk;
  private BridgeProcess bridge;
  private StoreProbe store;

  @BeforeEach
  void setUp() {
    zendesk = new ZendeskStub();
    zendesk.ticketForOrder("1001", TICKET, "vip");
    store = new StoreProbe(home);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (bridge != null) {
      bridge.stop();
      String log = bridge.log();
      String basic = Base64.getEncoder().encodeToString((ZendeskStub.EMAIL + "/token:" + ZendeskStub.TOKEN).getBytes(StandardCharsets.UTF_8));
      assertThat(log).as("the captured log").doesNotContain(ZendeskStub.TOKEN).doesNotContain(basic)
          .doesNotContain(StripeEvents.SECRET);
    }
    zendesk.close();
  }

  private BridgeProcess startBridge(Map<String, String> extra) throws Exception {
    Map<String, String> env = new LinkedHashMap<>(zendesk.env());
    env.put("STRIPE_WEBHOOK_SECRET", StripeEvents.SECRET);
    env.put("BRIDGE_RETRY_BACKOFF_MS", "100");
    env.putAll(extra);
    bridge = new BridgeProcess(home, env).start();
    return bridge;
  }

  private HttpResponse<String> deliver(byte[] body) throws Exception {
    return bridge.post("/webhooks/stripe", StripeEvents.signed(body), body);
  }

  @Test
  void signedRefundBecomesOneInternalNoteAndTagOnTheOrdersTicket() throws Exception {
    zendesk.updatesSucceed(TICKET, "vip", "refund_issued");
    startBridge(Map.of());

    HttpResponse<String> answer = deliver(StripeEvents.chargeRefunded("evt_it_happy", "1001", 1000, 2500));

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(answer.body()).path("status").asText()).isEqualTo("accepted");
    await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(store.status("stripe", "evt_it_happy")));

    List<LoggedRequest> puts = zendesk.puts(TICKET);
    assertThat(puts).hasSize(1);
    LoggedRequest put = puts.get(0);
    assertThat(put.getUrl()).isEqualTo("/api/v2/tickets/42.json");
    String expectedAuth = "Basic " + Base64.getEncoder().encodeToString(
        (ZendeskStub.EMAIL + "/token:" + ZendeskStub.TOKEN).getBytes(StandardCharsets.UTF_8));
    assertThat(put.getHeader("Authorization")).isEqualTo(expectedAuth);
    JsonNode ticket = JSON.readTree(put.getBodyAsString()).path("ticket");
    assertThat(ticket.path("id").asLong()).isEqualTo(TICKET);
    assertThat(ticket.path("comment").path("public").asBoolean(true)).isFalse();
    assertThat(ticket.path("comment").path("body").asText()).isEqualTo(
        "Refund of 15.00 USD issued in stripe for order 1001.\n"
            + "Charge id: ch_it_1001\nReason: not given\n\n"
            + "[helpdesk-bridge stripe/evt_it_happy refund-issued]");
    assertThat(JSON.convertValue(ticket.path("tags"), List.class)).containsExactly("vip", "refund_issued");
    assertThat(ticket.path("safe_update").asBoolean()).isTrue();
    // the client writes the same instant as 2026-11-24T10:00:00.000+00:00
    assertThat(java.time.OffsetDateTime.parse(ticket.path("updated_stamp").asText()).toInstant())
        .isEqualTo(Instant.parse(ZendeskStub.UPDATED_AT));
    assertThat(ticket.fieldNames()).toIterable()
        .containsExactlyInAnyOrder("id", "comment", "tags", "safe_update", "updated_stamp");

    // correlation went through the order custom field, and the ticket is remembered for next time
    zendesk.server().verify(1, getRequestedFor(urlPathEqualTo("/api/v2/search.json"))
        .withQueryParam("query", com.github.tomakehurst.wiremock.client.WireMock.containing(
            "custom_field_" + ZendeskStub.ORDER_FIELD + ":\"1001\"")));
    assertThat(store.rows("select ticket_id from correlation where order_key = 'order:1001'"))
        .extracting(r -> r.get("ticket_id")).containsExactly("42");

    // a second event of the same order needs no search: the index knows the ticket
    deliver(StripeEvents.chargeRefunded("evt_it_happy_2", "1001", 2500, 3000));
    await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(store.status("stripe", "evt_it_happy_2")));
    zendesk.server().verify(1, getRequestedFor(urlPathEqualTo("/api/v2/search.json")));
    assertThat(zendesk.puts(TICKET)).hasSize(2);
  }

  @Test
  void badDeliveriesAreRefusedWithProblemsAndOnlyOneWriteHappens() throws Exception {
    zendesk.updatesSucceed(TICKET, "vip", "refund_issued");
    startBridge(Map.of());
    byte[] good = StripeEvents.chargeRefunded("evt_it_once", "1001", 0, 2500);

    assertThat(deliver(good).statusCode()).isEqualTo(202);

    HttpResponse<String> dup = deliver(good);
    assertThat(dup.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(dup.body()).path("status").asText()).isEqualTo("duplicate");

    byte[] other = StripeEvents.chargeRefunded("evt_it_forged", "1001", 0, 2500);
    HttpResponse<String> forged = bridge.post("/webhooks/stripe",
        StripeEvents.signed(other, "whsec_not_the_right_one", Instant.now()), other);
    assertProblem(forged, 400, "Invalid signature");

    HttpResponse<String> stale = bridge.post("/webhooks/stripe",
        StripeEvents.signed(other, StripeEvents.SECRET, Instant.now().minusSeconds(301)), other);
    assertProblem(stale, 400, "Invalid signature");

    HttpResponse<String> missing = bridge.post("/webhooks/stripe", Map.of(), other);
    assertProblem(missing, 400, "Invalid signature");

    byte[] malformed = "{\"id\": \"evt_it_bad\", \"type\": ".getBytes(StandardCharsets.UTF_8);
    assertProblem(deliver(malformed), 400, "Malformed JSON");

    byte[] huge = new byte[1024 * 1024 + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    HttpResponse<String> tooBig = deliver(huge);
    assertThat(tooBig.statusCode()).isEqualTo(413);

    HttpResponse<String> unknownSource = bridge.post("/webhooks/nosuch", Map.of(), good);
    assertProblem(unknownSource, 404, "Unknown source");

    await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(store.status("stripe", "evt_it_once")));
    assertThat(store.rows("select event_id, duplicates from inbox")).hasSize(1)
        .first().satisfies(r -> assertThat(((Number) r.get("duplicates")).intValue()).isEqualTo(1));
    assertThat(zendesk.puts(TICKET)).hasSize(1);
  }

  @Test
  void stripeAnnouncingOneRefundTwiceGivesExactlyOneNote() throws Exception {
    zendesk.updatesSucceed(TICKET, "vip", "refund_issued");
    startBridge(Map.of());
    byte[] refundCreated = ("{\"id\":\"evt_it_pair_refund\",\"object\":\"event\",\"type\":\"refund.created\",\"created\":"
        + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"re_it_1\",\"object\":\"refund\",\"amount\":2500,"
        + "\"currency\":\"usd\",\"charge\":\"ch_it_1001\",\"payment_intent\":\"pi_it_1\",\"status\":\"succeeded\","
        + "\"reason\":\"requested_by_customer\",\"metadata\":{\"order_id\":\"1001\"}}}}").getBytes(StandardCharsets.UTF_8);

    assertThat(deliver(StripeEvents.chargeRefunded("evt_it_pair_charge", "1001", 0, 2500)).statusCode()).isEqualTo(202);
    assertThat(deliver(refundCreated).statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(store.status("stripe", "evt_it_pair_charge")));
    assertThat(store.status("stripe", "evt_it_pair_refund")).isEqualTo("ignored");
    assertThat(zendesk.puts(TICKET)).hasSize(1);
  }

  @Test
  void eventTypesNoRouteHandlesAreAcceptedAndRecordedAsIgnored() throws Exception {
    startBridge(Map.of());
    byte[] body = ("{\"id\":\"evt_it_customer\",\"object\":\"event\",\"type\":\"customer.created\",\"created\":"
        + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"cus_1\",\"object\":\"customer\"}}}")
        .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> answer = deliver(body);

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(answer.body()).path("status").asText()).isEqualTo("ignored");
    assertThat(store.status("stripe", "evt_it_customer")).isEqualTo("ignored");
    assertThat(zendesk.server().getAllServeEvents()).isEmpty();
  }

  @Test
  void aCrashAfterThe202AndBeforeTheWriteStillWritesExactlyOnce() throws Exception {
    // the first run hangs on finding the ticket, so it dies holding an accepted, unwritten event
    zendesk.stub(get(urlPathEqualTo("/api/v2/search.json")).atPriority(1)
        .willReturn(okJson("{\"results\":[],\"count\":0}").withFixedDelay(60_000)));
    zendesk.updatesSucceed(TICKET, "vip", "refund_issued");
    startBridge(Map.of());

    assertThat(deliver(StripeEvents.chargeRefunded("evt_it_crash1", "1001", 0, 2500)).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() ->
        !zendesk.server().findAll(getRequestedFor(urlPathEqualTo("/api/v2/search.json"))).isEmpty());
    bridge.kill();
    assertThat(store.status("stripe", "evt_it_crash1")).isEqualTo("received");
    assertThat(zendesk.puts(TICKET)).isEmpty();

    zendesk.server().resetMappings();
    zendesk.ticketForOrder("1001", TICKET, "vip");
    zendesk.updatesSucceed(TICKET, "vip", "refund_issued");
    bridge.start();

    await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(store.status("stripe", "evt_it_crash1")));
    assertThat(zendesk.puts(TICKET)).hasSize(1);
  }

  @Test
  void aCrashAfterTheWriteAndBeforeDoneDoesNotWriteASecondNote() throws Exception {
    String marker = "[helpdesk-bridge stripe/evt_it_crash2 refund-issued]";
    // Zendesk takes the update, then the bridge dies before it hears the answer
    zendesk.stub(put(urlPathEqualTo("/api/v2/tickets/42.json")).inScenario("write").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("written")
        .willReturn(okJson("{\"ticket\":" + ZendeskStub.ticketJson(TICKET, "vip", "refund_issued") + "}").withFixedDelay(60_000)));
    zendesk.stub(put(urlPathEqualTo("/api/v2/tickets/42.json")).inScenario("write").whenScenarioStateIs("written")
        .willReturn(okJson("{\"ticket\":" + ZendeskStub.ticketJson(TICKET, "vip", "refund_issued") + "}")));
    zendesk.stub(get(urlPathEqualTo("/api/v2/tickets/42/comments.json")).inScenario("write").whenScenarioStateIs("written")
        .willReturn(okJson("{\"comments\":[{\"id\":7,\"type\":\"Comment\",\"public\":false,\"body\":\"Refund ...\\n\\n"
            + marker + "\"}],\"next_page\":null}")));
    startBridge(Map.of());

    assertThat(deliver(StripeEvents.chargeRefunded("evt_it_crash2", "1001", 0, 2500)).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> zendesk.puts(TICKET).size() == 1);
    bridge.kill();
    assertThat(store.status("stripe", "evt_it_crash2")).isEqualTo("received");

    bridge.start();

    await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(store.status("stripe", "evt_it_crash2")));
    assertThat(zendesk.puts(TICKET)).hasSize(1);
    assertThat(store.rows("select action from audit where event_id = 'evt_it_crash2'"))
        .extracting(r -> r.get("action")).containsExactly("already-applied");
  }

  @Test
  void a429WithRetryAfterIsWaitedOutAndWrittenOnce() throws Exception {
    zendesk.stub(put(urlPathEqualTo("/api/v2/tickets/42.json")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
        .willSetStateTo("open")
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withHeader("Content-Type", "application/json")
            .withBody("{\"error\":\"APIRateLimitExceeded\",\"description\":\"Number of allowed API requests per minute exceeded\"}")));
    zendesk.stub(put(urlPathEqualTo("/api/v2/tickets/42.json")).inScenario("limit").whenScenarioStateIs("open")
        .willReturn(okJson("{\"ticket\":" + ZendeskStub.ticketJson(TICKET, "vip", "refund_issued") + "}")));
    startBridge(Map.of("BRIDGE_RETRY_BACKOFF_MS", "10"));

    assertThat(deliver(StripeEvents.chargeRefunded("evt_it_429", "1001", 0, 2500)).statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(store.status("stripe", "evt_it_429")));
    List<LoggedRequest> puts = zendesk.puts(TICKET);
    assertThat(puts).hasSize(2);
    long waitedMs = puts.get(1).getLoggedDate().getTime() - puts.get(0).getLoggedDate().getTime();
    assertThat(waitedMs).as("Retry-After: 1 honoured, not the 10 ms backoff").isGreaterThanOrEqualTo(900);
    assertThat(zendesk.server().getAllServeEvents()).filteredOn(e -> e.getRequest().getMethod().getName().equals("PUT"))
        .filteredOn(e -> e.getResponse().getStatus() == 200).hasSize(1);
    BridgeProcess.Cli dead = bridge.cli("dead", "list");
    assertThat(dead.out()).contains("no dead events");
  }

  @Test
  void whenZendeskIsDownForEveryAttemptTheEventIsDeadAndListed() throws Exception {
    zendesk.stub(put(urlPathEqualTo("/api/v2/tickets/42.json")).willReturn(ZendeskStub.status(503)));
    startBridge(Map.of("BRIDGE_WRITE_ATTEMPTS", "3", "BRIDGE_RETRY_BACKOFF_MS", "50", "BRIDGE_DELIVERY_ATTEMPTS", "1"));

    assertThat(deliver(StripeEvents.chargeRefunded("evt_it_down", "1001", 0, 2500)).statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(30)).until(() -> "dead".equals(store.status("stripe", "evt_it_down")));
    assertThat(zendesk.puts(TICKET)).hasSize(3);
    Map<String, Object> row = store.inboxRow("stripe", "evt_it_down");
    assertThat((String) row.get("last_error")).contains("503").contains("after 3 attempts");

    BridgeProcess.Cli dead = bridge.cli("dead", "list");
    assertThat(dead.exitCode()).isZero();
    assertThat(dead.out()).contains("evt_it_down").contains("charge.refunded").contains("order:1001").contains("503");
    assertThat(dead.out() + dead.err()).doesNotContain(ZendeskStub.TOKEN);
  }

  @Test
  void whileZendeskIsDownEventsWaitInOrderAndAllLandOnceWhenItIsBack() throws Exception {
    var down = zendesk.server().stubFor(put(urlPathEqualTo("/api/v2/tickets/42.json")).atPriority(1).willReturn(ZendeskStub.status(503)));
    zendesk.updatesSucceed(TICKET, "vip", "refund_issued");
    startBridge(Map.of("BRIDGE_WRITE_ATTEMPTS", "1", "BRIDGE_REDELIVERY_BACKOFF_MS", "200", "BRIDGE_REDELIVERY_MAX_BACKOFF_S", "1",
        "BRIDGE_DELIVERY_ATTEMPTS", "100", "ZENDESK_BREAKER_OPEN_SECONDS", "1"));

    for (int i = 1; i <= 3; i++) {
      byte[] body = StripeEvents.chargeRefunded("evt_it_outage_" + i, "1001", (i - 1) * 500L, i * 500L);
      assertThat(deliver(body).statusCode()).as("intake answers while the helpdesk is down").isEqualTo(202);
    }
    // in order: one batch when the three arrive within the coalescing window, else the later ones
    // wait behind the first (which one depends on the machine's timing; both keep the order)
    await().atMost(Duration.ofSeconds(30)).until(() -> store.rows(
        "select count(*) as n from inbox where status = 'received' and attempts >= 3").get(0).get("n").equals(3L));
    List<Map<String, Object>> waiting = store.rows("select event_id, attempts, last_error from inbox order by id");
    assertThat(waiting).extracting(r -> r.get("event_id")).containsExactly("evt_it_outage_1", "evt_it_outage_2", "evt_it_outage_3");
    assertThat(waiting.get(0).get("last_error")).asString().containsAnyOf("503", "circuit open");
    assertThat(waiting).allSatisfy(r -> assertThat((String) r.get("last_error")).satisfiesAnyOf(
        e -> assertThat(e).contains("503"), e -> assertThat(e).contains("circuit open"),
        e -> assertThat(e).contains("waiting behind an earlier event of order:1001")));
    assertThat(store.rows("select count(*) as n from inbox where status = 'dead'").get(0).get("n")).isEqualTo(0L);

    zendesk.server().removeStub(down);

    await().atMost(Duration.ofSeconds(30)).until(() -> store.rows(
        "select count(*) as n from inbox where status = 'done'").get(0).get("n").equals(3L));
    // one write once Zendesk is back, carrying the three notes in the order Stripe sent them
    assertThat(writtenPuts()).hasSize(1);
    assertThat(markersWritten("stripe/(evt_it_outage_\\d) refund-issued"))
        .containsExactly("evt_it_outage_1", "evt_it_outage_2", "evt_it_outage_3");
    assertThat(store.rows("select count(*) as n from inbox where status = 'dead'").get(0).get("n")).isEqualTo(0L);
  }

  @Test
  void eventsThatArriveOutOfOrderAreAppliedInTheOrderStripeCreatedThem() throws Exception {
    var down = zendesk.server().stubFor(put(urlPathEqualTo("/api/v2/tickets/42.json")).atPriority(1).willReturn(ZendeskStub.status(503)));
    zendesk.updatesSucceed(TICKET, "vip", "refund_issued");
    startBridge(Map.of("BRIDGE_WRITE_ATTEMPTS", "1", "BRIDGE_REDELIVERY_BACKOFF_MS", "300", "BRIDGE_REDELIVERY_MAX_BACKOFF_S", "1",
        "BRIDGE_DELIVERY_ATTEMPTS", "100", "ZENDESK_BREAKER_OPEN_SECONDS", "1"));
    Instant now = Instant.now();

    // Stripe does not promise delivery order: the later refund arrives first
    assertThat(deliver(StripeEvents.chargeRefunded("evt_it_second", "1001", 1000, 1500, now)).statusCode()).isEqualTo(202);
    assertThat(deliver(StripeEvents.chargeRefunded("evt_it_first", "1001", 0, 1000, now.minusSeconds(60))).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> store.rows(
        "select count(*) as n from inbox where status = 'received' and last_error is not null").get(0).get("n").equals(2L));
    zendesk.server().removeStub(down);

    await().atMost(Duration.ofSeconds(30)).until(() -> store.rows(
        "select count(*) as n from inbox where status = 'done'").get(0).get("n").equals(2L));
    assertThat(markersWritten("stripe/(evt_it_\\w+) refund-issued")).containsExactly("evt_it_first", "evt_it_second");
  }

  /** The bodies of the PUTs Zendesk accepted, in the order they arrived. */
  private List<String> writtenPuts() {
    return zendesk.server().getAllServeEvents().stream()
        .filter(e -> e.getRequest().getMethod().getName().equals("PUT") && e.getResponse().getStatus() == 200)
        .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()))
        .map(e -> e.getRequest().getBodyAsString())
        .toList();
  }

  /** The first group of {@code pattern} for every marker written, in the order the ticket got them. */
  private List<String> markersWritten(String pattern) {
    java.util.regex.Pattern p = java.util.regex.Pattern.compile(pattern);
    List<String> out = new java.util.ArrayList<>();
    for (String body : writtenPuts()) {
      java.util.regex.Matcher m = p.matcher(body);
      while (m.find()) out.add(m.group(1));
    }
    return out;
  }

  private static void assertProblem(HttpResponse<String> r, int status, String title) throws Exception {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = JSON.readTree(r.body());
    assertThat(p.path("status").asInt()).isEqualTo(status);
    assertThat(p.path("title").asText()).isEqualTo(title);
    assertThat(p.path("detail").asText()).isNotBlank();
    assertThat(r.body()).doesNotContain(StripeEvents.SECRET).doesNotContain(ZendeskStub.TOKEN);
  }
}
