package io.helpdeskbridge.plugin.easypost;

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
 * EasyPost tracking webhooks ({@code POST /webhooks/easypost}): parcels returned, failing,
 * delayed or delivered. Stateless: every call reads its connector's settings, so one instance
 * serves every EasyPost account the bridge listens to.
 *
 * <p>Settings: {@code webhook-secret} (required; the {@code webhook_secret} the EasyPost webhook
 * was created or updated with; a list or {@code old,new} while it is being replaced). EasyPost
 * signs the body only, with no timestamp, so there is no age check; a replayed delivery keeps its
 * Event id and is caught by the inbox's dedupe.
 *
 * @see <a href="https://docs.easypost.com/guides/webhooks-guide">EasyPost: Webhooks guide</a>
 */
public final class EasyPostEventSource implements EventSource {

  static final String WEBHOOK_SECRET = "webhook-secret";


  public EasyPostEventSource() {}

  @Override
  public String id() {
    return EasyPostNormalizer.SOURCE;
  }

  @Override
  public void verify(WebhookRequest request, ConnectorSettings settings, Clock clock)
      throws WebhookRejected {
    EasyPostSignature.verify(
        request.header(EasyPostSignature.HEADER), request.body(), secrets(settings));
  }

  /** The Event's {@code id} ({@code evt_...}), the same on every retry of one Event. */
  @Override
  public String eventId(WebhookRequest request, JsonNode payload) throws WebhookRejected {
    JsonNode id = payload == null ? null : payload.get("id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      throw WebhookRejected.badRequest("event has no id");
    }
    return id.asText();
  }

  /** The Event's {@code description} ({@code tracker.updated}), or null when there is none. */
  @Override
  public String vendorType(WebhookRequest request, JsonNode payload) {
    JsonNode description = payload == null ? null : payload.get("description");
    return description != null && description.isTextual() && !description.asText().isBlank()
        ? description.asText()
        : null;
  }

  @Override
  public List<OrderEvent> normalize(
      WebhookRequest request, JsonNode payload, ConnectorSettings settings) {
    return EasyPostNormalizer.normalize(payload, request == null ? null : request.receivedAt());
  }

  /**
   * The tracker of every {@code tracker.*} Event (in transit too), for the stale-shipment sweep;
   * its source is the plugin id, as the tracker lookups give it.
   */
  @Override
  public List<ShipmentState> shipmentStates(WebhookRequest request, JsonNode payload) {
    return EasyPostShipments.states(payload);
  }

  /**
   * {@code samples/easypost/<vendorType>.json} from the classpath, {@code /} read as {@code -}:
   * {@code tracker.updated} (a parcel returned to sender) or {@code tracker.updated-delivered}.
   */
  @Override
  public Optional<byte[]> sample(String vendorType) {
    return BundledSamples.load("easypost", vendorType);
  }

  /** The {@code X-Hmac-Signature} header made with the first configured secret. */
  @Override
  public Map<String, String> signForSample(
      String vendorType, byte[] body, ConnectorSettings settings, Instant now) {
    String secret = secrets(settings).get(0);
    return Map.of(EasyPostSignature.HEADER, EasyPostSignature.sign(body, secret));
  }

  private static List<String> secrets(ConnectorSettings settings) {
    return settings.requireList(WEBHOOK_SECRET);
  }
}
