package io.helpdeskbridge.plugin.easypost;

import static io.helpdeskbridge.spi.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.ShipmentDelayed;
import io.helpdeskbridge.event.ShipmentDelivered;
import io.helpdeskbridge.event.ShipmentException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns an EasyPost tracker Event ({@code tracker.created}, {@code tracker.updated}) into the
 * bridge's shipment events. Pure and tolerant: the dispatcher runs it again on stored payloads, and
 * anything it does not understand (another description, a result that is not a Tracker, no
 * tracking code) yields an empty list, never an exception.
 *
 * <p>One delivery means at most one event, chosen in this order:
 *
 * <ol>
 *   <li>{@code status} {@code return_to_sender}, {@code failure}, {@code error} or {@code
 *       cancelled}: {@link ShipmentException};
 *   <li>{@code status} {@code delivered}: {@link ShipmentDelivered} at the newest {@code
 *       delivered} tracking detail's time, else the Event's (it arrived, so a finer reason no
 *       longer makes it an exception);
 *   <li>{@code status_detail} {@code delivery_exception}, {@code address_correction}, {@code lost},
 *       {@code damaged}, {@code refused}, {@code held} or {@code transit_exception}: {@link
 *       ShipmentException};
 *   <li>{@code status_detail} {@code delayed} or {@code weather_delay}, or {@code est_delivery_date} later than the
 *       Event's {@code previous_attributes.est_delivery_date}: {@link ShipmentDelayed}.
 * </ol>
 *
 * <p>The Event's time is its {@code created_at}, else {@code updated_at} (the Event record also
 * tracks its own delivery, so that one may move), else the receipt time. {@code unknown} right after a tracker is created is
 * normal and means nothing. The exception's
 * {@code status} is EasyPost's {@code status} and {@code status_detail} in words ({@link
 * EasyPostWords}: {@code being returned to the sender (refused by the recipient)}, or {@code lost}
 * for a lost parcel EasyPost still calls in transit); its {@code detail} is the newest tracking
 * detail's carrier message. The carrier is named as an agent would ({@code DHL Express}).
 * EasyPost trackers carry no order number, so the {@link OrderRef} holds only the tracking number
 * and carrier; the engine finds the order through aliases other sources taught it.
 *
 * @see <a href="https://docs.easypost.com/docs/trackers">EasyPost: Tracker object</a>
 * @see <a href="https://docs.easypost.com/docs/events">EasyPost: Event object</a>
 */
final class EasyPostNormalizer {

  static final String SOURCE = "easypost";

  private static final Set<String> TRACKER_EVENTS = Set.of("tracker.created", "tracker.updated");
  private static final Set<String> EXCEPTION_STATUSES =
      Set.of("return_to_sender", "failure", "error", "cancelled");
  private static final Set<String> EXCEPTION_DETAILS =
      Set.of("delivery_exception", "address_correction", "lost", "damaged", "refused", "held", "transit_exception");
  private static final String DELIVERED = "delivered";
  /** Details that say the parcel is late even when EasyPost has no new estimate yet. */
  private static final Set<String> DELAYED = Set.of("delayed", "weather_delay");

  private EasyPostNormalizer() {}

  /**
   * @param envelope the EasyPost Event as received
   * @param receivedAt when the bridge received it; the time of last resort when the Event has no
   *     {@code created_at} or {@code updated_at}
   */
  static List<OrderEvent> normalize(JsonNode envelope, Instant receivedAt) {
    if (envelope == null || !envelope.isObject()) {
      return List.of();
    }
    String description = text(envelope.get("description"));
    JsonNode tracker = envelope.path("result");
    if (description == null || !TRACKER_EVENTS.contains(description) || !tracker.isObject()) {
      return List.of();
    }
    String object = text(tracker.get("object"));
    if (object != null && !object.equals("Tracker")) {
      return List.of();
    }
    String eventId = text(envelope.get("id"));
    String trackingNumber = text(tracker.get("tracking_code"));
    if (eventId == null || trackingNumber == null) {
      return List.of();
    }
    Instant occurredAt = firstInstant(envelope.get("created_at"), envelope.get("updated_at"));
    if (occurredAt == null) {
      occurredAt = receivedAt;
    }
    String carrier = text(tracker.get("carrier"));
    Shipment s =
        new Shipment(
            eventId,
            occurredAt,
            description,
            EasyPostWords.carrier(carrier),
            trackingNumber,
            text(tracker.get("public_url")),
            new OrderRef(null, null, null, null, trackingNumber, carrier));
    String status = text(tracker.get("status"));
    String statusDetail = text(tracker.get("status_detail"));
    JsonNode newest = newestDetail(tracker.get("tracking_details"));

    if (status != null && EXCEPTION_STATUSES.contains(status)) {
      return List.of(exception(s, status, statusDetail, newest));
    }
    if (DELIVERED.equals(status)) {
      Instant deliveredAt = deliveredAt(tracker.get("tracking_details"));
      if (deliveredAt == null) {
        deliveredAt = occurredAt;
      }
      return List.of(
          new ShipmentDelivered(
              SOURCE, s.eventId, s.occurredAt, s.order, s.vendorType, s.carrier, s.trackingNumber,
              deliveredAt));
    }
    if (statusDetail != null && EXCEPTION_DETAILS.contains(statusDetail)) {
      return List.of(exception(s, status, statusDetail, newest));
    }
    String previousEstimate = text(envelope.path("previous_attributes").get("est_delivery_date"));
    String newEstimate = text(tracker.get("est_delivery_date"));
    if ((statusDetail != null && DELAYED.contains(statusDetail)) || later(newEstimate, previousEstimate)) {
      return List.of(
          new ShipmentDelayed(
              SOURCE, s.eventId, s.occurredAt, s.order, s.vendorType, s.carrier, s.trackingNumber,
              previousEstimate, newEstimate, s.trackingUrl));
    }
    return List.of();
  }

  private static ShipmentException exception(
      Shipment s, String status, String statusDetail, JsonNode newest) {
    String detail = text(newest.get("message"));
    if (detail == null) {
      detail = text(newest.get("description"));
    }
    // without the carrier's message the status already says all EasyPost knows (its detail included)
    return new ShipmentException(
        SOURCE, s.eventId, s.occurredAt, s.order, s.vendorType, s.carrier, s.trackingNumber,
        EasyPostWords.exception(status, statusDetail, EXCEPTION_STATUSES), detail, location(newest.path("tracking_location")), s.trackingUrl);
  }

  /**
   * The newest entry of {@code tracking_details}: the latest {@code datetime}; entries whose time
   * cannot be read lose to those whose can, and among equals the later one in the list wins
   * (EasyPost lists them oldest first).
   */
  private static JsonNode newestDetail(JsonNode details) {
    JsonNode newest = MissingNode.getInstance();
    Instant newestAt = null;
    if (details == null || !details.isArray()) {
      return newest;
    }
    for (JsonNode detail : details) {
      if (!detail.isObject()) {
        continue;
      }
      Instant at = instant(text(detail.get("datetime")));
      boolean newer =
          newest.isMissingNode()
              || (at != null && (newestAt == null || !at.isBefore(newestAt)))
              || (at == null && newestAt == null);
      if (newer) {
        newest = detail;
        newestAt = at;
      }
    }
    return newest;
  }

  /** The time of the newest tracking detail whose status is {@code delivered}, or null. */
  private static Instant deliveredAt(JsonNode details) {
    Instant deliveredAt = null;
    if (details == null || !details.isArray()) {
      return null;
    }
    for (JsonNode detail : details) {
      if (!DELIVERED.equals(text(detail.get("status")))) {
        continue;
      }
      Instant at = instant(text(detail.get("datetime")));
      if (at != null && (deliveredAt == null || at.isAfter(deliveredAt))) {
        deliveredAt = at;
      }
    }
    return deliveredAt;
  }

  /** "City, ST, US" from the non-blank parts of a {@code tracking_location}, or null. */
  private static String location(JsonNode trackingLocation) {
    List<String> parts = new ArrayList<>();
    for (String field : List.of("city", "state", "country")) {
      String part = text(trackingLocation.get(field));
      if (part != null) {
        parts.add(part.strip());
      }
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  /**
   * Whether {@code estimate} is later than {@code previous}. Both must be readable: an estimate
   * that appears, disappears or cannot be parsed is not a delay. When either side is a bare date,
   * the comparison is by (UTC) date, so "2026-01-05" and "2026-01-05T12:00:00Z" are the same day.
   */
  static boolean later(String estimate, String previous) {
    if (estimate == null || previous == null) {
      return false;
    }
    Instant now = instant(estimate);
    Instant before = instant(previous);
    if (now == null || before == null) {
      return false;
    }
    if (isDateOnly(estimate) || isDateOnly(previous)) {
      return utcDate(now).isAfter(utcDate(before));
    }
    return now.isAfter(before);
  }

  private static Instant firstInstant(JsonNode... candidates) {
    for (JsonNode candidate : candidates) {
      Instant at = instant(text(candidate));
      if (at != null) {
        return at;
      }
    }
    return null;
  }

  /**
   * An ISO-8601 instant read leniently: {@code 2026-01-02T15:04:05Z}, with an offset or zone, a
   * local date-time (taken as UTC, EasyPost's default when it knows no zone) or a bare date (its
   * start, UTC). Null when unreadable.
   */
  static Instant instant(String text) {
    // the same lenient reading every carrier's answer gets
    return io.helpdeskbridge.spi.CarrierAnswer.instant(text);
  }

  private static boolean isDateOnly(String text) {
    return !text.contains("T") && !text.contains("t");
  }

  private static LocalDate utcDate(Instant instant) {
    return instant.atZone(ZoneOffset.UTC).toLocalDate();
  }


  /** What every shipment event of one delivery shares. */
  private record Shipment(
      String eventId,
      Instant occurredAt,
      String vendorType,
      String carrier,
      String trackingNumber,
      String trackingUrl,
      OrderRef order) {}
}
