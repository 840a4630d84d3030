package io.helpdeskbridge.plugin.usps;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.spi.TrackingStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every USPS status category, with a status text USPS gives under it, in the bridge's words; and
 * whether the stale-shipment sweep stops watching the parcel and whether it is an exception.
 */
class UspsStatusesTest {

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource(nullValues = "null", delimiter = '|', value = {
      "Pre-Shipment         | Shipping Label Created, USPS Awaiting Item           | pre_transit          | false | false",
      "Accepted             | USPS in possession of item                           | in_transit           | false | false",
      "In Transit           | Arrived at USPS Regional Facility                    | in_transit           | false | false",
      "In-Transit           | In Transit to Next Facility, Arriving Late           | in_transit           | false | false",
      "Out for Delivery     | Out for Delivery                                     | out_for_delivery     | false | false",
      "Available for Pickup | Available for Pickup                                 | available_for_pickup | false | false",
      "Delivery Attempt     | Notice Left (No Authorized Recipient Available)      | in_transit           | false | false",
      "Delivered            | Delivered, In/At Mailbox                             | delivered            | true  | false",
      "Delivered            | Delivered, To Original Sender                        | return_to_sender     | true  | true",
      "Alert                | Return to Sender Processed                           | return_to_sender     | true  | true",
      "Alert                | Addressee Unknown                                    | error                | false | true",
      "Alert                | Held at Post Office, At Customer Request             | error                | false | true",
      "Return to Sender     | Returned to Sender                                   | return_to_sender     | true  | true",
      "In Transit           | Return to Sender Processed                           | return_to_sender     | true  | true",
      "PRE-SHIPMENT         | null                                                 | pre_transit          | false | false",
      // a category USPS adds later, or none at all, is unknown: never an exception
      "Tracking Suspended   | Tracking suspended                                   | unknown              | false | false",
      "null                 | null                                                 | unknown              | false | false"})
  void eachCategoryIsOneTrackingStatus(String category, String status, String wire, boolean ended, boolean exception) {
    TrackingStatus s = UspsStatuses.of(category, status);

    assertThat(s.wire()).isEqualTo(wire);
    assertThat(s.ended()).as("the sweep leaves it alone").isEqualTo(ended);
    assertThat(s.exception()).as("a person should look").isEqualTo(exception);
  }
}
