package io.helpdeskbridge.plugin.shopify;

import io.helpdeskbridge.intake.signature.Hmac;
import io.helpdeskbridge.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Checks and produces Shopify's {@code X-Shopify-Hmac-Sha256} header the way Shopify's own app
 * library does ({@code shopify-app-js}, {@code lib/utils/hmac-validator.ts}), so a delivery it
 * accepts is accepted here.
 *
 * <p>The value is standard, padded base64 of HMAC-SHA256 over the raw request body, keyed with the
 * secret's UTF-8 bytes as given (an app's client secret, or the key shown in the store admin for
 * webhooks created there). There is no timestamp in the scheme, so nothing here limits age;
 * duplicates are caught by the inbox on the webhook id. Several secrets may be held while one is
 * being rotated (Shopify may keep signing with the old one for up to an hour): any one matching
 * passes, and every one is compared, in constant time.
 *
 * <p>Rejection details say what was wrong, never a secret or a computed signature.
 *
 * @see <a href="https://shopify.dev/docs/apps/build/webhooks/verify-deliveries">Shopify: verify
 *     webhook deliveries</a>
 */
public final class ShopifySignature {

  public static final String HEADER = ShopifyHeaders.HMAC;
  /** The same signature under the name the Events product uses. */
  public static final String EVENTS_HEADER = ShopifyHeaders.EVENTS_HMAC;

  private ShopifySignature() {}

  /**
   * Accepts the delivery or throws {@link WebhookRejected#badSignature}.
   *
   * @param header the signature header's value, null when the request had none
   * @param body the raw request body
   * @param secrets the secrets that may have signed it (at least one)
   * @param whose words naming those secrets for the rejection message, e.g. {@code the
   *     webhook-secret}
   */
  public static void verify(String header, byte[] body, List<String> secrets, String whose)
      throws WebhookRejected {
    if (secrets == null || secrets.isEmpty()) {
      throw new IllegalArgumentException("no Shopify webhook secret is configured");
    }
    if (header == null || header.isBlank()) {
      throw WebhookRejected.badSignature("missing " + HEADER + " header");
    }
    if (!Hmac.anyMatches(secrets, secret -> sign(body, secret), List.of(header))) {
      throw WebhookRejected.badSignature(HEADER + " does not match the body for " + whose);
    }
  }

  /** The header value Shopify would send for {@code body} signed with {@code secret}. */
  public static String sign(byte[] body, String secret) {
    return Hmac.base64(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), body));
  }
}
