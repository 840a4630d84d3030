package io.helpdeskbridge.event;

import java.time.Instant;

/** The cardholder's bank opened a dispute; evidence is due by {@code evidenceDueBy} (may be null). */
public record ChargebackOpened(
    String source, String sourceEventId, Instant occurredAt, OrderRef order, String vendorType,
    Money amount, String disputeId, String chargeId, String reason, String status, Instant evidenceDueBy)
    implements OrderEvent {}
