package io.helpdeskbridge.plugin.paypal;

import static io.helpdeskbridge.spi.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import io.helpdeskbridge.event.OrderRef;
import java.io.IOException;
import java.net.http.HttpClient;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PayPal webhooks (REST API apps): refunds, reversals and denied captures (Payments v2), and
 * customer disputes. See {@link PayPalNormalizer} for what each event means to the bridge, {@link
 * PayPalSpec} for the settings.
 *
 * <p>PayPal signs with its own key, not a shared secret: {@link #verify} checks the five {@code
 * PAYPAL-*} headers, refuses stale transmissions, then either verifies the RSA signature here with
 * the certificate PayPal names ({@link PayPalCertificates}, {@link PayPalSignature}; the default)
 * or asks PayPal's verify-webhook-signature API ({@link PayPalVerifyApi}; {@code verification:
 * api}). What proves a delivery is meant for this connector is the {@code webhook-id} in the
 * signed message, hence {@link #verifiedBy()}. A delivery that cannot be verified because PayPal
 * (its certificate host or its API) does not answer is refused with {@code 503}: never accepted,
 * and retried by PayPal (which retries every non-2xx answer, up to 25 times over 3 days).
 *
 * <p>The dedupe id is the event's {@code id} ({@code WH-…}), the same for every retry of it.
 *
 * @see <a href="https://developer.paypal.com/api/rest/webhooks/rest/">PayPal: integrate webhooks</a>
 */
public final class PayPalEventSource implements EventSource {

  private final PayPalCertificates certificates;
  private final HttpClient http;
  private final PayPalTokens tokens;
  private final PayPalOrderLookup orders;
  private volatile PayPalVerifyApi api;

  public PayPalEventSource() {
    this(null);
  }

  /** With another way to fetch certificates (tests); null: HTTP. */
  PayPalEventSource(PayPalCertificates.Fetcher fetcher) {
    // never follow a redirect: the certificate must come from the host the rules allowed
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofMillis(PayPalConfig.DEFAULT_TIMEOUT_MS)).build();
    this.certificates = new PayPalCertificates(fetcher != null ? fetcher : PayPalCertificates.http(http));
    this.tokens = new PayPalTokens(http, Clock.systemUTC());
    this.orders = new PayPalOrderLookup(http, tokens);
  }

  @Override
  public String id() {
    return PayPalNormalizer.SOURCE;
  }

  /** PayPal has no shared secret; the webhook id is what each signature names. */
  @Override
  public String verifiedBy() {
    return PayPalConfig.WEBHOOK_ID;
  }

  @Override
  public void verify(WebhookRequest request, ConnectorSettings settings, Clock clock) throws WebhookRejected {
    PayPalConfig config = config(settings);
    PayPalTransmission transmission = PayPalTransmission.of(request);
    transmission.requireFresh(clock.instant(), config.tolerance());
    if (config.verification() == PayPalConfig.Verification.API) {
      api(clock).verify(transmission, request.body(), config);
      return;
    }
    PublicKey key = certificates.signingKey(transmission.certUrl(), config.certHosts(), config.timeout(), clock.instant());
    PayPalSignature.verify(transmission, request.body(), config.webhookIds(), key);
  }

  @Override
  public String eventId(WebhookRequest request, JsonNode payload) throws WebhookRejected {
    String id = payload == null ? null : text(payload.get("id"));
    if (id == null) throw WebhookRejected.badRequest("the event has no id");
    return id;
  }

  /** The event's {@code event_type} ({@code PAYMENT.CAPTURE.REFUNDED}), or null. */
  @Override
  public String vendorType(WebhookRequest request, JsonNode payload) {
    return payload == null ? null : text(payload.get("event_type"));
  }

  @Override
  public List<OrderEvent> normalize(WebhookRequest request, JsonNode payload, ConnectorSettings settings) {
    return PayPalNormalizer.normalize(payload, PayPalConfig.orderFrom(settings));
  }

  /** Which order each capture of this delivery belongs to; the order-from choice is the default one. */
  @Override
  public Map<String, String> orderFacts(WebhookRequest request, JsonNode payload) {
    return PayPalNormalizer.orderFacts(payload, PayPalConfig.DEFAULT_ORDER_FROM);
  }

  /**
   * The order number of the capture a refund, reversal or dispute names, from PayPal's API, when
   * the connector has {@code client-id} and {@code client-secret}; see {@link PayPalOrderLookup}.
   */
  @Override
  public Optional<String> lookupOrderNumber(OrderRef ref, ConnectorSettings settings) throws IOException {
    if (ref == null || ref.paymentId() == null) return Optional.empty();
    return orders.orderNumber(ref.paymentId(), PayPalConfig.of(settings));
  }

  /** The type or field that decided it, and what would have made it count. */
  @Override
  public String ignoredBecause(WebhookRequest request, JsonNode payload, ConnectorSettings settings) {
    return PayPalNormalizer.whyIgnored(payload, PayPalConfig.orderFrom(settings));
  }

  /**
   * The connector's settings, or a 503 naming what is wrong: a connector without its webhook id
   * (or with a setting that does not read) can verify nothing, and PayPal retries a 503 until the
   * setting is fixed, so no event is lost meanwhile.
   */
  private static PayPalConfig config(ConnectorSettings settings) throws WebhookRejected {
    PayPalConfig config;
    try {
      config = PayPalConfig.of(settings);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new WebhookRejected(503, "Source not configured", e.getMessage());
    }
    if (config.webhookIds().isEmpty()) {
      throw new WebhookRejected(503, "Source not configured",
          settings.file() + ": connector '" + settings.id() + "' has no " + PayPalConfig.WEBHOOK_ID
              + "; PayPal deliveries are refused until it is set");
    }
    return config;
  }

  private PayPalVerifyApi api(Clock clock) {
    PayPalVerifyApi a = api;
    if (a == null) {
      synchronized (this) {
        if (api == null) api = new PayPalVerifyApi(http, clock);
        a = api;
      }
    }
    return a;
  }
}
