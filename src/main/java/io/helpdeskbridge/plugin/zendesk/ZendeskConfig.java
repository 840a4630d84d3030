package io.helpdeskbridge.plugin.zendesk;

import io.helpdeskbridge.spi.ConnectorSettings;
import java.time.Duration;
import java.util.Map;

/** The settings of one Zendesk connector. {@code toString} leaves the token out. */
record ZendeskConfig(
    String connectorId, String url, String email, String apiToken, Map<String, String> fieldIds,
    Duration connectTimeout, Duration requestTimeout) {

  static ZendeskConfig from(ConnectorSettings s) {
    String url = s.require("url").replaceAll("/+$", "");
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new IllegalStateException(s.file() + ": zendesk url must start with http:// or https://, got '" + url + "'");
    }
    // accept both https://acme.zendesk.com and https://acme.zendesk.com/api/v2
    if (!url.endsWith("/api/v2")) url = url + "/api/v2";
    return new ZendeskConfig(s.id(), url, s.require("email"), s.require("api-token"), s.map("fields"),
        Duration.ofMillis(s.integer("connect-timeout-ms", 5_000)), Duration.ofMillis(s.integer("request-timeout-ms", 30_000)));
  }

  /** The numeric custom field id for a logical field, or null when this desk does not map it. */
  Long fieldId(String logical) {
    String v = fieldIds.get(logical);
    if (v == null || v.isBlank()) return null;
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("zendesk field '" + logical + "' must be a numeric custom field id, got '" + v + "'");
    }
  }

  @Override
  public String toString() {
    return "ZendeskConfig[" + connectorId + " " + url + " as " + email + "]";
  }
}
