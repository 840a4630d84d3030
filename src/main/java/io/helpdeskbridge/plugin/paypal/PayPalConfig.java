package io.helpdeskbridge.plugin.paypal;

import io.helpdeskbridge.spi.ConnectorSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One PayPal connector's settings, read once per call from {@code connectors/<id>.yaml}. The keys
 * and their meaning are declared in {@link PayPalSpec}; this only reads them, with the defaults
 * applied. {@link #toString()} never prints the client secret.
 */
record PayPalConfig(
    List<String> webhookIds,
    Verification verification,
    Duration tolerance,
    PayPalCertHosts certHosts,
    List<String> orderFrom,
    String clientId,
    String clientSecret,
    String apiBase,
    Duration timeout) {

  static final String WEBHOOK_ID = "webhook-id";
  static final String VERIFICATION = "verification";
  static final String TOLERANCE_SECONDS = "tolerance-seconds";
  static final String CERT_HOSTS = "cert-hosts";
  static final String ORDER_FROM = "order-from";
  static final String CLIENT_ID = "client-id";
  static final String CLIENT_SECRET = "client-secret";
  static final String API_BASE = "api-base";
  static final String TIMEOUT_MS = "timeout-ms";

  static final int DEFAULT_TOLERANCE_SECONDS = 300;
  static final String DEFAULT_CERT_HOSTS = ".paypal.com";
  static final List<String> DEFAULT_ORDER_FROM = List.of(PayPalNormalizer.INVOICE_ID, PayPalNormalizer.CUSTOM_ID);
  static final String DEFAULT_API_BASE = "https://api-m.paypal.com";
  static final int DEFAULT_TIMEOUT_MS = 5000;

  /** Who checks the signature: the bridge with PayPal's certificate, or PayPal's own API. */
  enum Verification {
    CERTIFICATE,
    API;

    static Verification parse(String value, String file) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "certificate" -> CERTIFICATE;
        case "api" -> API;
        default -> throw new IllegalStateException(file + ": '" + VERIFICATION
            + "' must be certificate or api, not '" + value.replaceAll("[^\\x20-\\x7E]", "?") + "'");
      };
    }
  }

  static PayPalConfig of(ConnectorSettings s) {
    return new PayPalConfig(
        s.list(WEBHOOK_ID).stream().filter(id -> !id.isBlank()).toList(),
        Verification.parse(s.string(VERIFICATION, "certificate"), s.file()),
        Duration.ofSeconds(s.integer(TOLERANCE_SECONDS, DEFAULT_TOLERANCE_SECONDS)),
        PayPalCertHosts.parse(s.has(CERT_HOSTS) ? s.list(CERT_HOSTS) : List.of(DEFAULT_CERT_HOSTS)),
        orderFrom(s),
        s.string(CLIENT_ID, null),
        s.string(CLIENT_SECRET, null),
        s.string(API_BASE, DEFAULT_API_BASE).replaceAll("/+$", ""),
        Duration.ofMillis(s.integer(TIMEOUT_MS, DEFAULT_TIMEOUT_MS)));
  }

  /**
   * Just the order-from choice, for normalizing, which must not fail on the verification settings;
   * names other than {@code invoice_id} and {@code custom_id} are dropped.
   */
  static List<String> orderFrom(ConnectorSettings s) {
    List<String> chosen = s.list(ORDER_FROM).stream()
        .map(f -> f.trim().toLowerCase(Locale.ROOT))
        .filter(f -> f.equals(PayPalNormalizer.INVOICE_ID) || f.equals(PayPalNormalizer.CUSTOM_ID))
        .distinct()
        .toList();
    return chosen.isEmpty() ? DEFAULT_ORDER_FROM : chosen;
  }

  @Override
  public String toString() {
    return "PayPalConfig[" + verification + ", " + webhookIds.size() + " webhook id(s), api " + apiBase + "]";
  }
}
