package io.helpdeskbridge.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.helpdeskbridge.plugin.paypal.PayPalApiStandIn;
import io.helpdeskbridge.plugin.paypal.PayPalPayloads;
import io.helpdeskbridge.plugin.paypal.PayPalTestKeys;
import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.StoreProbe;
import io.helpdeskbridge.testing.ZendeskStub;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PayPal through the real bridge: the shipped {@code connectors/paypal.yaml} switched on by
 * PAYPAL_WEBHOOK_ID, deliveries signed as PayPal signs them with a test key whose certificate a
 * WireMock stand-in serves at PAYPAL-CERT-URL (allowed through PAYPAL_CERT_HOSTS), written to the
 * Zendesk stand-in. One bridge for the class.
 */
class PayPalIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String WEBHOOK_ID = "8PT597110X687430LKGECATA";
  static final String CERT_PATH = "/v1/notifications/certs/CERT-360caa42-fca2a594-it000001";
  static final String CAPTURE_ONLY = "7HR75621KD8325310";
  static final String CHECKOUT_ORDER = "5O190127TN364715T";

  @TempDir static Path home;
  static ZendeskStub zendesk;
  static WireMockServer paypal;
  static BridgeProcess bridge;
  static StoreProbe store;

  @BeforeAll
  static void startBridge() throws Exception {
    zendesk = new ZendeskStub();
    zendesk.ticketForOrder("1001", 42, "vip");
    zendesk.updatesSucceed(42, "vip", "refund_issued");
    zendesk.ticketForOrder("1002", 43);
    zendesk.updatesSucceed(43, "chargeback");
    zendesk.ticketForOrder("1003", 44);
    zendesk.updatesSucceed(44, "refund_issued");
    paypal = new WireMockServer(wireMockConfig().dynamicPort());
    paypal.start();
    // PayPal's REST API: the refunded capture has no invoice_id; its checkout order has (after one 429)
    new PayPalApiStandIn(paypal).tokens().unknownIdsAreNotFound()
        .capture(CAPTURE_ONLY, CHECKOUT_ORDER, null, null).order(CHECKOUT_ORDER, "1003", null)
        .rateLimited(CAPTURE_ONLY, 1);
    paypal.stubFor(get(urlPathEqualTo(CERT_PATH)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/x-pem-file").withBody(PayPalTestKeys.valid().pem())));
    store = new StoreProbe(home);
    Map<String, String> env = new LinkedHashMap<>(zendesk.env());
    env.put("PAYPAL_WEBHOOK_ID", WEBHOOK_ID);
    env.put("PAYPAL_CERT_HOSTS", origin());
    env.put("PAYPAL_CLIENT_ID", PayPalApiStandIn.CLIENT_ID);
    env.put("PAYPAL_CLIENT_SECRET", PayPalApiStandIn.CLIENT_SECRET);
    env.put("PAYPAL_API_BASE", origin());
    env.put("BRIDGE_RETRY_BACKOFF_MS", "50");
    bridge = new BridgeProcess(home, env).start();
  }

  @AfterAll
  static void stopBridge() throws Exception {
    if (bridge != null) {
      bridge.stop();
      assertThat(bridge.log()).as("the captured log").doesNotContain(ZendeskStub.TOKEN).doesNotContain("BEGIN CERTIFICATE")
          .doesNotContain(PayPalApiStandIn.CLIENT_SECRET).doesNotContain(PayPalApiStandIn.ACCESS_TOKEN);
    }
    if (zendesk != null) zendesk.close();
    if (paypal != null) paypal.stop();
  }

  static String origin() {
    return "http://127.0.0.1:" + paypal.port();
  }

  /** A delivery as PayPal makes one: a fresh transmission id and time for every (re)transmission. */
  static Map<String, String> transmission(byte[] body, String webhookId, PayPalTestKeys.Cert key) {
    return PayPalTestKeys.signed(body, webhookId, origin() + CERT_PATH, Instant.now().truncatedTo(ChronoUnit.SECONDS),
        UUID.randomUUID().toString(), key);
  }

  static HttpResponse<String> deliver(byte[] body, Map<String, String> headers) throws Exception {
    return bridge.post("/webhooks/paypal", headers, body);
  }

  static String note(String putBody) throws Exception {
    return JSON.readTree(putBody).path("ticket").path("comment").path("body").asText();
  }

  @Test
  void aSignedRefundIsOneRefundNoteOnTheOrdersTicketHoweverOftenItArrives() throws Exception {
    String eventId = "WH-0EB46312P3839531T-4DP1384C8P8791820";
    byte[] body = PayPalPayloads.refunded(eventId, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
        .getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = transmission(body, WEBHOOK_ID, PayPalTestKeys.valid());

    HttpResponse<String> answer = deliver(body, headers);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    assertThat(JSON.readTree(answer.body()).path("eventId").asText()).isEqualTo(eventId);
    await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(store.status("paypal", eventId)));
    assertThat(zendesk.puts(42)).hasSize(1);
    JsonNode ticket = JSON.readTree(zendesk.puts(42).get(0).getBodyAsString()).path("ticket");
    assertThat(ticket.path("comment").path("public").asBoolean(true)).isFalse();
    assertThat(ticket.path("comment").path("body").asText()).isEqualTo(
        "Refund of 25.00 USD issued in paypal for order 1001.\n"
            + "Refund id: 8MC585209K746392H\nCharge id: 2GG279541U471931P\nReason: Defective product\n\n"
            + "[helpdesk-bridge paypal/refund:8MC585209K746392H refund-issued]");
    assertThat(JSON.convertValue(ticket.path("tags"), List.class)).containsExactly("vip", "refund_issued");

    // the same delivery again, and PayPal's retry of it (new transmission, same event id)
    HttpResponse<String> again = deliver(body, headers);
    HttpResponse<String> retried = deliver(body, transmission(body, WEBHOOK_ID, PayPalTestKeys.valid()));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).path("status").asText()).isEqualTo("duplicate");
    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(store.rows("select duplicates from inbox where source = 'paypal' and event_id = ?", eventId))
        .extracting(r -> ((Number) r.get("duplicates")).intValue()).containsExactly(2);
    assertThat(zendesk.puts(42)).hasSize(1);
    // one certificate download served every verification
    paypal.verify(1, getRequestedFor(urlPathEqualTo(CERT_PATH)));
  }

  @Test
  void forgedDeliveriesAreRefusedWithProblemsAndNothingIsStored() throws Exception {
    String eventId = "WH-FORGED0000000000-0000000000000000";
    byte[] body = PayPalPayloads.refunded(eventId, Instant.now().toString()).getBytes(StandardCharsets.UTF_8);
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("25.00", "2500.00").getBytes(StandardCharsets.UTF_8);
    Map<String, String> stale = PayPalTestKeys.signed(body, WEBHOOK_ID, origin() + CERT_PATH,
        Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS), UUID.randomUUID().toString(), PayPalTestKeys.valid());

    assertProblem(deliver(body, transmission(body, WEBHOOK_ID, PayPalTestKeys.foreign())), "does not match");
    assertProblem(deliver(tampered, transmission(body, WEBHOOK_ID, PayPalTestKeys.valid())), "does not match");
    assertProblem(deliver(body, transmission(body, "1JE4291016473214C", PayPalTestKeys.valid())), "does not match");
    assertProblem(deliver(body, stale), "PAYPAL-TRANSMISSION-TIME");
    assertProblem(deliver(body, Map.of()), "missing PAYPAL-TRANSMISSION-ID");
    Map<String, String> elsewhere = new LinkedHashMap<>(transmission(body, WEBHOOK_ID, PayPalTestKeys.valid()));
    elsewhere.put("PAYPAL-CERT-URL", "https://certs.evil.example" + CERT_PATH);
    assertProblem(deliver(body, elsewhere), "PAYPAL-CERT-URL");

    assertThat(store.status("paypal", eventId)).isNull();
    assertThat(store.rows("select count(*) as n from inbox where event_id = ?", eventId).get(0).get("n")).isEqualTo(0L);
  }

  @Test
  void aDisputeNamingOnlyTheCaptureFindsTheOrderACaptureEventTaught() throws Exception {
    String capture = "5TY05013RG002845M";
    // the evidence deadline two weeks from today, as PayPal would give it: never a date that expires
    String due = java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(14) + "T10:00:00";
    byte[] completed = ("{\"id\":\"WH-COMPLETED-IT-0001\",\"event_version\":\"1.0\",\"create_time\":\"" + Instant.now() + "\","
        + "\"resource_type\":\"capture\",\"resource_version\":\"2.0\",\"event_type\":\"PAYMENT.CAPTURE.COMPLETED\","
        + "\"resource\":{\"id\":\"" + capture + "\",\"amount\":{\"currency_code\":\"EUR\",\"value\":\"80.00\"},"
        + "\"invoice_id\":\"1002\",\"status\":\"COMPLETED\"}}").getBytes(StandardCharsets.UTF_8);
    byte[] dispute = ("{\"id\":\"WH-DISPUTE-IT-0001\",\"event_version\":\"1.0\",\"create_time\":\"" + Instant.now() + "\","
        + "\"resource_type\":\"dispute\",\"event_type\":\"CUSTOMER.DISPUTE.CREATED\",\"resource\":{\"dispute_id\":\"PP-D-4012\","
        + "\"disputed_transactions\":[{\"seller_transaction_id\":\"" + capture + "\",\"gross_amount\":{\"currency_code\":\"EUR\","
        + "\"value\":\"80.00\"}}],\"reason\":\"UNAUTHORISED\",\"status\":\"OPEN\",\"dispute_life_cycle_stage\":\"CHARGEBACK\","
        + "\"dispute_amount\":{\"currency_code\":\"EUR\",\"value\":\"80.00\"},\"seller_response_due_date\":\"" + due + ".000Z\"}}")
        .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> ignored = deliver(completed, transmission(completed, WEBHOOK_ID, PayPalTestKeys.valid()));
    assertThat(JSON.readTree(ignored.body()).path("status").asText()).isEqualTo("ignored");
    assertThat(deliver(dispute, transmission(dispute, WEBHOOK_ID, PayPalTestKeys.valid())).statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(store.status("paypal", "WH-DISPUTE-IT-0001")));
    assertThat(zendesk.puts(43)).hasSize(1);
    assertThat(note(zendesk.puts(43).get(0).getBodyAsString())).isEqualTo(
        "CHARGEBACK opened in paypal for order 1002: 80.00 EUR.\n"
            + "Reason: the buyer says they did not authorise the payment"
            + " · Status: open, chargeback stage (the card issuer has reversed the payment)\n"
            + "Evidence due by: " + due + "Z\n"
            + "Dispute id: PP-D-4012\n"
            + "Charge id: " + capture + "\n\n"
            + "[helpdesk-bridge paypal/WH-DISPUTE-IT-0001 chargeback-opened]");
  }

  @Test
  void aRefundNamingOnlyItsCaptureReachesItsOrdersTicketThroughPayPalsApi() throws Exception {
    String eventId = "WH-CAPTUREONLY-IT-0001";
    byte[] refund = ("{\"id\":\"" + eventId + "\",\"event_version\":\"1.0\",\"create_time\":\"" + Instant.now() + "\","
        + "\"resource_type\":\"refund\",\"resource_version\":\"2.0\",\"event_type\":\"PAYMENT.CAPTURE.REFUNDED\","
        + "\"summary\":\"A $ 9.99 USD capture payment was refunded\",\"resource\":{\"id\":\"1JU08902781691411\","
        + "\"amount\":{\"currency_code\":\"USD\",\"value\":\"9.99\"},\"status\":\"COMPLETED\",\"seller_payable_breakdown\":"
        + "{\"gross_amount\":{\"currency_code\":\"USD\",\"value\":\"9.99\"},\"net_amount\":{\"currency_code\":\"USD\","
        + "\"value\":\"9.99\"},\"total_refunded_amount\":{\"currency_code\":\"USD\",\"value\":\"9.99\"}},"
        + "\"create_time\":\"" + Instant.now() + "\",\"update_time\":\"" + Instant.now() + "\",\"links\":["
        + "{\"href\":\"https://api.paypal.com/v2/payments/refunds/1JU08902781691411\",\"rel\":\"self\",\"method\":\"GET\"},"
        + "{\"href\":\"https://api.paypal.com/v2/payments/captures/" + CAPTURE_ONLY + "\",\"rel\":\"up\",\"method\":\"GET\"}]}}")
        .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> answer = deliver(refund, transmission(refund, WEBHOOK_ID, PayPalTestKeys.valid()));

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(store.status("paypal", eventId)));
    assertThat(zendesk.puts(44)).hasSize(1);
    assertThat(note(zendesk.puts(44).get(0).getBodyAsString())).isEqualTo(
        "Refund of 9.99 USD issued in paypal for order 1003.\n"
            + "Refund id: 1JU08902781691411\nCharge id: " + CAPTURE_ONLY + "\nReason: not given\n\n"
            + "[helpdesk-bridge paypal/refund:1JU08902781691411 refund-issued]");
    // PayPal said 429 once: the event waited and asked again, then read the capture and its order
    paypal.verify(2, getRequestedFor(urlPathEqualTo("/v2/payments/captures/" + CAPTURE_ONLY)));
    paypal.verify(1, getRequestedFor(urlPathEqualTo("/v2/checkout/orders/" + CHECKOUT_ORDER)));
    paypal.verify(1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/v1/oauth2/token")));
  }

  static void assertProblem(HttpResponse<String> r, String detail) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = JSON.readTree(r.body());
    assertThat(p.path("status").asInt()).isEqualTo(400);
    assertThat(p.path("title").asText()).isEqualTo("Invalid signature");
    assertThat(p.path("detail").asText()).contains(detail);
  }
}
