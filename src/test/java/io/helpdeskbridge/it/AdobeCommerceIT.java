package io.helpdeskbridge.it;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.helpdeskbridge.plugin.adobecommerce.AdobeCommerceFixtures;
import io.helpdeskbridge.plugin.zendesk.ZendeskWebhookSignature;
import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.StoreProbe;
import io.helpdeskbridge.testing.ZendeskStandIn;
import io.helpdeskbridge.testing.ZendeskStub;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adobe Commerce through the real bridge, started once: the Webhooks module's credit memo and
 * cancel hooks (shared secret in {@code Authorization}, being rolled: old and new both pass) land
 * as notes on the order's Zendesk ticket, a credit memo saved again is stored once, a forged one
 * is refused; and a new Zendesk ticket is enriched from the order lookup. Adobe Commerce is the
 * only order lookup configured (no Shopify), and its REST API is a WireMock stand-in.
 */
class AdobeCommerceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ZENDESK_SECRET = "zd-it-webhook-secret-ac";
  private static final String OLD_SECRET = "acw-it-old-1f0e";
  private static final String NEW_SECRET = "acw-it-new-9a7b";
  private static final String TOKEN = "acw-it-integration-token-55d2";
  private static final String ORDER_STATUS_FIELD = "360000333444";
  private static final String ORDERS = "/rest/default/V1/orders";

  @TempDir static Path home;
  private static ZendeskStandIn zendesk;
  private static WireMockServer commerce;
  private static BridgeProcess bridge;
  private static StoreProbe store;

  @BeforeAll
  static void start() throws Exception {
    zendesk = new ZendeskStandIn();
    commerce = new WireMockServer(options().dynamicPort());
    commerce.start();
    commerce.stubFor(get(urlPathEqualTo(ORDERS))
        .withQueryParam("searchCriteria[filter_groups][0][filters][0][value]", equalTo("000000077"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(okJson(AdobeCommerceFixtures.search("increment_id", "000000077",
            AdobeCommerceFixtures.order77("complete", "complete")))));
    commerce.stubFor(get(urlPathEqualTo("/rest/default/V1/shipments"))
        .withQueryParam("searchCriteria[filter_groups][0][filters][0][value]", equalTo("77"))
        .withHeader("Authorization", equalTo("Bearer " + TOKEN)).willReturn(okJson(AdobeCommerceFixtures.shipments77())));
    commerce.stubFor(get(urlPathEqualTo(ORDERS + "/42")).withHeader("Authorization", equalTo("Bearer " + TOKEN))
        .willReturn(okJson("{\"entity_id\":42,\"increment_id\":\"000000042\"}")));
    Map<String, String> env = zendesk.bridgeEnv();
    env.put("ZENDESK_WEBHOOK_SECRET", ZENDESK_SECRET);
    env.put("ZENDESK_ORDER_STATUS_FIELD_ID", ORDER_STATUS_FIELD);
    env.put("ADOBE_COMMERCE_URL", commerce.baseUrl());
    env.put("ADOBE_COMMERCE_ACCESS_TOKEN", TOKEN);
    env.put("ADOBE_COMMERCE_WEBHOOK_SECRET", OLD_SECRET + "," + NEW_SECRET);
    env.put("BRIDGE_COALESCE_MS", "0");
    store = new StoreProbe(home);
    bridge = new BridgeProcess(home, env).start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (bridge != null) {
      bridge.close();
      assertThat(bridge.log()).doesNotContain(TOKEN).doesNotContain(OLD_SECRET).doesNotContain(NEW_SECRET)
          .doesNotContain(ZENDESK_SECRET).doesNotContain(ZendeskStub.TOKEN);
    }
    if (commerce != null) commerce.stop();
    if (zendesk != null) zendesk.close();
  }

  private static byte[] hook(String sample, Consumer<ObjectNode> edit) throws Exception {
    try (InputStream in = AdobeCommerceIT.class.getClassLoader().getResourceAsStream("samples/adobe-commerce/" + sample + ".json")) {
      ObjectNode payload = (ObjectNode) JSON.readTree(in);
      edit.accept((ObjectNode) payload.path("data"));
      return JSON.writeValueAsBytes(payload);
    }
  }

  /** A hook as the Webhooks module sends it: the configured header, and a request id of its own. */
  private static HttpResponse<String> deliver(byte[] body, Map<String, String> secretHeader) throws Exception {
    Map<String, String> headers = new java.util.HashMap<>(secretHeader);
    headers.put("x-adobe-commerce-request-id", UUID.randomUUID().toString());
    return bridge.post("/webhooks/adobe-commerce", headers, body);
  }

  private static long rows(String source) {
    return (Long) store.rows("select count(*) as n from inbox where source = ?", source).get(0).get("n");
  }

  @Test
  void aCreditMemoLandsOnceAsARefundNoteOnItsOrdersTicketAndAForgedOneIsRefused() throws Exception {
    long ticket = zendesk.seedTicket("Broken mug", "It arrived in pieces", "sam@example.com");
    zendesk.seedField(ticket, ZendeskStub.ORDER_FIELD, "000000042");
    // credit memo 000000013 of order entity 42: the payload names the order by entity id only
    byte[] creditMemo = hook("sales_order_creditmemo_save_after", data -> {
      for (String key : new String[] {"creditmemo", "data_object"}) {
        ObjectNode memo = (ObjectNode) data.path(key);
        memo.put("entity_id", "13").put("increment_id", "000000013").put("order_id", "42");
      }
    });

    HttpResponse<String> accepted = deliver(creditMemo, Map.of("Authorization", "Bearer " + OLD_SECRET));

    // the one answer the Webhooks module takes as success (ResponseOperationFactory: 200 and an op)
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(accepted.body())).isEqualTo(JSON.readTree("{\"op\":\"success\"}"));
    assertThat(store.status("adobe-commerce", "sales_order_creditmemo_save_after:13:refunded")).isNotNull();
    await().atMost(Duration.ofSeconds(30)).until(() -> !zendesk.markers(ticket).isEmpty());
    assertThat(zendesk.markers(ticket)).singleElement().asString().startsWith("adobe-commerce/");
    assertThat(String.join("\n", zendesk.comments(ticket)))
        .contains("Refund of 25.00 USD issued in adobe-commerce for order 000000042.")
        .contains("Refund id: 000000013").contains("Reason: Mug arrived broken; refunded with shipping");
    assertThat(zendesk.tags(ticket)).contains("refund_issued");
    assertThat(commerce.findAll(getRequestedFor(urlPathEqualTo(ORDERS + "/42")))).singleElement()
        .satisfies(r -> assertThat(r.getUrl()).isEqualTo(ORDERS + "/42?fields=entity_id,increment_id"));

    // Commerce saves the credit memo again (the email flag) and fires the hook again: stored once
    HttpResponse<String> again = deliver(creditMemo, Map.of("Authorization", "Bearer " + NEW_SECRET));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).path("op").asText()).isEqualTo("success");
    assertThat(rows("adobe-commerce")).isEqualTo(1);

    // forged: a secret that is not configured, none at all, the secret in a header nobody configured
    long before = rows("adobe-commerce");
    assertThat(deliver(creditMemo, Map.of("Authorization", "Bearer acw-it-guess")).statusCode()).isEqualTo(400);
    assertThat(deliver(creditMemo, Map.of()).statusCode()).isEqualTo(400);
    HttpResponse<String> misplaced = deliver(creditMemo, Map.of("X-Secret", NEW_SECRET));
    assertThat(misplaced.statusCode()).isEqualTo(400);
    assertThat(misplaced.body()).contains("missing Authorization header").doesNotContain(NEW_SECRET);
    assertThat(rows("adobe-commerce")).isEqualTo(before);

    // the order is then cancelled in the admin, with the new secret: a second note on the same ticket
    byte[] cancel = hook("order_cancel_after", data -> ((ObjectNode) data.path("order"))
        .put("entity_id", "42").put("increment_id", "000000042"));
    assertThat(deliver(cancel, Map.of("Authorization", "Bearer " + NEW_SECRET)).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> zendesk.markers(ticket).size() == 2);
    assertThat(String.join("\n", zendesk.comments(ticket))).contains("Order cancelled in adobe-commerce for order 000000042.");
    assertThat(zendesk.markers(ticket)).filteredOn(m -> m.contains("refund")).hasSize(1);
    assertThat(store.status("adobe-commerce", "sales_order_creditmemo_save_after:13:refunded")).isEqualTo("done");
    assertThat(zendesk.creates()).isZero();
  }

  @Test
  void aNewZendeskTicketIsEnrichedFromTheAdobeCommerceOrder() throws Exception {
    long ticket = zendesk.seedTicket("Where is my order #000000077?", "Hello", "jane@example.com", "web_widget");
    byte[] body = JSON.writeValueAsBytes(Map.of("ticket_id", String.valueOf(ticket), "event", "ticket_created",
        "subject", "Where is my order #000000077?", "description", "Hello", "requester_email", "jane@example.com",
        "tags", "web_widget"));
    String ts = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();

    HttpResponse<String> answer = bridge.post("/webhooks/zendesk", Map.of(
        ZendeskWebhookSignature.HEADER, ZendeskWebhookSignature.sign(ts, body, ZENDESK_SECRET),
        ZendeskWebhookSignature.TIMESTAMP_HEADER, ts, "X-Zendesk-Webhook-Invocation-Id", UUID.randomUUID().toString()), body);

    assertThat(answer.statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> zendesk.markers(ticket).size() == 1);
    String note = zendesk.comments(ticket).get(zendesk.comments(ticket).size() - 1);
    assertThat(note).contains("Order #000000077: complete").contains("Items: 2 × Blue mug, 1 × Linen shirt")
        .contains("Total: 59.90 USD").contains("placed 2026-11-20").contains("UPS 1Z999AA10123456784")
        .doesNotContain("Could not be fetched");
    assertThat(zendesk.field(ticket, ORDER_STATUS_FIELD)).isEqualTo("complete");
    assertThat(zendesk.tags(ticket)).contains("web_widget", "bridge_enriched");
    assertThat(commerce.findAll(getRequestedFor(urlPathEqualTo(ORDERS)))).singleElement().satisfies(r -> {
      assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
      assertThat(r.queryParameter("searchCriteria[filter_groups][0][filters][0][field]").firstValue()).isEqualTo("increment_id");
      assertThat(r.queryParameter("searchCriteria[pageSize]").firstValue()).isEqualTo("1");
    });
    assertThat(commerce.findAll(getRequestedFor(urlPathEqualTo("/rest/default/V1/shipments")))).hasSize(1);
  }
}
