package io.helpdeskbridge.plugin.hubspot;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.RateSignal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in of HubSpot's CRM v3 API on a dynamic port. Shapes follow HubSpot's documentation:
 * objects {@code {"id","properties":{…},"createdAt","updatedAt","archived"}}, search {@code
 * {"total":n,"results":[…],"paging":{"next":{"after"}}}}, errors {@code
 * {"status":"error","message","correlationId","category"}}.
 */
final class HubSpotStub implements AutoCloseable {
  static final String TOKEN = "pat-na1-11111111-2222-3333-4444-555555555555";
  static final Instant NOW = Instant.parse("2026-11-24T03:00:00Z");

  final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

  HubSpotStub() {
    server.start();
  }

  Map<String, Object> settings(Map<String, Object> overrides) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("api-base", "http://127.0.0.1:" + server.port());
    s.put("access-token", TOKEN);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("order_id", "order_number");
    fields.put("external_id", "external_order_id");
    fields.put("tracking_number", "tracking_number");
    fields.put("order_status", "order_status");
    fields.put("shipment_status", "shipment_status");
    s.put("fields", fields);
    s.putAll(overrides);
    return s;
  }

  HubSpotConnection connect(Map<String, Object> overrides, RateSignal rates) {
    return new HubSpotConnection(HubSpotConfig.from(ConnectorSettings.of("hubspot", settings(overrides))),
        Clock.fixed(NOW, ZoneOffset.UTC), rates);
  }

  HubSpotConnection connect(Map<String, Object> overrides) {
    return connect(overrides, RateSignal.NONE);
  }

  HubSpotConnection connect() {
    return connect(Map.of());
  }

  List<LoggedRequest> requests() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events);
    return events.stream().map(ServeEvent::getRequest).toList();
  }

  List<String> calls() {
    return requests().stream().map(r -> r.getMethod().value() + " " + r.getUrl()).toList();
  }

  static String ticket(String id, String props) {
    return "{\"id\":\"" + id + "\",\"properties\":{" + props + "},\"createdAt\":\"2026-11-20T10:00:00Z\","
        + "\"updatedAt\":\"2026-11-20T10:00:00Z\",\"archived\":false}";
  }

  static String results(String... objects) {
    return "{\"total\":" + objects.length + ",\"results\":[" + String.join(",", objects) + "]}";
  }

  static String error(String message, String category) {
    return "{\"status\":\"error\",\"message\":\"" + message + "\",\"correlationId\":\"5c4f3b7a-1d2e-4f00-9a1b-0c2d3e4f5a6b\","
        + "\"category\":\"" + category + "\"}";
  }

  @Override
  public void close() {
    server.stop();
  }
}
