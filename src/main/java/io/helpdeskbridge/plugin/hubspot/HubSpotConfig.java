package io.helpdeskbridge.plugin.hubspot;

import io.helpdeskbridge.spi.ConnectorSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of one HubSpot connector. {@code toString} leaves the token out.
 *
 * <ul>
 *   <li>{@code access-token}: a private app's token (scope {@code tickets}),
 *       sent as {@code Authorization: Bearer};
 *   <li>{@code api-base}: {@code https://api.hubapi.com} (tests point it at a stand-in);
 *   <li>{@code fields}: logical field ({@code order_id}, {@code external_id}, {@code
 *       tracking_number}, {@code order_status}, {@code shipment_status}, {@code bridge_key}) →
 *       the ticket property's internal name ({@code order_number}); blank = not written, not searched;
 *   <li>{@code stages}: logical status → pipeline stage id ({@code hs_pipeline_stage}); without an
 *       entry a status change is ignored (one WARN);
 *   <li>{@code tags-property}: a multiple-checkboxes or text ticket property that holds the
 *       mapping's tags, {@code ;}-separated; blank = tags ignored (one WARN);
 *   <li>{@code pipeline} ("0") and {@code new-stage} ("1"): where created tickets start;
 *   <li>{@code rate-limit-delay-seconds} (10): the wait after a 429 that names none;
 *   <li>{@code connect-timeout-ms} (5000), {@code request-timeout-ms} (30000).
 * </ul>
 */
record HubSpotConfig(
    String connectorId, String apiBase, String token, Map<String, String> fields, Map<String, String> stages,
    String tagsProperty, String pipeline, String newStage, Duration rateLimitDelay, Duration connectTimeout,
    Duration requestTimeout) {

  static final String BRIDGE_KEY = "bridge_key";

  /**
   * Logical priority → {@code hs_ticket_priority}. HubSpot's default options are LOW, MEDIUM and
   * HIGH: urgent becomes HIGH.
   */
  static final Map<String, String> PRIORITIES = Map.of("low", "LOW", "normal", "MEDIUM", "high", "HIGH", "urgent", "HIGH");

  static HubSpotConfig from(ConnectorSettings s) {
    String base = s.string("api-base", "https://api.hubapi.com").trim().replaceAll("/+$", "");
    if (!base.startsWith("http://") && !base.startsWith("https://")) {
      throw new IllegalStateException(s.file() + ": hubspot api-base must start with http:// or https://, got '" + base + "'");
    }
    Map<String, String> stages = new LinkedHashMap<>();
    s.map("stages").forEach((k, v) -> {
      if (v != null && !v.isBlank()) stages.put(k.toLowerCase(Locale.ROOT), v.trim());
    });
    String tags = s.string("tags-property", null);
    return new HubSpotConfig(s.id(), base, s.require("access-token").trim(), s.map("fields"), stages,
        tags == null || tags.isBlank() ? null : tags.trim(), s.string("pipeline", "0").trim(),
        s.string("new-stage", "1").trim(), Duration.ofSeconds(s.integer("rate-limit-delay-seconds", 10)),
        Duration.ofMillis(s.integer("connect-timeout-ms", 5_000)), Duration.ofMillis(s.integer("request-timeout-ms", 30_000)));
  }

  /** The ticket property of a logical field, or null when unmapped. */
  String field(String logical) {
    String v = fields.get(logical);
    return v == null || v.isBlank() ? null : v.trim();
  }

  String stage(String logical) {
    return logical == null ? null : stages.get(logical.toLowerCase(Locale.ROOT));
  }

  static String priority(String logical) {
    return logical == null ? null : PRIORITIES.get(logical.toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return "HubSpotConfig[" + connectorId + " " + apiBase + "]";
  }
}
