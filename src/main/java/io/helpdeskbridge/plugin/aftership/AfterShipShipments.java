package io.helpdeskbridge.plugin.aftership;

import static io.helpdeskbridge.spi.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.spi.ShipmentState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The tracking of any AfterShip webhook ({@code tracking_update}, {@code edd_revise}, {@code
 * tracking_pending_time}) as a {@link ShipmentState}, whatever its tag, for the stale-shipment
 * sweep. Pure and tolerant like {@link AfterShipNormalizer}. AfterShip's times are the carrier's
 * wall clock and often carry no offset; for the sweep's day-sized thresholds such a time is read
 * as UTC, and a bare date as its start.
 *
 * @see <a href="https://www.aftership.com/docs/tracking/webhook/webhook-specifications">AfterShip:
 *     webhook specifications</a>
 */
final class AfterShipShipments {

  /** Tags after which the carrier has nothing more to deliver (Expired: AfterShip stopped tracking). */
  private static final Set<String> ENDED_TAGS = Set.of("delivered", "availableforpickup", "expired");

  /** Returned to sender: the parcel's journey is over too. */
  private static final String RETURNED = "Exception_011";

  private AfterShipShipments() {}

  static List<ShipmentState> states(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      return List.of();
    }
    JsonNode msg = payload.get("msg");
    if (msg == null || !msg.isObject()) {
      return List.of();
    }
    String trackingNumber = text(msg.get("tracking_number"));
    if (trackingNumber == null) {
      return List.of();
    }
    String tag = text(msg.get("tag"));
    boolean ended =
        (tag != null && ENDED_TAGS.contains(tag.toLowerCase(Locale.ROOT)))
            || RETURNED.equalsIgnoreCase(text(msg.get("subtag")));
    String url = text(msg.get("courier_tracking_link"));
    return List.of(
        new ShipmentState(
            AfterShipNormalizer.SOURCE,
            trackingNumber,
            AfterShipWords.carrier(text(msg.get("slug"))),
            text(msg.get("id")),
            tag,
            ended,
            estimate(msg),
            lastEventAt(msg.get("checkpoints")),
            url != null ? url : text(msg.get("aftership_tracking_url"))));
  }

  /** The first estimate found, its latest bound for a range. */
  private static Instant estimate(JsonNode msg) {
    for (String field : AfterShipNormalizer.NEW_ESTIMATE_FIELDS) {
      JsonNode node = msg.get(field);
      if (node == null) {
        continue;
      }
      String text;
      if (node.isTextual()) {
        text = text(node);
      } else if (node.isObject()) {
        text = firstText(node, "datetime", "datetime_max", "datetime_min", "estimated_delivery_date",
            "estimated_delivery_date_max", "estimated_delivery_date_min");
      } else {
        text = null;
      }
      Instant at = instant(text);
      if (at != null) {
        return at;
      }
    }
    return null;
  }

  private static String firstText(JsonNode node, String... fields) {
    for (String field : fields) {
      String value = text(node.get(field));
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  /** The latest readable {@code checkpoint_time}, or null. */
  private static Instant lastEventAt(JsonNode checkpoints) {
    Instant latest = null;
    if (checkpoints == null || !checkpoints.isArray()) {
      return null;
    }
    for (JsonNode cp : checkpoints) {
      Instant at = instant(text(cp.get("checkpoint_time")));
      if (at != null && (latest == null || at.isAfter(latest))) {
        latest = at;
      }
    }
    return latest;
  }

  /** With an offset as given; a local date-time as UTC; a bare date as its start in UTC; else null. */
  static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException notOffset) {
      // a local form follows
    }
    try {
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException notLocal) {
      // maybe a date
    }
    try {
      return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }
}
