package io.helpdeskbridge.plugin.adobecommerce;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderCancelled;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundIssued;
import io.helpdeskbridge.intake.signature.Hmac;
import io.helpdeskbridge.spi.VendorJson;
import io.helpdeskbridge.spi.WebhookRequest;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns an observer webhook of the Adobe Commerce Webhooks module into canonical events. The
 * default payload of an observer webhook is {@code {"eventName": "<event>", "data": {<the event's
 * arguments>}}}; the name comes without the {@code observer.} of the webhook method (both are read).
 * Pure and tolerant: any other event, or a payload it cannot read, yields nothing.
 *
 * <ul>
 *   <li>{@code sales_order_creditmemo_save_after} (and {@code ..._save_commit_after}), {@code
 *       data.creditmemo} (else {@code data.data_object}): a {@link RefundIssued} once the credit
 *       memo is in state 2 (refunded), for its {@code grand_total} in {@code order_currency_code},
 *       with the comment typed with it ({@code customer_note}, else the newest of {@code comments})
 *       as the reason. A credit memo names its order only by {@code order_id} (the entity id), so
 *       the order number comes from the bridge's aliases or {@code GET /V1/orders/<id>}.
 *   <li>{@code order_cancel_after}, {@code data.order}: an {@link OrderCancelled} with the order's
 *       {@code increment_id}, entity id and {@code customer_email}. Commerce records no cancel reason.
 * </ul>
 *
 * <p><b>Dedupe key.</b> Commerce sends no id of the delivery: {@code x-adobe-commerce-request-id}
 * names the PHP request, which every hook it fires shares, so it would merge different events. The
 * key is built from what the delivery is about, {@code <event>:<entity id>:<state>} ({@code
 * sales_order_creditmemo_save_after:12:refunded}, {@code order_cancel_after:77:canceled}): a credit
 * memo saved again (an email flag, a comment) or the same hook fired twice is stored once, while a
 * credit memo that was open and is later refunded is a new row. Anything else is keyed by its event
 * name and a SHA-256 of the body, so an identical retry is still stored once.
 *
 * @see <a href="https://developer.adobe.com/commerce/extensibility/webhooks/hooks/">Adobe Commerce
 *     webhooks: hook contents (default observer payload)</a>
 */
final class AdobeCommerceNormalizer {
  static final String SOURCE = "adobe-commerce";
  static final String VENDOR_ORDER_PREFIX = SOURCE + ":";
  static final Set<String> CREDIT_MEMO_EVENTS =
      Set.of("sales_order_creditmemo_save_after", "sales_order_creditmemo_save_commit_after");
  static final String ORDER_CANCELLED = "order_cancel_after";
  /** {@code Magento\Sales\Model\Order\Creditmemo} states. */
  private static final Map<String, String> CREDIT_MEMO_STATES = Map.of("1", "open", "2", "refunded", "3", "canceled");
  private static final String REFUNDED = "refunded";
  private static final int MAX_NAME = 100;

  private AdobeCommerceNormalizer() {}

  /** The event name without {@code observer.}, lower case; null when the payload names none. */
  static String eventName(JsonNode payload) {
    String raw = payload == null ? null : VendorJson.text(payload.get("eventName"));
    if (raw == null) return null;
    String name = raw.trim().toLowerCase(Locale.ROOT);
    if (name.startsWith("observer.")) name = name.substring("observer.".length());
    return name.isEmpty() ? null : name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
  }

  /** The event name as sent, for audit; null when there is none. */
  static String vendorType(JsonNode payload) {
    String raw = payload == null ? null : VendorJson.text(payload.get("eventName"));
    return raw == null ? null : raw.trim().length() > MAX_NAME ? raw.trim().substring(0, MAX_NAME) : raw.trim();
  }

  /** The dedupe key; see the class comment. */
  static String deliveryId(JsonNode payload, byte[] body) {
    String name = eventName(payload);
    if (name != null && CREDIT_MEMO_EVENTS.contains(name)) {
      JsonNode memo = creditMemo(payload);
      String id = CommerceValues.id(memo.get("entity_id"));
      if (id != null) return name + ":" + id + ":" + creditMemoState(memo);
    } else if (ORDER_CANCELLED.equals(name)) {
      JsonNode order = payload.path("data").path("order");
      String id = CommerceValues.id(order.get("entity_id"));
      if (id != null && cancelled(order)) return name + ":" + id + ":canceled";
    }
    return (name == null ? "unnamed" : name) + ":sha256:" + sha256(body);
  }

  static List<OrderEvent> normalize(WebhookRequest request, JsonNode payload) {
    if (request == null || payload == null || !payload.isObject()) return List.of();
    String name = eventName(payload);
    if (name == null) return List.of();
    String id = deliveryId(payload, request.body());
    List<OrderEvent> events;
    if (CREDIT_MEMO_EVENTS.contains(name)) {
      events = refund(id, vendorType(payload), creditMemo(payload), request.receivedAt());
    } else if (ORDER_CANCELLED.equals(name)) {
      events = cancelled(id, vendorType(payload), payload.path("data").path("order"), request.receivedAt());
    } else {
      events = List.of();
    }
    // a fact about no order in particular cannot reach a ticket
    return events.stream().filter(e -> !"unknown".equals(e.order().key())).toList();
  }

  /**
   * The order numbers a delivery states: an order in its data (a cancellation, or any order event
   * the merchant also subscribes) ties {@code vendor-order:adobe-commerce:<entity_id>} to {@code
   * order:<increment_id>}, so a later credit memo of that order needs no API call.
   */
  static Map<String, String> orderFacts(JsonNode payload) {
    Map<String, String> facts = new LinkedHashMap<>();
    if (payload == null || !payload.isObject()) return facts;
    for (JsonNode order : List.of(payload.path("data").path("order"), creditMemo(payload).path("order"))) {
      String id = CommerceValues.id(order.get("entity_id"));
      String number = OrderRef.number(VendorJson.text(order.get("increment_id")));
      if (id != null && number != null) facts.put("vendor-order:" + VENDOR_ORDER_PREFIX + id, "order:" + number);
    }
    return facts;
  }

  private static List<OrderEvent> refund(String eventId, String vendorType, JsonNode memo, Instant receivedAt) {
    if (!REFUNDED.equals(creditMemoState(memo))) return List.of();
    String currency = CommerceValues.currency(memo.get("order_currency_code"));
    BigDecimal amount = CommerceValues.inCurrency(CommerceValues.decimal(memo.get("grand_total")), currency);
    if (amount == null || amount.signum() <= 0) return List.of();
    Money money;
    try {
      money = Money.of(amount.movePointRight(CommerceValues.fractionDigits(currency)).longValueExact(), currency);
    } catch (ArithmeticException tooLarge) {
      return List.of();
    }
    JsonNode order = memo.path("order");
    OrderRef ref = new OrderRef(trimmed(order.get("increment_id")), vendorOrderId(memo.get("order_id")),
        trimmed(order.get("customer_email")), null, null, null);
    String creditMemo = trimmed(memo.get("increment_id"));
    if (creditMemo == null) creditMemo = CommerceValues.id(memo.get("entity_id"));
    return List.of(new RefundIssued(SOURCE, eventId, when(memo, receivedAt, "created_at", "updated_at"), ref,
        vendorType, money, creditMemo, chargeOf(trimmed(memo.get("transaction_id"))), reason(memo)));
  }

  private static List<OrderEvent> cancelled(String eventId, String vendorType, JsonNode order, Instant receivedAt) {
    if (!order.isObject() || !cancelled(order)) return List.of();
    OrderRef ref = new OrderRef(trimmed(order.get("increment_id")), vendorOrderId(order.get("entity_id")),
        trimmed(order.get("customer_email")), null, null, null);
    // an order's created_at is when it was placed: the cancellation is its last update
    return List.of(new OrderCancelled(SOURCE, eventId, when(order, receivedAt, "updated_at"), ref, vendorType, null, null));
  }

  /** Whether the order is in state {@code canceled}, as {@code Order::cancel()} leaves it (no state: the event says so). */
  private static boolean cancelled(JsonNode order) {
    String state = VendorJson.text(order.get("state"));
    return state == null || "canceled".equalsIgnoreCase(state.trim());
  }

  /** {@code data.creditmemo}, else {@code data.data_object} (a model's save events carry both). */
  private static JsonNode creditMemo(JsonNode payload) {
    JsonNode data = payload.path("data");
    return data.path("creditmemo").isObject() ? data.path("creditmemo") : data.path("data_object");
  }

  /** {@code refunded} for state 2, {@code open}, {@code canceled}; the raw value for others, {@code unknown} without. */
  private static String creditMemoState(JsonNode memo) {
    String state = CommerceValues.id(memo.get("state"));
    if (state == null) return "unknown";
    return CREDIT_MEMO_STATES.getOrDefault(state, state);
  }

  /**
   * The comment typed with the credit memo: {@code customer_note}, else the newest of {@code
   * comments} (by {@code created_at}; the later in the list when times do not tell).
   */
  private static String reason(JsonNode memo) {
    String note = VendorJson.text(memo.get("customer_note"));
    if (note != null) return note.trim();
    String newest = null;
    Instant newestAt = null;
    for (JsonNode comment : memo.path("comments")) {
      String text = VendorJson.text(comment.get("comment"));
      if (text == null) continue;
      Instant at = CommerceValues.instant(VendorJson.text(comment.get("created_at")));
      if (newest == null || newestAt == null || (at != null && !at.isBefore(newestAt))) {
        newest = text.trim();
        newestAt = at;
      }
    }
    return newest;
  }

  /** The first of the entity's own times that reads, else when the delivery came. */
  private static Instant when(JsonNode entity, Instant receivedAt, String... fields) {
    for (String field : fields) {
      Instant at = CommerceValues.instant(VendorJson.text(entity.get(field)));
      if (at != null) return at;
    }
    return receivedAt;
  }

  /**
   * The charge a credit memo's {@code transaction_id} refunds. Commerce names a refund transaction
   * after the capture it refunds plus {@code -refund} ({@code ch_3Qb…-refund}) unless the gateway
   * gives the refund an id of its own; that id names the refund, not a charge, so it is not shown
   * as one.
   */
  static String chargeOf(String refundTransactionId) {
    if (refundTransactionId == null || !refundTransactionId.endsWith("-refund")) return null;
    String charge = refundTransactionId.substring(0, refundTransactionId.length() - "-refund".length()).trim();
    return charge.isEmpty() ? null : charge;
  }

  /** A text field without surrounding blanks; null when missing, blank or not text. */
  private static String trimmed(JsonNode n) {
    String t = VendorJson.text(n);
    return t == null ? null : t.trim();
  }

  /** {@code adobe-commerce:<entity_id>}, or null when there is no id. */
  static String vendorOrderId(JsonNode id) {
    String value = CommerceValues.id(id);
    return value == null ? null : VENDOR_ORDER_PREFIX + value;
  }

  private static String sha256(byte[] body) {
    try {
      return Hmac.hex(MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body)).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JRE", e);
    }
  }
}
