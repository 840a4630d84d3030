package io.helpdeskbridge.plugin.aftership;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.spi.BundledSamples;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.ShipmentState;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AfterShip Tracking webhooks ({@code POST /webhooks/aftership}): parcels in trouble, delivered or
 * running late, for carriers the shop tracks through AfterShip. Stateless: every call reads its
 * connector's settings, so one instance serves every AfterShip account the bridge listens to.
 *
 * <p>Settings: {@code webhook-secret} (required; a list or {@code old,new} while a secret is being
 * rolled). The delivery id is the body's {@code event_id} (AfterShip retries a failed delivery up
 * to 14 times with the same one), the vendor type its {@code event}.
 *
 * @see <a href="https://www.aftership.com/docs/tracking/webhook/webhook-specifications">AfterShip:
 *     webhook specifications</a>
 */
public final class AfterShipEventSource implements EventSource {

  static final String WEBHOOK_SECRET = "webhook-secret";


  public AfterShipEventSource() {}

  @Override
  public String id() {
    return AfterShipNormalizer.SOURCE;
  }

  /** The {@code aftership-hmac-sha256} header over the raw body; AfterShip signs no timestamp. */
  @Override
  public void verify(WebhookRequest request, ConnectorSettings settings, Clock clock)
      throws WebhookRejected {
    AfterShipSignature.verify(
        request.header(AfterShipSignature.HEADER), request.body(), secrets(settings));
  }

  @Override
  public String eventId(WebhookRequest request, JsonNode payload) throws WebhookRejected {
    JsonNode id = payload == null ? null : payload.get("event_id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      throw WebhookRejected.badRequest("event has no event_id");
    }
    return id.asText();
  }

  /** The body's {@code event} ({@code tracking_update}, {@code edd_revise}, ...), or null. */
  @Override
  public String vendorType(WebhookRequest request, JsonNode payload) {
    JsonNode event = payload == null ? null : payload.get("event");
    return event != null && event.isTextual() && !event.asText().isBlank() ? event.asText() : null;
  }

  @Override
  public List<OrderEvent> normalize(
      WebhookRequest request, JsonNode payload, ConnectorSettings settings) {
    return AfterShipNormalizer.normalize(payload);
  }

  /**
   * {@code tracking:<number> → order:<number>} whenever a tracking names its order, even in updates
   * that mean no event (in transit, out for delivery), so a later exception that carries only the
   * tracking number finds its order.
   */
  @Override
  public Map<String, String> orderFacts(WebhookRequest request, JsonNode payload) {
    return AfterShipNormalizer.orderFacts(payload);
  }

  /**
   * The tracking of every webhook (in transit too), for the stale-shipment sweep; its source is the
   * plugin id, as the tracker lookups give it.
   */
  @Override
  public List<ShipmentState> shipmentStates(WebhookRequest request, JsonNode payload) {
    return AfterShipShipments.states(payload);
  }

  /** {@code samples/aftership/<vendorType>.json} from the classpath, e.g. {@code edd_revise}. */
  @Override
  public Optional<byte[]> sample(String vendorType) {
    return BundledSamples.load("aftership", vendorType);
  }

  /** The {@code aftership-hmac-sha256} header made with the first configured secret. */
  @Override
  public Map<String, String> signForSample(
      String vendorType, byte[] body, ConnectorSettings settings, Instant now) {
    String secret = secrets(settings).get(0);
    return Map.of(AfterShipSignature.HEADER, AfterShipSignature.sign(body, secret));
  }

  private static List<String> secrets(ConnectorSettings settings) {
    return settings.requireList(WEBHOOK_SECRET);
  }
}
