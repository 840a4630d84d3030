package io.helpdeskbridge.plugin.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.RefundIssued;
import io.helpdeskbridge.spi.BundledSamples;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stripe webhooks: refunds and failed refunds, failed payments, disputes and Radar's fraud
 * signals. Stateless: every call reads its connector's settings, so one instance serves every
 * Stripe account the bridge listens to.
 *
 * <p>Settings: {@code webhook-secret} (required; a list or {@code old,new} while a secret is being
 * rolled), {@code tolerance-seconds} (default 300, {@code 0} disables the age check), {@code
 * order-metadata-key} (default {@code order_id}, the metadata key the shop writes its order number
 * to) and {@code refunds-from} (default {@code charge}, see {@link #REFUNDS_FROM}).
 *
 * @see <a href="https://docs.stripe.com/webhooks">Stripe: receive events in your webhook
 *     endpoint</a>
 */
public final class StripeEventSource implements EventSource {

  static final String WEBHOOK_SECRET = "webhook-secret";
  static final String TOLERANCE_SECONDS = "tolerance-seconds";
  static final String ORDER_METADATA_KEY = "order-metadata-key";
  /**
   * Which event family reports refunds: {@code charge} ({@code charge.refunded}, the default) or
   * {@code refund} ({@code refund.created/updated}). Since API 2024-10-28 Stripe sends both for
   * every refund with different event ids; counting both would put two notes on the ticket. The
   * choice only drops {@link RefundIssued}: a failed refund is only ever told by the refund
   * family, so it is reported whichever family is chosen.
   */
  static final String REFUNDS_FROM = "refunds-from";

  /** Thin events only carry a reference; the bridge would need an API call to read them. */
  private static final String THIN_EVENT = "v2.core.event";


  public StripeEventSource() {}

  @Override
  public String id() {
    return StripeNormalizer.SOURCE;
  }

  @Override
  public void verify(WebhookRequest request, ConnectorSettings settings, Clock clock)
      throws WebhookRejected {
    long defaultSeconds = StripeSignature.DEFAULT_TOLERANCE.getSeconds();
    Duration tolerance =
        Duration.ofSeconds(settings.integer(TOLERANCE_SECONDS, (int) defaultSeconds));
    StripeSignature.verify(
        request.header(StripeSignature.HEADER),
        request.body(),
        secrets(settings),
        tolerance,
        clock.instant());
  }

  @Override
  public String eventId(WebhookRequest request, JsonNode payload) throws WebhookRejected {
    if (payload != null && THIN_EVENT.equals(payload.path("object").asText(null))) {
      throw WebhookRejected.badRequest("thin events (v2.core.event) are not supported");
    }
    JsonNode id = payload == null ? null : payload.get("id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      throw WebhookRejected.badRequest("event has no id");
    }
    return id.asText();
  }

  /** The envelope's {@code type}, or null when the payload has none. */
  @Override
  public String vendorType(WebhookRequest request, JsonNode payload) {
    JsonNode type = payload == null ? null : payload.get("type");
    return type != null && type.isTextual() ? type.asText() : null;
  }

  @Override
  public List<OrderEvent> normalize(
      WebhookRequest request, JsonNode payload, ConnectorSettings settings) {
    if (payload != null && THIN_EVENT.equals(payload.path("object").asText(null))) {
      return List.of();
    }
    List<OrderEvent> events =
        StripeNormalizer.normalize(
            payload,
            settings.string(ORDER_METADATA_KEY, StripeNormalizer.DEFAULT_ORDER_METADATA_KEY));
    String type = vendorType(request, payload);
    boolean refundFamily =
        type != null && (type.startsWith("refund.") || type.equals("charge.refund.updated"));
    boolean chargeFamily = "charge.refunded".equals(type);
    String from = settings.string(REFUNDS_FROM, "charge");
    if ((refundFamily && from.equals("charge")) || (chargeFamily && from.equals("refund"))) {
      // the other family reports this refund; a failure has no other family, so it stays
      return events.stream().filter(e -> !(e instanceof RefundIssued)).toList();
    }
    return events;
  }

  /** The type or field that decided it, and what would have made it count. */
  @Override
  public String ignoredBecause(WebhookRequest request, JsonNode payload, ConnectorSettings settings) {
    return StripeIgnored.reason(payload, settings.string(REFUNDS_FROM, "charge"));
  }

  /**
   * {@code payment:<charge> → payment:<payment intent>} whenever the delivery names both, so an
   * event that knows only the charge (an early fraud warning on an older API version) finds the
   * order learned for the PaymentIntent. Stated for every delivery, whatever {@code refunds-from}
   * says: a fact stays true even when its event is not reported.
   */
  @Override
  public Map<String, String> orderFacts(WebhookRequest request, JsonNode payload) {
    if (payload != null && THIN_EVENT.equals(payload.path("object").asText(null))) {
      return Map.of();
    }
    return StripeNormalizer.paymentFacts(payload);
  }

  /** The order metadata of the payment, from Stripe's API, when {@code api-key} is set. */
  @Override
  public Optional<String> lookupOrderNumber(io.helpdeskbridge.event.OrderRef ref, ConnectorSettings settings)
      throws java.io.IOException {
    return StripeOrderLookup.orderNumber(ref.paymentId(), settings,
        settings.string(ORDER_METADATA_KEY, StripeNormalizer.DEFAULT_ORDER_METADATA_KEY));
  }

  /** {@code samples/stripe/<vendorType>.json} from the classpath, e.g. {@code charge.refunded}. */
  @Override
  public Optional<byte[]> sample(String vendorType) {
    return BundledSamples.load("stripe", vendorType);
  }

  /** A {@code Stripe-Signature} header made with the first configured secret. */
  @Override
  public Map<String, String> signForSample(
      String vendorType, byte[] body, ConnectorSettings settings, Instant now) {
    String secret = secrets(settings).get(0);
    return Map.of(
        StripeSignature.HEADER, StripeSignature.sign(body, secret, now.getEpochSecond()));
  }

  private static List<String> secrets(ConnectorSettings settings) {
    return settings.requireList(WEBHOOK_SECRET);
  }
}
