package io.helpdeskbridge.plugin.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.ConnectorSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
  static final String API_KEY = "api-key";
  static final String API_BASE = "api-base";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private StripeOrderLookup() {}

  static Optional<String> orderNumber(String paymentId, ConnectorSettings settings, String metadataKey) throws IOException {
    String key = settings.string(API_KEY, null);
    if (key == null || paymentId == null) return Optional.empty();
    String base = settings.string(API_BASE, "https://api.stripe.com").replaceAll("/+$", "");
    JsonNode object;
    if (paymentId.startsWith("ch_") || paymentId.startsWith("py_")) {
      object = get(base + "/v1/charges/" + enc(paymentId), key);
      Optional<String> fromCharge = metadata(object, metadataKey);
      if (fromCharge.isPresent()) return fromCharge;
      String intent = object.path("payment_intent").asText(null);
      if (intent == null || intent.isBlank()) return Optional.empty();
      object = get(base + "/v1/payment_intents/" + enc(intent), key);
    } else if (paymentId.startsWith("pi_")) {
      object = get(base + "/v1/payment_intents/" + enc(paymentId), key);
    } else {
      return Optional.empty();
    }
    return metadata(object, metadataKey);
  }

  private static Optional<String> metadata(JsonNode object, String metadataKey) {
    String v = object.path("metadata").path(metadataKey).asText(null);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  private static JsonNode get(String url, String apiKey) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + apiKey).header("Stripe-Version", "2024-10-28.acacia").GET().build();
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        // Stripe's error body names the problem, never the key
        throw new IOException("Stripe answered " + r.statusCode() + " for " + URI.create(url).getPath() + ": "
            + JSON.readTree(r.body()).path("error").path("message").asText(""));
      }
      return JSON.readTree(r.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
