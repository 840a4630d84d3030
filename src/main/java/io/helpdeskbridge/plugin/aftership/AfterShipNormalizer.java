package io.helpdeskbridge.plugin.aftership;

import static io.helpdeskbridge.spi.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.ShipmentDelayed;
import io.helpdeskbridge.event.ShipmentDelivered;
import io.helpdeskbridge.event.ShipmentException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns an AfterShip Tracking webhook ({@code ts}, {@code event}, {@code event_id}, {@code msg} =
 * the tracking) into the bridge's canonical events. Pure and tolerant: the dispatcher runs it again
 * on stored payloads, and anything it does not understand yields an empty list, never an exception.
 *
 * <ul>
 *   <li>{@code tracking_update} with tag {@code Exception}, {@code AttemptFail} or {@code Expired}
 *       is a {@link ShipmentException}; with tag {@code Delivered} a {@link ShipmentDelivered};
 *       other tags (InTransit, OutForDelivery, ...) mean nothing to a helpdesk.
 *   <li>{@code edd_revise} is a {@link ShipmentDelayed} unless the payload itself shows the new
 *       estimate is not later than the earlier one (see {@link #eddRevise}).
 *   <li>{@code tracking_pending_time} and anything else: nothing.
 * </ul>
 *
 * <p>The order: {@code msg.order_number} (the human one), else {@code msg.order_id}; AfterShip
 * often knows only the tracking number, so the reference also carries it and the carrier for the
 * engine's alias lookup. Codes reach the ticket in words ({@link AfterShipWords}): the exception's
 * {@code status} is the sub-status ({@code lost}), its {@code detail} the newest checkpoint's
 * message, and the carrier is the courier's name ({@code FedEx}), not its slug.
 *
 * <p>Time stamps of checkpoints and estimates are the carrier's text in the checkpoint's or
 * recipient's time zone, sometimes without an offset ({@code YYYY-MM-DD}, {@code
 * YYYY-MM-DDTHH:mm:ss}, {@code YYYY-MM-DDTHH:mm:ssZ}), so they are only turned into instants when
 * they carry an offset.
 *
 * @see <a href="https://www.aftership.com/docs/tracking/webhook/webhook-specifications">AfterShip:
 *     webhook specifications</a>
 */
final class AfterShipNormalizer {

  static final String SOURCE = "aftership";

  static final String TRACKING_UPDATE = "tracking_update";
  static final String EDD_REVISE = "edd_revise";

  /** Tags a support agent should hear about (the contract's exception list). */
  private static final Set<String> EXCEPTION_TAGS = Set.of("exception", "attemptfail", "expired");

  private static final String DELIVERED = "delivered";

  /**
   * Where the current estimate may be, best first: the combined "latest" of API 2024+ payloads,
   * the legacy v4 {@code expected_delivery}, then the per-source estimates.
   */
  static final List<String> NEW_ESTIMATE_FIELDS =
      List.of(
          "latest_estimated_delivery",
          "expected_delivery",
          "courier_estimated_delivery_date",
          "aftership_estimated_delivery_date",
          "custom_estimated_delivery_date");

  private AfterShipNormalizer() {}

  static List<OrderEvent> normalize(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      return List.of();
    }
    String event = text(payload.get("event"));
    String eventId = text(payload.get("event_id"));
    JsonNode msg = payload.get("msg");
    if (event == null || eventId == null || msg == null || !msg.isObject()) {
      return List.of();
    }
    String trackingNumber = text(msg.get("tracking_number"));
    Instant occurredAt = occurredAt(payload, msg);
    if (trackingNumber == null || occurredAt == null) {
      return List.of();
    }
    Context c =
        new Context(eventId, event, occurredAt, msg, trackingNumber, AfterShipWords.carrier(text(msg.get("slug"))));
    return switch (event) {
      case TRACKING_UPDATE -> trackingUpdate(c);
      case EDD_REVISE -> eddRevise(c);
      default -> List.of();
    };
  }

  /** {@code tracking:<number> → order:<id>} when the tracking names both, else nothing. */
  static Map<String, String> orderFacts(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      return Map.of();
    }
    JsonNode msg = payload.get("msg");
    if (msg == null || !msg.isObject()) {
      return Map.of();
    }
    String trackingNumber = text(msg.get("tracking_number"));
    String orderId = orderId(msg);
    if (trackingNumber == null || orderId == null) {
      return Map.of();
    }
    return Map.of("tracking:" + trackingNumber, "order:" + orderId);
  }

  private static List<OrderEvent> trackingUpdate(Context c) {
    String tag = text(c.msg.get("tag"));
    if (tag == null) {
      return List.of();
    }
    String tagKey = tag.toLowerCase(Locale.ROOT);
    JsonNode checkpoints = c.msg.path("checkpoints");
    if (EXCEPTION_TAGS.contains(tagKey)) {
      String subtagMessage = text(c.msg.get("subtag_message"));
      String status = AfterShipWords.status(tag, text(c.msg.get("subtag")), subtagMessage);
      JsonNode newest = newestCheckpoint(checkpoints, cp -> true);
      // the carrier's own words say more than AfterShip's label, which the status already gives
      String detail = newest == null ? null : text(newest.get("message"));
      if (detail == null && subtagMessage != null && !subtagMessage.equalsIgnoreCase(status)) {
        detail = subtagMessage;
      }
      return List.of(
          new ShipmentException(
              SOURCE,
              c.eventId,
              c.occurredAt,
              orderRef(c),
              c.event,
              c.carrier,
              c.trackingNumber,
              status,
              detail,
              newest == null ? null : location(newest),
              trackingUrl(c.msg)));
    }
    if (tagKey.equals(DELIVERED)) {
      JsonNode delivery =
          newestCheckpoint(
              checkpoints, cp -> DELIVERED.equalsIgnoreCase(text(cp.get("tag"))));
      if (delivery == null) {
        delivery = newestCheckpoint(checkpoints, cp -> true);
      }
      Instant deliveredAt = delivery == null ? null : instant(text(delivery.get("checkpoint_time")));
      return List.of(
          new ShipmentDelivered(
              SOURCE,
              c.eventId,
              c.occurredAt,
              orderRef(c),
              c.event,
              c.carrier,
              c.trackingNumber,
              deliveredAt == null ? c.occurredAt : deliveredAt));
    }
    return List.of();
  }

  /**
   * AfterShip sends {@code edd_revise} for every estimate change and does not send the estimate it
   * replaced. The payload's {@code first_estimated_delivery} (the shipment's original estimate) is
   * the only earlier value in it, so it is the baseline: when both parse and the new estimate is
   * not later (the first estimate being set, or an estimate moving earlier), nothing is emitted.
   * Without a baseline (legacy payloads), or when either text cannot be read as a date, the revise
   * is reported as a delay with {@code previousEstimate} as given (possibly null): a support agent
   * would rather read one note too many than miss a late parcel. A tracking already delivered is
   * not delayed.
   */
  private static List<OrderEvent> eddRevise(Context c) {
    if (DELIVERED.equalsIgnoreCase(text(c.msg.get("tag")))) {
      return List.of();
    }
    Estimate latest = null;
    for (String field : NEW_ESTIMATE_FIELDS) {
      latest = estimate(c.msg.get(field));
      if (latest != null) {
        break;
      }
    }
    if (latest == null) {
      return List.of();
    }
    Estimate first = estimate(c.msg.get("first_estimated_delivery"));
    if (first != null && !isLater(latest.upper, first.upper)) {
      return List.of();
    }
    return List.of(
        new ShipmentDelayed(
            SOURCE,
            c.eventId,
            c.occurredAt,
            orderRef(c),
            c.event,
            c.carrier,
            c.trackingNumber,
            first == null ? null : first.text,
            latest.text,
            trackingUrl(c.msg)));
  }

  /**
   * An estimate as text plus its upper bound for comparing: a plain string (legacy {@code
   * expected_delivery}), an object with {@code datetime}/{@code datetime_min}/{@code datetime_max}
   * (first/latest/custom), or one with {@code estimated_delivery_date[_min|_max]} (courier and
   * AfterShip AI). A range reads {@code "min to max"}.
   */
  private static Estimate estimate(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      String value = text(node);
      return value == null ? null : new Estimate(value, value);
    }
    if (!node.isObject()) {
      return null;
    }
    String single = text(node.get("datetime"));
    String min = text(node.get("datetime_min"));
    String max = text(node.get("datetime_max"));
    if (single == null && min == null && max == null) {
      single = text(node.get("estimated_delivery_date"));
      min = text(node.get("estimated_delivery_date_min"));
      max = text(node.get("estimated_delivery_date_max"));
    }
    if (single != null) {
      return new Estimate(single, single);
    }
    if (min != null && max != null) {
      return new Estimate(min + " to " + max, max);
    }
    if (max != null) {
      return new Estimate(max, max);
    }
    return min == null ? null : new Estimate(min, min);
  }

  /**
   * Whether estimate {@code a} is later than {@code b}; true when either cannot be read. Both are
   * in the recipient's time zone, so wall-clock values are compared; a date-only value is compared
   * by its date alone (the same day is not later).
   */
  private static boolean isLater(String a, String b) {
    WallTime x = wallTime(a);
    WallTime y = wallTime(b);
    if (x == null || y == null) {
      return true;
    }
    int byDate = x.date.compareTo(y.date);
    if (byDate != 0 || x.time == null || y.time == null) {
      return byDate > 0;
    }
    return x.time.isAfter(y.time);
  }

  /**
   * The newest checkpoint that {@code wanted} accepts. Times with an offset are compared as
   * instants, others by wall clock; AfterShip lists checkpoints oldest first, so on equal or
   * unreadable times the later entry wins.
   */
  private static JsonNode newestCheckpoint(JsonNode checkpoints, Predicate<JsonNode> wanted) {
    if (checkpoints == null || !checkpoints.isArray()) {
      return null;
    }
    JsonNode best = null;
    String bestTime = null;
    for (JsonNode cp : checkpoints) {
      if (!cp.isObject() || !wanted.test(cp)) {
        continue;
      }
      String time = text(cp.get("checkpoint_time"));
      if (best == null || notOlder(time, bestTime)) {
        best = cp;
        bestTime = time;
      }
    }
    return best;
  }

  /** Whether checkpoint time {@code a} (later in the list) is not older than {@code b}. */
  private static boolean notOlder(String a, String b) {
    Instant ia = instant(a);
    Instant ib = instant(b);
    if (ia != null && ib != null) {
      return !ia.isBefore(ib);
    }
    WallTime wa = wallTime(a);
    WallTime wb = wallTime(b);
    if (wa == null) {
      return wb == null;
    }
    if (wb == null) {
      return true;
    }
    return !wa.toLocal().isBefore(wb.toLocal());
  }

  /** The checkpoint's {@code location}, else its city, state and country joined. */
  private static String location(JsonNode checkpoint) {
    String location = text(checkpoint.get("location"));
    if (location != null) {
      return location;
    }
    List<String> parts = new ArrayList<>();
    for (String field : List.of("city", "state", "country_name")) {
      String part = text(checkpoint.get(field));
      if (part != null) {
        parts.add(part.trim());
      }
    }
    return parts.isEmpty() ? null : String.join(", ", parts);
  }

  private static OrderRef orderRef(Context c) {
    return new OrderRef(orderId(c.msg), null, email(c.msg), null, c.trackingNumber, c.carrier);
  }

  /** The human order number, else the order id; a leading '#' is dropped by {@link OrderRef}. */
  private static String orderId(JsonNode msg) {
    String number = OrderRef.number(text(msg.get("order_number")));
    return number != null ? number : OrderRef.number(text(msg.get("order_id")));
  }

  /** Legacy {@code emails[0]}, else the first {@code customers[].email}, else {@code customer_email}. */
  private static String email(JsonNode msg) {
    JsonNode emails = msg.path("emails");
    if (emails.isArray() && emails.size() > 0) {
      String first = text(emails.get(0));
      if (first != null) {
        return first;
      }
    }
    JsonNode customers = msg.path("customers");
    if (customers.isArray()) {
      for (JsonNode customer : customers) {
        String email = text(customer.get("email"));
        if (email != null) {
          return email;
        }
      }
    }
    return text(msg.get("customer_email"));
  }

  private static String trackingUrl(JsonNode msg) {
    String courier = text(msg.get("courier_tracking_link"));
    return courier != null ? courier : text(msg.get("aftership_tracking_url"));
  }

  /** {@code ts} (unix seconds), else the tracking's {@code updated_at}. */
  private static Instant occurredAt(JsonNode payload, JsonNode msg) {
    JsonNode ts = payload.get("ts");
    if (ts != null && ts.isIntegralNumber() && ts.canConvertToLong() && ts.longValue() > 0) {
      return Instant.ofEpochSecond(ts.longValue());
    }
    if (ts != null && ts.isTextual() && ts.asText().matches("[0-9]{1,12}")) {
      return Instant.ofEpochSecond(Long.parseLong(ts.asText()));
    }
    return instant(text(msg.get("updated_at")));
  }

  /** An ISO date-time with {@code Z} or an offset as an instant; null for anything else. */
  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException notOffset) {
      return null;
    }
  }

  /** The wall-clock date and (if given) time of an ISO date or date-time, offset ignored. */
  private static WallTime wallTime(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    try {
      return new WallTime(LocalDate.parse(t), null);
    } catch (DateTimeParseException notDate) {
      // a date-time follows
    }
    try {
      LocalDateTime local = OffsetDateTime.parse(t).toLocalDateTime();
      return new WallTime(local.toLocalDate(), local.toLocalTime());
    } catch (DateTimeParseException notOffset) {
      // maybe without an offset
    }
    try {
      LocalDateTime local = LocalDateTime.parse(t);
      return new WallTime(local.toLocalDate(), local.toLocalTime());
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }


  private record Context(
      String eventId,
      String event,
      Instant occurredAt,
      JsonNode msg,
      String trackingNumber,
      String carrier) {}

  private record Estimate(String text, String upper) {}

  private record WallTime(LocalDate date, LocalTime time) {
    LocalDateTime toLocal() {
      return time == null ? date.atStartOfDay() : date.atTime(time);
    }
  }
}
