package io.helpdeskbridge.event;

import java.time.Instant;

/** A payment attempt was declined or failed; codes and message as the payment provider gave them. */
public record PaymentFailed(
    String source, String sourceEventId, Instant occurredAt, OrderRef order, String vendorType,
    Money amount, String failureCode, String declineCode, String failureMessage)
    implements OrderEvent {}
