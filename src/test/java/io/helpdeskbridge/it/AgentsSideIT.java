package io.helpdeskbridge.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.plugin.zendesk.ZendeskWebhookSignature;
import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.StoreProbe;
import io.helpdeskbridge.testing.StripeEvents;
import io.helpdeskbridge.testing.VendorSigner;
import io.helpdeskbridge.testing.ZendeskStandIn;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agents' side, end to end: Zendesk's ticket webhooks bring enrichment from Shopify, Stripe and
 * EasyPost stand-ins and agent-approved refunds through Stripe; a carrier's bad night becomes one
 * problem ticket with its incidents. Zendesk is a stateful stand-in driven by the real client.
 */
class AgentsSideIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ZENDESK_SECRET = "zd-it-webhook-secret";
  private static final String EASYPOST_SECRET = "ep-it-webhook-secret";
  private static final String STRIPE_READ_KEY = "rk_test_read_3f9a";
  private static final String STRIPE_REFUND_KEY = "rk_test_refund_7c2e";
  private static final String ORDER_STATUS_FIELD = "360000333444";
  private static final String SHIPMENT_STATUS_FIELD = "360000555666";
  private static final String TRACKING_FIELD = "360000777888";

  @TempDir Path home;
  private ZendeskStandIn zendesk;
  private WireMockServer vendors;
  private BridgeProcess bridge;
  private StoreProbe store;

  @BeforeEach
  void start() throws Exception {
    zendesk = new ZendeskStandIn();
    vendors = new WireMockServer(options().dynamicPort());
    vendors.start();
    store = new StoreProbe(home);
  }

  @AfterEach
  void stop() throws Exception {
    if (bridge != null) bridge.close();
    vendors.stop();
    zendesk.close();
  }

  private BridgeProcess bridge() throws Exception {
    Map<String, String> env = zendesk.bridgeEnv();
    env.put("ZENDESK_WEBHOOK_SECRET", ZENDESK_SECRET);
    env.put("ZENDESK_ORDER_STATUS_FIELD_ID", ORDER_STATUS_FIELD);
    env.put("ZENDESK_SHIPMENT_STATUS_FIELD_ID", SHIPMENT_STATUS_FIELD);
    env.put("SHOPIFY_WEBHOOK_SECRET", "shpss-it");
    env.put("SHOPIFY_SHOP", "acme.myshopify.com");
    env.put("SHOPIFY_ADMIN_TOKEN", "shpat_it_token");
    env.put("SHOPIFY_API_BASE", vendors.baseUrl());
    env.put("STRIPE_API_KEY", STRIPE_READ_KEY);
    env.put("STRIPE_REFUND_API_KEY", STRIPE_REFUND_KEY);
    env.put("STRIPE_API_BASE", vendors.baseUrl());
    env.put("EASYPOST_WEBHOOK_SECRET", EASYPOST_SECRET);
    env.put("EASYPOST_API_KEY", "EZTK_it_key");
    env.put("EASYPOST_API_BASE", vendors.baseUrl());
    env.put("ZENDESK_TRACKING_FIELD_ID", TRACKING_FIELD);
    env.put("BRIDGE_STALE_SWEEP_SECONDS", "2");
    env.put("BRIDGE_STALE_POLL_MINUTES", "0");
    bridge = new BridgeProcess(home, env).start();
    return bridge;
  }

  private HttpResponse<String> zendeskWebhook(Map<String, Object> body) throws Exception {
    byte[] bytes = JSON.writeValueAsBytes(body);
    String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return bridge.post("/webhooks/zendesk", Map.of(ZendeskWebhookSignature.HEADER, ZendeskWebhookSignature.sign(ts, bytes, ZENDESK_SECRET),
        ZendeskWebhookSignature.TIMESTAMP_HEADER, ts, "X-Zendesk-Webhook-Invocation-Id", UUID.randomUUID().toString()), bytes);
  }

  private static Map<String, Object> ticketCreated(long id, String subject, String email) {
    return Map.of("ticket_id", String.valueOf(id), "event", "ticket_created", "subject", subject, "description", "Hello",
        "requester_email", email, "tags", "web_widget", "group_id", "360000000001");
  }

  private void shopifyOrder(String number, String tracking) {
    vendors.stubFor(get(urlPathMatching("/admin/api/[^/]+/orders.json")).withQueryParam("name", equalTo("#" + number))
        .withHeader("X-Shopify-Access-Token", equalTo("shpat_it_token"))
        .willReturn(okJson("{\"orders\":[{\"id\":45078" + number + ",\"name\":\"#" + number + "\",\"email\":\"jane@example.com\","
            + "\"financial_status\":\"paid\",\"fulfillment_status\":\"fulfilled\",\"cancelled_at\":null,\"total_price\":\"59.90\","
            + "\"currency\":\"USD\",\"created_at\":\"2026-11-20T09:00:00-05:00\",\"line_items\":[{\"title\":\"Blue mug\",\"quantity\":2},"
            + "{\"title\":\"Tote bag\",\"quantity\":1}],\"fulfillments\":[{\"id\":1,\"status\":\"success\",\"tracking_company\":\"USPS\","
            + "\"tracking_number\":\"" + tracking + "\",\"tracking_numbers\":[\"" + tracking + "\"]}]}]}")));
  }

  private void stripePayment(String number) {
    vendors.stubFor(get(urlPathEqualTo("/v1/payment_intents/search")).withQueryParam("query", containing("'" + number + "'"))
        .willReturn(okJson("{\"object\":\"search_result\",\"has_more\":false,\"data\":[{\"id\":\"pi_" + number + "\",\"object\":\"payment_intent\","
            + "\"amount\":5990,\"currency\":\"usd\",\"status\":\"succeeded\",\"latest_charge\":\"ch_" + number + "\","
            + "\"metadata\":{\"order_id\":\"" + number + "\"},\"created\":1763650800}]}")));
    vendors.stubFor(get(urlPathEqualTo("/v1/refunds")).withQueryParam("payment_intent", equalTo("pi_" + number))
        .willReturn(okJson("{\"object\":\"list\",\"has_more\":false,\"data\":[]}")));
  }

  @Test
  void aNewTicketGetsItsOrdersContextAndLaterVendorEventsLandOnIt() throws Exception {
    shopifyOrder("1001", "9400111899223344556677");
    stripePayment("1001");
    // dates relative to today: a parcel due in three days with news from an hour ago is neither overdue
    // nor quiet, so the stale sweep (every 2 s here) must leave it alone on any day this runs
    LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(3);
    String lastNews = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
    vendors.stubFor(get(urlPathEqualTo("/v2/trackers")).withQueryParam("tracking_code", equalTo("9400111899223344556677"))
        .willReturn(okJson("{\"trackers\":[{\"id\":\"trk_1001\",\"object\":\"Tracker\",\"tracking_code\":\"9400111899223344556677\","
            + "\"carrier\":\"USPS\",\"status\":\"in_transit\",\"status_detail\":\"arrived_at_facility\",\"est_delivery_date\":\"" + due + "T00:00:00Z\","
            + "\"public_url\":\"https://track.easypost.com/trk1001\",\"updated_at\":\"" + lastNews + "\",\"tracking_details\":[]}]}")));
    // the second order's parcel cannot be looked up: EasyPost is failing
    shopifyOrder("1002", "9400111899223344550000");
    stripePayment("1002");
    vendors.stubFor(get(urlPathEqualTo("/v2/trackers")).withQueryParam("tracking_code", equalTo("9400111899223344550000"))
        .willReturn(aResponse().withStatus(503).withBody("{\"error\":{\"code\":\"SERVICE.UNAVAILABLE\",\"message\":\"down\"}}")));
    bridge();
    long ticket = zendesk.seedTicket("Where is my order #1001?", "Hello", "jane@example.com", "web_widget");
    long other = zendesk.seedTicket("Order 1002 missing", "Hi", "joe@example.com");

    assertThat(zendeskWebhook(ticketCreated(ticket, "Where is my order #1001?", "jane@example.com")).statusCode()).isEqualTo(202);
    assertThat(zendeskWebhook(ticketCreated(other, "Order 1002 missing", "joe@example.com")).statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(30)).until(() -> zendesk.markers(ticket).size() == 1 && zendesk.markers(other).size() == 1);
    String note = zendesk.comments(ticket).get(zendesk.comments(ticket).size() - 1);
    assertThat(note).contains("Order #1001: paid, fulfilled").contains("2 × Blue mug, 1 × Tote bag").contains("59.90 USD")
        .contains("Payment: succeeded").contains("59.90 USD").contains("last refund: none")
        .contains("USPS 9400111899223344556677").contains("estimated delivery " + due)
        .contains("https://track.easypost.com/trk1001").contains("Fraud: no fraud signal received")
        .doesNotContain("Could not be fetched");
    assertThat(zendesk.field(ticket, ORDER_STATUS_FIELD)).isEqualTo("paid, fulfilled");
    assertThat(zendesk.field(ticket, SHIPMENT_STATUS_FIELD)).startsWith("in transit");
    assertThat(zendesk.tags(ticket)).contains("web_widget", "bridge_enriched");
    assertThat(vendors.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/v1/payment_intents/search"))))
        .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + STRIPE_READ_KEY));

    String failed = zendesk.comments(other).get(zendesk.comments(other).size() - 1);
    assertThat(failed).contains("Order #1002").contains("Could not be fetched").contains("shipment (EasyPost)")
        .contains("Payment: succeeded");

    // the same ticket announced again (an update): no second note, no second round of lookups
    List<String> lookups = servedRequests();
    assertThat(zendeskWebhook(ticketCreated(ticket, "Where is my order #1001?", "jane@example.com")).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> (Long) store.rows(
        "select count(*) as n from inbox where source = 'zendesk' and status in ('done', 'ignored')").get(0).get("n") == 3);
    assertThat(zendesk.markers(ticket)).hasSize(1);
    assertThat(servedRequests()).as("vendor requests after the same ticket was announced again").isEqualTo(lookups);

    // the order is linked: Stripe's refund event for 1001 goes to the customer's ticket, no search, no new ticket
    byte[] refund = StripeEvents.chargeRefunded("evt_it_enriched_refund", "1001", 0, 1500);
    assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(refund), refund).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> zendesk.markers(ticket).size() == 2);
    assertThat(zendesk.markers(ticket)).last().asString().startsWith("stripe/evt_it_enriched_refund");
    assertThat(zendesk.creates()).isZero();
  }

  /** What the vendors' stand-in served so far, oldest first, as "GET /path?query": a failure shows which call was extra. */
  private List<String> servedRequests() {
    List<String> served = new java.util.ArrayList<>(vendors.getAllServeEvents().stream()
        .map(e -> e.getRequest().getMethod() + " " + e.getRequest().getUrl()).toList());
    java.util.Collections.reverse(served);
    return served;
  }

  private static Map<String, Object> refundApproved(long ticket, String order, String amount, String... extraTags) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("ticket_id", String.valueOf(ticket));
    body.put("event", "ticket_updated");
    body.put("subject", "Refund please #" + order);
    body.put("requester_email", "jane@example.com");
    body.put("tags", ("refund_approved " + String.join(" ", extraTags)).strip());
    body.put("group_id", "360000000001");
    body.put("order_number", order);
    body.put("refund_amount", amount);
    body.put("refund_currency", "USD");
    body.put("refund_reason", "requested_by_customer");
    body.put("actor_email", "agent@example.com");
    return body;
  }

  @Test
  void anApprovedRefundIsIssuedOnceWithItsIdempotencyKeyAndOneOverTheCapIsExplained() throws Exception {
    stripePayment("2001");
    vendors.stubFor(post(urlPathEqualTo("/v1/refunds")).withHeader("Authorization", equalTo("Bearer " + STRIPE_REFUND_KEY))
        .withHeader("Idempotency-Key", matching("hdb-refund-[0-9a-f]{48}"))
        .willReturn(okJson("{\"id\":\"re_it_2001\",\"object\":\"refund\",\"amount\":2500,\"currency\":\"usd\",\"status\":\"succeeded\","
            + "\"payment_intent\":\"pi_2001\"}")));
    bridge();
    long ticket = zendesk.seedTicket("Refund please #2001", "Broken", "jane@example.com", "refund_approved");

    assertThat(zendeskWebhook(refundApproved(ticket, "2001", "25.00")).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> zendesk.tags(ticket).contains("refund_issued"));
    // the trigger fires again (or Zendesk retries with a new invocation): nothing more is refunded
    assertThat(zendeskWebhook(refundApproved(ticket, "2001", "25.00")).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> (Long) store.rows(
        "select count(*) as n from inbox where source = 'zendesk' and status in ('done', 'ignored')").get(0).get("n") == 2);

    List<LoggedRequest> refunds = vendors.findAll(postRequestedFor(urlPathEqualTo("/v1/refunds")));
    assertThat(refunds).hasSize(1);
    LoggedRequest sent = refunds.get(0);
    assertThat(sent.getHeader("Idempotency-Key")).matches("hdb-refund-[0-9a-f]{48}");
    assertThat(sent.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    String form = java.net.URLDecoder.decode(sent.getBodyAsString(), StandardCharsets.UTF_8);
    assertThat(form).contains("payment_intent=pi_2001").contains("amount=2500").contains("reason=requested_by_customer")
        .contains("metadata[order_id]=2001").contains("metadata[ticket_id]=" + ticket);
    assertThat(zendesk.tags(ticket)).contains("refund_issued").doesNotContain("refund_approved");
    assertThat(String.join("\n", zendesk.comments(ticket))).contains("Refund of 25.00 USD issued through stripe for order 2001 (re_it_2001");

    // 250.00 is over the 200 per refund the route allows: refused on the ticket, Stripe never asked
    long big = zendesk.seedTicket("Refund please #2002", "Broken", "joe@example.com", "refund_approved");
    assertThat(zendeskWebhook(refundApproved(big, "2002", "250.00", "refund_second_approval")).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> zendesk.tags(big).contains("refund_failed"));
    assertThat(String.join("\n", zendesk.comments(big))).contains("Refund not issued: 250.00 USD is over the limit of 200 USD per refund");
    assertThat(vendors.findAll(postRequestedFor(urlPathEqualTo("/v1/refunds")))).hasSize(1);
    assertThat(zendesk.tags(big)).doesNotContain("refund_approved", "refund_issued");
  }

  private static byte[] trackerException(int n) throws Exception {
    try (InputStream in = AgentsSideIT.class.getClassLoader().getResourceAsStream("samples/easypost/tracker.updated.json")) {
      ObjectNode event = (ObjectNode) JSON.readTree(in);
      event.put("id", "evt_it_incident_" + n);
      ObjectNode tracker = (ObjectNode) event.path("result");
      tracker.put("id", "trk_it_incident_" + n);
      tracker.put("tracking_code", "94001000000000000" + String.format("%05d", n));
      tracker.put("public_url", "https://track.easypost.com/it" + n);
      return JSON.writeValueAsBytes(event);
    }
  }

  @Test
  void twentyFiveExceptionsOfOneCarrierMakeOneProblemWithTwentyFiveIncidentsAndTheNextJoinsIt() throws Exception {
    bridge();
    for (int n = 1; n <= 25; n++) {
      byte[] body = trackerException(n);
      assertThat(bridge.post("/webhooks/easypost", Map.of("X-Hmac-Signature", VendorSigner.easypost(body, EASYPOST_SECRET)), body)
          .statusCode()).isEqualTo(202);
    }
    await().atMost(Duration.ofMinutes(2)).until(() -> zendesk.ticketsOfType("incident").stream()
        .filter(id -> zendesk.problemId(id) != null).count() == 25);
    List<Long> problems = zendesk.ticketsOfType("problem");
    assertThat(problems).hasSize(1);
    long problem = problems.get(0);
    assertThat(zendesk.tags(problem)).contains("carrier_incident");
    assertThat(zendesk.comments(problem).get(0)).contains("USPS / OR").contains("within 30 minutes");
    List<Long> incidents = zendesk.ticketsOfType("incident");
    assertThat(incidents).hasSize(25).allSatisfy(id -> assertThat(zendesk.problemId(id)).isEqualTo(problem));

    byte[] late = trackerException(26);
    assertThat(bridge.post("/webhooks/easypost", Map.of("X-Hmac-Signature", VendorSigner.easypost(late, EASYPOST_SECRET)), late)
        .statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> zendesk.ticketsOfType("incident").stream()
        .filter(id -> zendesk.problemId(id) != null).count() == 26);
    assertThat(zendesk.ticketsOfType("problem")).containsExactly(problem);
    assertThat(zendesk.ticketsOfType("incident")).allSatisfy(id -> assertThat(zendesk.problemId(id)).isEqualTo(problem));
    assertThat(zendesk.ticketLimitHits()).isZero();
  }

  @Test
  void theStaleSweepRaisesShipmentDelayedOnceForAParcelPastItsEstimate() throws Exception {
    String code = "9400100000000000077777";
    String due = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.DAYS).toString();
    String tracker = "{\"id\":\"trk_it_stale\",\"object\":\"Tracker\",\"tracking_code\":\"" + code + "\",\"carrier\":\"USPS\","
        + "\"status\":\"in_transit\",\"status_detail\":\"arrived_at_facility\",\"est_delivery_date\":\"" + due + "\","
        + "\"public_url\":\"https://track.easypost.com/stale\",\"created_at\":\"" + due + "\",\"updated_at\":\"" + due + "\","
        + "\"tracking_details\":[]}";
    // the carrier still says in transit when the sweep asks
    vendors.stubFor(get(urlPathEqualTo("/v2/trackers")).withQueryParam("tracking_code", equalTo(code))
        .willReturn(okJson("{\"trackers\":[" + tracker + "]}")));
    bridge();
    long ticket = zendesk.seedTicket("Parcel late", "Where is it?", "kim@example.com");
    zendesk.seedField(ticket, TRACKING_FIELD, code);
    byte[] body = ("{\"id\":\"evt_it_stale_1\",\"object\":\"Event\",\"mode\":\"production\",\"description\":\"tracker.updated\","
        + "\"created_at\":\"" + due + "\",\"result\":" + tracker + "}").getBytes(StandardCharsets.UTF_8);
    assertThat(bridge.post("/webhooks/easypost", Map.of("X-Hmac-Signature", VendorSigner.easypost(body, EASYPOST_SECRET)), body)
        .statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(60)).until(() -> !zendesk.markers(ticket).isEmpty());
    assertThat(zendesk.markers(ticket)).singleElement().asString().startsWith("stale-sweep/");
    assertThat(String.join("\n", zendesk.comments(ticket))).contains("Delivery delayed").contains("USPS parcel " + code);
    // two more sweeps look at the parcel again (its last poll moves twice): still one note, one raised event
    for (int sweep = 0; sweep < 2; sweep++) {
      String polled = lastPolled(code);
      await().atMost(Duration.ofSeconds(30)).until(() -> !java.util.Objects.equals(lastPolled(code), polled));
    }
    assertThat(zendesk.markers(ticket)).hasSize(1);
    assertThat((Long) store.rows("select count(*) as n from inbox where source = 'stale-sweep'").get(0).get("n")).isEqualTo(1L);
  }

  private String lastPolled(String code) {
    return String.valueOf(store.rows("select last_polled_at as t from shipments where tracking_number = '" + code + "'").get(0).get("t"));
  }
}
