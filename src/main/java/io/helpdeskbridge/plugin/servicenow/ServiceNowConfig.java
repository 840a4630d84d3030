package io.helpdeskbridge.plugin.servicenow;

import io.helpdeskbridge.spi.ConnectorSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of one ServiceNow connector. {@code toString} leaves the credentials out.
 *
 * <ul>
 *   <li>{@code url}: the instance, {@code https://acme.service-now.com};
 *   <li>{@code table}: {@code sn_customerservice_case} (default) or {@code incident}, or any task table;
 *   <li>{@code username}/{@code password} (HTTP Basic) or {@code oauth-token} (Bearer; wins when set);
 *   <li>{@code fields}: logical field ({@code order_id}, {@code tracking_number}, {@code order_status},
 *       {@code shipment_status}, {@code external_id}) → the column name ({@code u_order_number},
 *       {@code correlation_id}); blank = not written and not searched. The {@code external_id} column
 *       also stores a created record's idempotency key;
 *   <li>{@code states}: logical status → {@code state} value; unmapped statuses are ignored;
 *   <li>{@code tags-field}: a comma-separated text column standing in for tags; blank = tags ignored;
 *   <li>{@code parent-field}: the column that links a record to its problem record ({@code parent});
 *       blank = type and problem link ignored;
 *   <li>{@code connect-timeout-ms} (5000), {@code request-timeout-ms} (30000).
 * </ul>
 */
record ServiceNowConfig(
    String connectorId, String url, String table, String username, String password, String oauthToken,
    Map<String, String> fields, Map<String, String> states, String tagsField, String parentField,
    Duration connectTimeout, Duration requestTimeout) {

  /**
   * Logical priority → ServiceNow {@code priority} (1 Critical, 2 High, 3 Moderate, 4 Low). On
   * incidents priority is normally computed from impact and urgency by a data lookup rule; the
   * written value then may be recomputed by the instance.
   */
  static final Map<String, String> PRIORITIES = Map.of("urgent", "1", "high", "2", "normal", "3", "low", "4");

  static ServiceNowConfig from(ConnectorSettings s) {
    String url = s.require("url").trim().replaceAll("/+$", "");
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalStateException(s.file() + ": servicenow url must start with http:// or https://, got '" + url + "'");
    }
    String table = s.string("table", "sn_customerservice_case").trim();
    if (!table.matches("[A-Za-z0-9_]+")) {
      throw new IllegalStateException(s.file() + ": servicenow table must be a table name, got '" + table + "'");
    }
    String token = blankToNull(s.string("oauth-token", null));
    String user = blankToNull(s.string("username", null));
    String password = s.string("password", null);
    if (token == null && (user == null || password == null)) {
      throw new IllegalStateException(s.file() + ": connector '" + s.id() + "' needs 'username' and 'password', or 'oauth-token'");
    }
    Map<String, String> states = new LinkedHashMap<>();
    s.map("states").forEach((k, v) -> {
      if (v != null && !v.isBlank()) states.put(k.toLowerCase(Locale.ROOT), v.trim());
    });
    return new ServiceNowConfig(s.id(), url, table, user, password, token, s.map("fields"), states,
        blankToNull(s.string("tags-field", null)), blankToNull(s.string("parent-field", null)),
        Duration.ofMillis(s.integer("connect-timeout-ms", 5_000)), Duration.ofMillis(s.integer("request-timeout-ms", 30_000)));
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** The column of a logical field, or null when unmapped. */
  String field(String logical) {
    return blankToNull(fields.get(logical));
  }

  String state(String logical) {
    return logical == null ? null : states.get(logical.toLowerCase(Locale.ROOT));
  }

  static String priority(String logical) {
    return logical == null ? null : PRIORITIES.get(logical.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "ServiceNowConfig[" + connectorId + " " + url + " " + table + "]";
  }
}
