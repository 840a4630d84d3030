package io.helpdeskbridge.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;
import java.util.Map;

/**
 * A stand-in of the Zendesk Support API on a dynamic port, speaking its documented shapes:
 * {@code {"ticket": {...}}}, {@code {"results": [...]}} for search, {@code {"comments": [...]}}.
 */
public final class ZendeskStub implements AutoCloseable {
  public static final String EMAIL = "agent@acme.test";
  public static final String TOKEN = "zd-it-token-9f8e7d6c5b4a";
  public static final String ORDER_FIELD = "360000111222";
  public static final String UPDATED_AT = "2026-11-24T10:00:00Z";

  private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

  public ZendeskStub() {
    server.start();
  }

  public WireMockServer server() {
    return server;
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The environment a bridge needs to talk to this stub. */
  public Map<String, String> env() {
    return Map.of("ZENDESK_URL", url(), "ZENDESK_EMAIL", EMAIL, "ZENDESK_API_TOKEN", TOKEN,
        "ZENDESK_ORDER_FIELD_ID", ORDER_FIELD);
  }

  /** Search on the order field finds {@code ticketId}; GET returns it with {@code tags}. */
  public void ticketForOrder(String orderId, long ticketId, String... tags) {
    server.stubFor(get(urlPathEqualTo("/api/v2/search.json"))
        .withQueryParam("query", com.github.tomakehurst.wiremock.client.WireMock.containing(":\"" + orderId + "\""))
        .willReturn(okJson(
        "{\"results\":[" + ticketJson(ticketId, tags) + "],\"next_page\":null,\"count\":1}")));
    server.stubFor(get(urlPathEqualTo("/api/v2/tickets/" + ticketId + ".json"))
        .willReturn(okJson("{\"ticket\":" + ticketJson(ticketId, tags) + "}")));
    server.stubFor(get(urlPathEqualTo("/api/v2/tickets/" + ticketId + "/comments.json"))
        .willReturn(okJson("{\"comments\":[],\"next_page\":null}")));
  }

  /** Search and external_id find nothing for any order (a lower priority than specific stubs). */
  public void noTicketsFound() {
    server.stubFor(get(urlPathEqualTo("/api/v2/search.json")).atPriority(10)
        .willReturn(okJson("{\"results\":[],\"next_page\":null,\"count\":0}")));
    server.stubFor(get(urlPathEqualTo("/api/v2/tickets.json")).atPriority(10)
        .willReturn(okJson("{\"tickets\":[],\"next_page\":null,\"count\":0}")));
  }

  /** POST /api/v2/tickets.json answers 201 with a new ticket {@code id}. */
  public void createsTicket(long id) {
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlPathEqualTo("/api/v2/tickets.json"))
        .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
            .withHeader("x-idempotency-lookup", "miss").withBody("{\"ticket\":" + ticketJson(id) + "}")));
  }

  public List<LoggedRequest> creates() {
    return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlPathEqualTo("/api/v2/tickets.json")));
  }

  public void updatesSucceed(long ticketId, String... tags) {
    stub(put(urlPathEqualTo("/api/v2/tickets/" + ticketId + ".json")).willReturn(okJson("{\"ticket\":" + ticketJson(ticketId, tags) + "}")));
  }

  public void stub(MappingBuilder m) {
    server.stubFor(m);
  }

  public List<LoggedRequest> puts(long ticketId) {
    return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor(urlPathEqualTo("/api/v2/tickets/" + ticketId + ".json")));
  }

  public static String ticketJson(long id, String... tags) {
    StringBuilder t = new StringBuilder();
    for (String tag : tags) t.append(t.length() == 0 ? "" : ",").append('"').append(tag).append('"');
    return """
        {"id":%d,"url":"https://acme.zendesk.com/api/v2/tickets/%d.json","subject":"Where is my refund?","status":"open",
         "tags":[%s],"custom_fields":[],"created_at":"2026-11-20T09:00:00Z","updated_at":"%s"}"""
        .formatted(id, id, t, UPDATED_AT);
  }

  public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder status(int status) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("{\"error\":\"stub " + status + "\"}");
  }

  @Override
  public void close() {
    server.stop();
  }
}
