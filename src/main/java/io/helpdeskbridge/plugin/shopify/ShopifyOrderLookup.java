package io.helpdeskbridge.plugin.shopify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.ConnectorSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads an order's name ({@code #1001}) from the Shopify Admin REST API, for refunds and
 * fulfillment events that carry only Shopify's numeric order id and arrive before any order event
 * taught the bridge that id: {@code GET /admin/api/<version>/orders/<id>.json?fields=id,name}.
 * Needs an Admin API access token with {@code read_orders}.
 *
 * @see <a href="https://shopify.dev/docs/api/admin-rest/latest/resources/order#get-orders-order-id">Retrieve an order</a>
 */
final class ShopifyOrderLookup {
  static final String ADMIN_TOKEN = "admin-token";
  static final String API_BASE = "api-base";
  static final String API_VERSION = "api-version";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ShopifyOrderLookup() {}

  static Optional<String> orderName(String vendorOrderId, ConnectorSettings settings) throws IOException {
    String token = settings.string(ADMIN_TOKEN, null);
    if (token == null || vendorOrderId == null || !vendorOrderId.startsWith("shopify:")) return Optional.empty();
    String id = vendorOrderId.substring("shopify:".length());
    if (!id.matches("\\d+")) return Optional.empty();
    String shop = settings.string(ShopifyEventSource.SHOP_DOMAIN, null);
    String base = settings.string(API_BASE, shop == null ? null : "https://" + shop);
    if (base == null) return Optional.empty();
    String version = settings.string(API_VERSION, ShopifyEventSource.SAMPLE_API_VERSION);
    URI uri = URI.create(base.replaceAll("/+$", "") + "/admin/api/" + version + "/orders/" + id + ".json?fields=id,name");
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
        .header("X-Shopify-Access-Token", token).header("Accept", "application/json").GET().build();
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 404) return Optional.empty();
      if (r.statusCode() != 200) throw new IOException("Shopify answered " + r.statusCode() + " for order " + id);
      String name = JSON.readTree(r.body()).path("order").path("name").asText(null);
      return name == null || name.isBlank() ? Optional.empty() : Optional.of(name);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
