package io.helpdeskbridge.event;

import java.time.Instant;

/**
 * Money went back to the customer. {@code amount} is what this event refunded, not the running
 * total; {@code refundId} is the vendor's refund reference when it has one, else the charge's.
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
    String reason)
    implements OrderEvent {

  @Override
  public String factId() {
    return refundId == null || refundId.isBlank() ? sourceEventId : "refund:" + refundId;
  }
}
