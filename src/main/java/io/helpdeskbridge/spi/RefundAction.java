package io.helpdeskbridge.spi;

import java.io.IOException;
import java.util.Map;

/**
 * Gives money back through a payment or order platform when an agent approved it on a ticket
 * (Stripe {@code POST /v1/refunds}). Found by {@link java.util.ServiceLoader} ({@code
 * META-INF/services/io.helpdeskbridge.spi.RefundAction}); runs with the settings of the enabled
 * connector of plugin {@link #id()}. The engine checks the guardrails before, and writes the
 * outcome on the ticket after.
 *
 * <p>The same {@code idempotencyKey} must never refund twice: pass it to the vendor (Stripe's
 * {@code Idempotency-Key} header) so that a repeated request returns the first refund.
 */
public interface RefundAction {

  String id();

  /** Whether these settings allow refunds (a key with write access is configured). */
  boolean enabled(ConnectorSettings settings);

  /**
   * Issues the refund. The vendor saying no (already refunded, amount too large) is a {@link
   * Result} with {@code succeeded=false} and its reason; only a vendor that cannot be reached or
   * answers 5xx/429 throws, and the engine then retries with the same key.
   */
  Result refund(Request request, ConnectorSettings settings) throws IOException;

  /**
   * @param orderId the order number ({@code 1001})
   * @param paymentId the payment to refund when known ({@code pi_...}); else the plugin finds it by order
   * @param amountMinor amount in minor units; currency ISO 4217 lower or upper case
   * @param reason the vendor's reason code when the agent gave one it knows, else null
   * @param metadata written on the refund for the audit (ticket id, helpdesk)
   */
  record Request(String orderId, String paymentId, long amountMinor, String currency, String reason,
      String idempotencyKey, Map<String, String> metadata) {}

  /** What the vendor did: its refund id and status ({@code succeeded}, {@code pending}), or why it refused. */
  record Result(boolean succeeded, String refundId, String status, String failureReason) {
    public static Result refused(String reason) {
      return new Result(false, null, "refused", reason);
    }
  }
}
