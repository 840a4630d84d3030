package io.helpdeskbridge.plugin.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundIssued;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Stripe event envelope into the bridge's canonical events. Pure and tolerant: the
 * dispatcher runs it again on stored payloads, and a payload it does not understand (unknown type,
 * missing amount, currency or timestamp) yields an empty list, never an exception.
 *
 * <p>Refunds reach us two ways. {@code charge.refunded} carries the Charge, whose {@code
 * amount_refunded} is a running total, so this event's amount is the difference to {@code
 * data.previous_attributes.amount_refunded}; since API 2022-11-15 the charge no longer embeds its
 * refunds, so the refund id is usually unknown there. {@code refund.created}, {@code
 * refund.updated} and the older {@code charge.refund.updated} carry the Refund itself and count
 * only once it has {@code succeeded}: a {@code refund.created} that is already succeeded, or an
 * update whose {@code previous_attributes} show the status changing (a later metadata edit of a
 * succeeded refund also fires {@code refund.updated}, and must not read as a second refund).
 */
final class StripeNormalizer {

  static final String SOURCE = "stripe";
  static final String DEFAULT_ORDER_METADATA_KEY = "order_id";

  /** "Order #1001", "#A-17": the token after the first {@code #}. */
  private static final Pattern ORDER_IN_DESCRIPTION = Pattern.compile("#([A-Za-z0-9-]+)");

  private StripeNormalizer() {}

  static List<OrderEvent> normalize(JsonNode payload, String orderMetadataKey) {
    if (payload == null || !payload.isObject()) {
      return List.of();
    }
    String type = text(payload.get("type"));
    JsonNode object = payload.path("data").path("object");
    if (type == null || !object.isObject()) {
      return List.of();
    }
    String key = orderMetadataKey == null || orderMetadataKey.isBlank()
        ? DEFAULT_ORDER_METADATA_KEY
        : orderMetadataKey;
    return switch (type) {
      case "charge.refunded" -> chargeRefunded(payload, object, key);
      case "refund.created" -> refundSucceeded(payload, object, key);
      case "refund.updated", "charge.refund.updated" ->
          payload.path("data").path("previous_attributes").has("status")
              ? refundSucceeded(payload, object, key)
              : List.of();
      default -> List.of();
    };
  }

  private static List<OrderEvent> chargeRefunded(JsonNode envelope, JsonNode charge, String key) {
    Long total = integer(charge.get("amount_refunded"));
    if (total == null) {
      return List.of();
    }
    Long before = integer(envelope.path("data").path("previous_attributes").get("amount_refunded"));
    long amount = before == null ? total : total - before;
    if (amount <= 0) {
      return List.of();
    }
    JsonNode latestRefund = latestEmbeddedRefund(charge);
    String chargeId = text(charge.get("id"));
    return refundIssued(
        envelope,
        charge,
        key,
        amount,
        text(latestRefund.get("id")),
        chargeId,
        text(latestRefund.get("reason")),
        chargeId);
  }

  private static List<OrderEvent> refundSucceeded(
      JsonNode envelope, JsonNode refund, String key) {
    if (!"succeeded".equals(text(refund.get("status")))) {
      return List.of();
    }
    Long amount = integer(refund.get("amount"));
    if (amount == null || amount <= 0) {
      return List.of();
    }
    String chargeId = idOf(refund.get("charge"));
    return refundIssued(
        envelope,
        refund,
        key,
        amount,
        text(refund.get("id")),
        chargeId,
        text(refund.get("reason")),
        chargeId);
  }

  private static List<OrderEvent> refundIssued(
      JsonNode envelope,
      JsonNode object,
      String key,
      long amount,
      String refundId,
      String chargeId,
      String reason,
      String fallbackPaymentId) {
    String eventId = text(envelope.get("id"));
    Long created = integer(envelope.get("created"));
    String currency = text(object.get("currency"));
    if (eventId == null || created == null || currency == null) {
      return List.of();
    }
    return List.of(
        new RefundIssued(
            SOURCE,
            eventId,
            Instant.ofEpochSecond(created),
            orderRef(object, key, fallbackPaymentId),
            text(envelope.get("type")),
            Money.of(amount, currency),
            refundId,
            chargeId,
            reason));
  }

  /**
   * Order id from metadata, else from an "Order #1001" description; e-mail from the receipt, else
   * the billing details; payment from the PaymentIntent, else the charge.
   */
  private static OrderRef orderRef(JsonNode object, String key, String fallbackPaymentId) {
    String orderId = text(object.path("metadata").get(key));
    if (orderId == null) {
      orderId = orderFromDescription(text(object.get("description")));
    }
    String email = text(object.get("receipt_email"));
    if (email == null) {
      email = text(object.path("billing_details").get("email"));
    }
    String paymentId = idOf(object.get("payment_intent"));
    if (paymentId == null) {
      paymentId = fallbackPaymentId;
    }
    return new OrderRef(orderId, email, paymentId, null);
  }

  private static String orderFromDescription(String description) {
    if (description == null) {
      return null;
    }
    Matcher m = ORDER_IN_DESCRIPTION.matcher(description);
    return m.find() ? m.group(1) : null;
  }

  /** The newest refund of {@code refunds.data} when an old API version still embeds the list. */
  private static JsonNode latestEmbeddedRefund(JsonNode charge) {
    JsonNode list = charge.path("refunds").path("data");
    JsonNode latest = MissingNode.getInstance();
    long latestCreated = Long.MIN_VALUE;
    if (!list.isArray()) {
      return latest;
    }
    for (JsonNode refund : list) {
      if (!refund.isObject()) {
        continue;
      }
      Long created = integer(refund.get("created"));
      long when = created == null ? Long.MIN_VALUE : created;
      if (latest.isMissingNode() || when > latestCreated) {
        latest = refund;
        latestCreated = when;
      }
    }
    return latest;
  }

  /** An expandable reference: the id string, or the {@code id} of an expanded object. */
  private static String idOf(JsonNode node) {
    if (node != null && node.isObject()) {
      return text(node.get("id"));
    }
    return text(node);
  }

  /** Non-blank text, or null for absent, JSON null, blank or non-text values. */
  private static String text(JsonNode node) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      return null;
    }
    return node.asText();
  }

  /** A whole number that fits a long, or null. */
  private static Long integer(JsonNode node) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      return null;
    }
    return node.longValue();
  }
}
