package io.helpdeskbridge.plugin.stripe;

import static io.helpdeskbridge.spi.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.helpdeskbridge.event.ChargebackClosed;
import io.helpdeskbridge.event.ChargebackOpened;
import io.helpdeskbridge.event.FraudCleared;
import io.helpdeskbridge.event.FraudFlagged;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.PaymentFailed;
import io.helpdeskbridge.event.RefundFailed;
import io.helpdeskbridge.event.RefundIssued;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a Stripe event envelope into the bridge's canonical events. Pure and tolerant: the
 * dispatcher runs it again on stored payloads, and a payload it does not understand (unknown type,
 * missing event id or timestamp, a refund without amount or currency) yields an empty list, never
 * an exception.
 *
 * <p>Refunds reach us two ways. {@code charge.refunded} carries the Charge, whose {@code
 * amount_refunded} is a running total, so this event's amount is the difference to {@code
 * data.previous_attributes.amount_refunded}; since API 2022-11-15 the charge no longer embeds its
 * refunds, so the refund id is usually unknown there. {@code refund.created}, {@code
 * refund.updated} and the older {@code charge.refund.updated} carry the Refund itself and count
 * only once it has {@code succeeded}: a {@code refund.created} that is already succeeded, or an
 * update whose {@code previous_attributes} show the status changing (a later metadata edit of a
 * succeeded refund also fires {@code refund.updated}, and must not read as a second refund).
 *
 * <p>A refund that fails is reported by {@code refund.failed}, and by an update whose status
 * changed to {@code failed}; {@code charge.refunded} never says so, which is why {@link
 * StripeEventSource}'s {@code refunds-from} choice only ever drops {@link RefundIssued}.
 *
 * <p>The other facts: {@code payment_intent.payment_failed} (a declined attempt), {@code
 * charge.dispute.created|closed} (chargebacks), {@code radar.early_fraud_warning.created} and
 * {@code review.opened} (fraud flags), {@code review.closed} as {@code approved} (flag cleared).
 * Disputes, warnings and reviews seldom carry the shop's order number (a warning and a review have
 * no metadata at all), so their {@link OrderRef} names the payment (PaymentIntent, else charge)
 * and the order is found from what earlier events taught the store. For amounts, disputes and
 * failures an absent {@code amount}/{@code currency} leaves the amount null rather than dropping
 * the event: the failure matters more than its sum.
 *
 * @see <a href="https://docs.stripe.com/api/events/types">Stripe: types of events</a>
 */
final class StripeNormalizer {

  static final String SOURCE = "stripe";
  static final String DEFAULT_ORDER_METADATA_KEY = "order_id";
  static final String RADAR = "stripe-radar";

  /** "Order #1001", "#A-17": the token after the first {@code #}. */
  private static final Pattern ORDER_IN_DESCRIPTION = Pattern.compile("#([A-Za-z0-9_-]+)");

  /** A Stripe object id: a short lower-case prefix, an underscore, then the id proper. */
  private static final Pattern STRIPE_ID =
      Pattern.compile("(?:ch|py|pi|re|pyr|cus|in|evt|du|dp|issfr|prv|pm|src|card|seti|cs|txn|acct)_[A-Za-z0-9]{6,}");

  private StripeNormalizer() {}

  /** What every event built from one envelope shares. */
  private record Envelope(String id, Instant at, String type, JsonNode previous) {}

  static List<OrderEvent> normalize(JsonNode payload, String orderMetadataKey) {
    if (payload == null || !payload.isObject()) {
      return List.of();
    }
    String type = text(payload.get("type"));
    JsonNode object = payload.path("data").path("object");
    String eventId = text(payload.get("id"));
    Long created = integer(payload.get("created"));
    if (type == null || !object.isObject() || eventId == null || created == null) {
      return List.of();
    }
    Envelope envelope =
        new Envelope(
            eventId,
            Instant.ofEpochSecond(created),
            type,
            payload.path("data").path("previous_attributes"));
    String key = orderMetadataKey == null || orderMetadataKey.isBlank()
        ? DEFAULT_ORDER_METADATA_KEY
        : orderMetadataKey;
    return switch (type) {
      case "charge.refunded" -> chargeRefunded(envelope, object, key);
      case "refund.created" -> refundSucceeded(envelope, object, key);
      case "refund.updated", "charge.refund.updated" ->
          envelope.previous().has("status") ? refundStatusChanged(envelope, object, key) : List.of();
      case "refund.failed" -> refundFailed(envelope, object, key);
      case "payment_intent.payment_failed" -> paymentFailed(envelope, object, key);
      case "charge.dispute.created" -> chargebackOpened(envelope, object, key);
      case "charge.dispute.closed" -> chargebackClosed(envelope, object, key);
      case "radar.early_fraud_warning.created" -> earlyFraudWarning(envelope, object, key);
      case "review.opened" -> reviewOpened(envelope, object, key);
      case "review.closed" -> reviewClosed(envelope, object, key);
      default -> List.of();
    };
  }

  /**
   * Which payment ids of one delivery belong together, as {@code payment:<charge> →
   * payment:<payment intent>}: a later warning or dispute that names only the charge then finds
   * the order an earlier event taught the store for the PaymentIntent.
   */
  static Map<String, String> paymentFacts(JsonNode payload) {
    JsonNode object = payload == null ? MissingNode.getInstance() : payload.path("data").path("object");
    if (!object.isObject()) {
      return Map.of();
    }
    String kind = text(object.get("object"));
    String charge;
    String intent;
    if ("charge".equals(kind)) {
      charge = text(object.get("id"));
      intent = idOf(object.get("payment_intent"));
    } else if ("payment_intent".equals(kind)) {
      intent = text(object.get("id"));
      charge = idOf(object.get("latest_charge"));
      if (charge == null) {
        charge = idOf(object.path("last_payment_error").get("charge"));
      }
    } else {
      charge = idOf(object.get("charge"));
      intent = idOf(object.get("payment_intent"));
    }
    if (charge == null || intent == null || charge.equals(intent)) {
      return Map.of();
    }
    return Map.of("payment:" + charge, "payment:" + intent);
  }

  /**
   * One refund of a charge, on whatever API version the account is pinned to. This refund's amount
   * is, in order: {@code amount_refunded} minus {@code previous_attributes.amount_refunded} (every
   * version); else the amount of the refund the event added to the charge's embedded {@code
   * refunds} list (versions before 2022-11-15, or an endpoint that expands it): the one missing
   * from {@code previous_attributes.refunds}, else the newest. When neither tells, the refund is
   * still reported, with a null amount: the running total alone cannot say how much of it this
   * refund was. Only a delivery that provably refunds nothing new (the total did not grow) yields
   * nothing: the main refund event is never dropped for a field an older version lacks.
   */
  private static List<OrderEvent> chargeRefunded(Envelope envelope, JsonNode charge, String key) {
    Long total = integer(charge.get("amount_refunded"));
    Long before = integer(envelope.previous().get("amount_refunded"));
    JsonNode added = addedRefund(charge, envelope.previous());
    Long amount;
    if (total != null && before != null) {
      amount = total - before;
      if (amount <= 0) return List.of();
    } else {
      amount = integer(added.get("amount"));
    }
    String chargeId = text(charge.get("id"));
    String currency = text(charge.get("currency"));
    return List.of(
        new RefundIssued(
            SOURCE,
            envelope.id(),
            envelope.at(),
            orderRef(charge, key, chargeId),
            envelope.type(),
            amount == null || amount <= 0 || currency == null ? null : StripeMoney.of(amount, currency),
            text(added.get("id")),
            chargeId,
            StripeVocabulary.words(StripeVocabulary.REFUND, text(added.get("reason"))),
            // a Charge says "refunded": true once fully refunded
            charge.path("refunded").isBoolean() ? charge.get("refunded").asBoolean() : null));
  }

  /** An update whose status changed: to succeeded it is a refund, to failed a failed refund. */
  private static List<OrderEvent> refundStatusChanged(
      Envelope envelope, JsonNode refund, String key) {
    return "failed".equals(text(refund.get("status")))
        ? refundFailed(envelope, refund, key)
        : refundSucceeded(envelope, refund, key);
  }

  private static List<OrderEvent> refundSucceeded(
      Envelope envelope, JsonNode refund, String key) {
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
      Envelope envelope,
      JsonNode object,
      String key,
      long amount,
      String refundId,
      String chargeId,
      String reason,
      String fallbackPaymentId) {
    String currency = text(object.get("currency"));
    if (currency == null) {
      return List.of();
    }
    return List.of(
        new RefundIssued(
            SOURCE,
            envelope.id(),
            envelope.at(),
            orderRef(object, key, fallbackPaymentId),
            envelope.type(),
            StripeMoney.of(amount, currency),
            refundId,
            chargeId,
            StripeVocabulary.words(StripeVocabulary.REFUND, reason),
            // a Charge says "refunded": true once fully refunded; a Refund object does not say
            object.path("refunded").isBoolean() ? object.get("refunded").asBoolean() : null));
  }

  /** Only a refund whose status is {@code failed}: the event type alone is not proof enough. */
  private static List<OrderEvent> refundFailed(Envelope envelope, JsonNode refund, String key) {
    if (!"failed".equals(text(refund.get("status")))) {
      return List.of();
    }
    String chargeId = idOf(refund.get("charge"));
    return List.of(
        new RefundFailed(
            SOURCE,
            envelope.id(),
            envelope.at(),
            orderRef(refund, key, chargeId),
            envelope.type(),
            money(refund),
            text(refund.get("id")),
            chargeId,
            StripeVocabulary.words(StripeVocabulary.REFUND_FAILURE, text(refund.get("failure_reason")))));
  }

  /**
   * A PaymentIntent whose attempt failed; the e-mail falls back to the billing details of the
   * payment method that was declined ({@code last_payment_error.payment_method} is expanded).
   */
  private static List<OrderEvent> paymentFailed(Envelope envelope, JsonNode intent, String key) {
    JsonNode error = intent.path("last_payment_error");
    OrderRef order = orderRef(intent, key, text(intent.get("id")));
    if (order.email() == null) {
      String billing =
          text(error.path("payment_method").path("billing_details").get("email"));
      order = new OrderRef(order.orderId(), billing, order.paymentId(), null);
    }
    return List.of(
        new PaymentFailed(
            SOURCE,
            envelope.id(),
            envelope.at(),
            order,
            envelope.type(),
            money(intent),
            text(error.get("code")),
            text(error.get("decline_code")),
            failureWords(error)));
  }

  private static List<OrderEvent> chargebackOpened(
      Envelope envelope, JsonNode dispute, String key) {
    String chargeId = idOf(dispute.get("charge"));
    Long dueBy = integer(dispute.path("evidence_details").get("due_by"));
    return List.of(
        new ChargebackOpened(
            SOURCE,
            envelope.id(),
            envelope.at(),
            orderRef(dispute, key, chargeId),
            envelope.type(),
            money(dispute),
            text(dispute.get("id")),
            chargeId,
            StripeVocabulary.words(StripeVocabulary.DISPUTE, text(dispute.get("reason"))),
            StripeVocabulary.words(StripeVocabulary.DISPUTE_STATUS, text(dispute.get("status"))),
            dueBy == null ? null : Instant.ofEpochSecond(dueBy)));
  }

  /** Every close, whatever its outcome ({@code won}, {@code lost}, {@code warning_closed}). */
  private static List<OrderEvent> chargebackClosed(
      Envelope envelope, JsonNode dispute, String key) {
    String chargeId = idOf(dispute.get("charge"));
    return List.of(
        new ChargebackClosed(
            SOURCE,
            envelope.id(),
            envelope.at(),
            orderRef(dispute, key, chargeId),
            envelope.type(),
            money(dispute),
            text(dispute.get("id")),
            chargeId,
            StripeVocabulary.words(StripeVocabulary.DISPUTE, text(dispute.get("reason"))),
            StripeVocabulary.words(StripeVocabulary.DISPUTE_STATUS, text(dispute.get("status")))));
  }

  /** The card network reported fraud on a charge: Radar gives a type, no score. */
  private static List<OrderEvent> earlyFraudWarning(
      Envelope envelope, JsonNode warning, String key) {
    return List.of(
        new FraudFlagged(
            SOURCE,
            envelope.id(),
            envelope.at(),
            orderRef(warning, key, idOf(warning.get("charge"))),
            envelope.type(),
            RADAR,
            StripeVocabulary.words(StripeVocabulary.ACTION, "early_fraud_warning"),
            null,
            StripeVocabulary.words(StripeVocabulary.FRAUD_TYPE, text(warning.get("fraud_type"))),
            text(warning.get("id"))));
  }

  /** Radar (a rule or a person) put the payment into manual review. */
  private static List<OrderEvent> reviewOpened(Envelope envelope, JsonNode review, String key) {
    String reason = text(review.get("reason"));
    if (reason == null) {
      reason = text(review.get("opened_reason"));
    }
    return List.of(
        new FraudFlagged(
            SOURCE,
            envelope.id(),
            envelope.at(),
            orderRef(review, key, idOf(review.get("charge"))),
            envelope.type(),
            RADAR,
            StripeVocabulary.words(StripeVocabulary.ACTION, "review"),
            null,
            StripeVocabulary.words(StripeVocabulary.REVIEW, reason),
            text(review.get("id"))));
  }

  /**
   * Only an approval clears the flag; a review closed because the payment was refunded, disputed
   * or redacted is no all-clear. {@code closed_reason} is the newer, precise field; {@code reason}
   * holds the same word on older API versions.
   */
  private static List<OrderEvent> reviewClosed(Envelope envelope, JsonNode review, String key) {
    String closed = text(review.get("closed_reason"));
    if (closed == null) {
      closed = text(review.get("reason"));
    }
    if (!"approved".equals(closed)) {
      return List.of();
    }
    return List.of(
        new FraudCleared(
            SOURCE,
            envelope.id(),
            envelope.at(),
            orderRef(review, key, idOf(review.get("charge"))),
            envelope.type(),
            RADAR,
            StripeVocabulary.words(StripeVocabulary.REVIEW, "approved"),
            text(review.get("id"))));
  }

  /**
   * Order id from metadata, else from an "Order #1001" description; e-mail from the receipt, else
   * the billing details; payment from the PaymentIntent, else the charge.
   */
  private static OrderRef orderRef(JsonNode object, String key, String fallbackPaymentId) {
    String orderId = orderNumber(text(object.path("metadata").get(key)));
    if (orderId == null) {
      orderId = orderNumber(orderFromDescription(text(object.get("description"))));
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

  /**
   * The value as an order number, or null when it is a Stripe object id ({@code ch_…}, {@code
   * pi_…}): a shop that wrote the payment's own id into the order metadata has not told us the
   * order, and a ticket must never call a charge an order.
   */
  static String orderNumber(String value) {
    String number = OrderRef.number(value);
    return number == null || STRIPE_ID.matcher(number).matches() ? null : number;
  }

  /**
   * Words for a failed attempt: the decline code (what the bank said), else the error code, plus
   * the network's advice; Stripe's own message (written for the customer) only when no code is
   * known to the vocabulary.
   */
  static String failureWords(JsonNode error) {
    String decline = text(error.get("decline_code"));
    String code = text(error.get("code"));
    String words = null;
    if (decline != null) {
      words = "The card was declined: " + StripeVocabulary.words(StripeVocabulary.DECLINE, decline) + ".";
    } else if (code != null) {
      words = sentence(StripeVocabulary.words(StripeVocabulary.FAILURE, code));
    }
    boolean known = StripeVocabulary.knows(StripeVocabulary.DECLINE, decline)
        || (decline == null && StripeVocabulary.knows(StripeVocabulary.FAILURE, code));
    String message = text(error.get("message"));
    if (!known && message != null) {
      words = words == null ? message : words + " Stripe says: " + message;
    }
    String advice = text(error.get("advice_code"));
    if (advice != null) {
      String advised = "Advice: " + StripeVocabulary.words(StripeVocabulary.ADVICE, advice) + ".";
      words = words == null ? advised : words + " " + advised;
    }
    return words;
  }

  private static String sentence(String words) {
    return Character.toUpperCase(words.charAt(0)) + words.substring(1) + ".";
  }

  private static String orderFromDescription(String description) {
    if (description == null) {
      return null;
    }
    Matcher m = ORDER_IN_DESCRIPTION.matcher(description);
    return m.find() ? m.group(1) : null;
  }

  /** {@code amount} in {@code currency}, or null when either is missing or odd. */
  private static Money money(JsonNode object) {
    Long amount = integer(object.get("amount"));
    String currency = text(object.get("currency"));
    return amount == null || currency == null ? null : StripeMoney.of(amount, currency);
  }

  /**
   * The refund this event added to the charge's embedded list: {@code refunds.data} (a plain
   * array before 2014-06-17), the one whose id {@code previous_attributes.refunds} did not list,
   * else the newest by {@code created}. Missing when the charge no longer embeds its refunds.
   */
  static JsonNode addedRefund(JsonNode charge, JsonNode previous) {
    JsonNode list = refundList(charge);
    java.util.Set<String> known = new java.util.HashSet<>();
    for (JsonNode old : refundList(previous)) {
      String id = text(old.get("id"));
      if (id != null) known.add(id);
    }
    JsonNode latest = MissingNode.getInstance();
    long latestCreated = Long.MIN_VALUE;
    for (JsonNode refund : list) {
      if (!refund.isObject()) continue;
      if (!known.isEmpty() && known.contains(text(refund.get("id")))) continue;
      Long created = integer(refund.get("created"));
      long when = created == null ? Long.MIN_VALUE : created;
      if (latest.isMissingNode() || when > latestCreated) {
        latest = refund;
        latestCreated = when;
      }
    }
    return latest;
  }

  private static JsonNode refundList(JsonNode object) {
    JsonNode refunds = object.path("refunds");
    JsonNode list = refunds.isArray() ? refunds : refunds.path("data");
    return list.isArray() ? list : MissingNode.getInstance();
  }

  /** An expandable reference: the id string, or the {@code id} of an expanded object. */
  private static String idOf(JsonNode node) {
    if (node != null && node.isObject()) {
      return text(node.get("id"));
    }
    return text(node);
  }


  /** A whole number that fits a long, or null. */
  private static Long integer(JsonNode node) {
    if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
      return null;
    }
    return node.longValue();
  }
}
