package io.helpdeskbridge.plugin.adobecommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.spi.BundledSamples;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.VendorJson;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Observer webhooks of the Adobe Commerce Webhooks module (PaaS and on-premises, {@code
 * webhooks.xml}): credit memos and cancellations of a store's orders. Stateless: every call reads
 * its connector's settings.
 *
 * <p>Commerce calls a hook synchronously, inside the action that fired it, and takes only a {@code
 * 200} whose body is an operation as success: the bridge answers {@code {"op":"success"}} ({@link
 * #acknowledgement}). The hook should still be {@code required="false"}: a required hook that
 * times out or finds the bridge down aborts the credit memo or the cancellation. Commerce does not
 * retry a failed hook, so a delivery the bridge refused or missed is not sent again.
 *
 * <p>Settings: {@code webhook-secret} (the shared secret, {@code old,new} while replacing it),
 * {@code secret-header} (default {@code Authorization}, as {@code Bearer <secret>}); the API
 * settings of {@link AdobeCommerceApi} give credit memos their order number.
 *
 * @see <a href="https://developer.adobe.com/commerce/extensibility/webhooks/responses/">Adobe Commerce
 *     webhooks: responses</a>
 */
public final class AdobeCommerceEventSource implements EventSource {
  static final String WEBHOOK_SECRET = "webhook-secret";
  static final String SECRET_HEADER = "secret-header";
  /** Commerce's id of the PHP request that fired the hook: kept with the row for the merchant's logs. */
  static final String REQUEST_ID_HEADER = "x-adobe-commerce-request-id";

  public AdobeCommerceEventSource() {}

  @Override
  public String id() {
    return AdobeCommerceNormalizer.SOURCE;
  }

  @Override
  public void verify(WebhookRequest request, ConnectorSettings settings, Clock clock) throws WebhookRejected {
    AdobeCommerceSecret.verify(request, header(settings), secrets(settings));
  }

  /** {@code <event>:<entity id>:<state>}; see {@link AdobeCommerceNormalizer}. */
  @Override
  public String eventId(WebhookRequest request, JsonNode payload) {
    return AdobeCommerceNormalizer.deliveryId(payload, request.body());
  }

  /** The payload's {@code eventName} as sent ({@code sales_order_creditmemo_save_after}), or null. */
  @Override
  public String vendorType(WebhookRequest request, JsonNode payload) {
    return AdobeCommerceNormalizer.vendorType(payload);
  }

  @Override
  public List<OrderEvent> normalize(WebhookRequest request, JsonNode payload, ConnectorSettings settings) {
    return AdobeCommerceNormalizer.normalize(request, payload);
  }

  @Override
  public Map<String, String> orderFacts(WebhookRequest request, JsonNode payload) {
    return AdobeCommerceNormalizer.orderFacts(payload);
  }

  /**
   * {@code {"op":"success"}}: the one answer Commerce takes as a hook that worked; the hook's
   * process goes on unchanged. Sent for duplicates and ignored events too, which are no failure.
   */
  @Override
  public Optional<ObjectNode> acknowledgement() {
    return Optional.of(JsonNodeFactory.instance.objectNode().put("op", "success"));
  }

  /**
   * The {@code increment_id} of an order known only by its entity id (a credit memo's {@code
   * order_id}): {@code GET /rest/<store>/V1/orders/<id>?fields=entity_id,increment_id}. Empty
   * without API settings or when Commerce has no such order.
   */
  @Override
  public Optional<String> lookupOrderNumber(OrderRef ref, ConnectorSettings settings) throws IOException {
    String vendorOrderId = ref.vendorOrderId();
    if (!AdobeCommerceApi.configured(settings) || vendorOrderId == null
        || !vendorOrderId.startsWith(AdobeCommerceNormalizer.VENDOR_ORDER_PREFIX)) {
      return Optional.empty();
    }
    String id = vendorOrderId.substring(AdobeCommerceNormalizer.VENDOR_ORDER_PREFIX.length());
    if (!id.matches("\\d+")) return Optional.empty();
    AdobeCommerceApi api = AdobeCommerceApi.of(settings);
    AdobeCommerceApi.Answer a = api.get("/orders/" + id + "?fields=entity_id,increment_id");
    if (a.status() == 404) return Optional.empty();
    if (a.status() != 200) throw api.failure(a, "order " + id);
    return Optional.ofNullable(VendorJson.text(a.body().path("increment_id")));
  }

  /**
   * {@code samples/adobe-commerce/<eventName>.json}: {@code sales_order_creditmemo_save_after},
   * {@code order_cancel_after}.
   */
  @Override
  public Optional<byte[]> sample(String vendorType) {
    return BundledSamples.load(AdobeCommerceNormalizer.SOURCE, vendorType);
  }

  /** The secret header as configured (first secret) and a fresh request id, as Commerce would send them. */
  @Override
  public Map<String, String> signForSample(String vendorType, byte[] body, ConnectorSettings settings, Instant now) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(header(settings), AdobeCommerceSecret.headerValue(header(settings), secrets(settings).get(0)));
    headers.put(REQUEST_ID_HEADER, UUID.randomUUID().toString());
    return headers;
  }

  private static String header(ConnectorSettings settings) {
    return settings.string(SECRET_HEADER, AdobeCommerceSecret.DEFAULT_HEADER).trim();
  }

  private static List<String> secrets(ConnectorSettings settings) {
    return settings.requireList(WEBHOOK_SECRET).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
