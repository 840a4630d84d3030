package io.helpdeskbridge.plugin.zendesk;

import io.helpdeskbridge.intake.signature.Hmac;
import io.helpdeskbridge.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Checks and produces the signature Zendesk puts on every webhook request, so only deliveries
 * signed with the webhook's signing secret reach the inbox.
 *
 * <p>{@code X-Zendesk-Webhook-Signature} is the standard base64 (with padding) of HMAC-SHA256,
 * keyed with the signing secret's UTF-8 bytes, over the {@code X-Zendesk-Webhook-Signature-Timestamp}
 * header value exactly as sent followed directly by the raw body (no separator; the body may be
 * empty). The timestamp is ISO-8601 ({@code 2021-03-25T05:09:27Z}); it is only parsed for the age
 * check, never re-formatted for the MAC.
 *
 * <p>Only old timestamps are refused ({@code timestamp < now - tolerance}), as for Stripe: a clock
 * running behind Zendesk's must not drop genuine deliveries, and replay protection only needs the
 * lower bound. A tolerance of zero or less switches the age check off. The age is looked at only
 * once the signature is known to be genuine.
 *
 * <p>Several secrets may be configured while one is being rolled (and a ticket-trigger webhook and
 * an event-subscription webhook have different secrets); any of them may match, and every one is
 * compared in constant time with no early exit. Rejections are {@code 400}, as for every other source, and name the header
 * that was wrong, never a secret or a computed signature.
 *
 * @see <a href="https://developer.zendesk.com/documentation/webhooks/verifying/">Zendesk:
 *     verifying webhook authenticity</a>
 */
public final class ZendeskWebhookSignature {

  public static final String HEADER = "X-Zendesk-Webhook-Signature";
  public static final String TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp";
  public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);

  static final String TITLE = "Invalid signature";

  private ZendeskWebhookSignature() {}

  /**
   * Accepts the delivery or throws a {@code 400} {@link WebhookRejected}.
   *
   * @param signature the {@code X-Zendesk-Webhook-Signature} value, null when the request had none
   * @param timestamp the {@code X-Zendesk-Webhook-Signature-Timestamp} value, null when absent
   * @param body the raw request body
   * @param secrets the signing secrets currently configured (at least one)
   * @param tolerance the maximum age of the timestamp; null or {@code <= 0} disables the check
   * @param now the current time
   */
  public static void verify(
      String signature,
      String timestamp,
      byte[] body,
      List<String> secrets,
      Duration tolerance,
      Instant now)
      throws WebhookRejected {
    if (secrets == null || secrets.isEmpty()) {
      throw new IllegalArgumentException("no Zendesk webhook secret is configured");
    }
    if (signature == null || signature.isBlank()) {
      throw rejected("missing " + HEADER + " header");
    }
    if (timestamp == null || timestamp.isEmpty()) {
      throw rejected("missing " + TIMESTAMP_HEADER + " header");
    }
    // proxies may leave optional whitespace around a header value; the base64 itself has none
    String candidate = signature.trim();
    byte[] data = body == null ? new byte[0] : body;
    if (!Hmac.anyMatches(secrets, secret -> sign(timestamp, data, secret), List.of(candidate))) {
      throw rejected(HEADER + " does not match the configured secret");
    }
    long toleranceSeconds = tolerance == null ? 0 : tolerance.getSeconds();
    if (toleranceSeconds <= 0) {
      return;
    }
    Instant signedAt = parse(timestamp);
    if (signedAt == null) {
      throw rejected(TIMESTAMP_HEADER + " is not an ISO-8601 date-time");
    }
    if (signedAt.isBefore(now.minusSeconds(toleranceSeconds))) {
      throw rejected(TIMESTAMP_HEADER + " is outside the tolerance (" + toleranceSeconds + " s)");
    }
  }

  /** The {@code X-Zendesk-Webhook-Signature} value Zendesk would send for this timestamp and body. */
  public static String sign(String timestamp, byte[] body, String secret) {
    byte[] prefix = timestamp.getBytes(StandardCharsets.UTF_8);
    byte[] signed = new byte[prefix.length + body.length];
    System.arraycopy(prefix, 0, signed, 0, prefix.length);
    System.arraycopy(body, 0, signed, prefix.length, body.length);
    return Hmac.base64(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), signed));
  }

  /** An ISO-8601 date-time with offset ({@code Z} or {@code +01:00}, seconds optional), or null. */
  static Instant parse(String timestamp) {
    try {
      return OffsetDateTime.parse(timestamp.trim()).toInstant();
    } catch (DateTimeParseException notIso) {
      return null;
    }
  }

  private static WebhookRejected rejected(String detail) {
    return WebhookRejected.badSignature(detail);
  }
}
