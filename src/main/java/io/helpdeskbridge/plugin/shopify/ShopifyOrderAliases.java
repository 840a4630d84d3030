package io.helpdeskbridge.plugin.shopify;

import static io.helpdeskbridge.plugin.shopify.ShopifyNormalizer.VENDOR_ORDER_PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a Shopify delivery says about how orders are named, even when it means no canonical event.
 * Refunds and fulfillment events name their order only by Shopify's internal id ({@code
 * 450789469}), while tickets know the display number ({@code #1001}); order deliveries carry
 * both, and fulfillments tie tracking numbers to the order. Remembered by the bridge, these facts
 * let a later refund, fulfillment event or carrier update find its order.
 *
 * <ul>
 *   <li>{@code orders/*} (create, updated, cancelled, paid, ...): {@code shopify:<id>} → the order
 *       number without {@code #}, and each tracking number of the order's fulfillments → {@code
 *       shopify:<id>}
 *   <li>{@code fulfillments/create}, {@code fulfillments/update}: each tracking number → {@code
 *       shopify:<order_id>}
 * </ul>
 *
 * <p>{@code orders/edited} and {@code orders/delete} bodies have no order number and give nothing.
 *
 * @see <a href="https://shopify.dev/docs/api/admin-rest/latest/resources/order">Shopify: the Order
 *     resource</a>
 */
public final class ShopifyOrderAliases {

  private ShopifyOrderAliases() {}

  /**
   * Alias facts in Shopify's terms: {@code shopify:450789469 → 1001} and {@code
   * tracking:1Z999AA10123456784 → shopify:450789469}. Empty for other topics and odd payloads.
   */
  public static Map<String, String> aliases(String topic, JsonNode payload) {
    Map<String, String> out = new LinkedHashMap<>();
    String canonical = ShopifyNormalizer.topic(topic);
    if (canonical == null || payload == null || !payload.isObject()) {
      return out;
    }
    if (canonical.startsWith("orders/")) {
      String vendorOrderId = ShopifyNormalizer.vendorOrderId(payload.get("id"));
      String number = ShopifyNormalizer.orderNumber(payload);
      if (vendorOrderId != null && number != null) {
        out.put(vendorOrderId, number);
      }
      JsonNode fulfillments = payload.path("fulfillments");
      if (vendorOrderId != null && fulfillments.isArray()) {
        for (JsonNode fulfillment : fulfillments) {
          trackingNumbers(fulfillment).forEach(t -> out.put("tracking:" + t, vendorOrderId));
        }
      }
    } else if (canonical.equals("fulfillments/update") || canonical.equals("fulfillments/create")) {
      String vendorOrderId = ShopifyNormalizer.vendorOrderId(payload.get("order_id"));
      if (vendorOrderId != null) {
        trackingNumbers(payload).forEach(t -> out.put("tracking:" + t, vendorOrderId));
      }
    }
    return out;
  }

  /**
   * The same facts as keys of the bridge's alias store ({@link
   * io.helpdeskbridge.event.OrderRef#key()} prefixes): {@code vendor-order:shopify:450789469 →
   * order:1001} and {@code tracking:1Z999AA10123456784 → vendor-order:shopify:450789469}.
   */
  public static Map<String, String> orderFacts(String topic, JsonNode payload) {
    Map<String, String> out = new LinkedHashMap<>();
    aliases(topic, payload)
        .forEach(
            (alias, target) -> {
              if (alias.startsWith(VENDOR_ORDER_PREFIX)) {
                out.put("vendor-order:" + alias, "order:" + target);
              } else {
                out.put(alias, "vendor-order:" + target);
              }
            });
    return out;
  }

  /** {@code tracking_number} and every {@code tracking_numbers} item, once each. */
  private static Set<String> trackingNumbers(JsonNode fulfillment) {
    Set<String> numbers = new LinkedHashSet<>();
    if (fulfillment == null || !fulfillment.isObject()) {
      return numbers;
    }
    String single = ShopifyNormalizer.text(fulfillment.get("tracking_number"));
    if (single != null) {
      numbers.add(single);
    }
    JsonNode list = fulfillment.path("tracking_numbers");
    if (list.isArray()) {
      for (JsonNode item : list) {
        String number = ShopifyNormalizer.text(item);
        if (number != null) {
          numbers.add(number);
        }
      }
    }
    return numbers;
  }
}
