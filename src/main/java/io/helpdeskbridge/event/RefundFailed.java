package io.helpdeskbridge.event;

import java.time.Instant;

/** A refund did not reach the customer; {@code failureReason} is the vendor's reason code. */
public record RefundFailed(
    String source, String sourceEventId, Instant occurredAt, OrderRef order, String vendorType,
    Money amount, String refundId, String chargeId, String failureReason)
    implements OrderEvent {

  @Override
  public String factId() {
    return refundId == null || refundId.isBlank() ? sourceEventId : "refund-failed:" + refundId;
  }
}
