package io.helpdeskbridge.plugin.aftership;

import io.helpdeskbridge.intake.signature.Hmac;
import io.helpdeskbridge.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks and produces the {@code aftership-hmac-sha256} header of AfterShip Tracking webhooks, so
 * only deliveries signed with the account's webhook secret reach the inbox.
 *
 * <p>The value is the standard base64 (with padding) of HMAC-SHA256 over the raw request body,
 * keyed with the webhook secret's UTF-8 bytes as shown in the dashboard (Settings &gt; Webhooks);
 * nothing else is signed. There is no timestamp in the signature, so unlike Stripe there is no age
 * check: replays are caught by the inbox's dedupe on {@code event_id}. Other AfterShip products sign
 * the same way under other header names (Returns {@code as-signature-hmac-sha256}, Shipping {@code
 * am-webhook-signature}); they are not accepted here.
 *
 * <p>Several secrets may be configured while one is being rolled; any of them may match, and every
 * one is compared (constant time, no early exit). Rejection details name what was wrong, never a
 * secret or a computed signature.
 *
 * @see <a href="https://www.aftership.com/docs/tracking/webhook/webhook-signature">AfterShip:
 *     webhook signature</a>
 */
public final class AfterShipSignature {

  /** As AfterShip sends it; {@link io.helpdeskbridge.spi.WebhookRequest} looks it up in any case. */
  public static final String HEADER = "aftership-hmac-sha256";

  private AfterShipSignature() {}

  /**
   * Accepts the delivery or throws {@link WebhookRejected#badSignature}.
   *
   * @param header the {@code aftership-hmac-sha256} value, null when the request had none
   * @param body the raw request body
   * @param secrets the webhook secrets currently configured (at least one)
   */
  public static void verify(String header, byte[] body, List<String> secrets)
      throws WebhookRejected {
    if (secrets == null || secrets.isEmpty()) {
      throw new IllegalArgumentException("no AfterShip webhook secret is configured");
    }
    if (header == null || header.isBlank()) {
      throw WebhookRejected.badSignature("missing " + HEADER + " header");
    }
    // proxies may leave optional whitespace around a header value; the base64 itself has none
    String candidate = header.trim();
    if (!Hmac.anyMatches(secrets, secret -> sign(body, secret), List.of(candidate))) {
      throw WebhookRejected.badSignature("signature does not match the configured secret");
    }
  }

  /** The header value AfterShip would send for {@code body}: base64 of HMAC-SHA256. */
  public static String sign(byte[] body, String secret) {
    return Hmac.base64(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), body));
  }
}
