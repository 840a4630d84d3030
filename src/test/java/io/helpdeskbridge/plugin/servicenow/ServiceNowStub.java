package io.helpdeskbridge.plugin.servicenow;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.HelpdeskContext;
import io.helpdeskbridge.spi.RateSignal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in of the ServiceNow Table API on a dynamic port, and the connection the tests point at
 * it. Shapes follow the Table API: lists as {@code {"result":[…]}}, one record as {@code
 * {"result":{…}}}, failures as {@code {"error":{"message","detail"},"status":"failure"}}.
 */
final class ServiceNowStub implements AutoCloseable {
  static final String USER = "bridge.integration";
  static final String PASSWORD = "snPa55-w0rd-Secret";
  static final String AUTHORIZATION =
      "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
  static final String SYS_ID = "46d44a23a9fe19810012d100cca80666";
  static final String CASES = "/api/now/table/sn_customerservice_case";

  final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());

  ServiceNowStub() {
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  Map<String, Object> settings(Map<String, Object> overrides) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("url", url());
    s.put("username", USER);
    s.put("password", PASSWORD);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("order_id", "u_order_number");
    fields.put("tracking_number", "u_tracking_number");
    fields.put("order_status", "u_order_status");
    fields.put("shipment_status", "u_shipment_status");
    fields.put("external_id", "correlation_id");
    s.put("fields", fields);
    s.putAll(overrides);
    return s;
  }

  ServiceNowConnection connect(Map<String, Object> overrides, RateSignal rates) {
    return (ServiceNowConnection) new ServiceNowHelpdesk()
        .connect(ConnectorSettings.of("servicenow", settings(overrides)), new HelpdeskContext(null, rates));
  }

  ServiceNowConnection connect(Map<String, Object> overrides) {
    return connect(overrides, RateSignal.NONE);
  }

  ServiceNowConnection connect() {
    return connect(Map.of());
  }

  List<LoggedRequest> requests() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    Collections.reverse(events);
    return events.stream().map(ServeEvent::getRequest).toList();
  }

  /** "GET /api/now/table/…?…" for each request, oldest first, with the query decoded. */
  List<String> calls() {
    return requests().stream()
        .map(r -> r.getMethod().value() + " " + java.net.URLDecoder.decode(r.getUrl(), StandardCharsets.UTF_8)).toList();
  }

  static String error(String message, String detail) {
    return "{\"error\":{\"message\":\"" + message + "\",\"detail\":\"" + detail + "\"},\"status\":\"failure\"}";
  }

  @Override
  public void close() {
    server.stop();
  }
}
