package io.helpdeskbridge.plugin.shopify;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderCancelled;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundIssued;
import io.helpdeskbridge.event.ShipmentDelivered;
import io.helpdeskbridge.event.ShipmentException;
import io.helpdeskbridge.spi.WebhookRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Turns a Shopify delivery (topic header + the REST resource as body) into the bridge's canonical
 * events. Pure and tolerant: the dispatcher runs it again on the stored body and headers, and a
 * topic it does not handle or a payload it cannot read yields an empty list, never an exception.
 *
 * <ul>
 *   <li>{@code refunds/create}: a {@link RefundIssued} for the sum of the refund's successful
 *       {@code refund} transactions. The refund names the order only by its internal id, so the
 *       order number is left for the bridge's alias memory to fill in.
 *   <li>{@code orders/cancelled}: an {@link OrderCancelled} with the order's display number.
 *   <li>{@code fulfillments/update} ({@code shipment_status}) and {@code fulfillment_events/create}
 *       ({@code status}): a {@link ShipmentException} for a parcel in trouble (its status in words,
 *       {@link ShopifyWords}), a {@link ShipmentDelivered} once delivered, nothing for the
 *       ordinary steps in between. A fulfillment whose own {@code status} is {@code failure} or
 *       {@code error} never shipped: a {@link ShipmentException} too.
 * </ul>
 *
 * <p>The time of an event is the {@code X-Shopify-Triggered-At} header when present: retries carry
 * the original body, so the resource's own timestamps come next, and the time the delivery was
 * received last.
 *
 * @see <a href="https://shopify.dev/docs/api/admin-rest/latest/resources/webhook">Shopify: webhook
 *     topics</a>
 */
final class ShopifyNormalizer {

  static final String SOURCE = "shopify";
  static final String VENDOR_ORDER_PREFIX = "shopify:";

  /** Statuses that mean someone should look at the parcel. */
  static final Set<String> EXCEPTION_STATUSES =
      Set.of("failure", "attempted_delivery", "delayed", "returning_to_sender", "buyer_action_required");

  static final String DELIVERED = "delivered";

  /** A fulfillment's own status when its request failed: nothing was shipped. */
  static final Set<String> FAILED_FULFILLMENT = Set.of("failure", "error");

  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Za-z]{3}");

  private ShopifyNormalizer() {}

  static List<OrderEvent> normalize(WebhookRequest request, JsonNode payload, String defaultCurrency) {
    if (request == null || payload == null || !payload.isObject()) {
      return List.of();
    }
    String vendorType = ShopifyHeaders.get(request, ShopifyHeaders.TOPIC);
    String eventId = ShopifyHeaders.deliveryId(request);
    String topic = topic(vendorType);
    if (topic == null || eventId == null) {
      return List.of();
    }
    Delivery delivery =
        new Delivery(
            eventId,
            vendorType,
            instant(ShopifyHeaders.get(request, ShopifyHeaders.TRIGGERED_AT)),
            request.receivedAt());
    List<OrderEvent> events =
        switch (topic) {
          case "refunds/create" -> refundCreated(delivery, payload, defaultCurrency);
          case "orders/cancelled" -> orderCancelled(delivery, payload);
          case "fulfillments/update" -> fulfillmentUpdated(delivery, payload);
          case "fulfillment_events/create" ->
              shipment(delivery, payload, text(payload.get("status")), "happened_at", "created_at", "updated_at");
          default -> List.of();
        };
    // a fact about no order in particular cannot reach a ticket
    return events.stream().filter(e -> !"unknown".equals(e.order().key())).toList();
  }

  /**
   * The topic in its REST spelling, lower case: {@code refunds/create}. The GraphQL enum spelling
   * ({@code REFUNDS_CREATE}) is accepted too, the last underscore standing for the slash.
   */
  static String topic(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String topic = raw.trim().toLowerCase(Locale.ROOT);
    int underscore = topic.lastIndexOf('_');
    if (topic.indexOf('/') < 0 && underscore > 0) {
      topic = topic.substring(0, underscore) + "/" + topic.substring(underscore + 1);
    }
    return topic;
  }

  private static List<OrderEvent> refundCreated(Delivery delivery, JsonNode refund, String defaultCurrency) {
    JsonNode transactions = refund.path("transactions");
    if (!transactions.isArray()) {
      return List.of();
    }
    String fallbackCurrency = currencyCode(refund.get("currency"));
    if (fallbackCurrency == null) {
      fallbackCurrency = currencyCode(defaultCurrency);
    }
    String currency = null;
    long minor = 0;
    String chargeId = null;
    for (JsonNode transaction : transactions) {
      if (!"refund".equals(text(transaction.get("kind")))
          || !"success".equals(text(transaction.get("status")))) {
        continue;
      }
      String code = currencyCode(transaction.get("currency"));
      code = code != null ? code : fallbackCurrency;
      BigDecimal amount = decimal(transaction.get("amount"));
      if (code == null || amount == null) {
        return List.of(); // a refund we cannot add up is better ignored than misreported
      }
      if (amount.signum() <= 0) {
        continue; // nothing went back to the customer in this one
      }
      if (currency != null && !currency.equals(code)) {
        return List.of(); // one refund in two currencies: no honest single amount
      }
      Long part = minorUnits(amount, code);
      if (part == null) {
        return List.of();
      }
      currency = code;
      try {
        minor = Math.addExact(minor, part);
      } catch (ArithmeticException overflow) {
        return List.of();
      }
      if (chargeId == null) {
        chargeId = id(transaction.get("id"));
      }
    }
    if (currency == null || minor <= 0) {
      return List.of();
    }
    Instant occurredAt = delivery.when(refund, "created_at", "processed_at");
    return List.of(
        new RefundIssued(
            SOURCE,
            delivery.eventId(),
            occurredAt,
            new OrderRef(null, vendorOrderId(refund.get("order_id")), null, null, null, null),
            delivery.vendorType(),
            Money.of(minor, currency),
            id(refund.get("id")),
            chargeId,
            text(refund.get("note"))));
  }

  private static List<OrderEvent> orderCancelled(Delivery delivery, JsonNode order) {
    String number = orderNumber(order);
    String vendorOrderId = vendorOrderId(order.get("id"));
    if (number == null && vendorOrderId == null) {
      return List.of();
    }
    return List.of(
        new OrderCancelled(
            SOURCE,
            delivery.eventId(),
            delivery.when(order, "cancelled_at", "updated_at", "created_at"),
            new OrderRef(number, vendorOrderId, email(order), null, null, null),
            delivery.vendorType(),
            text(order.get("cancel_reason")),
            text(order.get("financial_status"))));
  }

  /**
   * A fulfillment whose request failed ({@code status} {@code failure} or {@code error}: "the
   * fulfillment request failed" / "there was an error with the fulfillment request", Shopify's
   * FulfillmentStatus) has not shipped, whatever its {@code shipment_status} says: that is a
   * {@link ShipmentException} with nothing of the carrier in it. Otherwise the parcel's {@code
   * shipment_status} decides, as for a fulfillment event.
   */
  private static List<OrderEvent> fulfillmentUpdated(Delivery delivery, JsonNode fulfillment) {
    String status = text(fulfillment.get("status"));
    if (status != null && FAILED_FULFILLMENT.contains(status.toLowerCase(Locale.ROOT))) {
      String service = text(fulfillment.get("service"));
      String detail = "Nothing has shipped for these items yet: the fulfillment "
          + (service == null || service.equals("manual") ? "" : "service (" + service + ") ")
          + "needs to be retried or the items fulfilled another way.";
      return List.of(
          new ShipmentException(
              SOURCE,
              delivery.eventId(),
              delivery.when(fulfillment, "updated_at", "created_at"),
              new OrderRef(null, vendorOrderId(fulfillment.get("order_id")), null, null,
                  firstText(fulfillment.get("tracking_number"), fulfillment.get("tracking_numbers")),
                  text(fulfillment.get("tracking_company"))),
              delivery.vendorType(),
              text(fulfillment.get("tracking_company")),
              firstText(fulfillment.get("tracking_number"), fulfillment.get("tracking_numbers")),
              ShopifyWords.fulfillment(status),
              detail,
              null,
              firstText(fulfillment.get("tracking_url"), fulfillment.get("tracking_urls"))));
    }
    return shipment(delivery, fulfillment, text(fulfillment.get("shipment_status")), "updated_at", "created_at");
  }

  /** A fulfillment or fulfillment event whose status may mean trouble or arrival. */
  private static List<OrderEvent> shipment(
      Delivery delivery, JsonNode resource, String rawStatus, String... timeFields) {
    if (rawStatus == null) {
      return List.of();
    }
    String status = rawStatus.toLowerCase(Locale.ROOT);
    String carrier = text(resource.get("tracking_company"));
    String trackingNumber = firstText(resource.get("tracking_number"), resource.get("tracking_numbers"));
    OrderRef order =
        new OrderRef(null, vendorOrderId(resource.get("order_id")), null, null, trackingNumber, carrier);
    Instant occurredAt = delivery.when(resource, timeFields);
    if (EXCEPTION_STATUSES.contains(status)) {
      return List.of(
          new ShipmentException(
              SOURCE,
              delivery.eventId(),
              occurredAt,
              order,
              delivery.vendorType(),
              carrier,
              trackingNumber,
              ShopifyWords.shipment(status),
              text(resource.get("message")),
              location(resource),
              firstText(resource.get("tracking_url"), resource.get("tracking_urls"))));
    }
    if (DELIVERED.equals(status)) {
      Instant deliveredAt = instant(resource.get("happened_at"));
      if (deliveredAt == null) {
        deliveredAt = instant(resource.get("updated_at"));
      }
      return List.of(
          new ShipmentDelivered(
              SOURCE,
              delivery.eventId(),
              occurredAt,
              order,
              delivery.vendorType(),
              carrier,
              trackingNumber,
              deliveredAt));
    }
    return List.of();
  }

  /** {@code #1001} → {@code 1001} from {@code name}, else {@code order_number}. */
  static String orderNumber(JsonNode order) {
    String number = OrderRef.number(text(order.get("name")));
    return number != null ? number : id(order.get("order_number"));
  }

  /** {@code shopify:<id>}, or null when there is no id. */
  static String vendorOrderId(JsonNode id) {
    String value = id(id);
    return value == null ? null : VENDOR_ORDER_PREFIX + value;
  }

  private static String email(JsonNode order) {
    String email = text(order.get("email"));
    if (email == null) {
      email = text(order.get("contact_email"));
    }
    return email != null ? email : text(order.path("customer").get("email"));
  }

  /** "city, province, country" from the parts a fulfillment event gives, or null. */
  private static String location(JsonNode resource) {
    StringJoiner joined = new StringJoiner(", ");
    for (String field : List.of("city", "province", "country")) {
      String part = text(resource.get(field));
      if (part != null) {
        joined.add(part);
      }
    }
    return joined.length() == 0 ? null : joined.toString();
  }

  /** The value itself when it is text, else the first text element of the list. */
  private static String firstText(JsonNode single, JsonNode list) {
    String value = text(single);
    if (value != null || list == null || !list.isArray()) {
      return value;
    }
    for (JsonNode item : list) {
      String candidate = text(item);
      if (candidate != null) {
        return candidate;
      }
    }
    return null;
  }

  /** A decimal amount written as text ("19.99") or a JSON number; null when unreadable. */
  private static BigDecimal decimal(JsonNode node) {
    if (node == null) {
      return null;
    }
    try {
      if (node.isTextual()) {
        return new BigDecimal(node.asText().trim());
      }
      return node.isNumber() ? node.decimalValue() : null;
    } catch (NumberFormatException notANumber) {
      return null;
    }
  }

  /** The amount in the currency's minor units, or null when it has finer digits than those. */
  private static Long minorUnits(BigDecimal amount, String currency) {
    int digits;
    try {
      digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException unknownCode) {
      digits = 2; // as Money prints unknown codes
    }
    try {
      return amount.movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    } catch (ArithmeticException notWhole) {
      return null;
    }
  }

  private static String currencyCode(JsonNode node) {
    return currencyCode(text(node));
  }

  private static String currencyCode(String code) {
    return code != null && CURRENCY_CODE.matcher(code.trim()).matches()
        ? code.trim().toUpperCase(Locale.ROOT)
        : null;
  }

  /** An id Shopify writes as a number (or, in some payloads, as text), as text; else null. */
  static String id(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.asText();
    }
    return text(node);
  }

  /** Non-blank text, trimmed, or null for absent, JSON null, blank or non-text values. */
  static String text(JsonNode node) {
    String t = io.helpdeskbridge.spi.VendorJson.text(node);
    return t == null ? null : t.trim();
  }

  private static Instant instant(JsonNode node) {
    return instant(text(node));
  }

  /** An ISO-8601 time with offset ({@code 2026-01-05T10:15:00-05:00}, {@code ...Z}), or null. */
  static Instant instant(String value) {
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException notIso) {
      return null;
    }
  }

  /** What the headers say about this delivery, shared by every topic. */
  private record Delivery(String eventId, String vendorType, Instant triggeredAt, Instant receivedAt) {

    /** Triggered-at, else the first readable resource timestamp, else when it was received. */
    Instant when(JsonNode resource, String... fields) {
      if (triggeredAt != null) {
        return triggeredAt;
      }
      for (String field : fields) {
        Instant at = instant(resource.get(field));
        if (at != null) {
          return at;
        }
      }
      return receivedAt;
    }
  }
}
