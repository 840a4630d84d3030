package io.helpdeskbridge.plugin.dhl;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.spi.TrackingStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every {@code statusCode} DHL's unified API documents, in the bridge's words. */
class DhlStatusesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "null", value = {
      "pre-transit, pre_transit, false",
      "transit,     in_transit,  false",
      "delivered,   delivered,   true",
      "failure,     failure,     true",
      "unknown,     unknown,     false",
      // not documented: read as unknown, never as an error
      "returned,    unknown,     false",
      "TRANSIT,     unknown,     false",
      "'',          unknown,     false",
      "null,        unknown,     false"})
  void eachCodeIsOneTrackingStatus(String code, String wire, boolean ended) {
    TrackingStatus status = DhlStatuses.of(code);

    assertThat(status.wire()).isEqualTo(wire);
    assertThat(status.ended()).as("the sweep leaves it alone").isEqualTo(ended);
  }

  @Test
  void theTableHoldsExactlyTheFiveDocumentedCodes() {
    assertThat(DhlStatuses.CODES).containsOnlyKeys("pre-transit", "transit", "delivered", "failure", "unknown");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(
      delimiter = '|',
      value = {
        "DELIVERED_TO_NEIGHBOUR | delivered to neighbour",
        "pre-transit | pre transit",
        "DELIVERED | delivered",
        "Shipment picked up | Shipment picked up",
        "Delivered | Delivered"
      })
  void aStatusWrittenAsACodeReadsAsWords(String status, String words) {
    org.assertj.core.api.Assertions.assertThat(DhlStatuses.words(status)).isEqualTo(words);
  }
}
