package io.helpdeskbridge.event;

import java.time.Instant;

/** The fraud tool released an order it had flagged. */
public record FraudCleared(
    String source, String sourceEventId, Instant occurredAt, OrderRef order, String vendorType,
    String provider, String reason, String reference)
    implements OrderEvent {}
