package io.helpdeskbridge.plugin.hubspot;

import io.helpdeskbridge.intake.signature.Hmac;
import io.helpdeskbridge.spi.WebhookRejected;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HubSpot's v3 request signature, as its "Validating requests" page and its SDKs ({@code
 * hubspot-api-python} {@code Signature}, {@code @hubspot/api-client} {@code Signature.isValid})
 * compute it: {@code X-HubSpot-Signature-v3} is the base64 HMAC-SHA256, keyed with the app's client
 * secret, of the UTF-8 string {@code method + URI + body + timestamp}, where the timestamp is the
 * {@code X-HubSpot-Request-Timestamp} header exactly as sent (Unix milliseconds). Requests whose
 * timestamp is older than five minutes are refused; a timestamp ahead of our clock is not, as in
 * both SDKs, so a slow clock here never drops genuine deliveries.
 *
 * <p>The URI is the one HubSpot called, which behind a proxy is not the one the bridge sees: it
 * comes from the connector's {@code webhook-url} setting, the target URL configured in the app.
 * Before signing, the percent-escapes HubSpot's page lists are decoded ({@code %3A} → {@code :},
 * {@code %2F} → {@code /}, {@code %3F} → {@code ?}, {@code %40}, {@code %21}, {@code %24}, {@code
 * %27}, {@code %28}, {@code %29}, {@code %2A}, {@code %2C}, {@code %3B}); no other escape is touched.
 *
 * <p>Rejection details name what was wrong, never a secret or a computed signature.
 *
 * @see <a href="https://developers.hubspot.com/docs/apps/legacy-apps/authentication/validating-requests">HubSpot:
 *     validating requests</a>
 */
final class HubSpotWebhookSignature {
  static final String HEADER = "X-HubSpot-Signature-v3";
  static final String TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp";
  static final String METHOD = "POST";
  static final Duration MAX_AGE = Duration.ofMinutes(5);

  /** HubSpot's table of escapes to decode; case-insensitive, as hex digits are. */
  private static final Map<String, String> DECODED = Map.ofEntries(
      Map.entry("3A", ":"), Map.entry("2F", "/"), Map.entry("3F", "?"), Map.entry("40", "@"), Map.entry("21", "!"),
      Map.entry("24", "$"), Map.entry("27", "'"), Map.entry("28", "("), Map.entry("29", ")"), Map.entry("2A", "*"),
      Map.entry("2C", ","), Map.entry("3B", ";"));
  private static final Pattern ESCAPE = Pattern.compile("%([0-9A-Fa-f]{2})");

  private HubSpotWebhookSignature() {}

  /**
   * Accepts the delivery or throws {@link WebhookRejected#badSignature}.
   *
   * @param signature the {@code X-HubSpot-Signature-v3} value, null when absent
   * @param timestamp the {@code X-HubSpot-Request-Timestamp} value, null when absent
   * @param url the public URL HubSpot posts to ({@code webhook-url})
   * @param secrets the app's client secrets (one, or two while it is being rotated)
   */
  static void verify(String signature, String timestamp, String url, byte[] body, List<String> secrets, Instant now)
      throws WebhookRejected {
    if (secrets == null || secrets.isEmpty()) throw new IllegalArgumentException("no HubSpot client secret is configured");
    if (signature == null || signature.isBlank()) throw WebhookRejected.badSignature("missing " + HEADER + " header");
    if (timestamp == null || timestamp.isBlank()) throw WebhookRejected.badSignature("missing " + TIMESTAMP_HEADER + " header");
    long millis;
    try {
      millis = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      throw WebhookRejected.badSignature(TIMESTAMP_HEADER + " is not a number of milliseconds");
    }
    if (now.toEpochMilli() - millis > MAX_AGE.toMillis()) {
      throw WebhookRejected.badSignature(TIMESTAMP_HEADER + " is older than " + MAX_AGE.toMinutes() + " minutes");
    }
    String uri = decodeUri(url);
    if (!Hmac.anyMatches(secrets, secret -> sign(METHOD, uri, body, timestamp, secret), List.of(signature.trim()))) {
      throw WebhookRejected.badSignature("the " + HEADER + " signature does not match (check webhook-url: it must be the"
          + " target URL set in the HubSpot app, as HubSpot calls it)");
    }
  }

  /** The {@code X-HubSpot-Signature-v3} value HubSpot would send: base64 HMAC-SHA256 of method + URI + body + timestamp. */
  static String sign(String method, String uri, byte[] body, String timestamp, String secret) {
    ByteArrayOutputStream signed = new ByteArrayOutputStream(body.length + 256);
    signed.writeBytes((method + uri).getBytes(StandardCharsets.UTF_8));
    signed.writeBytes(body);
    signed.writeBytes(timestamp.getBytes(StandardCharsets.UTF_8));
    return Hmac.base64(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), signed.toByteArray()));
  }

  /** The URI as HubSpot signs it: only the escapes of its table decoded. */
  static String decodeUri(String uri) {
    Matcher m = ESCAPE.matcher(uri);
    StringBuilder out = new StringBuilder(uri.length());
    while (m.find()) {
      String decoded = DECODED.get(m.group(1).toUpperCase(java.util.Locale.ROOT));
      m.appendReplacement(out, Matcher.quoteReplacement(decoded != null ? decoded : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }
}
