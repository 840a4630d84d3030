package io.helpdeskbridge.plugin.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The order as the shop knows it, for the ticket an agent is about to read: status, items, total,
 * parcels. By order number ({@code GET /admin/api/<version>/orders.json?name=%231001&status=any
 * &limit=1}), else the customer's latest order by email ({@code ?email=...&status=any&limit=1}).
 *
 * <p>Neither {@code name} nor {@code email} is among the documented list filters of the REST
 * Order resource; {@code name} is widely used and was restored by Shopify after 2019-10 broke it.
 * A filter Shopify ignores would hand back the shop's newest order, so an order is taken only when
 * its own name or email matches what was asked. Only the last 60 days of orders are visible
 * without the {@code read_all_orders} scope.
 *
 * <p>Settings: {@code admin-token} (Admin API access token with {@code read_orders}; unset = no
 * lookups), {@code api-base} (default {@code https://<shop-domain>}), {@code api-version},
 * {@code lookup-timeout-ms} (default 3000).
 *
 * @see <a href="https://shopify.dev/docs/api/admin-rest/latest/resources/order#get-orders">List orders</a>
 */
public final class ShopifyLookup implements Lookup {
  static final int MAX_ITEMS = 10;
  private static final Pattern STRIPE_PAYMENT = Pattern.compile("(pi|ch|py)_[A-Za-z0-9]+");
  private static final ObjectMapper JSON = new ObjectMapper();

  public ShopifyLookup() {}

  @Override
  public String id() {
    return ShopifyNormalizer.SOURCE;
  }

  @Override
  public Stage stage() {
    return Stage.ORDER;
  }

  @Override
  public String describes() {
    return "order (Shopify)";
  }

  @Override
  public boolean enabled(ConnectorSettings settings) {
    return settings.has(ShopifyOrderLookup.ADMIN_TOKEN);
  }

  @Override
  public Found lookUp(Known known, ConnectorSettings settings) throws IOException {
    String number = OrderRef.number(known.orderId());
    String email = known.email() == null || known.email().isBlank() ? null : known.email().trim();
    if (number == null && email == null) return Found.nothing();
    String filter = number != null ? "name=" + enc("#" + number) : "email=" + enc(email);
    JsonNode orders = get(filter + "&status=any&limit=1", settings);
    for (JsonNode order : orders) {
      boolean same = number != null ? number.equals(ShopifyNormalizer.orderNumber(order)) : hasEmail(order, email);
      if (same) return found(order);
    }
    return Found.nothing();
  }

  private static JsonNode get(String query, ConnectorSettings settings) throws IOException {
    if (ShopifyAdminApi.base(settings) == null) {
      throw new IOException("Shopify order lookups need the setting 'shop-domain' or 'api-base'");
    }
    ShopifyAdminApi api = ShopifyAdminApi.of(settings, ShopifyOrderLookup.ADMIN_TOKEN, 3000);
    ShopifyAdminApi.Answer a = api.get("/orders.json?" + query);
    if (a.status() == 404) return JSON.createArrayNode();
    if (a.status() != 200) throw api.failure(a, "the order lookup");
    if (a.body().isMissingNode()) throw new IOException("Shopify answered 200 without JSON for the order lookup");
    return a.body().path("orders");
  }

  static Found found(JsonNode order) {
    String number = ShopifyNormalizer.orderNumber(order);
    Found.Builder f = Found.builder().orderId(number).email(text(order.path("email")))
        .value("order_number", number)
        .value("order_status", status(order))
        .value("order_items", items(order.path("line_items")))
        .value("order_total", total(order))
        .value("order_created", date(text(order.path("created_at"))));
    List<Parcel> parcels = parcels(order.path("fulfillments"));
    parcels.forEach(f::parcel);
    // the shop's own record of the first parcel, so the ticket shows it even when no carrier lookup answers
    if (!parcels.isEmpty()) {
      Parcel first = parcels.get(0);
      f.value("tracking_number", first.trackingNumber()).value("carrier", first.carrier())
          .value("tracking_url", trackingUrl(order.path("fulfillments"), first.trackingNumber()));
    }
    // only a payment id the shop itself wrote on the order (checkout apps put it in note attributes)
    for (JsonNode attribute : order.path("note_attributes")) {
      String v = text(attribute.path("value"));
      if (v != null && STRIPE_PAYMENT.matcher(v.trim()).matches()) f.paymentId(v.trim());
    }
    return f.build();
  }

  /** {@code paid, fulfilled}; {@code partially refunded, unfulfilled}; {@code cancelled (customer), refunded}. */
  static String status(JsonNode order) {
    List<String> parts = new ArrayList<>();
    String financial = words(text(order.path("financial_status")));
    if (text(order.path("cancelled_at")) != null) {
      String reason = words(text(order.path("cancel_reason")));
      parts.add(reason == null ? "cancelled" : "cancelled (" + reason + ")");
      if (financial != null) parts.add(financial);
    } else {
      if (financial != null) parts.add(financial);
      String fulfillment = text(order.path("fulfillment_status"));
      // REST gives null for an order nothing of which has shipped yet
      parts.add(fulfillment == null ? "unfulfilled" : fulfillment.equals("partial") ? "partially fulfilled" : words(fulfillment));
    }
    return String.join(", ", parts);
  }

  /** {@code 2 × Blue mug, 1 × Tote bag}, at most {@value #MAX_ITEMS} lines, then {@code and N more}. */
  static String items(JsonNode lineItems) {
    List<String> lines = new ArrayList<>();
    for (JsonNode item : lineItems) {
      String title = text(item.path("title"));
      if (title == null) title = text(item.path("name"));
      if (title != null) lines.add(item.path("quantity").asInt(1) + " × " + title);
    }
    if (lines.size() <= MAX_ITEMS) return lines.isEmpty() ? null : String.join(", ", lines);
    return String.join(", ", lines.subList(0, MAX_ITEMS)) + " and " + (lines.size() - MAX_ITEMS) + " more";
  }

  private static String total(JsonNode order) {
    String price = text(order.path("total_price"));
    String currency = text(order.path("currency"));
    return price == null ? null : currency == null ? price : price + " " + currency.toUpperCase(Locale.ROOT);
  }

  /** Each fulfillment's tracking numbers (the single field and the array), once each; cancelled ones left out. */
  static List<Parcel> parcels(JsonNode fulfillments) {
    Set<Parcel> parcels = new LinkedHashSet<>();
    for (JsonNode f : fulfillments) {
      if ("cancelled".equals(text(f.path("status")))) continue;
      String company = text(f.path("tracking_company"));
      Set<String> numbers = new LinkedHashSet<>();
      String single = text(f.path("tracking_number"));
      if (single != null) numbers.add(single);
      f.path("tracking_numbers").forEach(n -> {
        if (text(n) != null) numbers.add(text(n));
      });
      numbers.forEach(n -> parcels.add(new Parcel(n, company)));
    }
    return List.copyOf(parcels);
  }

  /** The link Shopify keeps beside {@code number} (same position in {@code tracking_urls}), else the single one. */
  static String trackingUrl(JsonNode fulfillments, String number) {
    for (JsonNode f : fulfillments) {
      if (number.equals(text(f.path("tracking_number")))) {
        String single = text(f.path("tracking_url"));
        if (single != null) return single;
      }
      JsonNode numbers = f.path("tracking_numbers");
      for (int i = 0; i < numbers.size(); i++) {
        if (number.equals(text(numbers.get(i)))) {
          String url = text(f.path("tracking_urls").path(i));
          return url != null ? url : text(f.path("tracking_url"));
        }
      }
    }
    return null;
  }

  private static boolean hasEmail(JsonNode order, String email) {
    for (String field : List.of("email", "contact_email")) {
      if (email.equalsIgnoreCase(text(order.path(field)))) return true;
    }
    return email.equalsIgnoreCase(text(order.path("customer").path("email")));
  }

  /** The shop's calendar date of an ISO timestamp ({@code 2026-11-18T10:00:00-05:00} → {@code 2026-11-18}). */
  private static String date(String timestamp) {
    if (timestamp == null) return null;
    try {
      return OffsetDateTime.parse(timestamp).toLocalDate().toString();
    } catch (DateTimeParseException e) {
      return timestamp;
    }
  }

  private static String words(String code) {
    return code == null ? null : code.replace('_', ' ');
  }

  private static String text(JsonNode n) {
    return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
