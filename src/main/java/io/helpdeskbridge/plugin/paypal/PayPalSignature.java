package io.helpdeskbridge.plugin.paypal;

import io.helpdeskbridge.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;

/**
 * PayPal's webhook signature: SHA256withRSA over {@code
 * <transmission id>|<transmission time>|<webhook id>|<CRC32 of the raw body>}, the CRC written as
 * an unsigned decimal, the signature in base64 in {@code PAYPAL-TRANSMISSION-SIG}. This is what
 * PayPal's own SDKs compute ({@code Event.validateReceivedEvent} in the Java SDK, {@code
 * WebhookEvent.verify} in the Python SDK), except that the CRC is taken over the bytes as received,
 * never over a re-decoded string.
 *
 * <p>The webhook id is the one secret-free proof the delivery was meant for us: PayPal signs a
 * message naming the webhook it delivers to, so a genuine delivery to somebody else's webhook does
 * not verify here. Several ids may be configured (live and sandbox); any one may match.
 *
 * @see <a href="https://developer.paypal.com/api/rest/webhooks/rest/">PayPal: integrate webhooks</a>
 */
final class PayPalSignature {

  private PayPalSignature() {}

  /** The CRC32 of the body as an unsigned decimal, as it appears in the signed message. */
  static String crc32(byte[] body) {
    CRC32 crc = new CRC32();
    crc.update(body);
    return Long.toString(crc.getValue());
  }

  /** The exact bytes PayPal signs for this transmission, body and webhook id. */
  static byte[] message(PayPalTransmission t, String webhookId, byte[] body) {
    return (t.id() + "|" + t.time() + "|" + webhookId + "|" + crc32(body)).getBytes(StandardCharsets.UTF_8);
  }

  /** Accepts the delivery when the signature matches for any configured webhook id; else refuses it. */
  static void verify(PayPalTransmission t, byte[] body, List<String> webhookIds, PublicKey key) throws WebhookRejected {
    byte[] signature;
    try {
      signature = Base64.getDecoder().decode(t.signature());
    } catch (IllegalArgumentException notBase64) {
      throw WebhookRejected.badSignature(PayPalTransmission.SIG + " is not base64");
    }
    for (String webhookId : webhookIds) {
      if (matches(key, message(t, webhookId, body), signature)) return;
    }
    throw WebhookRejected.badSignature("the signature does not match this body for the configured webhook id");
  }

  private static boolean matches(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature s = Signature.getInstance(PayPalTransmission.SHA256_WITH_RSA);
      s.initVerify(key);
      s.update(message);
      return s.verify(signature);
    } catch (java.security.SignatureException malformed) {
      // a signature of the wrong length or shape is simply not PayPal's
      return false;
    } catch (GeneralSecurityException e) {
      // the key is not RSA: the certificate cannot have signed this
      return false;
    }
  }
}
