package io.helpdeskbridge.plugin.easypost;

import io.helpdeskbridge.intake.signature.Hmac;
import io.helpdeskbridge.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;

/**
 * Checks and produces EasyPost's {@code X-Hmac-Signature} header the way EasyPost's own Java SDK
 * does ({@code com.easypost.utils.Utilities#validateWebhook}), so a delivery the SDK accepts is
 * accepted here and one it refuses is refused here.
 *
 * <p>The header is {@code hmac-sha256-hex=} followed by the lower-case hex HMAC-SHA256 of the raw
 * body. The key is the webhook secret after Unicode NFKD normalisation, as UTF-8 bytes: EasyPost
 * normalises the secret it was given, so a secret typed with a ligature ({@code ﬁ}) or a composed
 * accent ({@code é}) signs exactly like its decomposed form. The whole header is compared with the
 * expected one in constant time, nothing trimmed or case-folded, as the SDK does. EasyPost only
 * sends the header when the webhook was created or updated with a {@code webhook_secret}; a
 * delivery without it is refused.
 *
 * <p>Several secrets may be configured while one is being replaced; any of them may match. The
 * rejection details name what was wrong, never a secret or a computed signature.
 *
 * @see <a href="https://docs.easypost.com/guides/webhooks-guide#hmac-validation">EasyPost: HMAC
 *     validation of webhooks</a>
 */
public final class EasyPostSignature {

  public static final String HEADER = "X-Hmac-Signature";
  static final String PREFIX = "hmac-sha256-hex=";

  private EasyPostSignature() {}

  /**
   * Accepts the delivery or throws {@link WebhookRejected#badSignature}.
   *
   * @param header the {@code X-Hmac-Signature} value, null when the request had none
   * @param body the raw request body
   * @param secrets the webhook secrets currently configured (at least one)
   */
  public static void verify(String header, byte[] body, List<String> secrets)
      throws WebhookRejected {
    if (secrets == null || secrets.isEmpty()) {
      throw new IllegalArgumentException("no EasyPost webhook secret is configured");
    }
    if (header == null || header.isBlank()) {
      throw WebhookRejected.badSignature("missing " + HEADER + " header");
    }
    if (!header.startsWith(PREFIX)) {
      throw WebhookRejected.badSignature(HEADER + " header does not start with " + PREFIX);
    }
    if (!Hmac.anyMatches(secrets, secret -> sign(body, secret), List.of(header))) {
      throw WebhookRejected.badSignature("signature does not match the configured secret");
    }
  }

  /** The header value EasyPost would send for {@code body}: {@code hmac-sha256-hex=<hex>}. */
  public static String sign(byte[] body, String secret) {
    return PREFIX + Hmac.hex(Hmac.sha256(key(secret), body));
  }

  /** The secret as EasyPost keys its MAC: NFKD-normalised, then UTF-8. */
  static byte[] key(String secret) {
    return Normalizer.normalize(secret, Normalizer.Form.NFKD).getBytes(StandardCharsets.UTF_8);
  }
}
