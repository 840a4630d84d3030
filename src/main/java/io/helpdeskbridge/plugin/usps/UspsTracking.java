package io.helpdeskbridge.plugin.usps;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.spi.CarrierAnswer;
import io.helpdeskbridge.spi.Lookup.Parcel;
import io.helpdeskbridge.spi.VendorJson;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads USPS's tracking answer ({@code GET /tracking/v3/tracking/{number}?expand=DETAIL}) for one
 * parcel: {@code statusCategory} and {@code status} ({@link UspsStatuses}), the expected delivery
 * ({@code expectedDeliveryTimeStamp}, else the predicted or guaranteed one), and the newest of
 * {@code trackingEvents[]}. Event times are local ({@code eventTimestamp}) with the GMT time beside
 * them ({@code GMTTimestamp}, else {@code GMTOffset}); the GMT one is used when present.
 */
final class UspsTracking {
  static final String TRACKING_PAGE = "https://tools.usps.com/go/TrackConfirmAction?tLabels=";
  /** Where USPS may put its estimate, best first. */
  private static final List<String> ESTIMATES = List.of("expectedDeliveryTimeStamp", "expectedDeliveryDate",
      "predictedDeliveryTimeStamp", "predictedDeliveryDate", "guaranteedDeliveryTimeStamp");
  /** {@code -7:00}, {@code -05:00}, {@code +0530}: USPS writes the offset with or without a leading zero. */
  private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{1,2}):?(\\d{2})?");
  private static final Pattern ZONE_SUFFIX = Pattern.compile("(Z|[+-]\\d{2}:?\\d{2})$");

  private UspsTracking() {}

  static CarrierAnswer answer(JsonNode body, Parcel parcel) {
    String status = text(body.path("status"));
    JsonNode events = body.path("trackingEvents");
    String detail = status != null ? status : text(events.path(0).path("eventType"));
    LocalDate eta = null;
    for (String field : ESTIMATES) {
      if (eta == null) eta = CarrierAnswer.day(text(body.path(field)));
    }
    Instant last = null;
    for (JsonNode e : events) {
      Instant at = eventAt(e);
      if (at != null && (last == null || at.isAfter(last))) last = at;
    }
    String number = UspsParcels.number(parcel.trackingNumber());
    return new CarrierAnswer(UspsLookup.ID, "USPS", parcel.trackingNumber().strip(),
        UspsStatuses.of(text(body.path("statusCategory")), status), detail, eta, last,
        TRACKING_PAGE + URLEncoder.encode(number, StandardCharsets.UTF_8));
  }

  /**
   * An event's instant: its GMT time, else its local time at its {@code GMTOffset}, else its local
   * time as it comes. USPS's own example writes the local time with a {@code Z} it does not mean
   * ({@code 2023-08-02T07:31:00Z} for "7:31 am ... in RICHMOND, VA"), so with an offset at hand a
   * zone on {@code eventTimestamp} is ignored.
   */
  static Instant eventAt(JsonNode event) {
    Instant gmt = CarrierAnswer.instant(text(event.path("GMTTimestamp")));
    if (gmt != null) return gmt;
    String local = text(event.path("eventTimestamp"));
    String offset = text(event.path("GMTOffset"));
    if (local != null && offset != null) {
      Matcher m = OFFSET.matcher(offset.strip());
      if (m.matches()) {
        try {
          int sign = m.group(1).equals("-") ? -1 : 1;
          ZoneOffset zone = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(m.group(2)),
              sign * (m.group(3) == null ? 0 : Integer.parseInt(m.group(3))));
          return LocalDateTime.parse(ZONE_SUFFIX.matcher(local.strip()).replaceFirst("")).toInstant(zone);
        } catch (DateTimeException odd) {
          // an offset or time of another shape: read as it comes below
        }
      }
    }
    return CarrierAnswer.instant(local);
  }

  private static String text(JsonNode n) {
    return VendorJson.text(n);
  }
}
