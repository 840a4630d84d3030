package io.helpdeskbridge.plugin.freshdesk;

import io.helpdeskbridge.spi.ConnectorSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of one Freshdesk connector. {@code toString} leaves the API key out.
 *
 * <ul>
 *   <li>{@code url}: {@code https://acme.freshdesk.com}, any http(s) base URL, with or without
 *       {@code /api/v2};
 *   <li>{@code api-key}: the agent's API key (Profile settings → View API key), sent as HTTP Basic
 *       user name with the password {@code X};
 *   <li>{@code fields}: logical field ({@code order_id}, {@code tracking_number}, {@code
 *       order_status}, {@code shipment_status}, and {@code bridge_key}) → the custom field's API
 *       name as {@code GET /api/v2/ticket_fields} lists it ({@code cf_order_number}); blank = not
 *       written and not searched;
 *   <li>{@code default-requester}: the requester email of created tickets when the event has none;
 *   <li>{@code types}: logical ticket type (question, incident, problem, task) → the account's
 *       Freshdesk ticket type; unmapped types are left out (ticket types are per account);
 *   <li>{@code statuses}: overrides of the logical status → Freshdesk status code table (defaults:
 *       new 2, open 2, pending 3, hold 3, solved 4);
 *   <li>{@code connect-timeout-ms} (5000), {@code request-timeout-ms} (30000).
 * </ul>
 */
record FreshdeskConfig(
    String connectorId, String url, String apiKey, Map<String, String> fields, String defaultRequester,
    Map<String, String> types, Map<String, Integer> statuses, Duration connectTimeout, Duration requestTimeout) {

  /** The logical field whose custom field carries the create's idempotency key (optional). */
  static final String BRIDGE_KEY = "bridge_key";

  /**
   * Logical status → Freshdesk status code (2 Open, 3 Pending, 4 Resolved, 5 Closed). Freshdesk has
   * no "new" (a new ticket is Open) and no built-in "on hold": hold means waiting on someone else,
   * which is Pending; accounts with a custom status for it override it in {@code statuses}.
   */
  static final Map<String, Integer> DEFAULT_STATUSES = Map.of("new", 2, "open", 2, "pending", 3, "hold", 3, "solved", 4);

  /** Logical priority → Freshdesk priority code (1 Low, 2 Medium, 3 High, 4 Urgent). */
  static final Map<String, Integer> PRIORITIES = Map.of("low", 1, "normal", 2, "high", 3, "urgent", 4);

  static FreshdeskConfig from(ConnectorSettings s) {
    String url = s.require("url").trim().replaceAll("/+$", "");
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalStateException(s.file() + ": freshdesk url must start with http:// or https://, got '" + url + "'");
    }
    // accept both https://acme.freshdesk.com and https://acme.freshdesk.com/api/v2
    url = url.replaceAll("/api/v2$", "").replaceAll("/+$", "");
    Map<String, Integer> statuses = new LinkedHashMap<>(DEFAULT_STATUSES);
    s.map("statuses").forEach((logical, code) -> {
      if (code == null || code.isBlank()) return;
      try {
        statuses.put(logical.toLowerCase(Locale.ROOT), Integer.parseInt(code.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalStateException(s.file() + ": freshdesk statuses." + logical + " must be a numeric Freshdesk status code, got '" + code + "'");
      }
    });
    String requester = s.string("default-requester", null);
    return new FreshdeskConfig(s.id(), url, s.require("api-key"), s.map("fields"), requester == null ? null : requester.trim(),
        s.map("types"), statuses, Duration.ofMillis(s.integer("connect-timeout-ms", 5_000)),
        Duration.ofMillis(s.integer("request-timeout-ms", 30_000)));
  }

  String apiBase() {
    return url + "/api/v2";
  }

  /** The custom field name ({@code cf_order_number}) of a logical field, or null when unmapped. */
  String field(String logical) {
    String v = fields.get(logical);
    return v == null || v.isBlank() ? null : v.trim();
  }

  /**
   * The name a custom field has in the ticket search query language: the field name without its
   * {@code cf_} prefix ({@code cf_order_number} is searched as {@code order_number}).
   */
  static String searchName(String field) {
    return field.startsWith("cf_") ? field.substring(3) : field;
  }

  /** The Freshdesk ticket type for a logical type, or null to leave the type out. */
  String type(String logical) {
    if (logical == null) return null;
    String v = types.get(logical.toLowerCase(Locale.ROOT));
    return v == null || v.isBlank() ? null : v.trim();
  }

  /** The status code for a logical status, or null when the desk has none for it. */
  Integer status(String logical) {
    return logical == null ? null : statuses.get(logical.toLowerCase(Locale.ROOT));
  }

  static Integer priority(String logical) {
    return logical == null ? null : PRIORITIES.get(logical.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "FreshdeskConfig[" + connectorId + " " + url + "]";
  }
}
