package io.helpdeskbridge.sweep;

import static io.helpdeskbridge.spi.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.ShipmentDelayed;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The stale-shipment sweep as an event source ({@code webhook:stale-sweep}), so what it raises
 * goes through the inbox, the dispatcher and the routes like any vendor's event. It is not a
 * plugin: the bridge adds it to its sources when the sweep is on, it is not listed in {@code
 * META-INF/services}, and it refuses every HTTP delivery. Its payload is the bridge's own JSON
 * ({@link Stale}), written by {@link StaleShipmentSweep}; each one means one {@link ShipmentDelayed}:
 *
 * <ul>
 *   <li>{@value #OVERDUE}: the parcel is past its estimated day; {@code previousEstimate} is the
 *       estimate it missed, {@code newEstimate} the carrier's new one when the poll gave one, else null;
 *   <li>{@value #QUIET}: the carrier reported nothing for the quiet period; {@code previousEstimate}
 *       is null and {@code newEstimate} the carrier's current estimate, if any.
 * </ul>
 */
public final class StaleShipmentSource implements EventSource {

  /** The source id: the inbox's source column and the route's {@code webhook:stale-sweep}. */
  public static final String ID = "stale-sweep";
  public static final String OVERDUE = "stale_shipment_overdue";
  public static final String QUIET = "stale_shipment_quiet";
  private static final Set<String> TYPES = Set.of(OVERDUE, QUIET);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One stale parcel, as the sweep stores it in the inbox.
   *
   * @param id the inbox event id: {@code overdue:<tracking>:<estimated day>} or {@code
   *     quiet:<tracking>:<last event>}, so a parcel is raised once per fact
   * @param vendorType {@value #OVERDUE} or {@value #QUIET}
   * @param orderKey the order the parcel belongs to ({@code order:1001}, else {@code tracking:...})
   * @param platform the carrier platform whose tracker was polled ({@code easypost})
   */
  public record Stale(String id, String vendorType, Instant raisedAt, String orderKey, String trackingNumber,
      String carrier, String platform, String trackerId, String status, String previousEstimate, String newEstimate,
      Instant lastEventAt, String trackingUrl) {

    public String toJson() {
      ObjectNode o = JSON.createObjectNode();
      o.put("id", id);
      o.put("type", vendorType);
      o.put("raisedAt", raisedAt == null ? null : raisedAt.toString());
      o.put("orderKey", orderKey);
      o.put("trackingNumber", trackingNumber);
      o.put("carrier", carrier);
      o.put("platform", platform);
      o.put("trackerId", trackerId);
      o.put("status", status);
      o.put("previousEstimate", previousEstimate);
      o.put("newEstimate", newEstimate);
      o.put("lastEventAt", lastEventAt == null ? null : lastEventAt.toString());
      o.put("trackingUrl", trackingUrl);
      return o.toString();
    }

    /** The payload read back; empty when it is not one (no id, type or tracking number). */
    static Optional<Stale> read(JsonNode p) {
      if (p == null || !p.isObject()) return Optional.empty();
      String id = text(p.get("id"));
      String type = text(p.get("type"));
      String tracking = text(p.get("trackingNumber"));
      if (id == null || type == null || !TYPES.contains(type) || tracking == null) return Optional.empty();
      return Optional.of(new Stale(id, type, instant(text(p.get("raisedAt"))), text(p.get("orderKey")), tracking,
          text(p.get("carrier")), text(p.get("platform")), text(p.get("trackerId")), text(p.get("status")),
          text(p.get("previousEstimate")), text(p.get("newEstimate")), instant(text(p.get("lastEventAt"))),
          text(p.get("trackingUrl"))));
    }
  }

  @Override
  public String id() {
    return ID;
  }

  /** Nothing outside the bridge may raise these: every HTTP delivery is refused. */
  @Override
  public void verify(WebhookRequest request, ConnectorSettings settings, Clock clock) throws WebhookRejected {
    throw new WebhookRejected(404, "Unknown source",
        "'" + ID + "' is the bridge's own stale-shipment sweep, not a webhook source");
  }

  @Override
  public String eventId(WebhookRequest request, JsonNode payload) throws WebhookRejected {
    String id = payload == null ? null : text(payload.get("id"));
    if (id == null) throw WebhookRejected.badRequest("stale-shipment payload has no id");
    return id;
  }

  @Override
  public String vendorType(WebhookRequest request, JsonNode payload) {
    return payload == null ? null : text(payload.get("type"));
  }

  @Override
  public List<OrderEvent> normalize(WebhookRequest request, JsonNode payload, ConnectorSettings settings) {
    Optional<Stale> read = Stale.read(payload);
    if (read.isEmpty()) return List.of();
    Stale s = read.get();
    Instant at = s.raisedAt() != null ? s.raisedAt() : request == null ? null : request.receivedAt();
    return List.of(new ShipmentDelayed(ID, s.id(), at, orderRef(s.orderKey(), s.trackingNumber(), s.carrier()),
        s.vendorType(), s.carrier(), s.trackingNumber(), s.previousEstimate(), s.newEstimate(), s.trackingUrl()));
  }

  /** The reference an order key stands for ({@code order:1001} → order 1001), with the parcel's tracking number and carrier. */
  static OrderRef orderRef(String orderKey, String trackingNumber, String carrier) {
    String orderId = null;
    String vendorOrderId = null;
    String paymentId = null;
    String email = null;
    if (orderKey != null) {
      int colon = orderKey.indexOf(':');
      String kind = colon < 0 ? "" : orderKey.substring(0, colon);
      String value = colon < 0 ? null : orderKey.substring(colon + 1);
      switch (kind) {
        case "order" -> orderId = value;
        case "vendor-order" -> vendorOrderId = value;
        case "payment" -> paymentId = value;
        case "email" -> email = value;
        default -> { } // tracking: (the parcel's own number) or unknown
      }
    }
    return new OrderRef(orderId, vendorOrderId, email, paymentId, trackingNumber, carrier);
  }

  private static Instant instant(String text) {
    if (text == null) return null;
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
