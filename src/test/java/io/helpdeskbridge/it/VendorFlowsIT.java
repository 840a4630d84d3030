package io.helpdeskbridge.it;

import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.StoreProbe;
import io.helpdeskbridge.testing.StripeEvents;
import io.helpdeskbridge.testing.VendorSigner;
import io.helpdeskbridge.testing.ZendeskStub;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every vendor through the real bridge into the Zendesk stand-in: what each delivery writes, to
 * which ticket, and the create-when-missing path with its Idempotency-Key.
 */
class VendorFlowsIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SIGNIFYD_KEY = "sig-team-key-for-tests";
  static final String SHOPIFY_SECRET = "shpss_it_secret";
  static final String AFTERSHIP_SECRET = "as_it_secret";
  static final String EASYPOST_SECRET = "ep_it_secret";
  static final String STRIPE_API_KEY = "rk_test_it_restricted_key";
  static final String SHOPIFY_TOKEN = "shpat_it_admin_token";

  @TempDir Path home;
  ZendeskStub zendesk;
  com.github.tomakehurst.wiremock.WireMockServer vendorApis;
  BridgeProcess bridge;
  StoreProbe store;

  @BeforeEach
  void setUp() throws Exception {
    zendesk = new ZendeskStub();
    zendesk.noTicketsFound();
    vendorApis = new com.github.tomakehurst.wiremock.WireMockServer(
        com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort());
    vendorApis.start();
    store = new StoreProbe(home);
    Map<String, String> env = new LinkedHashMap<>(zendesk.env());
    env.put("STRIPE_WEBHOOK_SECRET", StripeEvents.SECRET);
    env.put("SIGNIFYD_WEBHOOK_SECRET", SIGNIFYD_KEY);
    env.put("SHOPIFY_WEBHOOK_SECRET", SHOPIFY_SECRET);
    env.put("AFTERSHIP_WEBHOOK_SECRET", AFTERSHIP_SECRET);
    env.put("EASYPOST_WEBHOOK_SECRET", EASYPOST_SECRET);
    env.put("BRIDGE_RETRY_BACKOFF_MS", "50");
    env.put("ZENDESK_ORDER_STATUS_FIELD_ID", "360000333444");
    env.put("STRIPE_API_KEY", STRIPE_API_KEY);
    env.put("STRIPE_API_BASE", "http://127.0.0.1:" + vendorApis.port());
    env.put("SHOPIFY_ADMIN_TOKEN", SHOPIFY_TOKEN);
    env.put("SHOPIFY_API_BASE", "http://127.0.0.1:" + vendorApis.port());
    env.putAll(extraEnv());
    bridge = new BridgeProcess(home, env);
  }

  Map<String, String> extraEnv() {
    return Map.of();
  }

  @AfterEach
  void tearDown() throws Exception {
    bridge.stop();
    assertThat(bridge.log()).doesNotContain(ZendeskStub.TOKEN).doesNotContain(SIGNIFYD_KEY)
        .doesNotContain(SHOPIFY_SECRET).doesNotContain(AFTERSHIP_SECRET).doesNotContain(EASYPOST_SECRET)
        .doesNotContain(STRIPE_API_KEY).doesNotContain(SHOPIFY_TOKEN);
    zendesk.close();
    vendorApis.stop();
  }

  static byte[] sample(String vendor, String name, Consumer<ObjectNode> edit) throws Exception {
    try (InputStream in = VendorFlowsIT.class.getClassLoader().getResourceAsStream("samples/" + vendor + "/" + name + ".json")) {
      assertThat(in).as("sample " + vendor + "/" + name).isNotNull();
      ObjectNode node = (ObjectNode) JSON.readTree(in);
      edit.accept(node);
      return JSON.writeValueAsBytes(node);
    }
  }

  @Test
  void aStripeDisputeIsAnUrgentChargebackNoteWithTheEvidenceDeadline() throws Exception {
    zendesk.ticketForOrder("1001", 42, "vip");
    zendesk.updatesSucceed(42);
    bridge.start();
    byte[] body = sample("stripe", "charge.dispute.created", n -> {
      n.put("id", "evt_it_dispute");
      n.put("created", Instant.now().getEpochSecond());
    });

    assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(body), body).statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(store.status("stripe", "evt_it_dispute")));
    JsonNode ticket = JSON.readTree(zendesk.puts(42).get(0).getBodyAsString()).path("ticket");
    assertThat(ticket.path("priority").asText()).isEqualTo("urgent");
    assertThat(JSON.convertValue(ticket.path("tags"), List.class)).containsExactly("vip", "chargeback");
    assertThat(ticket.path("comment").path("public").asBoolean(true)).isFalse();
    assertThat(ticket.path("comment").path("body").asText()).isEqualTo(
        "CHARGEBACK opened in stripe for order 1001: 50.00 USD.\n"
            + "Reason: the customer says they did not receive what they paid for · Status: waiting for your evidence\n"
            + "Evidence due by: 2025-01-25T23:59:59Z\n"
            + "Dispute id: du_3QbSample0Dispute000001\n"
            + "Charge id: ch_3QbSample0Charge000001\n\n"
            + "[helpdesk-bridge stripe/evt_it_dispute chargeback-opened]");
  }

  @Test
  void aDisputeNamingOnlyItsPaymentFindsTheOrderThroughStripesApiOnce() throws Exception {
    zendesk.ticketForOrder("1001", 42, "vip");
    zendesk.updatesSucceed(42);
    vendorApis.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/v1/payment_intents/pi_3QbSample0Intent000001"))
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
            "{\"id\":\"pi_3QbSample0Intent000001\",\"object\":\"payment_intent\",\"metadata\":{\"order_id\":\"1001\"}}")));
    bridge.start();
    java.util.function.Function<String, byte[]> dispute = id -> {
      try {
        return sample("stripe", "charge.dispute.created", n -> {
          n.put("id", id);
          n.put("created", Instant.now().getEpochSecond());
          ((ObjectNode) n.path("data").path("object")).putObject("metadata");
        });
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };

    byte[] first = dispute.apply("evt_it_nometa_1");
    byte[] second = dispute.apply("evt_it_nometa_2");
    assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(first), first).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(store.status("stripe", "evt_it_nometa_1")));
    assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(second), second).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(store.status("stripe", "evt_it_nometa_2")));

    assertThat(zendesk.puts(42)).hasSize(2);
    assertThat(JSON.readTree(zendesk.puts(42).get(0).getBodyAsString()).path("ticket").path("comment").path("body").asText())
        .startsWith("CHARGEBACK opened in stripe for order 1001:");
    List<LoggedRequest> lookups = vendorApis.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
        com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/v1/.*")));
    assertThat(lookups).as("the second dispute used the remembered answer").hasSize(1);
    assertThat(lookups.get(0).getHeader("Authorization")).isEqualTo("Bearer " + STRIPE_API_KEY);
  }

  @Test
  void aSignifydRejectWithNoTicketCreatesOneInternalTaskOnceWithItsIdempotencyKey() throws Exception {
    zendesk.createsTicket(77);
    bridge.start();
    byte[] body = sample("signifyd", "CHECKOUT.REJECT", n -> n.put("orderId", "2002"));
    Map<String, String> headers = Map.of("SIGNIFYD-SEC-HMAC-SHA256", VendorSigner.signifyd(body, SIGNIFYD_KEY),
        "signifyd-checkpoint", "CHECKOUT");

    HttpResponse<String> first = bridge.post("/webhooks/signifyd", headers, body);
    HttpResponse<String> again = bridge.post("/webhooks/signifyd", headers, body);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(again.statusCode()).isEqualTo(200);
    String eventId = JSON.readTree(first.body()).path("eventId").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(store.status("signifyd", eventId)));
    List<LoggedRequest> creates = zendesk.creates();
    assertThat(creates).hasSize(1);
    LoggedRequest create = creates.get(0);
    assertThat(create.getHeader("Idempotency-Key")).matches("hdb-[0-9a-f]{64}");
    JsonNode ticket = JSON.readTree(create.getBodyAsString()).path("ticket");
    assertThat(ticket.path("type").asText()).isEqualTo("task");
    assertThat(ticket.path("priority").asText()).isEqualTo("urgent");
    assertThat(ticket.path("external_id").asText()).isEqualTo("2002");
    assertThat(ticket.path("subject").asText()).isEqualTo("Fraud review: order 2002 (signifyd: reject the order)");
    assertThat(JSON.convertValue(ticket.path("tags"), List.class)).containsExactly("fraud_review");
    assertThat(ticket.path("comment").path("public").asBoolean(true)).isFalse();
    assertThat(ticket.path("comment").path("body").asText())
        .startsWith("FRAUD REVIEW for order 2002: signifyd advises: reject the order.\nReason: Signifyd's review found the order too risky to guarantee · Score: 112\nReference: 7254001001")
        .endsWith("[helpdesk-bridge signifyd/" + eventId + " fraud-flagged]");
    assertThat(zendesk.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(
        urlPathEqualTo("/api/v2/tickets/77.json")))).isEmpty();
    assertThat(store.rows("select ticket_id, found_by from correlation where order_key = 'order:2002'"))
        .singleElement().satisfies(r -> assertThat(r).containsEntry("ticket_id", "77").containsEntry("found_by", "created"));
  }

  private HttpResponse<String> shopify(String topic, byte[] body) throws Exception {
    return bridge.post("/webhooks/shopify", Map.of(
        "X-Shopify-Hmac-Sha256", VendorSigner.shopify(body, SHOPIFY_SECRET),
        "X-Shopify-Topic", topic,
        "X-Shopify-Shop-Domain", "example-shop.myshopify.com",
        "X-Shopify-API-Version", "2026-07",
        "X-Shopify-Webhook-Id", java.util.UUID.randomUUID().toString()), body);
  }

  @Test
  void aShopifyCancellationNotesTheTicketAndSetsTheOrderStatusField() throws Exception {
    zendesk.ticketForOrder("1001", 42, "vip");
    zendesk.updatesSucceed(42);
    bridge.start();
    byte[] body = sample("shopify", "orders-cancelled", n -> { });
    byte[] forgedBody = sample("shopify", "orders-cancelled", n -> n.put("cancel_reason", "other"));

    HttpResponse<String> answer = shopify("orders/cancelled", body);
    HttpResponse<String> forged = bridge.post("/webhooks/shopify", Map.of(
        "X-Shopify-Hmac-Sha256", VendorSigner.shopify(body, SHOPIFY_SECRET), "X-Shopify-Topic", "orders/cancelled",
        "X-Shopify-Shop-Domain", "example-shop.myshopify.com", "X-Shopify-API-Version", "2026-07",
        "X-Shopify-Webhook-Id", "forged-1"), forgedBody);

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(forged.statusCode()).isEqualTo(400);
    String eventId = JSON.readTree(answer.body()).path("eventId").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(store.status("shopify", eventId)));
    assertThat(store.status("shopify", "forged-1")).isNull();
    JsonNode ticket = JSON.readTree(zendesk.puts(42).get(0).getBodyAsString()).path("ticket");
    assertThat(ticket.path("comment").path("body").asText())
        .startsWith("Order cancelled in shopify for order 1001. Reason: customer.");
    assertThat(ticket.path("custom_fields")).hasSize(1);
    assertThat(ticket.path("custom_fields").get(0).path("id").asLong()).isEqualTo(360000333444L);
    assertThat(ticket.path("custom_fields").get(0).path("value").asText()).isEqualTo("cancelled");
    assertThat(JSON.convertValue(ticket.path("tags"), List.class)).containsExactly("vip", "order_cancelled");
  }

  @Test
  void aShopifyRefundArrivingBeforeAnyOrderEventFindsItsOrderThroughTheAdminApi() throws Exception {
    zendesk.ticketForOrder("1001", 42, "vip");
    zendesk.updatesSucceed(42);
    vendorApis.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/admin/api/2026-07/orders/450789469.json"))
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"order\":{\"id\":450789469,\"name\":\"#1001\"}}")));
    bridge.start();
    byte[] refund = sample("shopify", "refunds-create", n -> { });

    HttpResponse<String> answer = shopify("refunds/create", refund);

    assertThat(answer.statusCode()).isEqualTo(202);
    String eventId = JSON.readTree(answer.body()).path("eventId").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(store.status("shopify", eventId)));
    JsonNode ticket = JSON.readTree(zendesk.puts(42).get(0).getBodyAsString()).path("ticket");
    assertThat(ticket.path("comment").path("body").asText()).isEqualTo("Refund of 25.00 USD issued in shopify for order 1001.\nRefund id: 929361464\nCharge id: 1068278509\nReason: Arrived damaged\n\n[helpdesk-bridge shopify/refund:929361464 refund-issued]");
    LoggedRequest lookup = vendorApis.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
        urlPathEqualTo("/admin/api/2026-07/orders/450789469.json"))).get(0);
    assertThat(lookup.getHeader("X-Shopify-Access-Token")).isEqualTo(SHOPIFY_TOKEN);
  }

  @Test
  void aTrackingOnlyAfterShipExceptionReachesTheTicketOfTheOrderWhoseShopifyFulfillmentCarriedIt() throws Exception {
    zendesk.ticketForOrder("1001", 42, "vip");
    zendesk.updatesSucceed(42);
    bridge.start();
    // Shopify teaches: order id 450789469 is #1001, then: tracking 1Z999AA10123456784 ships order 450789469
    byte[] order = sample("shopify", "orders-updated", n -> n.putArray("fulfillments"));
    byte[] fulfillment = sample("shopify", "fulfillments-update", n -> n.put("shipment_status", "in_transit"));
    assertThat(shopify("orders/updated", order).statusCode()).isEqualTo(202);
    assertThat(shopify("fulfillments/update", fulfillment).statusCode()).isEqualTo(202);
    byte[] exception = sample("aftership", "tracking_update", n -> n.put("event_id", "as-it-chain-1"));
    JsonNode msg = JSON.readTree(exception).path("msg");
    assertThat(msg.path("order_id").isNull() && msg.path("order_number").isNull()).as("a tracking-only delivery").isTrue();

    HttpResponse<String> answer = bridge.post("/webhooks/aftership",
        Map.of("aftership-hmac-sha256", VendorSigner.aftership(exception, AFTERSHIP_SECRET)), exception);

    assertThat(answer.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(store.status("aftership", "as-it-chain-1")));
    List<LoggedRequest> puts = zendesk.puts(42);
    assertThat(puts).hasSize(1);
    JsonNode ticket = JSON.readTree(puts.get(0).getBodyAsString()).path("ticket");
    assertThat(JSON.convertValue(ticket.path("tags"), List.class)).containsExactly("vip", "shipment_exception");
    assertThat(ticket.path("priority").asText()).isEqualTo("high");
    assertThat(ticket.path("comment").path("body").asText())
        .startsWith("Shipment exception for order 1001: UPS parcel 1Z999AA10123456784 is \"undeliverable: incorrect address\".")
        .contains("The address is incomplete or incorrect.");
    assertThat(zendesk.creates()).isEmpty();
  }

  @Test
  void anEasyPostReturnToSenderWithNoKnownOrderOpensAnIncident() throws Exception {
    zendesk.createsTicket(88);
    bridge.start();
    byte[] body = sample("easypost", "tracker.updated", n -> n.put("id", "evt_it_easypost_1"));

    HttpResponse<String> answer = bridge.post("/webhooks/easypost",
        Map.of("X-Hmac-Signature", VendorSigner.easypost(body, EASYPOST_SECRET)), body);
    HttpResponse<String> forged = bridge.post("/webhooks/easypost",
        Map.of("X-Hmac-Signature", VendorSigner.easypost(body, "not-the-secret")), body);

    assertThat(answer.statusCode()).isEqualTo(202);
    assertThat(forged.statusCode()).isEqualTo(400);
    await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(store.status("easypost", "evt_it_easypost_1")));
    LoggedRequest create = zendesk.creates().get(0);
    assertThat(zendesk.creates()).hasSize(1);
    assertThat(create.getHeader("Idempotency-Key")).startsWith("hdb-");
    JsonNode ticket = JSON.readTree(create.getBodyAsString()).path("ticket");
    assertThat(ticket.path("type").asText()).isEqualTo("incident");
    assertThat(ticket.path("subject").asText()).isEqualTo("Shipment problem: USPS parcel 9400100000000000000000");
    assertThat(JSON.convertValue(ticket.path("tags"), List.class)).containsExactly("shipment_exception");
    assertThat(ticket.path("comment").path("body").asText()).contains("USPS parcel 9400100000000000000000 is \"being returned to the sender\"")
        .endsWith("[helpdesk-bridge easypost/evt_it_easypost_1 shipment-exception]");
  }
}
