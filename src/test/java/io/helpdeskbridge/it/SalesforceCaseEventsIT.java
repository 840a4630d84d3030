package io.helpdeskbridge.it;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.SalesforceStreamingStandIn;
import io.helpdeskbridge.testing.StoreProbe;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Salesforce announces Cases the way the README says to set it up: a Flow publishes a Platform
 * Event, the bridge's camel-salesforce subscription hears it over CometD long polling (a stand-in
 * org that speaks Bayeux), stores it in the inbox like a webhook and answers on the Case with the
 * order's context from Shopify (a WireMock stand-in), as a CaseComment through the same helpdesk
 * connection that writes every other note. The same event heard twice is applied once, and after a
 * restart the bridge resumes from the replay id it stored.
 */
class SalesforceCaseEventsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CHANNEL = "/event/Helpdesk_Case_Event__e";
  private static final String CASE_ID = "500xx000001QzRtAAK";
  private static final String EVENT_UUID = "6f1d2c3b-8a4e-4b5f-9c0d-1e2f3a4b5c6d";
  private static final String SHOPIFY_TOKEN = "shpat_sf_it_token";

  @TempDir Path home;
  private SalesforceStreamingStandIn salesforce;
  private WireMockServer vendors;
  private BridgeProcess bridge;

  @BeforeEach
  void start() throws Exception {
    salesforce = new SalesforceStreamingStandIn();
    vendors = new WireMockServer(options().dynamicPort());
    vendors.start();
    vendors.stubFor(get(urlPathMatching("/admin/api/[^/]+/orders.json")).withQueryParam("name", equalTo("#1001"))
        .withHeader("X-Shopify-Access-Token", equalTo(SHOPIFY_TOKEN))
        .willReturn(okJson("{\"orders\":[{\"id\":450789469,\"name\":\"#1001\",\"email\":\"jane@example.com\","
            + "\"financial_status\":\"paid\",\"fulfillment_status\":null,\"cancelled_at\":null,\"total_price\":\"59.90\","
            + "\"currency\":\"USD\",\"created_at\":\"2026-11-20T09:00:00-05:00\",\"line_items\":[{\"title\":\"Blue mug\",\"quantity\":2},"
            + "{\"title\":\"Tote bag\",\"quantity\":1}],\"fulfillments\":[]}]}")));
  }

  @AfterEach
  void stop() throws Exception {
    if (bridge != null) bridge.close();
    vendors.stop();
    salesforce.close();
  }

  private Map<String, String> env() {
    Map<String, String> env = salesforce.bridgeEnv(CHANNEL);
    env.put("SHOPIFY_WEBHOOK_SECRET", "shpss-sf-it");
    env.put("SHOPIFY_SHOP", "acme.myshopify.com");
    env.put("SHOPIFY_ADMIN_TOKEN", SHOPIFY_TOKEN);
    env.put("SHOPIFY_API_BASE", vendors.baseUrl());
    env.put("BRIDGE_RETRY_BACKOFF_MS", "50");
    return env;
  }

  private static Map<String, Object> newCase() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("CaseId__c", CASE_ID);
    p.put("CaseNumber__c", "00001026");
    p.put("ChangeType__c", "created");
    p.put("Subject__c", "Where is my order #1001?");
    p.put("Description__c", "I ordered two mugs last week.");
    p.put("SuppliedEmail__c", "jane@example.com");
    p.put("Tags__c", null);
    p.put("CreatedDate", "2026-11-24T10:15:30.000Z");
    p.put("CreatedById", "005xx000001SwiUAAS");
    return p;
  }

  @Test
  void aNewCaseOnThePlatformEventChannelGetsItsOrdersContextOnceAndARestartResumesFromTheStoredReplayId() throws Exception {
    StoreProbe store = new StoreProbe(home);
    bridge = new BridgeProcess(home, env()).start();

    // the subscription starts once the bridge is up; with nothing stored, new events only
    await("subscribed").atMost(Duration.ofSeconds(30))
        .until(() -> salesforce.subscriptions().stream().anyMatch(s -> s.channel().equals(CHANNEL)));
    assertThat(salesforce.subscriptions()).allSatisfy(s -> assertThat(s.replayFrom()).isEqualTo(-1L));

    // the Flow's event, and the same event once more (a replay after a reconnect, another instance)
    salesforce.publish(CHANNEL, 4711, EVENT_UUID, newCase());
    salesforce.publish(CHANNEL, 4711, EVENT_UUID, newCase());

    await("enrichment note on the Case").atMost(Duration.ofSeconds(30)).until(() -> !salesforce.comments(CASE_ID).isEmpty());
    // camel-salesforce may subscribe twice around its first connect (two listeners hear each
    // message then): at least the second delivery is a duplicate, however often it is heard
    await("both deliveries stored as one row").atMost(Duration.ofSeconds(30)).until(() -> {
      Map<String, Object> row = store.inboxRow("salesforce", EVENT_UUID);
      return row != null && "done".equals(row.get("status")) && ((Number) row.get("duplicates")).intValue() >= 1;
    });
    assertThat(store.rows("select id from inbox where source = 'salesforce'")).hasSize(1);
    assertThat(salesforce.delivered()).isEqualTo(2);
    String note = salesforce.comments(CASE_ID).get(0);
    assertThat(note).contains("Order #1001").contains("Blue mug").contains("[helpdesk-bridge salesforce/");
    assertThat(salesforce.comments(CASE_ID)).hasSize(1);
    assertThat(salesforce.composites()).hasSize(1);
    var update = JSON.readTree(salesforce.composites().get(0)).path("compositeRequest");
    assertThat(update.get(update.size() - 1).path("body").path("IsPublished").asBoolean(true)).isFalse();
    assertThat(vendors.findAll(getRequestedFor(urlPathMatching("/admin/api/[^/]+/orders.json")))).hasSize(1);
    Map<String, Object> row = store.inboxRow("salesforce", EVENT_UUID);
    assertThat(row.get("vendor_type")).isEqualTo("case_created");
    assertThat(row.get("order_key")).isEqualTo("order:1001");
    assertThat((String) row.get("headers")).contains("\"salesforce-replay-id\":\"4711\"");
    assertThat(salesforce.streamingAuthorizations()).isNotEmpty()
        .allSatisfy(a -> assertThat(a).isEqualTo("OAuth " + SalesforceStreamingStandIn.ACCESS_TOKEN));

    // nothing signs HTTP deliveries for Salesforce: the endpoint refuses them
    HttpResponse<String> http = bridge.post("/webhooks/salesforce", Map.of(),
        "{\"data\":{\"payload\":{\"CaseId__c\":\"500xx000009ZzZzAAK\"}}}".getBytes(StandardCharsets.UTF_8));
    assertThat(http.statusCode()).isEqualTo(404);
    assertThat(http.body()).contains("Salesforce Case events arrive through the subscription, not HTTP");

    // after a restart the subscription asks Salesforce for what followed the newest stored event
    bridge.stop();
    bridge.start();
    await("subscribed again from replay id 4711").atMost(Duration.ofSeconds(30))
        .until(() -> salesforce.subscriptions().stream().anyMatch(s -> Long.valueOf(4711).equals(s.replayFrom())));
    assertThat(salesforce.comments(CASE_ID)).hasSize(1);
    assertThat(bridge.log()).doesNotContain("sf-it-streaming-secret").doesNotContain(SalesforceStreamingStandIn.ACCESS_TOKEN);
  }
}
