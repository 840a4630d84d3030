package io.helpdeskbridge.spi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * One parcel as a carrier's own tracking API (DHL, USPS, UPS, FedEx) reported it, already in the
 * bridge's words: a {@link TrackingStatus}, the carrier's own phrase, the estimated day and the
 * latest event. It gives the enrichment's values and the {@link ShipmentState} the stale-shipment
 * sweep keeps in one shape for every carrier, so the ticket reads the same whichever carrier it
 * was; and it reads the carriers' date-times leniently.
 *
 * @param source the plugin id ({@code dhl}, {@code usps})
 * @param trackingNumber the number as the shop gave it: the sweep matches states on it, so it is
 *     not the carrier's rewrite of it
 * @param detail the carrier's words for where the parcel stands ({@code Arrived at facility}),
 *     null when it has none
 * @param estimatedDay the estimated delivery day as the carrier wrote it (its local day)
 * @param lastEventAt when the carrier last reported anything, null when unknown
 */
public record CarrierAnswer(String source, String carrier, String trackingNumber, TrackingStatus status, String detail,
    LocalDate estimatedDay, Instant lastEventAt, String trackingUrl) {

  /** {@code in transit (Arrived at facility)}: the status in words, and the carrier's phrase when it adds something. */
  public String shipmentStatus() {
    String words = status.words();
    if (detail == null || detail.isBlank() || detail.strip().equalsIgnoreCase(words)
        || detail.strip().equalsIgnoreCase(status.wire())) {
      return words;
    }
    return words + " (" + detail.strip() + ")";
  }

  /**
   * The estimate as the sweep keeps it: the start of the day in UTC, as EasyPost gives days, so a
   * parcel is late only once its day is over ({@code ShipmentBook.overdueAt}).
   */
  public Instant estimatedDelivery() {
    return estimatedDay == null ? null : estimatedDay.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public ShipmentState state() {
    return status.state(source, trackingNumber, carrier, estimatedDelivery(), lastEventAt, trackingUrl);
  }

  /** The enrichment's shipment values and the state to remember. */
  public Lookup.Found found() {
    return Lookup.Found.builder()
        .value("shipment_status", shipmentStatus())
        .value("carrier", carrier)
        .value("tracking_number", trackingNumber)
        .value("tracking_url", trackingUrl)
        .value("estimated_delivery", estimatedDay == null ? null : estimatedDay.toString())
        .shipment(state())
        .build();
  }

  /**
   * An instant read leniently: with an offset or zone as given, a local date-time as UTC (carriers
   * that send local times without a zone), a bare date as its start in UTC. Null when blank or
   * unreadable: one odd field must not cost the whole answer.
   */
  public static Instant instant(String text) {
    if (text == null || text.isBlank()) return null;
    String t = text.strip();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException notOffset) {
      // the next form
    }
    try {
      return ZonedDateTime.parse(t).toInstant();
    } catch (DateTimeParseException notZoned) {
      // the next form
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notLocal) {
      // the next form
    }
    try {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException notADate) {
      return null;
    }
  }

  /**
   * The calendar day a date or date-time names as written ({@code 2026-11-27T18:00:00-05:00} is
   * the 27th, not the UTC 28th): estimates are promises of a local day. Null when unreadable.
   */
  public static LocalDate day(String text) {
    if (text == null || text.isBlank()) return null;
    String t = text.strip();
    try {
      return OffsetDateTime.parse(t).toLocalDate();
    } catch (DateTimeParseException notOffset) {
      // the next form
    }
    try {
      return ZonedDateTime.parse(t).toLocalDate();
    } catch (DateTimeParseException notZoned) {
      // the next form
    }
    try {
      return LocalDateTime.parse(t).toLocalDate();
    } catch (DateTimeParseException notLocal) {
      // the next form
    }
    try {
      return LocalDate.parse(t);
    } catch (DateTimeParseException notADate) {
      return null;
    }
  }
}
