package io.helpdeskbridge.event;

import java.time.Instant;

/** A dispute ended; {@code status} is the outcome ({@code won}, {@code lost}, {@code warning_closed}). */
public record ChargebackClosed(
    String source, String sourceEventId, Instant occurredAt, OrderRef order, String vendorType,
    Money amount, String disputeId, String chargeId, String reason, String status)
    implements OrderEvent {}
