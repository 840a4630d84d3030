package io.helpdeskbridge.plugin.paypal;

import static io.helpdeskbridge.spi.VendorJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.ChargebackClosed;
import io.helpdeskbridge.event.ChargebackOpened;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.PaymentFailed;
import io.helpdeskbridge.event.RefundFailed;
import io.helpdeskbridge.event.RefundIssued;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a PayPal webhook event ({@code id}, {@code event_type}, {@code create_time}, {@code
 * resource}) into the bridge's canonical events. Pure and tolerant: the dispatcher runs it again on
 * stored payloads, and a payload it does not understand yields an empty list, never an exception.
 *
 * <ul>
 *   <li>{@code PAYMENT.CAPTURE.REFUNDED} ("a merchant refunds a payment capture"; the resource is
 *       the Refund): {@link RefundIssued}, or {@link RefundFailed} when the refund's status is
 *       FAILED or CANCELLED. A PENDING refund is reported as issued and says so in its reason: a
 *       later announcement of the same refund id writes nothing new (one note per refund id).
 *   <li>{@code PAYMENT.CAPTURE.REVERSED} ("PayPal reverses a payment capture"; the resource is again
 *       a Refund, with PayPal's {@code note_to_payer}): the money went back to the payer without the
 *       merchant asking, typically once PayPal decided a dispute or an unauthorised-payment claim
 *       for the buyer. For the ticket that is money returned, so {@link RefundIssued} with the
 *       reason "reversed by PayPal". It is not a second chargeback: the dispute behind it, if any,
 *       arrives through {@code CUSTOMER.DISPUTE.*} and is reported there.
 *   <li>{@code PAYMENT.CAPTURE.DENIED} ("a payment capture is denied") and {@code
 *       PAYMENT.CAPTURE.DECLINED} ("a payment capture is declined"), the resource being the Capture:
 *       {@link PaymentFailed}; for the ticket both say the money did not come in.
 *   <li>{@code CUSTOMER.DISPUTE.CREATED}: {@link ChargebackOpened}, with the dispute's status and
 *       lifecycle stage (INQUIRY, CHARGEBACK, …) and {@code seller_response_due_date} as the
 *       evidence deadline.
 *   <li>{@code CUSTOMER.DISPUTE.RESOLVED}: {@link ChargebackClosed}; the outcome is {@code won} or
 *       {@code lost} for PayPal's RESOLVED_SELLER_FAVOUR / RESOLVED_BUYER_FAVOUR, else PayPal's
 *       outcome in words ("cancelled by the buyer", …).
 *   <li>{@code CUSTOMER.DISPUTE.UPDATED} ("a dispute is updated") means nothing by itself: PayPal
 *       sends it for every message, offer, evidence upload and status step, and the event carries
 *       only the dispute as it now is, not what changed, so a pure normalizer cannot tell a step
 *       that matters from chatter. A note per update would bury the two that matter, which have
 *       their own events (created, resolved). It is recorded as ignored, and still teaches the
 *       bridge its capture → order alias.
 * </ul>
 *
 * <p>The order number is what the merchant put on the payment: {@code invoice_id} or {@code
 * custom_id} on captures and refunds, {@code invoice_number} or {@code custom} on a dispute's
 * {@code disputed_transactions} (and on v1 refunds); which one is read first is the {@code
 * order-from} setting. Reasons, statuses, stages and outcomes are put in words by {@link
 * PayPalVocabulary}; a refund whose amount cannot be read is still reported, without an amount. The
 * payment id is always the capture id: a capture's own {@code id}, the capture a refund links to as
 * {@code rel: up}, a disputed transaction's {@code seller_transaction_id}.
 *
 * @see <a href="https://developer.paypal.com/api/rest/webhooks/event-names/">PayPal: webhook event names</a>
 * @see <a href="https://developer.paypal.com/docs/api/payments/v2/">PayPal: Payments v2 (Capture, Refund)</a>
 * @see <a href="https://developer.paypal.com/docs/api/customer-disputes/v1/">PayPal: Disputes v1</a>
 */
final class PayPalNormalizer {

  static final String SOURCE = "paypal";
  static final String INVOICE_ID = "invoice_id";
  static final String CUSTOM_ID = "custom_id";

  static final String REFUNDED = "PAYMENT.CAPTURE.REFUNDED";
  static final String REVERSED = "PAYMENT.CAPTURE.REVERSED";
  static final String DENIED = "PAYMENT.CAPTURE.DENIED";
  static final String DECLINED = "PAYMENT.CAPTURE.DECLINED";
  static final String DISPUTE_CREATED = "CUSTOMER.DISPUTE.CREATED";
  static final String DISPUTE_UPDATED = "CUSTOMER.DISPUTE.UPDATED";
  static final String DISPUTE_RESOLVED = "CUSTOMER.DISPUTE.RESOLVED";

  /** {@code …/v2/payments/captures/<id>}, the capture a refund belongs to. */
  private static final Pattern CAPTURE_LINK = Pattern.compile("/v2/payments/captures/([A-Za-z0-9-]{1,64})(?:[/?#].*)?$");
  /** {@code …/v1/payments/capture/<id>}, the capture a v1 refund names. */
  private static final Pattern V1_CAPTURE_LINK = Pattern.compile("/v1/payments/capture/([A-Za-z0-9-]{1,64})(?:[/?#].*)?$");

  private PayPalNormalizer() {}

  /** What every event built from one delivery shares. */
  private record Envelope(String id, Instant at, String type, String summary) {}

  static List<OrderEvent> normalize(JsonNode payload, List<String> orderFrom) {
    if (payload == null || !payload.isObject()) return List.of();
    String type = text(payload.get("event_type"));
    String id = text(payload.get("id"));
    JsonNode resource = payload.path("resource");
    if (type == null || id == null || !resource.isObject()) return List.of();
    Instant at = firstTime(payload.get("create_time"), resource.get("update_time"), resource.get("create_time"));
    if (at == null) return List.of();
    Envelope envelope = new Envelope(id, at, type, text(payload.get("summary")));
    return switch (type) {
      // a v1 refund states its reason in "reason"
      case REFUNDED -> refund(envelope, resource, orderFrom, firstText(resource.get("note_to_payer"), resource.get("reason")));
      case REVERSED -> refund(envelope, resource, orderFrom, reversalReason(resource));
      case DENIED, DECLINED -> denied(envelope, resource, orderFrom);
      case DISPUTE_CREATED -> disputeOpened(envelope, resource, orderFrom);
      case DISPUTE_RESOLVED -> disputeResolved(envelope, resource, orderFrom);
      default -> List.of(); // DISPUTE_UPDATED included: see the class comment
    };
  }

  /**
   * {@code payment:<capture id> → order:<order number>} for every capture this delivery ties to an
   * order, whatever its type (a PAYMENT.CAPTURE.COMPLETED that means no event still teaches its
   * alias), so a later dispute naming only the capture finds the order.
   */
  static Map<String, String> orderFacts(JsonNode payload, List<String> orderFrom) {
    if (payload == null || !payload.isObject()) return Map.of();
    JsonNode resource = payload.path("resource");
    if (!resource.isObject()) return Map.of();
    Map<String, String> facts = new LinkedHashMap<>();
    if (isDispute(payload)) {
      for (JsonNode tx : resource.path("disputed_transactions")) {
        String capture = text(tx.get("seller_transaction_id"));
        String order = OrderRef.number(orderOfTransaction(tx, orderFrom));
        if (capture != null && order != null) facts.putIfAbsent("payment:" + capture, "order:" + order);
      }
    } else {
      String capture = captureOf(payload, resource);
      String order = OrderRef.number(orderOf(resource, orderFrom));
      if (capture != null && order != null) facts.put("payment:" + capture, "order:" + order);
    }
    return facts;
  }

  /**
   * A Payments v2 Refund, or a v1 one ({@code state}, {@code amount.total}, {@code capture_id},
   * {@code invoice_number}/{@code custom}). A refund is reported even when its amount cannot be
   * read (the note then says the amount is not known); only a status that is neither done, pending
   * nor failed yields nothing.
   */
  private static List<OrderEvent> refund(Envelope envelope, JsonNode refund, List<String> orderFrom, String reason) {
    String capture = refundedCapture(refund);
    String refundId = text(refund.get("id"));
    String status = upper(firstText(refund.get("status"), refund.get("state")));
    OrderRef order = new OrderRef(orderOf(refund, orderFrom), null, capture, null);
    Money amount = PayPalMoney.of(refund.get("amount"));
    String statusReason = PayPalVocabulary.words(PayPalVocabulary.STATUS_REASON, text(refund.path("status_details").get("reason")));
    if ("FAILED".equals(status) || "CANCELLED".equals(status)) {
      String why = PayPalVocabulary.words(PayPalVocabulary.REFUND, status);
      return List.of(new RefundFailed(SOURCE, envelope.id(), envelope.at(), order, envelope.type(), amount, refundId, capture,
          statusReason == null ? why : why + ": " + statusReason));
    }
    if (status != null && !status.equals("COMPLETED") && !status.equals("PENDING")) return List.of();
    if ("PENDING".equals(status)) {
      String pending = statusReason == null ? "still pending at PayPal" : "still pending at PayPal: " + statusReason;
      reason = reason == null ? pending : reason + " (" + pending + ")";
    }
    return List.of(new RefundIssued(SOURCE, envelope.id(), envelope.at(), order, envelope.type(), amount, refundId, capture,
        reason));
  }

  /** The capture a refund belongs to: its v2 {@code up} link, else a v1 refund's {@code capture_id} or capture link. */
  private static String refundedCapture(JsonNode refund) {
    String capture = upCapture(refund);
    if (capture != null) return capture;
    capture = text(refund.get("capture_id"));
    if (capture != null) return capture;
    for (JsonNode link : refund.path("links")) {
      String href = text(link.get("href"));
      if (href == null || !("capture".equals(text(link.get("rel"))) || "up".equals(text(link.get("rel"))))) continue;
      Matcher m = V1_CAPTURE_LINK.matcher(href);
      if (m.find()) return m.group(1);
    }
    return null;
  }

  private static String reversalReason(JsonNode refund) {
    String note = text(refund.get("note_to_payer"));
    return note == null ? "reversed by PayPal" : "reversed by PayPal: " + note;
  }

  private static List<OrderEvent> denied(Envelope envelope, JsonNode capture, List<String> orderFrom) {
    String captureId = text(capture.get("id"));
    OrderRef order = new OrderRef(orderOf(capture, orderFrom), null, captureId, null);
    String status = text(capture.get("status"));
    if (status == null) status = envelope.type().substring("PAYMENT.CAPTURE.".length());
    String statusReason = text(capture.path("status_details").get("reason"));
    String message = PayPalVocabulary.words(PayPalVocabulary.CAPTURE, status);
    if (statusReason != null) message += ": " + PayPalVocabulary.words(PayPalVocabulary.STATUS_REASON, statusReason);
    return List.of(new PaymentFailed(SOURCE, envelope.id(), envelope.at(), order, envelope.type(),
        PayPalMoney.of(capture.get("amount")), status, statusReason, capitalized(message) + "."));
  }

  private static List<OrderEvent> disputeOpened(Envelope envelope, JsonNode dispute, List<String> orderFrom) {
    String disputeId = text(dispute.get("dispute_id"));
    if (disputeId == null) return List.of();
    String capture = disputedCapture(dispute);
    String status = PayPalVocabulary.words(PayPalVocabulary.STATUS, text(dispute.get("status")));
    String stage = PayPalVocabulary.words(PayPalVocabulary.STAGE, text(dispute.get("dispute_life_cycle_stage")));
    if (stage != null) status = status == null ? stage : status + ", " + stage;
    return List.of(new ChargebackOpened(SOURCE, envelope.id(), envelope.at(),
        new OrderRef(orderOfDispute(dispute, orderFrom), null, capture, null), envelope.type(),
        disputeAmount(dispute), disputeId, capture, PayPalVocabulary.words(PayPalVocabulary.REASON, text(dispute.get("reason"))),
        status,
        time(dispute.get("seller_response_due_date"))));
  }

  private static List<OrderEvent> disputeResolved(Envelope envelope, JsonNode dispute, List<String> orderFrom) {
    String disputeId = text(dispute.get("dispute_id"));
    if (disputeId == null) return List.of();
    String capture = disputedCapture(dispute);
    String outcome = upper(text(dispute.path("dispute_outcome").get("outcome_code")));
    String status;
    if ("RESOLVED_SELLER_FAVOUR".equals(outcome)) status = "won";
    else if ("RESOLVED_BUYER_FAVOUR".equals(outcome)) status = "lost";
    else if (outcome != null) status = PayPalVocabulary.words(PayPalVocabulary.OUTCOME, outcome);
    else status = PayPalVocabulary.words(PayPalVocabulary.STATUS, text(dispute.get("status")));
    return List.of(new ChargebackClosed(SOURCE, envelope.id(), envelope.at(),
        new OrderRef(orderOfDispute(dispute, orderFrom), null, capture, null), envelope.type(),
        disputeAmount(dispute), disputeId, capture, PayPalVocabulary.words(PayPalVocabulary.REASON, text(dispute.get("reason"))),
        status));
  }

  /** The disputed sum; else what the first disputed transaction was for. */
  private static Money disputeAmount(JsonNode dispute) {
    Money amount = PayPalMoney.of(dispute.get("dispute_amount"));
    if (amount != null) return amount;
    for (JsonNode tx : dispute.path("disputed_transactions")) {
      Money gross = PayPalMoney.of(tx.get("gross_amount"));
      if (gross != null) return gross;
    }
    return null;
  }

  private static String disputedCapture(JsonNode dispute) {
    for (JsonNode tx : dispute.path("disputed_transactions")) {
      String id = text(tx.get("seller_transaction_id"));
      if (id != null) return id;
    }
    return null;
  }

  private static String orderOfDispute(JsonNode dispute, List<String> orderFrom) {
    for (JsonNode tx : dispute.path("disputed_transactions")) {
      String order = orderOfTransaction(tx, orderFrom);
      if (order != null) return order;
    }
    return null;
  }

  /** A disputed transaction names the payment's fields differently: invoice_number, custom. */
  private static String orderOfTransaction(JsonNode tx, List<String> orderFrom) {
    for (String field : orderFrom) {
      String v = text(tx.get(field.equals(INVOICE_ID) ? "invoice_number" : "custom"));
      if (v != null) return v;
    }
    return null;
  }

  /** {@code invoice_id}/{@code custom_id}, or a v1 resource's {@code invoice_number}/{@code custom}. */
  private static String orderOf(JsonNode resource, List<String> orderFrom) {
    for (String field : orderFrom) {
      String v = text(resource.get(field));
      if (v == null) v = text(resource.get(field.equals(INVOICE_ID) ? "invoice_number" : "custom"));
      if (v != null) return v;
    }
    return null;
  }

  private static String firstText(JsonNode... nodes) {
    for (JsonNode n : nodes) {
      String t = text(n);
      if (t != null) return t;
    }
    return null;
  }

  private static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /**
   * Why a delivery gives no canonical event, precisely: which type or field decided it and what
   * would have made it count. Asked only about deliveries that {@link #normalize} turned into
   * nothing.
   */
  static String whyIgnored(JsonNode payload, List<String> orderFrom) {
    if (payload == null || !payload.isObject()) return "the body is not a PayPal webhook event";
    String type = text(payload.get("event_type"));
    if (type == null) return "the event has no event_type";
    JsonNode resource = payload.path("resource");
    String capture = resource.isObject() ? captureOf(payload, resource) : null;
    String learned = capture == null ? "" : "; it still taught the bridge capture " + capture
        + (orderFacts(payload, orderFrom).isEmpty() ? "" : "'s order");
    switch (type) {
      case DISPUTE_UPDATED:
        return "PayPal CUSTOMER.DISPUTE.UPDATED is sent for every message and step of a dispute and does not say what"
            + " changed; only CUSTOMER.DISPUTE.CREATED and CUSTOMER.DISPUTE.RESOLVED are reported";
      case "PAYMENT.CAPTURE.COMPLETED":
        return "PayPal PAYMENT.CAPTURE.COMPLETED is a payment that went through: nothing for a ticket" + learned;
      case REFUNDED, REVERSED, DENIED, DECLINED, DISPUTE_CREATED, DISPUTE_RESOLVED:
        break;
      default:
        return "PayPal " + type + " is not a type the bridge reads (it reads " + String.join(", ", List.of(REFUNDED, REVERSED,
            DENIED, DECLINED, DISPUTE_CREATED, DISPUTE_RESOLVED)) + ")";
    }
    if (text(payload.get("id")) == null || !resource.isObject()) return type + " has no id or no resource";
    if (type.startsWith("CUSTOMER.DISPUTE.") && text(resource.get("dispute_id")) == null) {
      return type + ": the resource has no dispute_id";
    }
    if (type.equals(REFUNDED) || type.equals(REVERSED)) {
      String status = firstText(resource.get("status"), resource.get("state"));
      return type + " " + text(resource.get("id")) + ": status " + status + " is neither COMPLETED, PENDING, FAILED"
          + " nor CANCELLED";
    }
    return type + ": no create_time or update_time that reads as a date";
  }

  private static boolean isDispute(JsonNode payload) {
    String kind = text(payload.get("resource_type"));
    String type = text(payload.get("event_type"));
    return "dispute".equalsIgnoreCase(kind) || (type != null && type.startsWith("CUSTOMER.DISPUTE."));
  }

  /** The capture a delivery is about: a refund's {@code up} link, or a capture's own id. */
  private static String captureOf(JsonNode payload, JsonNode resource) {
    String linked = upCapture(resource);
    if (linked != null) return linked;
    String kind = text(payload.get("resource_type"));
    String type = text(payload.get("event_type"));
    boolean capture = kind != null
        ? kind.equalsIgnoreCase("capture")
        : type != null && type.startsWith("PAYMENT.CAPTURE.") && !type.equals(REFUNDED) && !type.equals(REVERSED);
    return capture ? text(resource.get("id")) : null;
  }

  private static String upCapture(JsonNode resource) {
    for (JsonNode link : resource.path("links")) {
      String href = text(link.get("href"));
      if (!"up".equals(text(link.get("rel"))) || href == null) continue;
      Matcher m = CAPTURE_LINK.matcher(href);
      if (m.find()) return m.group(1);
    }
    return null;
  }

  private static Instant firstTime(JsonNode... candidates) {
    for (JsonNode c : candidates) {
      Instant t = time(c);
      if (t != null) return t;
    }
    return null;
  }

  /** An RFC 3339 date-time ({@code 2018-08-15T12:13:29-07:00}, {@code …Z}), or null. */
  private static Instant time(JsonNode node) {
    String s = text(node);
    if (s == null || s.length() > 40) return null;
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String upper(String s) {
    return s == null ? null : s.toUpperCase(Locale.ROOT);
  }

}
