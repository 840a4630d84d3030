package io.helpdeskbridge.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.testing.BridgeProcess;
import io.helpdeskbridge.testing.StoreProbe;
import io.helpdeskbridge.testing.StripeEvents;
import io.helpdeskbridge.testing.VendorSigner;
import io.helpdeskbridge.testing.ZendeskStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same shipped routes and mappings, unchanged, drive every helpdesk: only the connector
 * chosen by BRIDGE_HELPDESK differs. Two events (a Stripe refund, an AfterShip exception) go
 * through the real jar into each desk's stand-in.
 */
class AnyHelpdeskIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String AFTERSHIP_SECRET = "as_it_secret";
  static final String FRESHDESK_KEY = "fd-it-api-key-42";

  @TempDir Path home;

  private static byte[] exception(String eventId) {
    return ("{\"event\":\"tracking_update\",\"event_id\":\"" + eventId + "\",\"ts\":" + Instant.now().getEpochSecond()
        + ",\"is_tracking_first_tag\":true,\"msg\":{\"id\":\"trk_it_1\",\"tracking_number\":\"1Z999AA10123456784\","
        + "\"slug\":\"ups\",\"tag\":\"Exception\",\"subtag\":\"Exception_013\",\"subtag_message\":\"Lost\","
        + "\"order_number\":\"#1001\",\"updated_at\":\"2026-11-24T09:00:00+00:00\",\"checkpoints\":[]}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** Sends the two events and waits until both are done. */
  private static void sendBoth(BridgeProcess bridge, StoreProbe store) throws Exception {
    byte[] refund = StripeEvents.chargeRefunded("evt_any_refund", "1001", 0, 2500);
    assertThat(bridge.post("/webhooks/stripe", StripeEvents.signed(refund), refund).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(store.status("stripe", "evt_any_refund")));
    byte[] exception = exception("as-any-1");
    assertThat(bridge.post("/webhooks/aftership", Map.of("aftership-hmac-sha256", VendorSigner.aftership(exception, AFTERSHIP_SECRET)),
        exception).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(store.status("aftership", "as-any-1")));
  }

  private Map<String, String> baseEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("STRIPE_WEBHOOK_SECRET", StripeEvents.SECRET);
    env.put("AFTERSHIP_WEBHOOK_SECRET", AFTERSHIP_SECRET);
    env.put("BRIDGE_RETRY_BACKOFF_MS", "50");
    return env;
  }

  @Test
  void freshdeskGetsPrivateNotesAndMergedTagsFromTheSameMappings() throws Exception {
    WireMockServer fd = new WireMockServer(wireMockConfig().dynamicPort());
    fd.start();
    try {
      String ticket = "{\"id\":501,\"subject\":\"Where is my order?\",\"status\":2,\"priority\":1,\"tags\":[\"vip\"],"
          + "\"custom_fields\":{\"cf_order_number\":\"1001\"},\"created_at\":\"2026-11-20T09:00:00Z\",\"updated_at\":\"2026-11-20T09:00:00Z\"}";
      fd.stubFor(get(urlPathEqualTo("/api/v2/search/tickets")).willReturn(okJson("{\"results\":[" + ticket + "],\"total\":1}")));
      fd.stubFor(get(urlPathEqualTo("/api/v2/tickets/501")).willReturn(okJson(ticket)));
      fd.stubFor(put(urlPathEqualTo("/api/v2/tickets/501")).willReturn(okJson(ticket)));
      fd.stubFor(post(urlPathEqualTo("/api/v2/tickets/501/notes"))
          .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":9001,\"private\":true}")));
      Map<String, String> env = baseEnv();
      env.put("FRESHDESK_URL", "http://127.0.0.1:" + fd.port());
      env.put("FRESHDESK_API_KEY", FRESHDESK_KEY);
      env.put("BRIDGE_HELPDESK", "freshdesk");
      StoreProbe store = new StoreProbe(home);

      try (BridgeProcess bridge = new BridgeProcess(home, env).start()) {
        sendBoth(bridge, store);
        assertThat(bridge.log()).doesNotContain(FRESHDESK_KEY);
      }

      String auth = "Basic " + Base64.getEncoder().encodeToString((FRESHDESK_KEY + ":X").getBytes(StandardCharsets.UTF_8));
      List<LoggedRequest> notes = fd.findAll(postRequestedFor(urlPathEqualTo("/api/v2/tickets/501/notes")));
      assertThat(notes).hasSize(2);
      assertThat(notes).allSatisfy(n -> assertThat(n.getHeader("Authorization")).isEqualTo(auth));
      JsonNode refundNote = JSON.readTree(notes.get(0).getBodyAsString());
      assertThat(refundNote.path("private").asBoolean()).isTrue();
      assertThat(refundNote.path("body").asText())
          .startsWith("Refund of 25.00 USD issued in stripe for order 1001.<br>")
          .endsWith("[helpdesk-bridge stripe/evt_any_refund refund-issued]");
      assertThat(JSON.readTree(notes.get(1).getBodyAsString()).path("body").asText())
          .startsWith("Shipment exception for order 1001: UPS parcel 1Z999AA10123456784 is \"lost\".<br>No detail from the carrier.<br>")
          .contains("is \"lost\"");
      List<LoggedRequest> updates = fd.findAll(putRequestedFor(urlPathEqualTo("/api/v2/tickets/501")));
      assertThat(updates).hasSize(2);
      assertThat(JSON.convertValue(JSON.readTree(updates.get(0).getBodyAsString()).path("tags"), List.class))
          .containsExactly("vip", "refund_issued");
      JsonNode exceptionUpdate = JSON.readTree(updates.get(1).getBodyAsString());
      assertThat(exceptionUpdate.path("priority").asInt()).isEqualTo(3);
      assertThat(JSON.convertValue(exceptionUpdate.path("tags"), List.class)).contains("vip", "shipment_exception");
      assertThat(fd.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/api/v2/search/tickets"))))
          .as("the second event found the ticket in the index").hasSize(1);
    } finally {
      fd.stop();
    }
  }

  @Test
  void salesforceGetsCaseCommentsAndUpdatesThroughCamelFromTheSameMappings() throws Exception {
    WireMockServer sf = new WireMockServer(wireMockConfig().dynamicPort());
    sf.start();
    String caseId = "500xx000001AbCdAAK";
    String api = "/services/data/v62.0";
    try {
      String base = "http://localhost:" + sf.port();
      sf.stubFor(post(urlPathEqualTo("/services/oauth2/token")).willReturn(okJson("{\"access_token\":\"00Dxx!it.session.token\","
          + "\"signature\":\"9PSZcOvEnF5IPh0n1xMfrl4B2vXK5Rze4P+2ajfpGas=\",\"scope\":\"api\",\"instance_url\":\"" + base + "\","
          + "\"id\":\"" + base + "/id/00Dxx0000001gPLEAY/005xx000001SwiUAAS\",\"token_type\":\"Bearer\",\"issued_at\":\"1764000000000\"}")));
      sf.stubFor(get(urlPathEqualTo("/services/oauth2/revoke")).willReturn(com.github.tomakehurst.wiremock.client.WireMock.ok()));
      sf.stubFor(get(urlPathEqualTo(api + "/query/")).willReturn(okJson("{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":"
          + "{\"type\":\"Case\",\"url\":\"" + api + "/sobjects/Case/" + caseId + "\"},\"Id\":\"" + caseId + "\",\"Status\":\"New\","
          + "\"IsClosed\":false,\"CreatedDate\":\"2026-11-20T09:00:00.000+0000\",\"LastModifiedDate\":\"2026-11-20T09:00:00.000+0000\"}]}")));
      sf.stubFor(post(urlPathEqualTo(api + "/composite")).willReturn(okJson("{\"compositeResponse\":["
          + "{\"body\":null,\"httpHeaders\":{},\"httpStatusCode\":204,\"referenceId\":\"updateCase\"},"
          + "{\"body\":{\"id\":\"00axx0000000001\",\"success\":true,\"errors\":[]},\"httpHeaders\":{},\"httpStatusCode\":201,"
          + "\"referenceId\":\"comment1\"}]}")));
      Map<String, String> env = baseEnv();
      env.put("SALESFORCE_LOGIN_URL", base);
      env.put("SALESFORCE_CLIENT_ID", "3MVG9itConsumerKey");
      env.put("SALESFORCE_CLIENT_SECRET", "sf-it-client-secret");
      env.put("BRIDGE_HELPDESK", "salesforce");
      StoreProbe store = new StoreProbe(home);

      try (BridgeProcess bridge = new BridgeProcess(home, env).start()) {
        sendBoth(bridge, store);
        assertThat(bridge.log()).doesNotContain("sf-it-client-secret").doesNotContain("00Dxx!it.session.token");
      }

      LoggedRequest login = sf.findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/token"))).get(0);
      assertThat(login.getBodyAsString()).contains("grant_type=client_credentials").contains("client_id=3MVG9itConsumerKey");
      List<LoggedRequest> queries = sf.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(api + "/query/")));
      assertThat(queries.get(0).queryParameter("q").firstValue()).isEqualTo(
          "SELECT Id, Status, IsClosed, CreatedDate FROM Case WHERE Order_Number__c = '1001' ORDER BY IsClosed ASC, CreatedDate DESC LIMIT 1");
      List<LoggedRequest> composites = sf.findAll(postRequestedFor(urlPathEqualTo(api + "/composite")));
      assertThat(composites).hasSize(2);
      assertThat(composites).allSatisfy(c -> assertThat(c.getHeader("Authorization")).isEqualTo("Bearer 00Dxx!it.session.token"));
      JsonNode refund = JSON.readTree(composites.get(0).getBodyAsString()).path("compositeRequest");
      JsonNode comment = refund.get(refund.size() - 1);
      assertThat(comment.path("method").asText()).isEqualTo("POST");
      assertThat(comment.path("url").asText()).isEqualTo(api + "/sobjects/CaseComment");
      assertThat(comment.path("body").path("ParentId").asText()).isEqualTo(caseId);
      assertThat(comment.path("body").path("IsPublished").asBoolean(true)).isFalse();
      assertThat(comment.path("body").path("CommentBody").asText())
          .startsWith("Refund of 25.00 USD issued in stripe for order 1001.\n")
          .endsWith("[helpdesk-bridge stripe/evt_any_refund refund-issued]");
      JsonNode exception = JSON.readTree(composites.get(1).getBodyAsString()).path("compositeRequest");
      assertThat(exception.get(0).path("method").asText()).isEqualTo("PATCH");
      assertThat(exception.get(0).path("body").path("Priority").asText()).isEqualTo("High");
      assertThat(exception.get(exception.size() - 1).path("body").path("CommentBody").asText())
          .startsWith("Shipment exception for order 1001: UPS parcel 1Z999AA10123456784 is \"lost\".");
    } finally {
      sf.stop();
    }
  }

  @Test
  void zendeskGetsTheSameTwoChangesFromTheSameMappings() throws Exception {
    try (ZendeskStub zendesk = new ZendeskStub()) {
      zendesk.ticketForOrder("1001", 42, "vip");
      zendesk.updatesSucceed(42);
      Map<String, String> env = baseEnv();
      env.putAll(zendesk.env());
      StoreProbe store = new StoreProbe(home);

      try (BridgeProcess bridge = new BridgeProcess(home, env).start()) {
        sendBoth(bridge, store);
      }

      List<LoggedRequest> puts = zendesk.puts(42);
      assertThat(puts).hasSize(2);
      assertThat(JSON.readTree(puts.get(0).getBodyAsString()).path("ticket").path("comment").path("body").asText())
          .startsWith("Refund of 25.00 USD issued in stripe for order 1001.\n");
      JsonNode second = JSON.readTree(puts.get(1).getBodyAsString()).path("ticket");
      assertThat(second.path("priority").asText()).isEqualTo("high");
      assertThat(second.path("comment").path("body").asText())
          .startsWith("Shipment exception for order 1001: UPS parcel 1Z999AA10123456784 is \"lost\".");
    }
  }
}
