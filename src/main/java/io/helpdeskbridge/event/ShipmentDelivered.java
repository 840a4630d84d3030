package io.helpdeskbridge.event;

import java.time.Instant;

/** The parcel arrived. */
public record ShipmentDelivered(
    String source, String sourceEventId, Instant occurredAt, OrderRef order, String vendorType,
    String carrier, String trackingNumber, Instant deliveredAt)
    implements OrderEvent {}
