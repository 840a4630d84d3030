package io.helpdeskbridge.event;

import java.time.Instant;

/**
 * Money went back to the customer. {@code amount} is what this event refunded, not the running
 * total; {@code refundId} is the vendor's refund reference when it has one (else null, with the
 * charge in {@code chargeId}). {@code fullyRefunded} is true once nothing is left to refund, false
 * for a partial refund, null when the vendor does not say.
 */
public record RefundIssued(
    String source,
    String sourceEventId,
    Instant occurredAt,
    OrderRef order,
    String vendorType,
    Money amount,
    String refundId,
    String chargeId,
    String reason,
    Boolean fullyRefunded)
    implements OrderEvent {

  /** A refund whose vendor does not say whether the order is now fully refunded. */
  public RefundIssued(
      String source, String sourceEventId, Instant occurredAt, OrderRef order, String vendorType, Money amount,
      String refundId, String chargeId, String reason) {
    this(source, sourceEventId, occurredAt, order, vendorType, amount, refundId, chargeId, reason, null);
  }

  @Override
  public String factId() {
    return refundId == null || refundId.isBlank() ? sourceEventId : "refund:" + refundId;
  }
}
