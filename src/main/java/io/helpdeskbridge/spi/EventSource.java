package io.helpdeskbridge.spi;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.OrderEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A vendor that calls us with webhooks (Stripe, Shopify, carriers, fraud tools). Implementations are
 * stateless and found by {@link java.util.ServiceLoader}: add one line naming the class to {@code
 * META-INF/services/io.helpdeskbridge.spi.EventSource}. Settings arrive on every call, so one
 * instance serves every connector of its plugin.
 *
 * <p>Intake calls {@link #verify}, then {@link #eventId}, then {@link #normalize}, before the row is
 * stored; the dispatcher calls {@link #normalize} again on the stored payload, so it must be pure.
 */
public interface EventSource {

  /** Stable lower-kebab plugin id: the URL segment, the {@code plugin:} value and the metric tag. */
  String id();

  /** Checks the vendor's signature over the raw body. A forged or stale delivery is rejected. */
  void verify(WebhookRequest request, ConnectorSettings settings, Clock clock) throws WebhookRejected;

  /**
   * The setting without which no delivery can be verified. {@code webhook-secret} (the default) is
   * a shared secret, which the bridge invents for development when it is unset; a vendor that signs
   * otherwise (PayPal: the webhook id, checked against its certificate) names its own, and an unset
   * one only warns (or stops the start under {@code BRIDGE_REQUIRE_SECRETS}).
   */
  default String verifiedBy() {
    return "webhook-secret";
  }

  /**
   * Whether one delivery may be a JSON array of events instead of one JSON object. HubSpot posts
   * up to 100 events in one array; every other vendor sends one object, and intake refuses an
   * array for them before any plugin code sees it.
   */
  default boolean acceptsArrayBody() {
    return false;
  }

  /** The vendor's id of this delivery, the inbox's dedupe key. */
  String eventId(WebhookRequest request, JsonNode payload) throws WebhookRejected;

  /** The vendor's own type name of this delivery (for audit and the ignored list). */
  String vendorType(WebhookRequest request, JsonNode payload);

  /**
   * Canonical events this delivery means; empty when the bridge has nothing to do with it (the
   * row is then recorded as ignored, not as an error).
   */
  List<OrderEvent> normalize(WebhookRequest request, JsonNode payload, ConnectorSettings settings);

  /**
   * Facts about orders this delivery states even when it means no canonical event, as alias key →
   * target key: {@code vendor-order:shopify:450789469 → order:1001}, {@code tracking:1Z999 →
   * vendor-order:shopify:450789469}. Keys use the prefixes of {@link
   * io.helpdeskbridge.event.OrderRef#key()}. The store remembers them, so later events that carry
   * only a tracking number or a platform id find their order.
   */
  default Map<String, String> orderFacts(WebhookRequest request, JsonNode payload) {
    return Map.of();
  }

  /**
   * Where the parcels this delivery talks about stand, for the stale-shipment sweep: every report
   * of a carrier platform's tracker (in transit too, not only the ones that mean an event). Empty
   * by default and for anything that is not a tracker report. Pure, like {@link #normalize}: the
   * engine records the states at intake (rows that mean nothing) or at dispatch.
   */
  default List<ShipmentState> shipmentStates(WebhookRequest request, JsonNode payload) {
    return List.of();
  }

  /**
   * Why {@link #normalize} made nothing of this delivery, when the plugin can say more than "not a
   * type the bridge reads": which field or value made it mean nothing, and what would have made it
   * count (a {@code charge.refunded} whose refunded total did not change is a metadata edit). Null:
   * the engine says the type is not one the bridge turns into a ticket change. Stored on the row.
   */
  default String ignoredBecause(WebhookRequest request, JsonNode payload, ConnectorSettings settings) {
    return null;
  }

  /**
   * Asks the vendor's API for the order number of a reference no earlier event explained (a
   * Stripe payment intent, a Shopify order id). Optional; called only when the store's aliases do
   * not know the order, and the answer is remembered, so each reference costs one call at most.
   * Failures throw; the engine then goes on without the order number, unless the failure is an
   * {@link OrderLookupUnavailable}: the event then waits and is tried again (and ends among the dead
   * letters, replayable, if the vendor never answers).
   */
  default Optional<String> lookupOrderNumber(io.helpdeskbridge.event.OrderRef ref, ConnectorSettings settings)
      throws java.io.IOException {
    return Optional.empty();
  }

  /**
   * The body of the answer to a delivery the bridge took (stored, ignored or a duplicate), for a
   * vendor that reads it: the Adobe Commerce Webhooks module accepts only {@code 200} with an
   * operation ({@code {"op":"success"}}) and logs anything else as a failed hook. When present the
   * bridge answers {@code 200} with it; empty (the default): the bridge's own {@code 202}/{@code
   * 200} JSON. Refusals stay problem answers either way.
   */
  default Optional<com.fasterxml.jackson.databind.node.ObjectNode> acknowledgement() {
    return Optional.empty();
  }

  /**
   * The vendor could not answer a {@link #lookupOrderNumber} that the event cannot do without (a
   * HubSpot ticket webhook names only the ticket): going on would write "no order found" on a
   * ticket that has one, so the event waits for the vendor instead.
   */
  final class OrderLookupUnavailable extends java.io.IOException {
    public OrderLookupUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A bundled example payload of this vendor for {@code send-sample}, if there is one. */
  default Optional<byte[]> sample(String vendorType) {
    return Optional.empty();
  }

  /**
   * Headers a vendor would send with {@code body} for an event of {@code vendorType}: its signature
   * and any headers that carry meaning (topic, shop, delivery id). For {@code send-sample}.
   */
  default Map<String, String> signForSample(String vendorType, byte[] body, ConnectorSettings settings, Instant now) {
    throw new UnsupportedOperationException(id() + " cannot sign samples");
  }
}
