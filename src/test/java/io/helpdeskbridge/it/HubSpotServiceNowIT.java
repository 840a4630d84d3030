package io.helpdeskbridge.it;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.plugin.hubspot.HubSpotStandIn;
import io.helpdeskbridge.plugin.servicenow.ServiceNowStandIn;
import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.StoreProbe;
import io.helpdeskbridge.testing.StripeEvents;
import io.helpdeskbridge.testing.VendorSigner;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refund and shipment-exception paths through the real jar with the shipped routes and mappings
 * unchanged, first into HubSpot (plus a signed HubSpot ticket webhook that gets enriched from a
 * Shopify order lookup), then, after a restart with {@code BRIDGE_HELPDESK=servicenow} on the same
 * store, into ServiceNow. Both helpdesks are stateful stand-ins that answer as the vendors document.
 */
class HubSpotServiceNowIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String HUBSPOT_TOKEN = "pat-na1-it000000-1111-2222-3333-444444444444";
  static final String HUBSPOT_CLIENT_SECRET = "it-hs-client-secret-0f1e2d3c";
  /** The public URL set in the HubSpot app; the bridge itself listens elsewhere, as behind a proxy. */
  static final String HUBSPOT_TARGET_URL = "https://bridge.example.com/webhooks/hubspot";
  static final String EASYPOST_SECRET = "ep_it_secret";
  static final String SERVICENOW_PASSWORD = "sn-it-password-7";
  static final String TRACKING = "9400100000000000000000";
  static final String CASE_ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

  @TempDir Path home;

  @Test
  void refundsAndShipmentExceptionsReachHubSpotThenServiceNowWithTheDefaultMappings() throws Exception {
    WireMockServer shopify = new WireMockServer(wireMockConfig().dynamicPort());
    shopify.start();
    try (HubSpotStandIn hubspot = new HubSpotStandIn(HUBSPOT_TOKEN);
        ServiceNowStandIn servicenow = new ServiceNowStandIn("sn_customerservice_case", "bridge.integration", SERVICENOW_PASSWORD)) {
      shopifyOrder(shopify);
      hubspot.ticket("512", Map.of("subject", "Where is my refund? Order #1001", "content", "Hello, I sent the mug back.",
          "order_number", "1001", "bridge_tags", "vip"));
      servicenow.record(CASE_ID, Map.of("number", "CS0001001", "u_order_number", "1001", "short_description", "Order 1001",
          "state", "10"));
      StoreProbe store = new StoreProbe(home);
      Map<String, String> env = env(hubspot, servicenow, shopify);

      env.put("BRIDGE_HELPDESK", "hubspot");
      try (BridgeProcess bridge = new BridgeProcess(home, env).start()) {
        refundToHubSpot(bridge, store, hubspot);
        ticketWebhookToHubSpot(bridge, store, hubspot, shopify);
        exceptionToHubSpot(bridge, store, hubspot);
        assertNoSecretIn(bridge.log());
      }
      int hubspotCalls = hubspot.requests().size();

      env.put("BRIDGE_HELPDESK", "servicenow");
      try (BridgeProcess bridge = new BridgeProcess(home, env).start()) {
        refundAndExceptionToServiceNow(bridge, store, servicenow);
        assertNoSecretIn(bridge.log());
      }
      assertThat(hubspot.requests()).as("the ServiceNow run called HubSpot for nothing").hasSize(hubspotCalls);
    } finally {
      shopify.stop();
    }
  }

  /** charge.refunded: search by order property (after one 429), tags merged, note associated with the ticket. */
  private static void refundToHubSpot(BridgeProcess bridge, StoreProbe store, HubSpotStandIn hubspot) throws Exception {
    hubspot.rateLimitNext("POST /crm/v3/objects/tickets/search", 1);
    byte[] refund = StripeEvents.chargeRefunded("evt_it_hs_refund", "1001", 0, 2500);
    assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(refund), refund).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(store.status("stripe", "evt_it_hs_refund")));

    assertThat(hubspot.calls()).containsExactly(
        "POST /crm/v3/objects/tickets/search",
        "POST /crm/v3/objects/tickets/search",
        "GET /crm/v3/objects/tickets/512?properties=bridge_tags",
        "PATCH /crm/v3/objects/tickets/512",
        "POST /crm/v3/objects/notes");
    List<LoggedRequest> calls = hubspot.requests();
    assertThat(calls).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + HUBSPOT_TOKEN));
    JsonNode search = JSON.readTree(calls.get(1).getBodyAsString());
    assertThat(search.path("filterGroups").get(0).path("filters").get(0)).isEqualTo(
        JSON.readTree("{\"propertyName\":\"order_number\",\"operator\":\"EQ\",\"value\":\"1001\"}"));
    assertThat(search.path("sorts").get(0)).isEqualTo(JSON.readTree("{\"propertyName\":\"createdate\",\"direction\":\"DESCENDING\"}"));
    assertThat(JSON.readTree(calls.get(3).getBodyAsString()))
        .isEqualTo(JSON.readTree("{\"properties\":{\"bridge_tags\":\"vip;refund_issued\"}}"));
    JsonNode note = JSON.readTree(calls.get(4).getBodyAsString());
    assertThat(note.path("properties").path("hs_note_body").asText())
        .isEqualTo("Refund of 25.00 USD issued in stripe for order 1001.<br>"
            + "Charge id: ch_it_1001<br>Reason: not given<br><br>"
            + "[helpdesk-bridge stripe/evt_it_hs_refund refund-issued]");
    assertThat(Instant.parse(note.path("properties").path("hs_timestamp").asText())).isBefore(Instant.now().plusSeconds(1));
    assertThat(note.path("associations")).isEqualTo(JSON.readTree("[{\"to\":{\"id\":\"512\"},\"types\":[{"
        + "\"associationCategory\":\"HUBSPOT_DEFINED\",\"associationTypeId\":228}]}]"));
  }

  /** A signed ticket.creation: the order is read from the ticket, Shopify is asked, one enrichment note. A forged one is 400. */
  private static void ticketWebhookToHubSpot(BridgeProcess bridge, StoreProbe store, HubSpotStandIn hubspot, WireMockServer shopify)
      throws Exception {
    int before = hubspot.requests().size();
    long occurredAt = Instant.now().toEpochMilli() - 2_000;
    byte[] delivery = ("[{\"eventId\":4242,\"subscriptionId\":2001,\"portalId\":62515,\"appId\":54321,\"occurredAt\":" + occurredAt
        + ",\"subscriptionType\":\"ticket.creation\",\"attemptNumber\":0,\"objectId\":512,\"changeFlag\":\"CREATED\","
        + "\"changeSource\":\"CRM_UI\",\"sourceId\":\"userId:4711\"}]").getBytes(StandardCharsets.UTF_8);
    byte[] forgedDelivery = new String(delivery, StandardCharsets.UTF_8).replace("4242", "4243").getBytes(StandardCharsets.UTF_8);
    String eventId = "62515-2001-4242-" + occurredAt;

    HttpResponse<String> forged = bridge.post("/webhooks/hubspot", hubspotSigned(forgedDelivery, "not-the-client-secret"), forgedDelivery);
    HttpResponse<String> accepted = bridge.post("/webhooks/hubspot", hubspotSigned(delivery, HUBSPOT_CLIENT_SECRET), delivery);
    HttpResponse<String> again = bridge.post("/webhooks/hubspot", hubspotSigned(delivery, HUBSPOT_CLIENT_SECRET), delivery);

    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body()).contains("X-HubSpot-Signature-v3").doesNotContain(HUBSPOT_CLIENT_SECRET);
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(accepted.body()).path("eventId").asText()).isEqualTo(eventId);
    assertThat(again.statusCode()).as("HubSpot's retry of the same batch").isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(store.status("hubspot", eventId)));
    assertThat(store.rows("select event_id from inbox where source = 'hubspot'")).as("the forged delivery stored nothing")
        .extracting(r -> r.get("event_id")).containsExactly(eventId);

    List<LoggedRequest> calls = hubspot.requests().subList(before, hubspot.requests().size());
    assertThat(calls.stream().map(r -> r.getMethod().value() + " " + r.getUrl()).toList()).containsExactly(
        "GET /crm/v3/objects/tickets/512?properties=order_number%2Csubject%2Ccontent",
        "GET /crm/v3/objects/tickets/512?properties=bridge_tags",
        "PATCH /crm/v3/objects/tickets/512",
        "POST /crm/v3/objects/notes");
    assertThat(shopify.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathMatching(".*/orders.json"))))
        .hasSize(1);
    // blank values (no payment or tracker lookup configured here) are not written; the tracking number
    // Shopify named is, with no carrier lookup at all, and the parcel is remembered for the EasyPost
    // exception next
    assertThat(JSON.readTree(calls.get(2).getBodyAsString())).isEqualTo(JSON.readTree(
        "{\"properties\":{\"order_number\":\"1001\",\"tracking_number\":\"" + TRACKING + "\","
            + "\"bridge_tags\":\"vip;refund_issued;bridge_enriched\"}}"));
    String body = JSON.readTree(calls.get(3).getBodyAsString()).path("properties").path("hs_note_body").asText();
    assertThat(body).startsWith("Order #1001: partially refunded, fulfilled<br>Items: 2 × Blue mug<br>Total: 50.00 USD")
        .contains("Fraud: no fraud signal received")
        .endsWith("[helpdesk-bridge hubspot/ticket:512:order:1001 ticket-enrichment]");
  }

  /** An EasyPost return-to-sender of the parcel Shopify named: priority, property and note on the same ticket, no search. */
  private static void exceptionToHubSpot(BridgeProcess bridge, StoreProbe store, HubSpotStandIn hubspot) throws Exception {
    int before = hubspot.requests().size();
    byte[] tracker = easypostException("evt_it_hs_easypost");
    assertThat(bridge.post("/webhooks/easypost", Map.of("X-Hmac-Signature", VendorSigner.easypost(tracker, EASYPOST_SECRET)), tracker)
        .statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(store.status("easypost", "evt_it_hs_easypost")));

    List<LoggedRequest> calls = hubspot.requests().subList(before, hubspot.requests().size());
    assertThat(calls.stream().map(r -> r.getMethod().value() + " " + r.getUrl()).toList()).containsExactly(
        "GET /crm/v3/objects/tickets/512?properties=bridge_tags",
        "PATCH /crm/v3/objects/tickets/512",
        "POST /crm/v3/objects/notes");
    assertThat(JSON.readTree(calls.get(1).getBodyAsString())).isEqualTo(JSON.readTree("{\"properties\":{"
        + "\"shipment_status\":\"exception\",\"hs_ticket_priority\":\"HIGH\","
        + "\"bridge_tags\":\"vip;refund_issued;bridge_enriched;shipment_exception\"}}"));
    assertThat(JSON.readTree(calls.get(2).getBodyAsString()).path("properties").path("hs_note_body").asText())
        .startsWith("Shipment exception for order 1001: USPS parcel " + TRACKING + " is \"being returned to the sender\".<br>")
        .endsWith("[helpdesk-bridge easypost/evt_it_hs_easypost shipment-exception]");
    assertThat(hubspot.ticket("512")).containsEntry("hs_ticket_priority", "HIGH");
  }

  /** The same two paths after a restart with BRIDGE_HELPDESK=servicenow: Table API, fields by column, work_notes. */
  private static void refundAndExceptionToServiceNow(BridgeProcess bridge, StoreProbe store, ServiceNowStandIn servicenow)
      throws Exception {
    byte[] refund = StripeEvents.chargeRefunded("evt_it_sn_refund", "1001", 2500, 5000);
    assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(refund), refund).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(store.status("stripe", "evt_it_sn_refund")));
    byte[] tracker = easypostException("evt_it_sn_easypost");
    assertThat(bridge.post("/webhooks/easypost", Map.of("X-Hmac-Signature", VendorSigner.easypost(tracker, EASYPOST_SECRET)), tracker)
        .statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(20)).until(() -> "done".equals(store.status("easypost", "evt_it_sn_easypost")));

    String table = "/api/now/table/sn_customerservice_case";
    assertThat(servicenow.calls()).containsExactly(
        "GET " + table + "?sysparm_query=u_order_number%3D1001%5EORDERBYDESCsys_created_on&sysparm_limit=1&sysparm_fields=sys_id,number",
        "GET " + table + "/" + CASE_ID + "?sysparm_fields=u_bridge_tags",
        "PATCH " + table + "/" + CASE_ID,
        "GET " + table + "/" + CASE_ID + "?sysparm_fields=u_bridge_tags",
        "PATCH " + table + "/" + CASE_ID);
    String basic = "Basic " + Base64.getEncoder().encodeToString(("bridge.integration:" + SERVICENOW_PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertThat(servicenow.requests()).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo(basic));
    ObjectNode refundPatch = (ObjectNode) JSON.readTree(servicenow.requests().get(2).getBodyAsString());
    assertThat(refundPatch.remove("work_notes").asText()).isEqualTo("Refund of 25.00 USD issued in stripe for order 1001.\n"
        + "Charge id: ch_it_1001\nReason: not given\n\n[helpdesk-bridge stripe/evt_it_sn_refund refund-issued]");
    // order_status is set only when Stripe says the charge is fully refunded ("refunded": true), which this one is not
    assertThat(refundPatch).isEqualTo(JSON.readTree("{\"u_bridge_tags\":\"refund_issued\"}"));
    ObjectNode exceptionPatch = (ObjectNode) JSON.readTree(servicenow.requests().get(4).getBodyAsString());
    assertThat(exceptionPatch.remove("work_notes").asText())
        .startsWith("Shipment exception for order 1001: USPS parcel " + TRACKING + " is \"being returned to the sender\".\n")
        .endsWith("[helpdesk-bridge easypost/evt_it_sn_easypost shipment-exception]");
    assertThat(exceptionPatch).isEqualTo(JSON.readTree(
        "{\"u_shipment_status\":\"exception\",\"priority\":\"2\",\"u_bridge_tags\":\"refund_issued,shipment_exception\"}"));
    assertThat(servicenow.journal(CASE_ID)).extracting(j -> j.get("element")).containsExactly("work_notes", "work_notes");
    assertThat(servicenow.record(CASE_ID)).containsEntry("priority", "2").containsEntry("u_shipment_status", "exception");
  }

  private Map<String, String> env(HubSpotStandIn hubspot, ServiceNowStandIn servicenow, WireMockServer shopify) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("STRIPE_WEBHOOK_SECRET", StripeEvents.SECRET);
    env.put("EASYPOST_WEBHOOK_SECRET", EASYPOST_SECRET);
    env.put("SHOPIFY_WEBHOOK_SECRET", "shpss-it");
    env.put("SHOPIFY_SHOP", "acme.myshopify.com");
    env.put("SHOPIFY_ADMIN_TOKEN", "shpat_it_token");
    env.put("SHOPIFY_API_BASE", "http://127.0.0.1:" + shopify.port());
    env.put("HUBSPOT_ACCESS_TOKEN", HUBSPOT_TOKEN);
    env.put("HUBSPOT_API_BASE", hubspot.baseUrl());
    env.put("HUBSPOT_WEBHOOK_SECRET", HUBSPOT_CLIENT_SECRET);
    env.put("HUBSPOT_WEBHOOK_URL", HUBSPOT_TARGET_URL);
    env.put("HUBSPOT_TAGS_PROPERTY", "bridge_tags");
    env.put("HUBSPOT_TRACKING_PROPERTY", "tracking_number");
    env.put("HUBSPOT_SHIPMENT_STATUS_PROPERTY", "shipment_status");
    env.put("SERVICENOW_URL", servicenow.baseUrl());
    env.put("SERVICENOW_USERNAME", "bridge.integration");
    env.put("SERVICENOW_PASSWORD", SERVICENOW_PASSWORD);
    env.put("SERVICENOW_TAGS_FIELD", "u_bridge_tags");
    env.put("SERVICENOW_ORDER_STATUS_FIELD", "u_order_status");
    env.put("SERVICENOW_SHIPMENT_STATUS_FIELD", "u_shipment_status");
    env.put("BRIDGE_COALESCE_MS", "0");
    env.put("BRIDGE_RETRY_BACKOFF_MS", "50");
    return env;
  }

  private static void shopifyOrder(WireMockServer shopify) {
    shopify.stubFor(get(urlPathMatching("/admin/api/[^/]+/orders.json")).withQueryParam("name", equalTo("#1001"))
        .withHeader("X-Shopify-Access-Token", equalTo("shpat_it_token"))
        .willReturn(okJson("{\"orders\":[{\"id\":450789469,\"name\":\"#1001\",\"email\":\"jane@example.com\","
            + "\"financial_status\":\"partially_refunded\",\"fulfillment_status\":\"fulfilled\",\"cancelled_at\":null,"
            + "\"total_price\":\"50.00\",\"currency\":\"USD\",\"created_at\":\"2026-11-20T09:00:00-05:00\",\"line_items\":"
            + "[{\"title\":\"Blue mug\",\"quantity\":2}],\"fulfillments\":[{\"id\":1,\"status\":\"success\",\"tracking_company\":"
            + "\"USPS\",\"tracking_number\":\"" + TRACKING + "\",\"tracking_numbers\":[\"" + TRACKING + "\"]}]}]}")));
  }

  /** EasyPost's bundled tracker.updated sample (USPS, return_to_sender) under a fresh event id. */
  private static byte[] easypostException(String id) throws Exception {
    try (InputStream in = HubSpotServiceNowIT.class.getClassLoader().getResourceAsStream("samples/easypost/tracker.updated.json")) {
      ObjectNode node = (ObjectNode) JSON.readTree(in);
      node.put("id", id);
      return JSON.writeValueAsBytes(node);
    }
  }

  /**
   * The headers HubSpot sends, computed here from its "Validating requests" page (not with the
   * bridge's code): base64 HMAC-SHA256 with the client secret of POST + target URL + body + timestamp.
   */
  private static Map<String, String> hubspotSigned(byte[] body, String secret) throws Exception {
    String timestamp = String.valueOf(Instant.now().toEpochMilli());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update(("POST" + HUBSPOT_TARGET_URL).getBytes(StandardCharsets.UTF_8));
    mac.update(body);
    String signature = Base64.getEncoder().encodeToString(mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8)));
    return Map.of("X-HubSpot-Signature-v3", signature, "X-HubSpot-Request-Timestamp", timestamp);
  }

  private static void assertNoSecretIn(String log) {
    assertThat(log).doesNotContain(HUBSPOT_TOKEN).doesNotContain(HUBSPOT_CLIENT_SECRET).doesNotContain(SERVICENOW_PASSWORD)
        .doesNotContain(Base64.getEncoder().encodeToString(("bridge.integration:" + SERVICENOW_PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }
}
