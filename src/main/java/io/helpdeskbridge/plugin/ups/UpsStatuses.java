package io.helpdeskbridge.plugin.ups;

import static io.helpdeskbridge.spi.TrackingStatus.AVAILABLE_FOR_PICKUP;
import static io.helpdeskbridge.spi.TrackingStatus.CANCELLED;
import static io.helpdeskbridge.spi.TrackingStatus.DELIVERED;
import static io.helpdeskbridge.spi.TrackingStatus.ERROR;
import static io.helpdeskbridge.spi.TrackingStatus.FAILURE;
import static io.helpdeskbridge.spi.TrackingStatus.IN_TRANSIT;
import static io.helpdeskbridge.spi.TrackingStatus.OUT_FOR_DELIVERY;
import static io.helpdeskbridge.spi.TrackingStatus.PRE_TRANSIT;
import static io.helpdeskbridge.spi.TrackingStatus.RETURN_TO_SENDER;
import static io.helpdeskbridge.spi.TrackingStatus.UNKNOWN;

import io.helpdeskbridge.spi.TrackingStatus;
import java.util.Locale;
import java.util.Map;

/**
 * UPS's status codes in the bridge's {@link TrackingStatus} words. A UPS status ({@code
 * currentStatus}, or an activity's {@code status}) carries an activity type ({@code type}: D, I, X...)
 * and a three-digit status/description code ({@code statusCode}, which {@code currentStatus} sends
 * as {@code code}). The code is the finer of the two (type I covers both "On the Way" and "Out for
 * Delivery", type X both a weather delay and a damaged parcel), so it decides when UPS lists it;
 * the type decides otherwise.
 *
 * <p>Carrier exceptions that may pass (a delivery attempt, an address or clearance question) are
 * {@code error}: flagged for a person, still swept. {@code failure} is kept for the ends UPS reports
 * as final (refused, lost, seized, destroyed, claim paid), because an ended parcel stays ended in
 * the shipment book. Delays are {@code in transit}: the estimate and the sweep tell lateness.
 *
 * @see <a href="https://developer.ups.com/api/reference/tracking/appendix">UPS Track API appendix:
 *     Package Activity Types, Status/Description Codes</a>
 */
final class UpsStatuses {
  private UpsStatuses() {}

  /** Activity types, from the appendix and the older Tracking guide (O, P, RS). */
  static final Map<String, TrackingStatus> TYPES = Map.ofEntries(
      Map.entry("M", PRE_TRANSIT), // Billing Information Received: a label, no parcel yet
      Map.entry("MV", CANCELLED), // Billing Information Voided
      Map.entry("P", IN_TRANSIT), // Pickup: UPS has the parcel
      Map.entry("I", IN_TRANSIT), // In Transit (UPS: "In Transit, Out for Delivery")
      Map.entry("O", OUT_FOR_DELIVERY),
      Map.entry("D", DELIVERED),
      Map.entry("DO", IN_TRANSIT), // Delivered Origin CFS (freight): at UPS's freight station, not the customer
      Map.entry("DD", IN_TRANSIT), // Delivered Destination CFS (freight): same
      Map.entry("W", IN_TRANSIT), // Warehousing (freight)
      Map.entry("X", ERROR), // Exception
      Map.entry("RS", RETURN_TO_SENDER), // Returned to Shipper
      Map.entry("NA", UNKNOWN), // Not Available
      Map.entry("U", IN_TRANSIT)); // Updates (Track Alert): a change of plan for a moving parcel

  /** Status/Description codes, every one the appendix lists. */
  static final Map<Integer, TrackingStatus> CODES = Map.ofEntries(
      Map.entry(0, UNKNOWN), // Status Not Available
      Map.entry(3, PRE_TRANSIT), // Shipment Ready for UPS
      Map.entry(5, IN_TRANSIT), // On the Way
      Map.entry(6, OUT_FOR_DELIVERY),
      Map.entry(7, CANCELLED), // Shipment Information Voided
      Map.entry(10, IN_TRANSIT), // On the Way
      Map.entry(11, DELIVERED),
      Map.entry(12, IN_TRANSIT), // Clearance in Progress
      Map.entry(13, ERROR), // Exception
      Map.entry(14, IN_TRANSIT), // Clearance Completed
      Map.entry(16, IN_TRANSIT), // In Warehouse
      Map.entry(17, AVAILABLE_FOR_PICKUP), // Held for Customer Pickup
      Map.entry(18, IN_TRANSIT), // Delivery Change Requested: Hold for Pickup
      Map.entry(19, IN_TRANSIT), // Held for Future Delivery
      Map.entry(20, IN_TRANSIT), // Held for Future Delivery Requested
      Map.entry(21, OUT_FOR_DELIVERY),
      Map.entry(22, ERROR), // First Attempt Made
      Map.entry(23, ERROR), // Second Delivery Attempted
      Map.entry(24, ERROR), // Final Attempt Made
      Map.entry(25, IN_TRANSIT), // On the Way
      Map.entry(26, DELIVERED), // Delivered by Local Post Office
      Map.entry(27, IN_TRANSIT), // Delivery Address Change Requested
      Map.entry(28, IN_TRANSIT), // Delivery Address Changed
      Map.entry(29, ERROR), // Exception: Action Required
      Map.entry(30, ERROR), // Local Post Office Exception
      Map.entry(32, IN_TRANSIT), // Adverse Weather May Cause Delay
      Map.entry(33, RETURN_TO_SENDER), // Return to Sender Requested
      Map.entry(34, RETURN_TO_SENDER), // Returned to Sender
      Map.entry(35, RETURN_TO_SENDER), // Returning to Sender
      Map.entry(36, RETURN_TO_SENDER), // Returning to Sender: In Transit
      Map.entry(37, OUT_FOR_DELIVERY),
      Map.entry(38, IN_TRANSIT), // Picked Up by UPS
      Map.entry(39, IN_TRANSIT), // On the Way
      Map.entry(40, AVAILABLE_FOR_PICKUP), // Ready for Customer Pickup
      Map.entry(41, IN_TRANSIT), // Service Upgrade Requested
      Map.entry(42, IN_TRANSIT), // Service Upgraded
      Map.entry(43, PRE_TRANSIT), // Voided Pickup
      Map.entry(44, PRE_TRANSIT), // On the Way to UPS
      Map.entry(45, PRE_TRANSIT), // On the Way to UPS
      Map.entry(46, IN_TRANSIT), // Delay
      Map.entry(47, IN_TRANSIT), // On the Way
      Map.entry(48, IN_TRANSIT), // Delay
      Map.entry(49, ERROR), // Delay: Action Required
      Map.entry(50, ERROR), // Address Information Required
      Map.entry(51, IN_TRANSIT), // Delay: Emergency Situation or Severe Weather
      Map.entry(52, IN_TRANSIT), // Delay: Severe Weather
      Map.entry(53, IN_TRANSIT), // Delay: Severe Weather
      Map.entry(54, IN_TRANSIT), // Delivery Change Requested
      Map.entry(55, IN_TRANSIT), // Rescheduled Delivery
      Map.entry(56, IN_TRANSIT), // Service Upgrade Requested
      Map.entry(57, IN_TRANSIT), // On the Way to a Local UPS Access Point
      Map.entry(58, ERROR), // Clearance Information Required
      Map.entry(59, ERROR), // Damage Reported
      Map.entry(60, ERROR), // Delivery Attempted
      Map.entry(61, ERROR), // Delivery Attempted: Adult Signature Required
      Map.entry(62, ERROR), // Delivery Attempted: Funds Required
      Map.entry(63, IN_TRANSIT), // Delivery Change Completed
      Map.entry(64, FAILURE), // Delivery Refused
      Map.entry(65, PRE_TRANSIT), // Pickup Attempted
      Map.entry(66, ERROR), // Post Office Delivery Attempted
      Map.entry(67, RETURN_TO_SENDER), // Returned to Sender by Post Office
      Map.entry(68, FAILURE), // Sent to Lost and Found
      Map.entry(69, FAILURE), // Unable to Deliver
      Map.entry(70, IN_TRANSIT), // Package not at UPS Access Point yet
      Map.entry(71, IN_TRANSIT), // Preparing for Delivery
      Map.entry(72, OUT_FOR_DELIVERY), // Loaded on Delivery Vehicle
      Map.entry(73, IN_TRANSIT), // In Transit to UPS Delivery Partner
      Map.entry(74, IN_TRANSIT), // UPS Delivery Partner has Shipment
      Map.entry(75, IN_TRANSIT), // Scheduled for Delivery
      Map.entry(76, ERROR), // UPS Delivery Partner Exception
      Map.entry(77, PRE_TRANSIT), // Scheduled for Pickup Today
      Map.entry(78, OUT_FOR_DELIVERY), // Your Driver is Arriving Soon!
      Map.entry(79, PRE_TRANSIT), // Order Processed: In Transit to UPS
      Map.entry(80, PRE_TRANSIT), // Order Processed: Ready for UPS
      Map.entry(81, RETURN_TO_SENDER), // Returned - Damage Reported
      Map.entry(82, IN_TRANSIT), // Delivery Instructions Received
      Map.entry(83, IN_TRANSIT), // Held
      Map.entry(84, IN_TRANSIT), // Cleared
      Map.entry(85, ERROR), // Held for COD Payment
      Map.entry(86, IN_TRANSIT), // Delay
      Map.entry(87, IN_TRANSIT), // On the Way
      Map.entry(88, UNKNOWN), // Test
      Map.entry(89, OUT_FOR_DELIVERY),
      Map.entry(90, IN_TRANSIT), // Delay
      Map.entry(91, OUT_FOR_DELIVERY),
      Map.entry(92, IN_TRANSIT), // Customs Clearance in Progress
      Map.entry(93, ERROR), // Premier Recovery In Progress
      Map.entry(94, IN_TRANSIT), // Premier Recovery Completed
      Map.entry(95, IN_TRANSIT), // Additional Attempt Requested
      Map.entry(96, IN_TRANSIT), // Address Change Confirmed
      Map.entry(97, IN_TRANSIT), // Address Change Requested
      Map.entry(98, IN_TRANSIT), // Deliver to Original Address Requested
      Map.entry(99, IN_TRANSIT), // Deliver to Original Address Confirmed
      Map.entry(100, IN_TRANSIT), // Hold at UPS Access Point Confirmed
      Map.entry(101, IN_TRANSIT), // Hold at UPS Access Point Requested
      Map.entry(102, IN_TRANSIT), // Hold for Courier Requested
      Map.entry(103, IN_TRANSIT), // Hold for Courier Confirmed
      Map.entry(104, IN_TRANSIT), // Hold for Instructions Confirmed
      Map.entry(105, IN_TRANSIT), // Hold for Instructions Requested
      Map.entry(106, IN_TRANSIT), // Hold for Pickup Confirmed
      Map.entry(107, IN_TRANSIT), // Hold for Pickup Requested
      Map.entry(108, IN_TRANSIT), // Hold for Pickup Today Confirmed
      Map.entry(109, IN_TRANSIT), // Hold for Pickup Today Requested
      Map.entry(110, IN_TRANSIT), // Refrigeration Confirmed
      Map.entry(111, IN_TRANSIT), // Refrigeration Requested
      Map.entry(112, IN_TRANSIT), // Re-Ice Confirmed
      Map.entry(113, IN_TRANSIT), // Re-Ice Requested
      Map.entry(114, IN_TRANSIT), // Request Canceled
      Map.entry(115, IN_TRANSIT), // Reschedule Delivery Confirmed
      Map.entry(116, IN_TRANSIT), // Reschedule Delivery Requested
      Map.entry(117, RETURN_TO_SENDER), // Return by Saturday Confirmed
      Map.entry(118, RETURN_TO_SENDER), // Return to Sender Confirmed
      Map.entry(119, RETURN_TO_SENDER), // Return to Sender Requested
      Map.entry(120, IN_TRANSIT), // Saturday Delivery Confirmed
      Map.entry(121, IN_TRANSIT), // Saturday Delivery Requested
      Map.entry(122, IN_TRANSIT), // Upgrade Confirmed
      Map.entry(123, IN_TRANSIT), // Pending Release From Non-UPS Broker
      Map.entry(124, ERROR), // Clearance Information Needed
      Map.entry(125, ERROR), // Clearance Information Needed
      Map.entry(126, IN_TRANSIT), // Pending Government Agency Release
      Map.entry(127, ERROR), // Investigation Closed
      Map.entry(128, IN_TRANSIT), // Investigation Canceled
      Map.entry(129, ERROR), // Investigation Opened
      Map.entry(130, ERROR), // Claim in Progress
      Map.entry(131, PRE_TRANSIT), // Final Pickup Attempted
      Map.entry(132, IN_TRANSIT), // Airport Security Delay
      Map.entry(133, PRE_TRANSIT), // Return Label Left With Customer
      Map.entry(134, IN_TRANSIT), // Cleared Import Customs
      Map.entry(135, PRE_TRANSIT), // Second Pickup Attempted
      Map.entry(136, IN_TRANSIT), // Delivery Rescheduled for Saturday
      Map.entry(137, IN_TRANSIT), // Transferred to UPS Delivery Partner
      Map.entry(138, IN_TRANSIT), // Awaiting Scheduled Departure
      Map.entry(139, ERROR), // Security Access Required
      Map.entry(140, FAILURE), // Claim Paid
      Map.entry(141, ERROR), // Incomplete Documentation Received
      Map.entry(142, ERROR), // Claim Voided
      Map.entry(143, DELIVERED), // Delivered to Agent
      Map.entry(144, AVAILABLE_FOR_PICKUP), // Delivered to Post Office for Pickup
      Map.entry(145, ERROR), // Delivery Attempted
      Map.entry(146, OUT_FOR_DELIVERY),
      Map.entry(147, FAILURE), // Seized by Law Enforcement, No Longer in UPS possession
      Map.entry(148, UNKNOWN), // Package Information Unavailable
      Map.entry(149, FAILURE), // Prohibited Contents, Package Destroyed
      Map.entry(153, IN_TRANSIT), // Updated Delivery Time
      Map.entry(154, IN_TRANSIT), // Updated Delivery Date
      Map.entry(155, DELIVERED), // Delivery Photo
      Map.entry(156, DELIVERED), // Commercial Inside Release
      Map.entry(157, PRE_TRANSIT), // Shipment Ready for UPS
      Map.entry(158, IN_TRANSIT), // On the Way
      Map.entry(159, IN_TRANSIT), // On the Way
      Map.entry(160, IN_TRANSIT), // We Have Your Package
      Map.entry(161, AVAILABLE_FOR_PICKUP), // Delivered to UPS Access Point
      Map.entry(162, OUT_FOR_DELIVERY),
      Map.entry(163, UNKNOWN), // Package Information Unavailable
      Map.entry(164, IN_TRANSIT), // On the Way
      Map.entry(165, IN_TRANSIT), // On the Way
      Map.entry(166, PRE_TRANSIT), // Shipment Ready for Roadie
      Map.entry(167, IN_TRANSIT), // Dropped off at UPS Store by Customer
      Map.entry(168, IN_TRANSIT), // Dropped off at Retail Location by Customer
      Map.entry(169, IN_TRANSIT)); // Dropped off at a UPS Access Point by Customer

  /**
   * The status of a UPS status object: its three-digit code when UPS lists it, else its activity
   * type, else unknown. {@code statusCode} is read first; {@code code} only when it is digits (on
   * activities it is the two-letter scan code, {@code OT}, {@code AR}).
   */
  static TrackingStatus of(String type, String statusCode, String code) {
    Integer n = number(statusCode);
    if (n == null) n = number(code);
    if (n != null && CODES.containsKey(n)) return CODES.get(n);
    TrackingStatus byType = type == null ? null : TYPES.get(type.strip().toUpperCase(Locale.ROOT));
    return byType == null ? UNKNOWN : byType;
  }

  private static Integer number(String s) {
    if (s == null || !s.strip().matches("\\d{1,4}")) return null;
    return Integer.valueOf(s.strip());
  }
}
