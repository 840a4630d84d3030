package io.helpdeskbridge.plugin.paypal;

import static io.helpdeskbridge.spi.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.spi.ClientCredentialsToken;
import io.helpdeskbridge.spi.EventSource.OrderLookupUnavailable;
import io.helpdeskbridge.spi.Lookup;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order number of a PayPal capture, from PayPal's API, for a refund, reversal or dispute that
 * names only the capture and whose capture no earlier event explained. The order number is where
 * the connector says the shop puts it ({@code order-from}: {@code invoice_id}, {@code custom_id}):
 * first on the capture ({@code GET /v2/payments/captures/{id}}), else on the purchase units of
 * the checkout order the capture belongs to ({@code supplementary_data.related_ids.order_id} or
 * its {@code up} link; {@code GET /v2/checkout/orders/{id}}). A unit's {@code reference_id} is
 * not read: PayPal fills it with {@code default} when the shop sets none.
 *
 * <p>Answers: 404 is "no such capture or order" (empty). A 401 gets one fresh token and one more
 * try. 429, 5xx and an API that cannot be reached throw {@link OrderLookupUnavailable}: a refund
 * naming only its capture reaches no ticket without its order number, so the event waits for PayPal
 * rather than being skipped. Any other refusal (bad credentials, 403) is an {@link IOException}: the
 * event goes on without the order number. Messages name paths and statuses, never the token.
 *
 * @see <a href="https://developer.paypal.com/docs/api/payments/v2/#captures_get">PayPal: show captured payment details</a>
 * @see <a href="https://developer.paypal.com/docs/api/orders/v2/#orders_get">PayPal: show order details</a>
 */
final class PayPalOrderLookup {
  static final String CAPTURES = "/v2/payments/captures/";
  static final String ORDERS = "/v2/checkout/orders/";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ORDER_LINK = Pattern.compile("/v2/checkout/orders/([A-Za-z0-9-]{1,64})(?:[/?#].*)?$");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private final HttpClient http;
  private final PayPalTokens tokens;

  PayPalOrderLookup(HttpClient http, PayPalTokens tokens) {
    this.http = http;
    this.tokens = tokens;
  }

  /** Whether the connector has the credentials to ask. */
  static boolean configured(PayPalConfig config) {
    return config.clientId() != null && !config.clientId().isBlank()
        && config.clientSecret() != null && !config.clientSecret().isBlank();
  }

  Optional<String> orderNumber(String captureId, PayPalConfig config) throws IOException {
    if (!configured(config) || captureId == null || !ID.matcher(captureId).matches()) return Optional.empty();
    ClientCredentialsToken token = tokens.of(config);
    Optional<JsonNode> capture = get(token, CAPTURES + enc(captureId), config);
    if (capture.isEmpty()) return Optional.empty();
    Optional<String> onCapture = Optional.ofNullable(orderOf(capture.get(), config.orderFrom()));
    if (onCapture.isPresent()) return onCapture;
    String orderId = checkoutOrder(capture.get());
    if (orderId == null) return Optional.empty();
    Optional<JsonNode> order = get(token, ORDERS + enc(orderId), config);
    if (order.isEmpty()) return Optional.empty();
    for (JsonNode unit : order.get().path("purchase_units")) {
      String number = orderOf(unit, config.orderFrom());
      if (number != null) return Optional.of(number);
    }
    return Optional.empty();
  }

  /** The order number on a capture or purchase unit, in the connector's order-from order. */
  static String orderOf(JsonNode node, List<String> orderFrom) {
    for (String field : orderFrom) {
      String v = OrderRef.number(text(node.get(field)));
      if (v != null) return v;
    }
    return null;
  }

  /** The checkout order of a capture: its related id, else its {@code up} link. */
  static String checkoutOrder(JsonNode capture) {
    String related = text(capture.path("supplementary_data").path("related_ids").get("order_id"));
    if (related != null && ID.matcher(related).matches()) return related;
    for (JsonNode link : capture.path("links")) {
      String href = text(link.get("href"));
      if (!"up".equals(text(link.get("rel"))) || href == null) continue;
      Matcher m = ORDER_LINK.matcher(href);
      if (m.find()) return m.group(1);
    }
    return null;
  }

  private Optional<JsonNode> get(ClientCredentialsToken token, String path, PayPalConfig config) throws IOException {
    HttpResponse<String> r;
    try {
      r = token.call(config.timeout(), accessToken -> send(path, accessToken, config));
    } catch (Lookup.RateLimited e) {
      throw new OrderLookupUnavailable("PayPal's token endpoint is rate-limited (429)", e);
    } catch (OrderLookupUnavailable e) {
      throw e;
    } catch (IOException e) {
      // from the token endpoint: refused credentials will not heal by waiting; anything else may
      if (e.getMessage() != null && e.getMessage().contains("client id or secret refused")) throw e;
      throw new OrderLookupUnavailable(e.getMessage(), e);
    }
    int code = r.statusCode();
    if (code == 404) return Optional.empty();
    if (code == 429 || code >= 500) {
      throw new OrderLookupUnavailable("PayPal answered " + code + " to GET " + path
          + r.headers().firstValue("Retry-After").map(s -> " (Retry-After " + s.replaceAll("[^0-9A-Za-z ,:]", "") + ")").orElse(""),
          null);
    }
    if (code / 100 != 2) throw new IOException("PayPal answered " + code + errorName(r.body()) + " to GET " + path);
    try {
      return Optional.of(JSON.readTree(r.body()));
    } catch (IOException e) {
      throw new IOException("PayPal answered GET " + path + " with a body that is not JSON");
    }
  }

  private HttpResponse<String> send(String path, String accessToken, PayPalConfig config) throws IOException {
    try {
      return http.send(HttpRequest.newBuilder(URI.create(config.apiBase() + path))
              .timeout(config.timeout())
              .header("Authorization", "Bearer " + accessToken)
              .header("Accept", "application/json")
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OrderLookupUnavailable("interrupted while asking PayPal for " + path, null);
    } catch (IOException e) {
      throw new OrderLookupUnavailable("PayPal could not be reached for GET " + path + " (" + e.getClass().getSimpleName() + ")", null);
    }
  }

  /** PayPal's error {@code name} (RESOURCE_NOT_FOUND, PERMISSION_DENIED, …) when the body has a safe one. */
  private static String errorName(String body) {
    try {
      String name = JSON.readTree(body).path("name").asText("");
      return name.matches("[A-Z_]{1,64}") ? " " + name : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static String enc(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }
}
