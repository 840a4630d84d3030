package io.helpdeskbridge.testing;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs test deliveries the way each vendor documents it, written here from the vendor's scheme
 * (not with the bridge's own code), so the end-to-end tests check the bridge against the contract.
 */
public final class VendorSigner {
  private VendorSigner() {}

  /** Shopify: base64 HMAC-SHA256 of the raw body with the app's client secret. */
  public static String shopify(byte[] body, String secret) {
    return Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
  }

  /** EasyPost: {@code hmac-sha256-hex=} + hex HMAC-SHA256, keyed with the NFKD-normalised secret. */
  public static String easypost(byte[] body, String secret) {
    byte[] key = Normalizer.normalize(secret, Normalizer.Form.NFKD).getBytes(StandardCharsets.UTF_8);
    return "hmac-sha256-hex=" + HexFormat.of().formatHex(hmac(key, body));
  }

  /** AfterShip: base64 HMAC-SHA256 of the raw body with the webhook secret. */
  public static String aftership(byte[] body, String secret) {
    return Base64.getEncoder().encodeToString(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
  }

  /** Signifyd: base64 HMAC-SHA256 of the JSON body with the team API key. */
  public static String signifyd(byte[] body, String teamKey) {
    return Base64.getEncoder().encodeToString(hmac(teamKey.getBytes(StandardCharsets.UTF_8), body));
  }

  /**
   * HubSpot v3: base64 HMAC-SHA256, keyed with the app's client secret, of method + the target URL
   * + the raw body + the millisecond timestamp also sent as {@code X-HubSpot-Request-Timestamp}.
   */
  public static String hubspotV3(String method, String url, byte[] body, String timestamp, String clientSecret) {
    byte[] m = (method + url).getBytes(StandardCharsets.UTF_8);
    byte[] t = timestamp.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[m.length + body.length + t.length];
    System.arraycopy(m, 0, all, 0, m.length);
    System.arraycopy(body, 0, all, m.length, body.length);
    System.arraycopy(t, 0, all, m.length + body.length, t.length);
    return Base64.getEncoder().encodeToString(hmac(clientSecret.getBytes(StandardCharsets.UTF_8), all));
  }

  private static byte[] hmac(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
