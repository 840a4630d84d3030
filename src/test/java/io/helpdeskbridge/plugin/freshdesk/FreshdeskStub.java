package io.helpdeskbridge.plugin.freshdesk;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.spi.ConnectorSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in of the Freshdesk API v2 on a dynamic port, and the connection the tests point at it.
 * Shapes follow Freshdesk's documentation: tickets as plain objects ({@code id}, {@code status},
 * {@code priority}, {@code tags}, {@code custom_fields}, {@code created_at}), search as {@code
 * {"results":[…],"total":n}}, conversations as an array.
 */
final class FreshdeskStub implements AutoCloseable {
  static final String API_KEY = "fdTestKey0Ab1Cd2Ef3Gh4";
  static final String AUTHORIZATION =
      "Basic " + Base64.getEncoder().encodeToString((API_KEY + ":X").getBytes(StandardCharsets.UTF_8));

  final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

  FreshdeskStub() {
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The settings a connector file would give, with the order field and overrides. */
  Map<String, Object> settings(Map<String, Object> overrides) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("url", url());
    s.put("api-key", API_KEY);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("order_id", "cf_order_number");
    fields.put("tracking_number", "cf_tracking_number");
    fields.put("order_status", "cf_order_status");
    fields.put("shipment_status", "");
    s.put("fields", fields);
    s.putAll(overrides);
    return s;
  }

  FreshdeskConnection connect(Map<String, Object> overrides) {
    return (FreshdeskConnection) new FreshdeskHelpdesk().connect(ConnectorSettings.of("freshdesk", settings(overrides)), null);
  }

  FreshdeskConnection connect() {
    return connect(Map.of());
  }

  /** The requests received, oldest first. */
  List<LoggedRequest> requests() {
    // the journal lists the newest first
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events);
    return events.stream().map(ServeEvent::getRequest).toList();
  }

  /** "GET /api/v2/tickets/7" for each request, oldest first. */
  List<String> calls() {
    return requests().stream().map(r -> r.getMethod().value() + " " + r.getUrl()).toList();
  }

  static String ticket(long id, int status, String createdAt, String... tags) {
    StringBuilder t = new StringBuilder("[");
    for (int i = 0; i < tags.length; i++) t.append(i == 0 ? "" : ",").append('"').append(tags[i]).append('"');
    t.append(']');
    return "{\"id\":" + id + ",\"subject\":\"Where is my order?\",\"status\":" + status + ",\"priority\":1,"
        + "\"source\":1,\"requester_id\":5001,\"type\":null,\"tags\":" + t + ","
        + "\"custom_fields\":{\"cf_order_number\":\"1001\",\"cf_order_status\":null,\"cf_tracking_number\":null},"
        + "\"created_at\":\"" + createdAt + "\",\"updated_at\":\"" + createdAt + "\"}";
  }

  @Override
  public void close() {
    server.stop();
  }
}
