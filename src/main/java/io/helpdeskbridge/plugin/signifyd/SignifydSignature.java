package io.helpdeskbridge.plugin.signifyd;

import io.helpdeskbridge.intake.signature.Hmac;
import io.helpdeskbridge.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks and produces Signifyd's webhook signature: the {@code SIGNIFYD-SEC-HMAC-SHA256} header
 * holds the standard base64 of HMAC-SHA256 over the raw JSON body, keyed with the team's API key
 * (its UTF-8 bytes, as given). Signifyd's v2 documentation and older integrations name the same
 * header {@code X-SIGNIFYD-SEC-HMAC-SHA256}, so both names are read and either may carry the
 * signature. There is no timestamp in the scheme, so there is no age check; replays of a genuine
 * delivery are caught by the inbox's dedupe key instead.
 *
 * <p>Several keys may be configured while the team API key is being replaced; any key matching
 * any header value passes, and every pair is compared in constant time without an early exit.
 *
 * <p>Signifyd's own SDK also accepts the well-known test key {@code ABCDE} for the v2 test topic
 * {@code cases/test} (the dashboard's "test webhook" button). The caller decides whether that is
 * allowed; such deliveries are ignored by the normalizer either way.
 *
 * <p>Rejection details name what was wrong, never a key or a computed signature.
 *
 * @see <a href="https://developer.signifyd.com/main/reference/webhookmanagement">Signifyd:
 *     webhook management and verification</a>
 */
public final class SignifydSignature {

  public static final String HEADER = "SIGNIFYD-SEC-HMAC-SHA256";
  /** The v2-era name of the same header, still read by Signifyd's Magento and SFCC plugins. */
  public static final String LEGACY_HEADER = "X-SIGNIFYD-SEC-HMAC-SHA256";
  /** The key Signifyd signs {@code cases/test} deliveries with (signifyd/php WebhooksApi). */
  static final String TEST_KEY = "ABCDE";

  private SignifydSignature() {}

  /**
   * Accepts the delivery or throws {@link WebhookRejected#badSignature}.
   *
   * @param headerValues the values of {@link #HEADER} and {@link #LEGACY_HEADER} that were sent
   *     (nulls and blanks are skipped)
   * @param body the raw request body
   * @param keys the team API keys currently configured (at least one)
   * @param allowTestKey whether a signature made with the public test key also passes (only for
   *     Signifyd's test topic)
   */
  public static void verify(
      List<String> headerValues, byte[] body, List<String> keys, boolean allowTestKey)
      throws WebhookRejected {
    List<String> usableKeys = new ArrayList<>();
    if (keys != null) {
      keys.stream().filter(k -> k != null && !k.isBlank()).forEach(usableKeys::add);
    }
    if (usableKeys.isEmpty()) {
      throw new IllegalArgumentException("no Signifyd team API key is configured");
    }
    List<String> candidates = new ArrayList<>();
    if (headerValues != null) {
      headerValues.stream()
          .filter(v -> v != null && !v.isBlank())
          .map(String::trim)
          .forEach(candidates::add);
    }
    if (candidates.isEmpty()) {
      throw WebhookRejected.badSignature("missing " + HEADER + " header");
    }
    if (allowTestKey) {
      usableKeys.add(TEST_KEY);
    }
    if (!Hmac.anyMatches(usableKeys, key -> sign(body, key), candidates)) {
      throw WebhookRejected.badSignature(
          "the " + HEADER + " header does not match the configured team API key");
    }
  }

  /** The header value Signifyd would send for {@code body} signed with {@code key}. */
  public static String sign(byte[] body, String key) {
    return Hmac.base64(Hmac.sha256(key.getBytes(StandardCharsets.UTF_8), body));
  }
}
