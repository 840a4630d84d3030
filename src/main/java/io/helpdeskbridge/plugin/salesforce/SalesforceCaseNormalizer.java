package io.helpdeskbridge.plugin.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundRequested;
import io.helpdeskbridge.event.TicketOpened;
import io.helpdeskbridge.spi.TicketText;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns one Case Platform Event into one canonical event: {@link RefundRequested} when the Case
 * carries the refund tag (setting {@code refund-tag}, default {@code refund_approved}), else {@link
 * TicketOpened}; the same rules as Zendesk's ticket webhooks. Pure and tolerant: the dispatcher runs
 * it again on stored payloads, and a message without a Case id yields an empty list, never an
 * exception.
 *
 * <p>The body is the Streaming API message as camel-salesforce hands it over with {@code
 * rawPayload=true}:
 *
 * <pre>{@code
 * {"channel": "/event/Helpdesk_Case_Event__e",
 *  "data": {"schema": "…",
 *           "event": {"replayId": 42, "EventUuid": "…"},
 *           "payload": {"CaseId__c": "500…", "CaseNumber__c": "00001026", "ChangeType__c": "created",
 *                       "Subject__c": "…", "Description__c": "…", "ContactEmail__c": "…",
 *                       "SuppliedEmail__c": "…", "Order_Number__c": "1001", "Tags__c": "vip;refund_approved",
 *                       "Refund_Amount__c": 25, "Refund_Currency__c": "USD", "Refund_Reason__c": "…",
 *                       "OwnerId__c": "00G…", "ActorEmail__c": "…",
 *                       "CreatedDate": "2026-11-24T10:15:30.000Z", "CreatedById": "005…", "EventUuid": "…"}}}
 * }</pre>
 *
 * A body without {@code data} is read as the payload itself (a stored event replayed by hand).
 *
 * <ul>
 *   <li><b>Ticket</b>: {@code CaseId__c}, the Case Id, which is what the Salesforce helpdesk writes
 *       to. Without it there is nothing to answer on: no event.
 *   <li><b>Order</b>: {@code Order_Number__c}, else {@code #1001} or {@code order 1001} in the
 *       subject, then the description ({@link TicketText#orderNumber}); beside it the contact's email
 *       ({@code ContactEmail__c}, else the web email {@code SuppliedEmail__c}).
 *   <li><b>Tags</b>: {@code Tags__c}, split on {@code ;} (a multi-select picklist), commas or
 *       blanks.
 *   <li><b>Refund</b>: {@code Refund_Amount__c} (a number or text, read by {@link
 *       TicketText#amount}) in {@code Refund_Currency__c}, else the connector's {@code
 *       default-currency}; {@code Refund_Reason__c}; the Case owner ({@code OwnerId__c}, a user or
 *       queue id) is the group the {@code groups} guardrail checks; the agent is {@code
 *       ActorEmail__c}, else the user who published the event ({@code CreatedById}).
 *   <li><b>Type</b>: {@code case_} plus {@code ChangeType__c} ({@code case_created}, {@code
 *       case_updated}), else {@code case_event}.
 *   <li><b>Time</b>: the event's {@code CreatedDate}, else the time the bridge received it.
 * </ul>
 *
 * @see <a href="https://developer.salesforce.com/docs/atlas.en-us.platform_events.meta/platform_events/platform_events_subscribe_cometd.htm">Salesforce:
 *     subscribe to platform event notifications with CometD</a>
 */
final class SalesforceCaseNormalizer {

  static final String DEFAULT_REFUND_TAG = "refund_approved";
  static final String DEFAULT_CURRENCY = "USD";
  /** Salesforce's own datetime form ({@code 2026-11-24T10:15:30.000+0000}), besides ISO-8601. */
  private static final DateTimeFormatter SF_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX");

  private SalesforceCaseNormalizer() {}

  /**
   * @param body the message as stored
   * @param source the connector id, which is also the helpdesk the answer is written to
   * @param eventId the inbox's id of the event (from {@link #eventId})
   * @param receivedAt when the bridge received it; the time of last resort
   */
  static List<OrderEvent> normalize(
      JsonNode body, String source, String eventId, Instant receivedAt, String refundTag, String defaultCurrency) {
    JsonNode p = payload(body);
    String caseId = scalar(p.get("CaseId__c"));
    if (caseId == null || eventId == null) {
      return List.of();
    }
    String subject = scalar(p.get("Subject__c"));
    String description = scalar(p.get("Description__c"));
    String email = scalar(p.get("ContactEmail__c"));
    if (email == null) {
      email = scalar(p.get("SuppliedEmail__c"));
    }
    OrderRef order =
        new OrderRef(TicketText.orderNumber(scalar(p.get("Order_Number__c")), subject, description), null, email, null, null, null);
    Instant time = instant(scalar(p.get("CreatedDate")));
    Instant occurredAt = time != null ? time : receivedAt;
    List<String> tags = tags(scalar(p.get("Tags__c")));
    String type = vendorType(body);
    String tag = refundTag == null || refundTag.isBlank() ? DEFAULT_REFUND_TAG : refundTag.trim();
    if (tags.stream().anyMatch(t -> t.equalsIgnoreCase(tag))) {
      String currency = scalar(p.get("Refund_Currency__c"));
      String actor = scalar(p.get("ActorEmail__c"));
      return List.of(new RefundRequested(source, eventId, occurredAt, order, type, caseId,
          TicketText.amount(amountText(p.get("Refund_Amount__c")), currency != null ? currency : defaultCurrency),
          scalar(p.get("Refund_Reason__c")), scalar(p.get("OwnerId__c")),
          actor != null ? actor : scalar(p.get("CreatedById")), tags));
    }
    return List.of(new TicketOpened(source, eventId, occurredAt, order, type, caseId, subject, tags));
  }

  /**
   * The event's id: {@code EventUuid} (the event block's, else the payload's), else {@code replay:}
   * and the replay id (from the body, else {@code replayHeader}); null when neither is there.
   */
  static String eventId(JsonNode body, String replayHeader) {
    JsonNode event = body == null ? null : body.path("data").path("event");
    String uuid = event == null ? null : scalar(event.get("EventUuid"));
    if (uuid == null) {
      uuid = scalar(payload(body).get("EventUuid"));
    }
    if (uuid != null) {
      return uuid;
    }
    String replay = event == null ? null : scalar(event.get("replayId"));
    if (replay == null && replayHeader != null && !replayHeader.isBlank()) {
      replay = replayHeader.trim();
    }
    return replay == null ? null : "replay:" + replay;
  }

  /** The event's replay id (its position in the channel's stream), or null. */
  static String replayId(JsonNode body) {
    return body == null ? null : scalar(body.path("data").path("event").get("replayId"));
  }

  /** {@code case_created}, {@code case_updated}, …; {@code case_event} when the event does not say. */
  static String vendorType(JsonNode body) {
    String change = scalar(payload(body).get("ChangeType__c"));
    return change == null ? "case_event" : "case_" + change.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
  }

  /** {@code data.payload} of a Streaming API message, else the body itself. */
  static JsonNode payload(JsonNode body) {
    if (body == null || !body.isObject()) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    JsonNode data = body.get("data");
    if (data != null && data.isObject()) {
      JsonNode payload = data.get("payload");
      return payload != null && payload.isObject() ? payload : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    return body;
  }

  /** A multi-select picklist value ({@code a;b}) or a comma or blank separated list; no blanks, no repeats. */
  static List<String> tags(String value) {
    if (value == null) {
      return List.of();
    }
    Set<String> out = new LinkedHashSet<>();
    for (String t : value.split("[;,\\s]+")) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  /** A Number field arrives as a JSON number ({@code 25.5}), a Text field as a string. */
  private static String amountText(JsonNode node) {
    if (node != null && node.isNumber()) {
      return node.decimalValue().toPlainString();
    }
    return scalar(node);
  }

  /** ISO-8601 with an offset, or Salesforce's {@code +0000} form; null otherwise. */
  static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notIso) {
      try {
        return OffsetDateTime.parse(text, SF_DATETIME).toInstant();
      } catch (DateTimeParseException neither) {
        return null;
      }
    }
  }

  /** A string's trimmed text, or an integral number's digits; null for anything else or blank. */
  static String scalar(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      String t = node.asText().trim();
      return t.isEmpty() ? null : t;
    }
    if (node.isIntegralNumber()) {
      return node.asText();
    }
    return null;
  }
}
