package io.helpdeskbridge.plugin.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.helpdeskbridge.spi.ConnectorSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The HTTP side of Stripe's API v1 shared by the plugin's lookups and refunds: base URL, Bearer
 * key, pinned {@code Stripe-Version}, form encoding, and error messages that carry Stripe's {@code
 * error.message} but never the key (a 401's message quotes part of the key, so it is dropped).
 *
 * @see <a href="https://docs.stripe.com/api/errors">Stripe: Errors</a>
 */
final class StripeApi {
  static final String API_KEY = "api-key";
  static final String API_BASE = "api-base";
  static final String TIMEOUT_MS = "lookup-timeout-ms";
  static final String DEFAULT_BASE = "https://api.stripe.com";
  static final String VERSION = "2024-10-28.acacia";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Stripe's answer: the HTTP status and the parsed body (missing when it was not JSON). */
  record Answer(int status, JsonNode body) {
    boolean ok() {
      return status / 100 == 2;
    }

    String errorMessage() {
      return body.path("error").path("message").asText("");
    }
  }

  private final String base;
  private final String key;
  private final Duration timeout;

  StripeApi(String base, String key, Duration timeout) {
    this.base = base.replaceAll("/+$", "");
    this.key = key;
    this.timeout = timeout;
  }

  /** The API as connector settings describe it, authenticated with the key under {@code keySetting}. */
  static StripeApi of(ConnectorSettings settings, String keySetting) {
    return new StripeApi(settings.string(API_BASE, DEFAULT_BASE), settings.require(keySetting),
        Duration.ofMillis(settings.integer(TIMEOUT_MS, 3000)));
  }

  /** A GET whose 404 means "no such object"; any other non-2xx throws. */
  Optional<JsonNode> find(String path, Map<String, String> query) throws IOException {
    Answer a = get(path, query);
    if (a.status() == 404) return Optional.empty();
    if (!a.ok()) throw failure(a, path);
    return Optional.of(a.body());
  }

  /** A GET whose every non-2xx throws. */
  JsonNode read(String path, Map<String, String> query) throws IOException {
    Answer a = get(path, query);
    if (!a.ok()) throw failure(a, path);
    return a.body();
  }

  Answer get(String path, Map<String, String> query) throws IOException {
    String q = form(query);
    return send(request(path + (q.isEmpty() ? "" : "?" + q)).GET().build());
  }

  /**
   * A form-encoded POST with an {@code Idempotency-Key}; every status comes back, since only the
   * caller knows which refusals are final.
   */
  Answer post(String path, Map<String, String> form, String idempotencyKey) throws IOException {
    HttpRequest.Builder b = request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    if (idempotencyKey != null) b.header("Idempotency-Key", idempotencyKey);
    return send(b.build());
  }

  /**
   * The PaymentIntent of an order, by the shop's order metadata; among several (a failed attempt
   * before the paid one) the succeeded one wins. Search lags writes by up to a minute, which does
   * not matter for orders a customer is already writing about.
   *
   * @see <a href="https://docs.stripe.com/search#search-query-language">Stripe: Search query language</a>
   */
  Optional<JsonNode> paymentIntentOfOrder(String orderId, String metadataKey) throws IOException {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("query", "metadata['" + quoted(metadataKey) + "']:'" + quoted(orderId) + "'");
    query.put("limit", "10");
    JsonNode data = read("/v1/payment_intents/search", query).path("data");
    JsonNode first = null;
    for (JsonNode pi : data) {
      if ("succeeded".equals(pi.path("status").asText())) return Optional.of(pi);
      if (first == null) first = pi;
    }
    return Optional.ofNullable(first);
  }

  /** A value inside single quotes of a search query: quotes and backslashes escaped with a backslash. */
  static String quoted(String value) {
    return value.replace("\\", "\\\\").replace("'", "\\'");
  }

  /** What the engine logs and shows: the status, the path and Stripe's words, never the key. */
  IOException failure(Answer a, String path) {
    String message = message(a);
    return new IOException("Stripe answered " + a.status() + " for " + path + (message.isEmpty() ? "" : ": " + message));
  }

  /** Why Stripe said no: its {@code error.message}, except for 401/403, whose messages quote part of the key. */
  String reason(Answer a) {
    String message = message(a);
    return message.isEmpty() ? "Stripe answered " + a.status() : message;
  }

  private String message(Answer a) {
    if (a.status() == 401 || a.status() == 403) return "the API key was refused";
    return a.errorMessage().replace(key, "[key]").trim();
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout)
        .header("Authorization", "Bearer " + key).header("Stripe-Version", VERSION);
  }

  private static Answer send(HttpRequest request) throws IOException {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), parse(r.body()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      JsonNode n = body == null || body.isBlank() ? null : JSON.readTree(body);
      return n == null ? MissingNode.getInstance() : n;
    } catch (IOException notJson) {
      // a proxy's HTML error page: the status alone tells the story
      return MissingNode.getInstance();
    }
  }

  static String form(Map<String, String> values) {
    StringJoiner j = new StringJoiner("&");
    values.forEach((k, v) -> j.add(enc(k) + "=" + enc(v)));
    return j.toString();
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
