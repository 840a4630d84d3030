package io.helpdeskbridge.plugin.fedex;

import static io.helpdeskbridge.spi.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.spi.CarrierAnswer;
import io.helpdeskbridge.spi.TrackingStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Reads one {@code trackResults[]} entry of FedEx's Track API into a {@link CarrierAnswer}.
 * Tolerant: a field missing or malformed reads as unknown, never throws.
 *
 * <ul>
 *   <li>Status: {@code latestStatusDetail.code} ({@link FedExStatuses}); the detail is FedEx's
 *       {@code description}, or for an exception the reason FedEx gives ({@code
 *       ancillaryDetails[].reasonDescription}: "Customer not available or business closed").
 *   <li>Estimate: the day of {@code dateAndTimes[]} {@code ESTIMATED_DELIVERY}, else {@code
 *       APPOINTMENT_DELIVERY}, else the end of {@code estimatedDeliveryTimeWindow}, else of {@code
 *       standardTransitTimeWindow} (FedEx's service commitment). FedEx writes local times, with or
 *       without an offset; the day is taken as written.
 *   <li>Last event: the newest {@code scanEvents[].date}, else the newest {@code ACTUAL_*} date.
 * </ul>
 *
 * @see <a href="https://developer.fedex.com/api/en-us/catalog/track/v1/docs.html">FedEx Track API</a>
 */
final class FedExTracking {
  static final String CARRIER = "FedEx";
  private static final List<String> ESTIMATES = List.of("ESTIMATED_DELIVERY", "APPOINTMENT_DELIVERY");

  private FedExTracking() {}

  static CarrierAnswer answer(String trackingNumber, JsonNode result) {
    JsonNode latest = result.path("latestStatusDetail");
    TrackingStatus status = FedExStatuses.of(text(latest.path("code")), text(latest.path("derivedCode")));
    String detail = text(latest.path("description"));
    if (status.exception()) {
      String reason = text(latest.path("ancillaryDetails").path(0).path("reasonDescription"));
      if (reason != null) detail = reason;
    }
    return new CarrierAnswer(FedExLookup.ID, CARRIER, trackingNumber, status, detail, estimate(result),
        lastEventAt(result), trackingUrl(trackingNumber));
  }

  /** FedEx's public tracking page for the number. */
  static String trackingUrl(String trackingNumber) {
    return "https://www.fedex.com/fedextrack/?trknbr="
        + URLEncoder.encode(trackingNumber.replaceAll("\\s", ""), StandardCharsets.UTF_8);
  }

  static LocalDate estimate(JsonNode result) {
    for (String type : ESTIMATES) {
      for (JsonNode d : result.path("dateAndTimes")) {
        LocalDate day = type.equals(text(d.path("type"))) ? CarrierAnswer.day(text(d.path("dateTime"))) : null;
        if (day != null) return day;
      }
    }
    for (String window : List.of("estimatedDeliveryTimeWindow", "standardTransitTimeWindow")) {
      JsonNode w = result.path(window).path("window");
      LocalDate day = CarrierAnswer.day(text(w.path("ends")));
      if (day == null) day = CarrierAnswer.day(text(w.path("begins")));
      if (day != null) return day;
    }
    return null;
  }

  static Instant lastEventAt(JsonNode result) {
    Instant newest = null;
    for (JsonNode scan : result.path("scanEvents")) newest = later(newest, CarrierAnswer.instant(text(scan.path("date"))));
    if (newest != null) return newest;
    for (JsonNode d : result.path("dateAndTimes")) {
      String type = text(d.path("type"));
      if (type != null && type.startsWith("ACTUAL_")) newest = later(newest, CarrierAnswer.instant(text(d.path("dateTime"))));
    }
    return newest;
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || (b != null && b.isAfter(a)) ? b : a;
  }
}
