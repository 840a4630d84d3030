package io.helpdeskbridge.plugin.paypal;

import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The five headers PayPal sends with every delivery, which together say who signed what and when.
 * Values are kept exactly as received: the transmission id and time are part of the signed
 * message, so they must not be re-formatted.
 *
 * @see <a href="https://developer.paypal.com/api/webhooks/v1/#verify-webhook-signature_post">PayPal:
 *     verify webhook signature (the header each field comes from)</a>
 */
record PayPalTransmission(String id, String time, String signature, String certUrl, String authAlgo) {

  static final String ID = "PAYPAL-TRANSMISSION-ID";
  static final String TIME = "PAYPAL-TRANSMISSION-TIME";
  static final String SIG = "PAYPAL-TRANSMISSION-SIG";
  static final String CERT_URL = "PAYPAL-CERT-URL";
  static final String AUTH_ALGO = "PAYPAL-AUTH-ALGO";

  /** The only algorithm PayPal names (and its SDKs map); anything else is refused, not guessed. */
  static final String SHA256_WITH_RSA = "SHA256withRSA";

  /** The headers of a delivery, or a refusal naming every one that is missing. */
  static PayPalTransmission of(WebhookRequest request) throws WebhookRejected {
    List<String> missing = new ArrayList<>();
    String id = value(request, ID, missing);
    String time = value(request, TIME, missing);
    String sig = value(request, SIG, missing);
    String cert = value(request, CERT_URL, missing);
    String algo = value(request, AUTH_ALGO, missing);
    if (!missing.isEmpty()) {
      throw WebhookRejected.badSignature("missing " + String.join(", ", missing) + " header" + (missing.size() > 1 ? "s" : ""));
    }
    if (!SHA256_WITH_RSA.equalsIgnoreCase(algo)) {
      throw WebhookRejected.badSignature(AUTH_ALGO + " must be " + SHA256_WITH_RSA);
    }
    return new PayPalTransmission(id, time, sig, cert, algo);
  }

  /**
   * Refuses a transmission older than {@code tolerance} (zero or less: no age check). Only the
   * lower bound is checked: a clock running behind PayPal's must not drop genuine deliveries, and
   * PayPal stamps every retry with the time of that retry ("the date and time of the HTTP
   * transmission"), so a genuine retry is never old.
   */
  void requireFresh(Instant now, Duration tolerance) throws WebhookRejected {
    Instant sent;
    try {
      sent = OffsetDateTime.parse(time).toInstant();
    } catch (DateTimeParseException e) {
      throw WebhookRejected.badSignature(TIME + " is not an RFC 3339 date-time");
    }
    if (!tolerance.isZero() && !tolerance.isNegative() && sent.isBefore(now.minus(tolerance))) {
      throw WebhookRejected.badSignature(TIME + " is outside the tolerance (" + tolerance.getSeconds() + " s)");
    }
  }

  private static String value(WebhookRequest request, String name, List<String> missing) {
    String v = request.header(name);
    if (v == null || v.isBlank()) {
      missing.add(name);
      return null;
    }
    return v.trim();
  }
}
