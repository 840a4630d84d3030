package io.helpdeskbridge.plugin.stripe;

import io.helpdeskbridge.intake.signature.Hmac;
import io.helpdeskbridge.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks and produces the {@code Stripe-Signature} header the way Stripe's own Java SDK does
 * ({@code com.stripe.net.Webhook.Signature}), so a delivery the SDK accepts is accepted here and
 * one it refuses is refused here.
 *
 * <p>The header is {@code t=<unix seconds>,v1=<hex>[,v1=<hex>...]}: items split on {@code ,},
 * each item on its first {@code =}, nothing trimmed. The signed bytes are the decimal timestamp, a
 * {@code .} and the raw body exactly as received; the MAC is HMAC-SHA256 keyed with the whole
 * {@code whsec_...} string, in lower-case hex. Stripe sends several {@code v1} items while a
 * secret is being rolled, and we may hold several secrets for the same reason, so any secret
 * matching any {@code v1} item passes. Other schemes ({@code v0}) are ignored.
 *
 * <p>Only old timestamps are refused ({@code t < now - tolerance}): a clock running behind
 * Stripe's must not drop genuine deliveries, and replay protection only needs the lower bound. A
 * tolerance of zero or less switches the age check off, as in the SDK.
 *
 * <p>Rejection details name what was wrong, never a secret or a computed signature.
 *
 * @see <a href="https://docs.stripe.com/webhooks#verify-manually">Stripe: verify signatures
 *     manually</a>
 */
public final class StripeSignature {

  public static final String HEADER = "Stripe-Signature";
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);
  private static final String SCHEME = "v1";

  private StripeSignature() {}

  /**
   * Accepts the delivery or throws {@link WebhookRejected#badSignature}.
   *
   * @param header the {@code Stripe-Signature} value, null when the request had none
   * @param body the raw request body
   * @param secrets the endpoint secrets currently configured (at least one)
   * @param tolerance the maximum age of the timestamp, in whole seconds; null or {@code <= 0}
   *     disables the age check
   * @param now the current time
   */
  public static void verify(
      String header, byte[] body, List<String> secrets, Duration tolerance, Instant now)
      throws WebhookRejected {
    if (secrets == null || secrets.isEmpty()) {
      throw new IllegalArgumentException("no Stripe webhook secret is configured");
    }
    if (header == null || header.isBlank()) {
      throw WebhookRejected.badSignature("missing " + HEADER + " header");
    }
    Parsed parsed = parse(header);
    if (parsed.timestamp <= 0) {
      throw WebhookRejected.badSignature(
          "Unable to extract timestamp from the " + HEADER + " header");
    }
    if (parsed.signatures.isEmpty()) {
      throw WebhookRejected.badSignature("No signatures found with expected scheme " + SCHEME);
    }
    if (!matchesAny(parsed, body, secrets)) {
      throw WebhookRejected.badSignature("no signature matches the configured secret");
    }
    // same order as the SDK: the age is only looked at once the signature is known to be genuine
    long toleranceSeconds = tolerance == null ? 0 : tolerance.getSeconds();
    if (toleranceSeconds > 0 && parsed.timestamp < now.getEpochSecond() - toleranceSeconds) {
      throw WebhookRejected.badSignature(
          "timestamp outside the tolerance (" + toleranceSeconds + " s)");
    }
  }

  /** The header Stripe would send for {@code body} at {@code unixSeconds}: {@code t=..,v1=..}. */
  public static String sign(byte[] body, String secret, long unixSeconds) {
    return "t=" + unixSeconds + "," + SCHEME + "=" + compute(unixSeconds, body, secret);
  }

  private static boolean matchesAny(Parsed parsed, byte[] body, List<String> secrets) {
    return Hmac.anyMatches(secrets, secret -> compute(parsed.timestamp, body, secret), parsed.signatures);
  }

  private static String compute(long timestamp, byte[] body, String secret) {
    byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
    byte[] signed = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, signed, 0, prefix.length);
    System.arraycopy(body, 0, signed, prefix.length, body.length);
    return Hmac.hex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), signed));
  }

  /** The SDK's parsing: the first {@code t} item wins, every {@code v1} item is kept. */
  private static Parsed parse(String header) {
    long timestamp = -1;
    boolean timestampSeen = false;
    List<String> signatures = new ArrayList<>();
    for (String item : header.split(",", -1)) {
      int eq = item.indexOf('=');
      if (eq < 0) {
        continue; // the SDK would fail on such an item; skipping it is the safe equivalent
      }
      String key = item.substring(0, eq);
      String value = item.substring(eq + 1);
      if (key.equals("t") && !timestampSeen) {
        timestampSeen = true;
        timestamp = parseTimestamp(value);
      } else if (key.equals(SCHEME)) {
        signatures.add(value);
      }
    }
    return new Parsed(timestamp, signatures);
  }

  private static long parseTimestamp(String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException notANumber) {
      return -1;
    }
  }

  private record Parsed(long timestamp, List<String> signatures) {}
}
