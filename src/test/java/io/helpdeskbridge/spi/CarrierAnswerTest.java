package io.helpdeskbridge.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A carrier's answer in the bridge's words, and the lenient reading of carriers' date-times. */
class CarrierAnswerTest {

  private static CarrierAnswer answer(TrackingStatus status, String detail, LocalDate day) {
    return new CarrierAnswer("dhl", "DHL Express", "1234567890", status, detail, day,
        Instant.parse("2026-11-19T08:12:00Z"), "https://example.com/track/1234567890");
  }

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource(nullValues = "null", delimiter = '|', value = {
      "IN_TRANSIT  | Arrived at facility  | in transit (Arrived at facility)",
      "IN_TRANSIT  | '  Arrived  '        | in transit (Arrived)",
      "DELIVERED   | Delivered            | delivered",
      "IN_TRANSIT  | in_transit           | in transit",
      "PRE_TRANSIT | ''                   | pre transit",
      "UNKNOWN     | null                 | unknown"})
  void theCarriersPhraseFollowsTheStatusWhenItAddsSomething(TrackingStatus status, String detail, String words) {
    assertThat(answer(status, detail, null).shipmentStatus()).isEqualTo(words);
  }

  @Test
  void givesTheEnrichmentsValuesAndTheSweepsStateForTheEstimatedDay() {
    CarrierAnswer a = answer(TrackingStatus.FAILURE, "Refused", LocalDate.parse("2026-11-22"));

    assertThat(a.found().values()).containsExactly(
        Map.entry("shipment_status", "failure (Refused)"), Map.entry("carrier", "DHL Express"),
        Map.entry("tracking_number", "1234567890"), Map.entry("tracking_url", "https://example.com/track/1234567890"),
        Map.entry("estimated_delivery", "2026-11-22"));
    assertThat(a.found().shipments()).containsExactly(new ShipmentState("dhl", "1234567890", "DHL Express", null,
        "failure", true, Instant.parse("2026-11-22T00:00:00Z"), Instant.parse("2026-11-19T08:12:00Z"),
        "https://example.com/track/1234567890"));
  }

  @ParameterizedTest(name = "{0} -> {1} / {2}")
  @CsvSource(nullValues = "null", value = {
      "2026-11-27T18:00:00-05:00, 2026-11-27T23:00:00Z, 2026-11-27",
      "2026-11-27T23:30:00-05:00, 2026-11-28T04:30:00Z, 2026-11-27",
      "2026-11-27T08:00:00Z,      2026-11-27T08:00:00Z, 2026-11-27",
      "2026-11-27T08:00:00,       2026-11-27T08:00:00Z, 2026-11-27",
      "2026-11-27T08:00:00.041Z,  2026-11-27T08:00:00.041Z, 2026-11-27",
      "2026-11-27,                2026-11-27T00:00:00Z, 2026-11-27",
      "2026-11-27T08:00:00+01:00[Europe/Berlin], 2026-11-27T07:00:00Z, 2026-11-27",
      "'  '                       , null, null",
      "By End of Day,             null, null",
      "null,                      null, null"})
  void readsCarriersDateTimesLeniently(String text, String instant, String day) {
    assertThat(CarrierAnswer.instant(text)).isEqualTo(instant == null ? null : Instant.parse(instant));
    assertThat(CarrierAnswer.day(text)).isEqualTo(day == null ? null : LocalDate.parse(day));
  }
}
