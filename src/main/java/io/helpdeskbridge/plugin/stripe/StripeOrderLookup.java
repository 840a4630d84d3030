package io.helpdeskbridge.plugin.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.spi.ConnectorSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the order number of a payment from Stripe's API, for events that name only a charge or a
 * payment intent (disputes without metadata, early fraud warnings, reviews): {@code GET
 * /v1/payment_intents/{id}} or {@code GET /v1/charges/{id}} (then its payment intent), and the
 * order metadata key. Needs a restricted key with read access to charges and payment intents.
 *
 * @see <a href="https://docs.stripe.com/api/payment_intents/retrieve">Retrieve a PaymentIntent</a>
 */
final class StripeOrderLookup {
  static final String API_KEY = StripeApi.API_KEY;
  static final String API_BASE = StripeApi.API_BASE;

  private StripeOrderLookup() {}

  static Optional<String> orderNumber(String paymentId, ConnectorSettings settings, String metadataKey) throws IOException {
    String key = settings.string(API_KEY, null);
    if (key == null || paymentId == null) return Optional.empty();
    StripeApi api = new StripeApi(settings.string(API_BASE, StripeApi.DEFAULT_BASE), key, Duration.ofSeconds(10));
    JsonNode object;
    if (paymentId.startsWith("ch_") || paymentId.startsWith("py_")) {
      object = api.read("/v1/charges/" + StripeApi.enc(paymentId), Map.of());
      Optional<String> fromCharge = metadata(object, metadataKey);
      if (fromCharge.isPresent()) return fromCharge;
      String intent = object.path("payment_intent").asText(null);
      if (intent == null || intent.isBlank()) return Optional.empty();
      object = api.read("/v1/payment_intents/" + StripeApi.enc(intent), Map.of());
    } else if (paymentId.startsWith("pi_")) {
      object = api.read("/v1/payment_intents/" + StripeApi.enc(paymentId), Map.of());
    } else {
      return Optional.empty();
    }
    return metadata(object, metadataKey);
  }

  private static Optional<String> metadata(JsonNode object, String metadataKey) {
    // a payment's own id written into the metadata is not the order number
    return Optional.ofNullable(StripeNormalizer.orderNumber(object.path("metadata").path(metadataKey).asText(null)));
  }
}
