package io.helpdeskbridge.spi;

import java.time.Instant;

/**
 * Where a parcel stands, as a carrier platform last told us (a webhook or a tracker lookup). The
 * store keeps the latest per tracking number so the stale-shipment sweep can find parcels that went
 * quiet or are past their estimated delivery.
 *
 * @param trackerId the platform's tracker id ({@code trk_...}), null when unknown
 * @param status the platform's status in its own words ({@code in_transit}, {@code delivered})
 * @param delivered whether the parcel reached its end (delivered, returned, cancelled...): no sweep
 * @param estimatedDelivery the platform's estimate, null when none
 * @param lastEventAt when the carrier last reported anything (the latest tracking detail)
 */
public record ShipmentState(String source, String trackingNumber, String carrier, String trackerId, String status,
    boolean delivered, Instant estimatedDelivery, Instant lastEventAt, String trackingUrl) {}
