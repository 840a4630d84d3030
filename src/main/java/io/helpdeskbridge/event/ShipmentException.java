package io.helpdeskbridge.event;

import java.time.Instant;

/**
 * A parcel needs attention: returned, failed, lost, refused, held... {@code status} is the
 * carrier platform's status, {@code detail} its finer reason in words.
 */
public record ShipmentException(
    String source, String sourceEventId, Instant occurredAt, OrderRef order, String vendorType,
    String carrier, String trackingNumber, String status, String detail, String lastLocation, String trackingUrl)
    implements OrderEvent {}
