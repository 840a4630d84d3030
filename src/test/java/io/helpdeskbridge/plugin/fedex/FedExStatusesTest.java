package io.helpdeskbridge.plugin.fedex;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.spi.TrackingStatus;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every code of FedEx's "Tracking Status Codes" table (movement and regulatory), with FedEx's text
 * and the bridge's word for it. The table is written out here, not derived from {@link
 * FedExStatuses}, so a changed mapping or a code left out fails.
 */
class FedExStatusesTest {
  private static final Set<String> SEEN = new HashSet<>();

  @ParameterizedTest(name = "{0} ({1}) is {2}")
  @CsvSource(delimiter = '|', textBlock = """
      AA | At Airport                                         | in_transit
      AC | At Canada Post facility                            | in_transit
      AD | At Delivery                                        | out_for_delivery
      AF | At local FedEx Facility                            | in_transit
      AO | Shipment arriving On-time                          | in_transit
      AP | At Pickup                                          | pre_transit
      AR | Arrived at FedEx location                          | in_transit
      AX | At USPS facility                                   | in_transit
      CA | Shipment Cancelled                                 | cancelled
      CH | Location Changed                                   | in_transit
      DD | Delivery Delay                                     | in_transit
      DE | Delivery Exception                                 | error
      DL | Delivered                                          | delivered
      DP | Departed                                           | in_transit
      DR | Vehicle furnished but not used                     | pre_transit
      DS | Vehicle Dispatched                                 | pre_transit
      DY | Delay                                              | in_transit
      EA | Enroute to Airport / Export Approved               | in_transit
      ED | Enroute to Delivery                                | out_for_delivery
      EO | Enroute to Origin Airport                          | in_transit
      EP | Enroute to Pickup                                  | pre_transit
      FD | At FedEx Destination                               | in_transit
      HL | Hold at Location                                   | available_for_pickup
      HP | Ready for Recipient Pickup                         | available_for_pickup
      IT | In Transit                                         | in_transit
      IX | In transit (see Details)                           | in_transit
      LO | Left Origin                                        | in_transit
      OC | Order Created                                      | pre_transit
      OD | Out for Delivery                                   | out_for_delivery
      OF | At FedEx origin facility                           | in_transit
      OW | On the way                                         | in_transit
      OX | Shipment information sent to USPS                  | in_transit
      PD | Pickup Delay                                       | pre_transit
      PF | Plane in Flight                                    | in_transit
      PL | Plane Landed                                       | in_transit
      PM | In Progress                                        | in_transit
      PU | Picked Up                                          | in_transit
      PX | Picked up (see Details)                            | in_transit
      RR | CDO requested                                      | in_transit
      RM | CDO Modified                                       | in_transit
      RC | CDO Cancelled                                      | in_transit
      RS | Return to Shipper                                  | return_to_sender
      RP | Return label link emailed to return sender         | pre_transit
      LP | Return label link cancelled by shipment originator | cancelled
      RG | Return label link expiring soon                    | pre_transit
      RD | Return label link expired                          | cancelled
      SE | Shipment Exception                                 | error
      SF | At Sort Facility                                   | in_transit
      SP | Split Status                                       | in_transit
      TR | Transfer                                           | in_transit
      CC | Cleared Customs                                    | in_transit
      CD | Clearance Delay                                    | in_transit
      CP | Clearance in Progress                              | in_transit
      """)
  void everyStatusCode(String code, String fedexText, String expected) {
    SEEN.add(code);
    assertThat(FedExStatuses.of(code, "XX").wire()).as(fedexText).isEqualTo(expected);
    assertThat(FedExStatuses.of(code.toLowerCase(java.util.Locale.ROOT), null).wire()).as(fedexText).isEqualTo(expected);
  }

  @AfterAll
  static void theTableLeavesNothingOut() {
    assertThat(SEEN).containsExactlyInAnyOrderElementsOf(FedExStatuses.CODES.keySet());
  }

  @Test
  void aCodeTheTableLacksFallsBackToTheDerivedCodeAndNothingKnownIsUnknown() {
    assertThat(FedExStatuses.of("ZZ", "RL")).isEqualTo(TrackingStatus.IN_TRANSIT);
    assertThat(FedExStatuses.of(null, "IN")).isEqualTo(TrackingStatus.PRE_TRANSIT);
    assertThat(FedExStatuses.of("AE", null)).isEqualTo(TrackingStatus.IN_TRANSIT);
    assertThat(FedExStatuses.of("ZZ", "YY")).isEqualTo(TrackingStatus.UNKNOWN);
    assertThat(FedExStatuses.of(null, null)).isEqualTo(TrackingStatus.UNKNOWN);
  }

  @Test
  void exceptionsAreFlaggedButStillSwept() {
    for (String code : java.util.List.of("DE", "SE")) {
      assertThat(FedExStatuses.of(code, null).exception()).as(code).isTrue();
      assertThat(FedExStatuses.of(code, null).ended()).as(code).isFalse();
    }
    assertThat(FedExStatuses.of("RS", null).ended()).isTrue();
  }
}
