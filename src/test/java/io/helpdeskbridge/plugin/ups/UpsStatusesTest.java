package io.helpdeskbridge.plugin.ups;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.spi.TrackingStatus;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every activity type and every status/description code of UPS's Track API appendix, with UPS's
 * text and the bridge's word for it. The table is written out here, not derived from {@link
 * UpsStatuses}, so a changed mapping or a code left out fails.
 */
class UpsStatusesTest {
  private static final Set<Integer> CODES_SEEN = new HashSet<>();
  private static final Set<String> TYPES_SEEN = new HashSet<>();

  @ParameterizedTest(name = "type {0} ({1}) is {2}")
  @CsvSource(delimiter = '|', textBlock = """
      M  | Billing Information Received             | pre_transit
      MV | Billing Information Voided               | cancelled
      P  | Pickup                                   | in_transit
      I  | In Transit                               | in_transit
      O  | Out for Delivery                         | out_for_delivery
      D  | Delivered                                | delivered
      DO | Delivered Origin CFS (Freight Only)      | in_transit
      DD | Delivered Destination CFS (Freight Only) | in_transit
      W  | Warehousing (Freight Only)               | in_transit
      X  | Exception                                | error
      RS | Returned to Shipper                      | return_to_sender
      NA | Not Available                            | unknown
      U  | Updates (Track Alert API Only)           | in_transit
      """)
  void everyActivityType(String type, String upsText, String expected) {
    TYPES_SEEN.add(type);
    assertThat(UpsStatuses.of(type, null, null).wire()).as(upsText).isEqualTo(expected);
    assertThat(UpsStatuses.of(type.toLowerCase(java.util.Locale.ROOT), null, "OT").wire()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "code {0} ({1}) is {2}")
  @CsvSource(delimiter = '|', textBlock = """
      000 | Status Not Available                                              | unknown
      003 | Shipment Ready for UPS                                            | pre_transit
      005 | On the Way                                                        | in_transit
      006 | Out for Delivery                                                  | out_for_delivery
      007 | Shipment Information Voided                                       | cancelled
      010 | On the Way                                                        | in_transit
      011 | Delivered                                                         | delivered
      012 | Clearance in Progress                                             | in_transit
      013 | Exception                                                         | error
      014 | Clearance Completed                                               | in_transit
      016 | In Warehouse                                                      | in_transit
      017 | Held for Customer Pickup                                          | available_for_pickup
      018 | Delivery Change Requested: Hold for Pickup                        | in_transit
      019 | Held for Future Delivery                                          | in_transit
      020 | Held for Future Delivery Requested                                | in_transit
      021 | Out for Delivery                                                  | out_for_delivery
      022 | First Attempt Made                                                | error
      023 | Second Delivery Attempted                                         | error
      024 | Final Attempt Made                                                | error
      025 | On the Way                                                        | in_transit
      026 | Delivered by Local Post Office                                    | delivered
      027 | Delivery Address Change Requested                                 | in_transit
      028 | Delivery Address Changed                                          | in_transit
      029 | Exception: Action Required                                        | error
      030 | Local Post Office Exception                                       | error
      032 | Adverse Weather May Cause Delay                                   | in_transit
      033 | Return to Sender Requested                                        | return_to_sender
      034 | Returned to Sender                                                | return_to_sender
      035 | Returning to Sender                                               | return_to_sender
      036 | Returning to Sender: In Transit                                   | return_to_sender
      037 | Out for Delivery                                                  | out_for_delivery
      038 | Picked Up by UPS                                                  | in_transit
      039 | On the Way                                                        | in_transit
      040 | Ready for Customer Pickup                                         | available_for_pickup
      041 | Service Upgrade Requested                                         | in_transit
      042 | Service Upgraded                                                  | in_transit
      043 | Voided Pickup                                                     | pre_transit
      044 | On the Way to UPS                                                 | pre_transit
      045 | On the Way to UPS                                                 | pre_transit
      046 | Delay                                                             | in_transit
      047 | On the Way                                                        | in_transit
      048 | Delay                                                             | in_transit
      049 | Delay: Action Required                                            | error
      050 | Address Information Required                                      | error
      051 | Delay: Emergency Situation or Severe Weather                      | in_transit
      052 | Delay: Severe Weather                                             | in_transit
      053 | Delay: Severe Weather                                             | in_transit
      054 | Delivery Change Requested                                         | in_transit
      055 | Rescheduled Delivery                                              | in_transit
      056 | Service Upgrade Requested                                         | in_transit
      057 | On the Way to a Local UPS Access Point                            | in_transit
      058 | Clearance Information Required                                    | error
      059 | Damage Reported                                                   | error
      060 | Delivery Attempted                                                | error
      061 | Delivery Attempted: Adult Signature Required                      | error
      062 | Delivery Attempted: Funds Required                                | error
      063 | Delivery Change Completed                                         | in_transit
      064 | Delivery Refused                                                  | failure
      065 | Pickup Attempted                                                  | pre_transit
      066 | Post Office Delivery Attempted                                    | error
      067 | Returned to Sender by Post Office                                 | return_to_sender
      068 | Sent to Lost and Found                                            | failure
      069 | Unable to Deliver                                                 | failure
      070 | Package not at UPS Access Point yet                               | in_transit
      071 | Preparing for Delivery                                            | in_transit
      072 | Loaded on Delivery Vehicle                                        | out_for_delivery
      073 | In Transit to UPS Delivery Partner                                | in_transit
      074 | UPS Delivery Partner has Shipment                                 | in_transit
      075 | Scheduled for Delivery                                            | in_transit
      076 | UPS Delivery Partner Exception                                    | error
      077 | Scheduled for Pickup Today                                        | pre_transit
      078 | Your Driver is Arriving Soon!                                     | out_for_delivery
      079 | Order Processed: In Transit to UPS                                | pre_transit
      080 | Order Processed: Ready for UPS                                    | pre_transit
      081 | Returned - Damage Reported                                        | return_to_sender
      082 | Delivery Instructions Received                                    | in_transit
      083 | Held                                                              | in_transit
      084 | Cleared                                                           | in_transit
      085 | Held for COD Payment                                              | error
      086 | Delay                                                             | in_transit
      087 | On the Way                                                        | in_transit
      088 | Test                                                              | unknown
      089 | Out for Delivery                                                  | out_for_delivery
      090 | Delay                                                             | in_transit
      091 | Out for Delivery                                                  | out_for_delivery
      092 | Customs Clearance in Progress                                     | in_transit
      093 | Premier Recovery In Progress                                      | error
      094 | Premier Recovery Completed                                        | in_transit
      095 | Additional Attempt Requested                                      | in_transit
      096 | Address Change Confirmed                                          | in_transit
      097 | Address Change Requested                                          | in_transit
      098 | Deliver to Original Address Requested                             | in_transit
      099 | Deliver to Original Address Confirmed                             | in_transit
      100 | Hold at UPS Access Point Confirmed                                | in_transit
      101 | Hold at UPS Access Point Requested                                | in_transit
      102 | Hold for Courier Requested                                        | in_transit
      103 | Hold for Courier Confirmed                                        | in_transit
      104 | Hold for Instructions Confirmed                                   | in_transit
      105 | Hold for Instructions Requested                                   | in_transit
      106 | Hold for Pickup Confirmed                                         | in_transit
      107 | Hold for Pickup Requested                                         | in_transit
      108 | Hold for Pickup Today Confirmed                                   | in_transit
      109 | Hold for Pickup Today Requested                                   | in_transit
      110 | Refrigeration Confirmed                                           | in_transit
      111 | Refrigeration Requested                                           | in_transit
      112 | Re-Ice Confirmed                                                  | in_transit
      113 | Re-Ice Requested                                                  | in_transit
      114 | Request Canceled                                                  | in_transit
      115 | Reschedule Delivery Confirmed                                     | in_transit
      116 | Reschedule Delivery Requested                                     | in_transit
      117 | Return by Saturday Confirmed                                      | return_to_sender
      118 | Return to Sender Confirmed                                        | return_to_sender
      119 | Return to Sender Requested                                        | return_to_sender
      120 | Saturday Delivery Confirmed                                       | in_transit
      121 | Saturday Delivery Requested                                       | in_transit
      122 | Upgrade Confirmed                                                 | in_transit
      123 | Pending Release From Non-UPS Broker                               | in_transit
      124 | Clearance Information Needed                                      | error
      125 | Clearance Information Needed                                      | error
      126 | Pending Government Agency Release                                 | in_transit
      127 | Investigation Closed                                              | error
      128 | Investigation Canceled                                            | in_transit
      129 | Investigation Opened                                              | error
      130 | Claim in Progress                                                 | error
      131 | Final Pickup Attempted                                            | pre_transit
      132 | Airport Security Delay                                            | in_transit
      133 | Return Label Left With Customer                                   | pre_transit
      134 | Cleared Import Customs                                            | in_transit
      135 | Second Pickup Attempted                                           | pre_transit
      136 | Delivery Rescheduled for Saturday                                 | in_transit
      137 | Transferred to UPS Delivery Partner                               | in_transit
      138 | Awaiting Scheduled Departure                                      | in_transit
      139 | Security Access Required                                          | error
      140 | Claim Paid - Claim Payment Has Been Processed.                    | failure
      141 | Incomplete Documentation Received                                 | error
      142 | Claim Voided                                                      | error
      143 | Delivered to Agent                                                | delivered
      144 | Delivered to Post Office for Pickup                               | available_for_pickup
      145 | Delivery Attempted                                                | error
      146 | Out for Delivery                                                  | out_for_delivery
      147 | Seized by Law Enforcement, No Longer in UPS possession            | failure
      148 | Package Information Unavailable                                   | unknown
      149 | Prohibited Contents, Package Destroyed No Longer in UPS possession| failure
      153 | Updated Delivery Time                                             | in_transit
      154 | Updated Delivery Date                                             | in_transit
      155 | Delivery Photo                                                    | delivered
      156 | Commercial Inside Release                                         | delivered
      157 | Shipment Ready for UPS                                            | pre_transit
      158 | On the Way                                                        | in_transit
      159 | On the Way                                                        | in_transit
      160 | We Have Your Package                                              | in_transit
      161 | Delivered to UPS Access Point                                     | available_for_pickup
      162 | Out for Delivery                                                  | out_for_delivery
      163 | Package Information Unavailable                                   | unknown
      164 | On the Way                                                        | in_transit
      165 | On the Way                                                        | in_transit
      166 | Shipment Ready for Roadie                                         | pre_transit
      167 | Dropped off at UPS Store by Customer                              | in_transit
      168 | Dropped off at Retail Location by Customer                        | in_transit
      169 | Dropped off at a UPS Access Point by Customer                     | in_transit
      """)
  void everyStatusCode(String code, String upsText, String expected) {
    CODES_SEEN.add(Integer.valueOf(code));
    // activities send it as statusCode, currentStatus as code; the code outranks the type
    assertThat(UpsStatuses.of("X", code, "AR").wire()).as(upsText).isEqualTo(expected);
    assertThat(UpsStatuses.of(null, null, code).wire()).as(upsText).isEqualTo(expected);
  }

  @AfterAll
  static void theTablesLeaveNothingOut() {
    assertThat(CODES_SEEN).containsExactlyInAnyOrderElementsOf(UpsStatuses.CODES.keySet());
    assertThat(TYPES_SEEN).containsExactlyInAnyOrderElementsOf(UpsStatuses.TYPES.keySet());
  }

  @Test
  void aCodeUpsDoesNotListFallsBackToTheTypeAndNothingKnownIsUnknown() {
    assertThat(UpsStatuses.of("I", "004", "IT")).isEqualTo(TrackingStatus.IN_TRANSIT);
    assertThat(UpsStatuses.of("D", "999", null)).isEqualTo(TrackingStatus.DELIVERED);
    assertThat(UpsStatuses.of(null, "004", "IT")).isEqualTo(TrackingStatus.UNKNOWN);
    assertThat(UpsStatuses.of("ZZ", null, null)).isEqualTo(TrackingStatus.UNKNOWN);
    assertThat(UpsStatuses.of(null, null, null)).isEqualTo(TrackingStatus.UNKNOWN);
  }

  @Test
  void onlyTheEndsUpsReportsAsFinalStopTheSweep() {
    assertThat(UpsStatuses.of("X", "060", "48")).isEqualTo(TrackingStatus.ERROR);
    assertThat(TrackingStatus.ERROR.ended()).isFalse();
    assertThat(UpsStatuses.of("X", "064", null).ended()).isTrue();
  }
}
