package io.helpdeskbridge.plugin.adobecommerce;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.spi.Lookup.Found;
import io.helpdeskbridge.spi.Lookup.Parcel;
import io.helpdeskbridge.spi.VendorJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An order of the REST API ({@code OrderInterface}: {@code increment_id}, {@code status}, {@code
 * items}, {@code grand_total}, {@code order_currency_code}, {@code created_at}, {@code payment}) and
 * its shipments' tracks, in the enrichment's words.
 *
 * @see <a href="https://developer.adobe.com/commerce/webapi/rest/use-rest/performing-searches/">Adobe
 *     Commerce: search using REST endpoints (orders)</a>
 * @see <a href="https://developer.adobe.com/commerce/webapi/rest/tutorials/orders/order-create-shipment/">Adobe
 *     Commerce: create a shipment (tracks: track_number, title, carrier_code)</a>
 */
final class AdobeCommerceOrders {
  static final int MAX_ITEMS = 10;
  /** A Stripe id a payment module wrote as the order's last transaction (the Stripe lookup can use it). */
  private static final Pattern STRIPE_PAYMENT = Pattern.compile("(pi|ch|py)_[A-Za-z0-9]+");
  /** The labels Commerce gives its built-in statuses where the code alone reads oddly. */
  private static final Map<String, String> LABELS = Map.of(
      "holded", "on hold", "fraud", "suspected fraud", "payment_review", "payment review",
      "pending_payment", "pending payment");
  /** Commerce's built-in carrier codes, as people write them; others use the track's title. */
  private static final Map<String, String> CARRIERS = Map.of("ups", "UPS", "usps", "USPS", "fedex", "FedEx", "dhl", "DHL");

  private AdobeCommerceOrders() {}

  /** The order's values and facts; {@code parcels} are its shipments' tracks (empty when none were asked for). */
  static Found found(JsonNode order, List<Parcel> parcels) {
    String number = VendorJson.text(order.path("increment_id"));
    Found.Builder f = Found.builder().orderId(number).email(VendorJson.text(order.path("customer_email")))
        .value("order_number", number)
        .value("order_status", status(order))
        .value("order_items", items(order.path("items")))
        .value("order_total", total(order))
        .value("order_created", date(VendorJson.text(order.path("created_at"))));
    parcels.forEach(f::parcel);
    if (!parcels.isEmpty()) {
      // the order knows the parcel even when no carrier lookup is configured; a carrier lookup adds its status
      f.value("tracking_number", parcels.get(0).trackingNumber()).value("carrier", parcels.get(0).carrier());
    }
    String transaction = VendorJson.text(order.path("payment").path("last_trans_id"));
    if (transaction != null && STRIPE_PAYMENT.matcher(transaction.trim()).matches()) f.paymentId(transaction.trim());
    return f.build();
  }

  /**
   * The status as the admin shows it ({@code processing}, {@code on hold}), and {@code partially
   * refunded} when some but not all was credited ({@code closed} already says all was).
   */
  static String status(JsonNode order) {
    String code = VendorJson.text(order.path("status"));
    if (code == null) code = VendorJson.text(order.path("state"));
    if (code == null) return null;
    String words = LABELS.getOrDefault(code, CommerceValues.words(code));
    BigDecimal refunded = CommerceValues.decimal(order.path("total_refunded"));
    BigDecimal total = CommerceValues.decimal(order.path("grand_total"));
    boolean partly = refunded != null && total != null && refunded.signum() > 0 && refunded.compareTo(total) < 0;
    return partly && !"closed".equals(code) ? words + ", partially refunded" : words;
  }

  /**
   * {@code 2 × Blue mug, 1 × Tote bag}: the order's own lines only (a configurable or bundle
   * product's children carry {@code parent_item_id} and would count twice), at most {@value
   * #MAX_ITEMS}, then {@code and N more}.
   */
  static String items(JsonNode items) {
    List<String> lines = new ArrayList<>();
    for (JsonNode item : items) {
      if (CommerceValues.id(item.path("parent_item_id")) != null) continue;
      String name = VendorJson.text(item.path("name"));
      if (name == null) name = VendorJson.text(item.path("sku"));
      if (name == null) continue;
      BigDecimal qty = CommerceValues.decimal(item.path("qty_ordered"));
      lines.add((qty == null ? "1" : qty.stripTrailingZeros().toPlainString()) + " × " + name);
    }
    if (lines.size() <= MAX_ITEMS) return lines.isEmpty() ? null : String.join(", ", lines);
    return String.join(", ", lines.subList(0, MAX_ITEMS)) + " and " + (lines.size() - MAX_ITEMS) + " more";
  }

  /** Whether anything of the order left the warehouse, i.e. whether asking for shipments can find a parcel. */
  static boolean shipped(JsonNode order) {
    if ("complete".equals(VendorJson.text(order.path("state")))) return true;
    for (JsonNode item : order.path("items")) {
      BigDecimal qty = CommerceValues.decimal(item.path("qty_shipped"));
      if (qty != null && qty.signum() > 0) return true;
    }
    return false;
  }

  /** Every track of every shipment ({@code GET /V1/shipments} items), once each. */
  static List<Parcel> parcels(JsonNode shipments) {
    Set<Parcel> parcels = new LinkedHashSet<>();
    for (JsonNode shipment : shipments) {
      for (JsonNode track : shipment.path("tracks")) {
        String number = VendorJson.text(track.path("track_number"));
        if (number != null) parcels.add(new Parcel(number.trim(), carrier(track)));
      }
    }
    return List.copyOf(parcels);
  }

  /** {@code ups} → {@code UPS}; a custom carrier is its title as the merchant typed it. */
  private static String carrier(JsonNode track) {
    String code = VendorJson.text(track.path("carrier_code"));
    String known = code == null ? null : CARRIERS.get(code.toLowerCase(Locale.ROOT));
    if (known != null) return known;
    String title = VendorJson.text(track.path("title"));
    return title != null ? title : code;
  }

  private static String total(JsonNode order) {
    String currency = CommerceValues.currency(order.path("order_currency_code"));
    BigDecimal total = CommerceValues.inCurrency(CommerceValues.decimal(order.path("grand_total")), currency);
    return total == null ? null : total.toPlainString() + " " + currency;
  }

  /** The UTC calendar date of the order ({@code 2026-11-20 14:02:11} → {@code 2026-11-20}). */
  private static String date(String timestamp) {
    Instant at = CommerceValues.instant(timestamp);
    return at == null ? timestamp : at.atZone(ZoneOffset.UTC).toLocalDate().toString();
  }
}
