package io.helpdeskbridge.plugin.easypost;

import static io.helpdeskbridge.spi.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.spi.ShipmentState;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The tracker of an EasyPost {@code tracker.*} Event as a {@link ShipmentState}, whatever its
 * status (in transit too), for the stale-shipment sweep. Pure and tolerant like {@link
 * EasyPostNormalizer}: anything that is not a tracker with a tracking code reads as no state.
 *
 * @see <a href="https://docs.easypost.com/docs/trackers">EasyPost: Tracker object</a>
 */
final class EasyPostShipments {

  /**
   * Statuses after which the carrier has nothing more to deliver: delivered, waiting at a pickup
   * point, on its way back, failed or cancelled (the last three already raised a ShipmentException).
   * As {@code EasyPostLookup.ENDED}, plus the pickup point; {@code error} is not ended: a parcel
   * EasyPost cannot track is worth a look when it stays that way.
   */
  static final Set<String> ENDED =
      Set.of("delivered", "available_for_pickup", "return_to_sender", "failure", "cancelled");

  private EasyPostShipments() {}

  static List<ShipmentState> states(JsonNode envelope) {
    if (envelope == null || !envelope.isObject()) {
      return List.of();
    }
    String description = text(envelope.get("description"));
    JsonNode tracker = envelope.path("result");
    if (description == null || !description.startsWith("tracker.") || !tracker.isObject()) {
      return List.of();
    }
    String object = text(tracker.get("object"));
    String trackingNumber = text(tracker.get("tracking_code"));
    if ((object != null && !object.equals("Tracker")) || trackingNumber == null) {
      return List.of();
    }
    String status = text(tracker.get("status"));
    return List.of(
        new ShipmentState(
            EasyPostNormalizer.SOURCE,
            trackingNumber,
            text(tracker.get("carrier")),
            text(tracker.get("id")),
            status,
            status != null && ENDED.contains(status),
            EasyPostNormalizer.instant(text(tracker.get("est_delivery_date"))),
            lastEventAt(tracker.get("tracking_details")),
            text(tracker.get("public_url"))));
  }

  /** The latest readable {@code datetime} of the tracking details, or null. */
  private static Instant lastEventAt(JsonNode details) {
    Instant latest = null;
    if (details == null || !details.isArray()) {
      return null;
    }
    for (JsonNode detail : details) {
      Instant at = EasyPostNormalizer.instant(text(detail.get("datetime")));
      if (at != null && (latest == null || at.isAfter(latest))) {
        latest = at;
      }
    }
    return latest;
  }
}
