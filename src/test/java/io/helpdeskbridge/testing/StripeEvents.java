package io.helpdeskbridge.testing;

import com.stripe.net.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * Stripe deliveries for tests, signed with Stripe's own SDK so the bridge's verifier is checked
 * against the vendor's code, not against itself.
 */
public final class StripeEvents {
  public static final String SECRET = "whsec_it_secret_for_tests_only";

  private StripeEvents() {}

  /** A {@code charge.refunded} of {@code refunded} cents more on a 50.00 USD charge of the order. */
  public static byte[] chargeRefunded(String eventId, String orderId, long before, long after) {
    return chargeRefunded(eventId, orderId, before, after, Instant.now());
  }

  /** The same, created (by Stripe) at {@code created}. */
  public static byte[] chargeRefunded(String eventId, String orderId, long before, long after, Instant created) {
    String json = """
        {
          "id": "%s",
          "object": "event",
          "api_version": "2024-10-28.acacia",
          "created": %d,
          "livemode": false,
          "pending_webhooks": 1,
          "request": {"id": "req_it_1", "idempotency_key": "it-key-1"},
          "type": "charge.refunded",
          "data": {
            "object": {
              "id": "ch_it_%s",
              "object": "charge",
              "amount": 5000,
              "amount_refunded": %d,
              "refunded": false,
              "currency": "usd",
              "customer": "cus_it_1",
              "payment_intent": "pi_it_1",
              "receipt_email": "jane@example.com",
              "description": "Order #%s",
              "metadata": {"order_id": "%s"}
            },
            "previous_attributes": {"amount_refunded": %d}
          }
        }
        """.formatted(eventId, created.getEpochSecond(), orderId, after, orderId, orderId, before);
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** The {@code Stripe-Signature} header for {@code body} signed at {@code at}. */
  public static Map<String, String> signed(byte[] body, String secret, Instant at) {
    try {
      String payload = at.getEpochSecond() + "." + new String(body, StandardCharsets.UTF_8);
      String sig = Webhook.Util.computeHmacSha256(secret, payload);
      return Map.of("Stripe-Signature", "t=" + at.getEpochSecond() + ",v1=" + sig);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static Map<String, String> signed(byte[] body) {
    return signed(body, SECRET, Instant.now());
  }
}
