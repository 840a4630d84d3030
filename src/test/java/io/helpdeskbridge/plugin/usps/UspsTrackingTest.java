package io.helpdeskbridge.plugin.usps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.CarrierAnswer;
import io.helpdeskbridge.spi.Lookup.Parcel;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How USPS's event times and estimates are read: GMT first, local time at its offset next. */
class UspsTrackingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest(name = "{0} / {1} / {2} -> {3}")
  @CsvSource(nullValues = "null", value = {
      "2026-11-21T04:12:00, 2026-11-21T09:12:00Z,     -05:00, 2026-11-21T09:12:00Z",
      "2026-11-21T04:12:00, 2026-11-21T09:12:00.041Z, -05:00, 2026-11-21T09:12:00.041Z",
      // GMTTimestamp without a zone is GMT all the same
      "2026-11-21T04:12:00, 2026-11-21T09:12:00,      -05:00, 2026-11-21T09:12:00Z",
      "2026-11-20T19:30:00, null,                     -8:00,  2026-11-21T03:30:00Z",
      "2026-11-20T19:30:00, null,                     -08:00, 2026-11-21T03:30:00Z",
      "2026-11-20T19:30:00, null,                     +0530,  2026-11-20T14:00:00Z",
      // USPS's own example writes local times with a Z: the offset wins
      "2026-11-20T19:30:00Z, null,                    -05:00, 2026-11-21T00:30:00Z",
      "2026-11-20T19:30:00Z, null,                    null,   2026-11-20T19:30:00Z",
      "2026-11-20T19:30:00, null,                     null,   2026-11-20T19:30:00Z",
      "2026-11-20T19:30:00, null,                     CST,    2026-11-20T19:30:00Z",
      "yesterday,           null,                     -05:00, null"})
  void anEventsInstant(String local, String gmt, String offset, String expected) throws IOException {
    String event = "{\"eventType\":\"Departed USPS Facility\",\"eventTimestamp\":\"" + local + "\""
        + (gmt == null ? "" : ",\"GMTTimestamp\":\"" + gmt + "\"")
        + (offset == null ? "" : ",\"GMTOffset\":\"" + offset + "\"") + "}";

    assertThat(UspsTracking.eventAt(JSON.readTree(event))).isEqualTo(expected == null ? null : Instant.parse(expected));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(nullValues = "null", delimiter = '|', value = {
      "\"expectedDeliveryTimeStamp\":\"2026-11-24T21:00:00\",\"predictedDeliveryDate\":\"2026-11-23\" | 2026-11-24",
      "\"expectedDeliveryTimeStamp\":null,\"predictedDeliveryTimeStamp\":\"2026-11-23T20:00:00-05:00\" | 2026-11-23",
      "\"predictedDeliveryDate\":\"2026-11-25\" | 2026-11-25",
      "\"guaranteedDeliveryTimeStamp\":\"2026-11-22T10:30:00-05:00\" | 2026-11-22",
      "\"expectedDeliveryTimeStamp\":\"\" | null"})
  void theEstimateIsTheFirstUspsGives(String fields, String day) throws IOException {
    CarrierAnswer a = UspsTracking.answer(JSON.readTree("{\"statusCategory\":\"In Transit\"," + fields + "}"),
        new Parcel("9400111899223344556677", "USPS"));

    assertThat(a.estimatedDay()).isEqualTo(day == null ? null : LocalDate.parse(day));
  }
}
