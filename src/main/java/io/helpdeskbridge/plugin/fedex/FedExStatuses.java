package io.helpdeskbridge.plugin.fedex;

import static io.helpdeskbridge.spi.TrackingStatus.AVAILABLE_FOR_PICKUP;
import static io.helpdeskbridge.spi.TrackingStatus.CANCELLED;
import static io.helpdeskbridge.spi.TrackingStatus.DELIVERED;
import static io.helpdeskbridge.spi.TrackingStatus.ERROR;
import static io.helpdeskbridge.spi.TrackingStatus.IN_TRANSIT;
import static io.helpdeskbridge.spi.TrackingStatus.OUT_FOR_DELIVERY;
import static io.helpdeskbridge.spi.TrackingStatus.PRE_TRANSIT;
import static io.helpdeskbridge.spi.TrackingStatus.RETURN_TO_SENDER;
import static io.helpdeskbridge.spi.TrackingStatus.UNKNOWN;

import io.helpdeskbridge.spi.TrackingStatus;
import java.util.Locale;
import java.util.Map;

/**
 * FedEx's tracking status codes ({@code latestStatusDetail.code}, {@code scanEvents[].eventType})
 * in the bridge's {@link TrackingStatus} words: every movement and regulatory code of FedEx's
 * "Tracking Status Codes" table. When FedEx sends a code the table lacks, {@code derivedCode} (its
 * coarser summary) is tried.
 *
 * <p>Delivery and shipment exceptions (DE, SE) are {@code error}: flagged for a person, still swept,
 * since most pass (nobody home, address corrected). FedEx has no final-failure code of its own;
 * returns are {@code return_to_sender}. Delays (DD, DY, CD) are {@code in transit}: the estimate and
 * the sweep tell lateness.
 *
 * @see <a href="https://developer.fedex.com/api/en-us/guides/api-reference.html#trackingstatuscodes">FedEx:
 *     Tracking Status Codes</a>
 */
final class FedExStatuses {
  private FedExStatuses() {}

  static final Map<String, TrackingStatus> CODES = Map.ofEntries(
      // movement
      Map.entry("AA", IN_TRANSIT), // At Airport
      Map.entry("AC", IN_TRANSIT), // At Canada Post facility
      Map.entry("AD", OUT_FOR_DELIVERY), // At Delivery
      Map.entry("AF", IN_TRANSIT), // At local FedEx Facility
      Map.entry("AO", IN_TRANSIT), // Shipment arriving On-time
      Map.entry("AP", PRE_TRANSIT), // At Pickup
      Map.entry("AR", IN_TRANSIT), // Arrived at FedEx location
      Map.entry("AX", IN_TRANSIT), // At USPS facility
      Map.entry("CA", CANCELLED), // Shipment Cancelled
      Map.entry("CH", IN_TRANSIT), // Location Changed
      Map.entry("DD", IN_TRANSIT), // Delivery Delay
      Map.entry("DE", ERROR), // Delivery Exception
      Map.entry("DL", DELIVERED),
      Map.entry("DP", IN_TRANSIT), // Departed
      Map.entry("DR", PRE_TRANSIT), // Vehicle furnished but not used (freight pickup)
      Map.entry("DS", PRE_TRANSIT), // Vehicle Dispatched (freight pickup)
      Map.entry("DY", IN_TRANSIT), // Delay
      Map.entry("EA", IN_TRANSIT), // Enroute to Airport; also Export Approved
      Map.entry("ED", OUT_FOR_DELIVERY), // Enroute to Delivery
      Map.entry("EO", IN_TRANSIT), // Enroute to Origin Airport
      Map.entry("EP", PRE_TRANSIT), // Enroute to Pickup
      Map.entry("FD", IN_TRANSIT), // At FedEx Destination
      Map.entry("HL", AVAILABLE_FOR_PICKUP), // Hold at Location
      Map.entry("HP", AVAILABLE_FOR_PICKUP), // Ready for Recipient Pickup
      Map.entry("IT", IN_TRANSIT),
      Map.entry("IX", IN_TRANSIT), // In transit (see Details)
      Map.entry("LO", IN_TRANSIT), // Left Origin
      Map.entry("OC", PRE_TRANSIT), // Order Created (shipment information sent to FedEx)
      Map.entry("OD", OUT_FOR_DELIVERY),
      Map.entry("OF", IN_TRANSIT), // At FedEx origin facility
      Map.entry("OW", IN_TRANSIT), // On the way
      Map.entry("OX", IN_TRANSIT), // Shipment information sent to USPS (handed on for delivery)
      Map.entry("PD", PRE_TRANSIT), // Pickup Delay
      Map.entry("PF", IN_TRANSIT), // Plane in Flight
      Map.entry("PL", IN_TRANSIT), // Plane Landed
      Map.entry("PM", IN_TRANSIT), // In Progress
      Map.entry("PU", IN_TRANSIT), // Picked Up
      Map.entry("PX", IN_TRANSIT), // Picked up (see Details)
      Map.entry("RR", IN_TRANSIT), // CDO requested (the recipient's delivery options)
      Map.entry("RM", IN_TRANSIT), // CDO Modified
      Map.entry("RC", IN_TRANSIT), // CDO Cancelled
      Map.entry("RS", RETURN_TO_SENDER), // Return to Shipper
      Map.entry("RP", PRE_TRANSIT), // Return label link emailed to return sender
      Map.entry("LP", CANCELLED), // Return label link cancelled by shipment originator
      Map.entry("RG", PRE_TRANSIT), // Return label link expiring soon
      Map.entry("RD", CANCELLED), // Return label link expired
      Map.entry("SE", ERROR), // Shipment Exception
      Map.entry("SF", IN_TRANSIT), // At Sort Facility
      Map.entry("SP", IN_TRANSIT), // Split Status (a multi-piece shipment moving in parts)
      Map.entry("TR", IN_TRANSIT), // Transfer
      // regulatory
      Map.entry("CC", IN_TRANSIT), // Cleared Customs
      Map.entry("CD", IN_TRANSIT), // Clearance Delay
      Map.entry("CP", IN_TRANSIT)); // Clearance in Progress

  /** Derived codes FedEx sends that the table above lacks, seen in its answers. */
  static final Map<String, TrackingStatus> DERIVED = Map.of(
      "IN", PRE_TRANSIT, // Initiated: label created
      "RL", IN_TRANSIT, // Running Late
      "AE", IN_TRANSIT); // Shipment arriving early

  static TrackingStatus of(String code, String derivedCode) {
    TrackingStatus s = find(code);
    if (s == null) s = find(derivedCode);
    return s == null ? UNKNOWN : s;
  }

  private static TrackingStatus find(String code) {
    if (code == null) return null;
    String c = code.strip().toUpperCase(Locale.ROOT);
    return CODES.containsKey(c) ? CODES.get(c) : DERIVED.get(c);
  }
}
