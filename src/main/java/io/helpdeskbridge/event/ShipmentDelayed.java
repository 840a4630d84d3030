package io.helpdeskbridge.event;

import java.time.Instant;

/** The estimated delivery moved later; estimates are the vendor's date or date-time text. */
public record ShipmentDelayed(
    String source, String sourceEventId, Instant occurredAt, OrderRef order, String vendorType,
    String carrier, String trackingNumber, String previousEstimate, String newEstimate, String trackingUrl)
    implements OrderEvent {}
