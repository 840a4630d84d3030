package io.helpdeskbridge.plugin.ups;

import static io.helpdeskbridge.spi.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.spi.CarrierAnswer;
import io.helpdeskbridge.spi.TrackingStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads one {@code package} of a Track API answer ({@code trackResponse.shipment[].package[]})
 * into a {@link CarrierAnswer}. Tolerant: a field missing or malformed reads as unknown, never
 * throws.
 *
 * <ul>
 *   <li>Status: {@code currentStatus}, else the newest {@code activity[].status} ({@link UpsStatuses}).
 *   <li>Estimate: {@code deliveryDate[]} of type {@code RDD} (rescheduled), else {@code SDD}
 *       (scheduled), {@code YYYYMMDD}; {@code DEL} is the day it was delivered, not an estimate.
 *   <li>Last event: the newest activity, its local {@code date}/{@code time} at {@code gmtOffset},
 *       else {@code gmtDate}/{@code gmtTime} as GMT. UPS lists activities newest first, but the
 *       newest is chosen by time all the same.
 * </ul>
 *
 * @see <a href="https://github.com/UPS-API/api-documentation/blob/main/Tracking.yaml">UPS Track API (OpenAPI)</a>
 */
final class UpsTracking {
  static final String CARRIER = "UPS";
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

  private UpsTracking() {}

  static CarrierAnswer answer(String trackingNumber, JsonNode pkg, String locale) {
    JsonNode newest = newestActivity(pkg.path("activity"));
    JsonNode status = hasStatus(pkg.path("currentStatus")) ? pkg.path("currentStatus")
        : newest == null ? null : newest.path("status");
    TrackingStatus s = status == null ? TrackingStatus.UNKNOWN
        : UpsStatuses.of(text(status.path("type")), text(status.path("statusCode")), text(status.path("code")));
    String detail = status == null ? null : text(status.path("description"));
    return new CarrierAnswer(UpsLookup.ID, CARRIER, trackingNumber, s, detail, estimate(pkg.path("deliveryDate")),
        newest == null ? null : at(newest), trackingUrl(trackingNumber, locale));
  }

  /** UPS's public tracking page for the number. */
  static String trackingUrl(String trackingNumber, String locale) {
    return "https://www.ups.com/track?loc=" + URLEncoder.encode(locale, StandardCharsets.UTF_8) + "&tracknum="
        + URLEncoder.encode(trackingNumber.replaceAll("\\s", ""), StandardCharsets.UTF_8);
  }

  private static boolean hasStatus(JsonNode status) {
    return text(status.path("type")) != null || text(status.path("statusCode")) != null || text(status.path("code")) != null;
  }

  private static LocalDate estimate(JsonNode deliveryDates) {
    LocalDate scheduled = null;
    for (JsonNode d : deliveryDates) {
      LocalDate day = day(text(d.path("date")));
      if (day == null) continue;
      String type = text(d.path("type"));
      if ("RDD".equals(type)) return day;
      if ("SDD".equals(type)) scheduled = day;
    }
    return scheduled;
  }

  private static JsonNode newestActivity(JsonNode activities) {
    JsonNode newest = null;
    Instant newestAt = null;
    for (JsonNode a : activities) {
      Instant at = at(a);
      if (newest == null || (at != null && (newestAt == null || at.isAfter(newestAt)))) {
        newest = a;
        newestAt = at;
      }
    }
    return newest;
  }

  /** When an activity happened; null when UPS gave no readable date. */
  static Instant at(JsonNode activity) {
    LocalDate day = day(text(activity.path("date")));
    LocalTime time = time(text(activity.path("time")));
    String offset = text(activity.path("gmtOffset"));
    if (day != null && time != null && offset != null) {
      try {
        return LocalDateTime.of(day, time).toInstant(ZoneOffset.of(offset.strip()));
      } catch (java.time.DateTimeException badOffset) {
        // fall through to the GMT stamp
      }
    }
    LocalDate gmtDay = day(text(activity.path("gmtDate")));
    LocalTime gmtTime = time(text(activity.path("gmtTime")));
    if (gmtDay != null && gmtTime != null) return LocalDateTime.of(gmtDay, gmtTime).toInstant(ZoneOffset.UTC);
    if (day != null) return LocalDateTime.of(day, time == null ? LocalTime.MIDNIGHT : time).toInstant(ZoneOffset.UTC);
    return null;
  }

  private static LocalDate day(String yyyymmdd) {
    if (yyyymmdd == null) return null;
    try {
      return LocalDate.parse(yyyymmdd.strip(), DAY);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** {@code HHMMSS}, {@code HH:MM:SS}, or digits that lost their leading zero ({@code 74700}, as UPS's own example). */
  private static LocalTime time(String t) {
    if (t == null) return null;
    String digits = t.strip().replace(":", "");
    if (!digits.matches("\\d{1,6}")) return null;
    digits = "0".repeat(6 - digits.length()) + digits;
    try {
      return LocalTime.of(Integer.parseInt(digits.substring(0, 2)), Integer.parseInt(digits.substring(2, 4)),
          Integer.parseInt(digits.substring(4, 6)));
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }
}
