package io.helpdeskbridge.event;

import java.time.Instant;

/** The shop cancelled the order; {@code reason} as the platform gives it (customer, fraud, ...). */
public record OrderCancelled(
    String source, String sourceEventId, Instant occurredAt, OrderRef order, String vendorType,
    String reason, String financialStatus)
    implements OrderEvent {}
