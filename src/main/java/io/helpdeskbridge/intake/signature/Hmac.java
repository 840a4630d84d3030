package io.helpdeskbridge.intake.signature;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The few HMAC building blocks every webhook vendor combines differently (Stripe signs
 * {@code t.body} in hex, Shopify the body in base64, EasyPost the body in hex with a prefix). Each
 * plugin keeps its own header parsing; only the cryptography and the comparison live here, so
 * they are written once and compared in constant time everywhere.
 */
public final class Hmac {

  private static final String HMAC_SHA256 = "HmacSHA256";
  private static final HexFormat HEX = HexFormat.of();

  private Hmac() {}

  /**
   * HMAC-SHA256 of {@code data} keyed with {@code key}, as raw bytes. Vendors pass their secret as
   * the key bytes as given (no decoding), so callers hand over the secret's UTF-8 bytes.
   *
   * @throws IllegalArgumentException when the key is empty (the JDK refuses an empty HMAC key)
   */
  public static byte[] sha256(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(HMAC_SHA256);
      mac.init(new SecretKeySpec(key, HMAC_SHA256));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is required of every JRE, so this only happens on a broken runtime
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Lower-case hexadecimal, the form Stripe, EasyPost and Riskified send. */
  public static String hex(byte[] bytes) {
    return HEX.formatHex(bytes);
  }

  /** Standard base64 with padding, the form Shopify, AfterShip and Zendesk send. */
  public static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /**
   * Compares two signatures without leaking, through timing, how many leading characters match.
   * A null on either side never matches.
   */
  public static boolean constantTimeEquals(String a, String b) {
    if (a == null || b == null) {
      return false;
    }
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether any configured secret signs to any of the candidate values. Every pair is compared,
   * with no early exit, so the time taken does not tell which secret (or header) matched; several
   * secrets exist while one is being rolled.
   */
  public static boolean anyMatches(
      java.util.Collection<String> secrets,
      java.util.function.Function<String, String> expectedFor,
      java.util.Collection<String> candidates) {
    boolean matched = false;
    for (String secret : secrets) {
      String expected = expectedFor.apply(secret);
      for (String candidate : candidates) {
        matched |= constantTimeEquals(expected, candidate);
      }
    }
    return matched;
  }
}
