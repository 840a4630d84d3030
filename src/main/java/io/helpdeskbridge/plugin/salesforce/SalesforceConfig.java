package io.helpdeskbridge.plugin.salesforce;

import io.helpdeskbridge.spi.ConnectorSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The settings of one Salesforce connector ({@code connectors/salesforce.yaml}). Secrets (client
 * secret, password, refresh token, key store password) are kept here for the login only; {@code
 * toString} leaves them out.
 */
record SalesforceConfig(
    String connectorId,
    String file,
    String loginUrl,
    Auth auth,
    String clientId,
    String clientSecret,
    String username,
    String password,
    String refreshToken,
    String jwtKeystore,
    String jwtKeystorePassword,
    String jwtKeystoreType,
    String jwtAudience,
    String apiVersion,
    String orderField,
    String trackingField,
    String externalIdField,
    String tagsField,
    String tagsSeparator,
    boolean conditionalTagUpdate,
    String origin,
    Map<String, String> fields,
    Map<String, String> priorities,
    Map<String, String> statuses,
    Map<String, String> types,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration limitBackoff,
    String caseEventsChannel) {

  /** How the bridge logs in: the OAuth 2.0 flows camel-salesforce offers. */
  enum Auth {
    CLIENT_CREDENTIALS("client-credentials"),
    PASSWORD("password"),
    REFRESH_TOKEN("refresh-token"),
    JWT("jwt");

    final String setting;

    Auth(String setting) {
      this.setting = setting;
    }
  }

  /** API names of fields and objects: letters, digits and underscores (Order_Number__c). */
  private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final Pattern API_VERSION = Pattern.compile("\\d{2,3}\\.\\d");
  /** A Platform Event channel: {@code /event/Helpdesk_Case_Event__e}. */
  private static final Pattern EVENT_CHANNEL = Pattern.compile("/event/[A-Za-z][A-Za-z0-9_]*__e");

  /** Defaults for the mappings' priority values; Salesforce's default picklist is High|Medium|Low. */
  static final Map<String, String> DEFAULT_PRIORITIES = Map.of("low", "Low", "normal", "Medium", "high", "High", "urgent", "High");

  /**
   * Defaults for the mappings' status values against Salesforce's default picklist
   * New|Working|Escalated|Closed: waiting on the customer or a third party is still being worked.
   */
  static final Map<String, String> DEFAULT_STATUSES =
      Map.of("new", "New", "open", "Working", "pending", "Working", "hold", "Working", "solved", "Closed");

  static SalesforceConfig from(ConnectorSettings s) {
    String loginUrl = s.require("login-url").trim().replaceAll("/+$", "");
    if (!loginUrl.startsWith("http://") && !loginUrl.startsWith("https://")) {
      throw problem(s, "login-url must start with http:// or https://, got '" + loginUrl + "'");
    }
    String clientId = s.require("client-id");
    Auth auth = auth(s);
    switch (auth) {
      case CLIENT_CREDENTIALS -> s.require("client-secret");
      case PASSWORD -> {
        s.require("client-secret");
        s.require("username");
        s.require("password");
      }
      case REFRESH_TOKEN -> s.require("refresh-token");
      case JWT -> {
        s.require("jwt-keystore");
        s.require("jwt-keystore-password");
        s.require("username");
      }
    }
    String apiVersion = s.string("api-version", "62.0").trim().replaceFirst("^[vV]", "");
    if (!API_VERSION.matcher(apiVersion).matches()) {
      throw problem(s, "api-version must look like 62.0, got '" + apiVersion + "'");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    s.map("fields").forEach((logical, api) -> {
      if (api != null && !api.isBlank()) fields.put(logical, apiName(s, "fields." + logical, api));
    });
    String separator = s.string("tags-separator", ";");
    return new SalesforceConfig(
        s.id(), s.file(), loginUrl, auth, clientId,
        blankToNull(s.string("client-secret", null)),
        blankToNull(s.string("username", null)),
        blankToNull(s.string("password", null)),
        blankToNull(s.string("refresh-token", null)),
        blankToNull(s.string("jwt-keystore", null)),
        blankToNull(s.string("jwt-keystore-password", null)),
        blankToNull(s.string("jwt-keystore-type", null)),
        blankToNull(s.string("jwt-audience", null)),
        apiVersion,
        apiName(s, "order-field", s.string("order-field", "Order_Number__c")),
        optionalApiName(s, "tracking-field"),
        apiName(s, "external-id-field", s.string("external-id-field", "Bridge_Key__c")),
        optionalApiName(s, "tags-field"),
        separator,
        !"false".equalsIgnoreCase(s.string("tags-conditional-update", "true").trim()),
        s.string("origin", "Web"),
        Map.copyOf(fields),
        merged(DEFAULT_PRIORITIES, s.map("priorities")),
        merged(DEFAULT_STATUSES, s.map("statuses")),
        merged(Map.of(), s.map("types")),
        Duration.ofMillis(s.integer("connect-timeout-ms", 5_000)),
        Duration.ofMillis(s.integer("request-timeout-ms", 30_000)),
        Duration.ofSeconds(s.integer("limit-backoff-s", 60)),
        caseEventsChannel(s));
  }

  /** {@code case-events-channel} as {@code /event/Name__e}; null when unset (no subscription). */
  private static String caseEventsChannel(ConnectorSettings s) {
    String raw = blankToNull(s.string(SalesforceCaseSource.CASE_EVENTS_CHANNEL, null));
    if (raw == null) return null;
    String channel = raw.trim().startsWith("/") ? raw.trim() : "/" + raw.trim();
    if (!EVENT_CHANNEL.matcher(channel).matches()) {
      throw problem(s, SalesforceCaseSource.CASE_EVENTS_CHANNEL + " must name a Platform Event channel such as "
          + "/event/Helpdesk_Case_Event__e, got '" + raw.trim() + "'");
    }
    return channel;
  }

  private static Auth auth(ConnectorSettings s) {
    String explicit = s.string("auth", null);
    if (explicit != null) {
      for (Auth a : Auth.values()) {
        if (a.setting.equalsIgnoreCase(explicit.trim())) return a;
      }
      throw problem(s, "auth must be one of client-credentials, password, refresh-token, jwt; got '" + explicit + "'");
    }
    // the strongest flow whose credentials are present
    if (s.has("jwt-keystore")) return Auth.JWT;
    if (s.has("refresh-token")) return Auth.REFRESH_TOKEN;
    if (s.has("password")) return Auth.PASSWORD;
    return Auth.CLIENT_CREDENTIALS;
  }

  /** Logical field → Salesforce API name; order_id, tracking_number and email have defaults. */
  String fieldFor(String logical) {
    String mapped = fields.get(logical);
    if (mapped != null) return mapped;
    return switch (logical) {
      case "order_id" -> orderField;
      case "tracking_number" -> trackingField;
      case "email" -> "SuppliedEmail";
      default -> null;
    };
  }

  /** The Case Priority for a mapping priority (low|normal|high|urgent), or null to leave it. */
  String priorityFor(String priority) {
    return priority == null ? null : blankToNull(priorities.get(priority.toLowerCase(Locale.ROOT)));
  }

  /** The Case Status for a mapping status (new|open|pending|hold|solved), or null to leave it. */
  String statusFor(String status) {
    return status == null ? null : blankToNull(statuses.get(status.toLowerCase(Locale.ROOT)));
  }

  /** The Case Type for a ticket type (question|incident|problem|task), or null: org default. */
  String typeFor(String type) {
    return type == null ? null : blankToNull(types.get(type.toLowerCase(Locale.ROOT)));
  }

  private static Map<String, String> merged(Map<String, String> defaults, Map<String, String> overrides) {
    Map<String, String> out = new LinkedHashMap<>(defaults);
    overrides.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v == null ? "" : v.trim()));
    return java.util.Collections.unmodifiableMap(out);
  }

  private static String optionalApiName(ConnectorSettings s, String key) {
    return s.has(key) ? apiName(s, key, s.string(key, null)) : null;
  }

  private static String apiName(ConnectorSettings s, String key, String value) {
    String v = value.trim();
    if (!API_NAME.matcher(v).matches()) {
      throw problem(s, key + " must be a Salesforce API name such as Order_Number__c, got '" + v + "'");
    }
    return v;
  }

  private static IllegalStateException problem(ConnectorSettings s, String message) {
    return new IllegalStateException(s.file() + ": connector '" + s.id() + "': " + message);
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v;
  }

  @Override
  public String toString() {
    // no secrets: client secret, password, refresh token and key store password stay out
    return "SalesforceConfig[" + connectorId + " " + loginUrl + " " + auth.setting
        + (username == null ? "" : " as " + username) + " API v" + apiVersion
        + (caseEventsChannel == null ? "" : " events " + caseEventsChannel) + "]";
  }
}
