package io.helpdeskbridge.spi;

import java.util.Locale;

/**
 * Where a parcel stands, in the words every tracking plugin reports ({@link ShipmentState#status()}
 * and the {@code shipment_status} of an enrichment): EasyPost's status vocabulary, which the
 * aggregators already normalize carriers into. A carrier's own API (UPS, FedEx, DHL, USPS) maps its
 * codes onto these, so mappings and the sweep never care which carrier it was.
 */
public enum TrackingStatus {
  PRE_TRANSIT, IN_TRANSIT, OUT_FOR_DELIVERY, AVAILABLE_FOR_PICKUP, DELIVERED, RETURN_TO_SENDER, FAILURE, CANCELLED,
  ERROR, UNKNOWN;

  /** {@code in_transit}: the name stored and shown. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code in transit}: for a ticket. */
  public String words() {
    return wire().replace('_', ' ');
  }

  /** The parcel will move no more: the stale-shipment sweep leaves it alone. */
  public boolean ended() {
    return this == DELIVERED || this == RETURN_TO_SENDER || this == FAILURE || this == CANCELLED;
  }

  /** A status that means something went wrong and a person should look (a ShipmentException). */
  public boolean exception() {
    return this == RETURN_TO_SENDER || this == FAILURE || this == ERROR;
  }

  /** The state to remember for the sweep, from a carrier's own answer. */
  public ShipmentState state(String source, String trackingNumber, String carrier, java.time.Instant estimatedDelivery,
      java.time.Instant lastEventAt, String trackingUrl) {
    return new ShipmentState(source, trackingNumber, carrier, null, wire(), ended(), estimatedDelivery, lastEventAt, trackingUrl);
  }
}
