package io.helpdeskbridge.plugin.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundRequested;
import io.helpdeskbridge.event.TicketOpened;
import io.helpdeskbridge.spi.TicketText;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a Zendesk ticket webhook into one canonical event: {@link RefundRequested} when the ticket
 * carries the refund tag (setting {@code refund-tag}, default {@code refund_approved}), else {@link
 * TicketOpened}. Pure and tolerant: the dispatcher runs it again on stored payloads, and a payload
 * it cannot read (no ticket id, a user or organization event) yields an empty list, never an
 * exception. A ticket tagged {@code refund_issued} or {@code refund_failed} without the refund tag
 * is an ordinary {@link TicketOpened}: those tags are the bridge's own answers, not requests.
 *
 * <p>Two body shapes are read.
 *
 * <p><b>Trigger/automation webhooks</b>, whose JSON body the Zendesk admin writes (Zendesk imposes no
 * schema); the bridge expects this one, every value a string as placeholders render:
 *
 * <pre>{@code
 * {"ticket_id": "{{ticket.id}}",
 *  "event": "ticket_created",                        (or "ticket_updated", one trigger each)
 *  "subject": "{{ticket.title}}",
 *  "description": "{{ticket.description}}",
 *  "requester_email": "{{ticket.requester.email}}",
 *  "tags": "{{ticket.tags}}",                         (space-separated; a JSON array also works)
 *  "group_id": "{{ticket.group.id}}",
 *  "order_number": "{{ticket.ticket_field_<order field id>}}",
 *  "refund_amount": "{{ticket.ticket_field_<amount field id>}}",
 *  "refund_currency": "USD",                          (or a field placeholder; empty = default-currency)
 *  "refund_reason": "{{ticket.ticket_field_<reason field id>}}",
 *  "updated_at": "{{ticket.updated_at_with_timestamp}}",
 *  "actor_email": "{{current_user.email}}"}
 * }</pre>
 *
 * <p><b>Event-subscription webhooks</b> ({@code "type": "zen:event-type:ticket.created"} and the
 * other {@code zen:event-type:ticket.*} types), whose schema Zendesk fixes: top-level {@code id},
 * {@code time}, {@code subject} ({@code zen:ticket:<id>}) and a {@code detail} object with the
 * ticket's {@code id}, {@code subject}, {@code description}, {@code tags} (array), {@code group_id},
 * {@code requester_id}, {@code updated_at}. They carry no requester email and no custom fields, so
 * the order comes from subject or description only and a refund's amount is unknown (null).
 * Other event types (users, organizations, articles) mean nothing here.
 *
 * <p><b>Order reference.</b> The {@code order_number} field when set, else an order number written
 * in the subject, then the description ({@code #1001}, {@code order 1001}; the rules are {@link
 * TicketText#orderNumber}). The requester email is kept beside it, so a ticket with neither number
 * finds its order by email.
 *
 * <p><b>Refund amount.</b> {@code refund_amount}, read as {@link TicketText#amount} says ({@code 25},
 * {@code 25.00}, {@code 25,00}, {@code 1,234.50}; an ambiguous {@code 1,000} is not guessed). The
 * currency is {@code refund_currency} (an ISO 4217 code), else the connector's {@code
 * default-currency}. An amount that cannot be read leaves it null: the request is still reported,
 * without an amount.
 *
 * <p><b>Time.</b> {@code updated_at} (trigger) or {@code time} then {@code detail.updated_at}
 * (event subscription) when ISO-8601, else the time the bridge received the delivery.
 *
 * @see <a href="https://support.zendesk.com/hc/en-us/articles/4408886858138">Zendesk: placeholders
 *     reference</a>
 * @see <a href="https://developer.zendesk.com/api-reference/webhooks/event-types/ticket-events/">Zendesk:
 *     ticket event types</a>
 */
final class ZendeskTicketNormalizer {

  static final String SOURCE = "zendesk";
  static final String DEFAULT_REFUND_TAG = "refund_approved";
  static final String DEFAULT_CURRENCY = "USD";
  static final String EVENT_TYPE_PREFIX = "zen:event-type:";
  static final String TICKET_EVENT_PREFIX = "zen:event-type:ticket.";
  private static final String TICKET_SUBJECT_PREFIX = "zen:ticket:";

  private ZendeskTicketNormalizer() {}

  /**
   * @param payload the webhook body as received
   * @param eventId the delivery's id (from {@link ZendeskTicketSource#eventId}), kept on the event
   * @param receivedAt when the bridge received it; the time of last resort
   * @param refundTag the tag that makes a ticket a refund request
   * @param defaultCurrency the currency of an amount whose payload names none
   */
  static List<OrderEvent> normalize(
      JsonNode payload, String eventId, Instant receivedAt, String refundTag, String defaultCurrency) {
    Ticket ticket = read(payload);
    if (ticket == null || eventId == null) {
      return List.of();
    }
    OrderRef order =
        new OrderRef(
            orderNumber(ticket.orderNumber(), ticket.subject(), ticket.description()),
            null,
            ticket.requesterEmail(),
            null,
            null,
            null);
    Instant occurredAt = ticket.time() != null ? ticket.time() : receivedAt;
    String tag = refundTag == null || refundTag.isBlank() ? DEFAULT_REFUND_TAG : refundTag.trim();
    if (ticket.tags().stream().anyMatch(t -> t.equalsIgnoreCase(tag))) {
      String currency = ticket.refundCurrency() != null ? ticket.refundCurrency() : defaultCurrency;
      return List.of(
          new RefundRequested(
              SOURCE,
              eventId,
              occurredAt,
              order,
              ticket.vendorType(),
              ticket.id(),
              amount(ticket.refundAmount(), currency),
              ticket.refundReason(),
              ticket.groupId(),
              ticket.actorEmail(),
              ticket.tags()));
    }
    return List.of(
        new TicketOpened(
            SOURCE,
            eventId,
            occurredAt,
            order,
            ticket.vendorType(),
            ticket.id(),
            ticket.subject(),
            ticket.tags()));
  }

  /** Whether the body is an event-subscription delivery ({@code type: zen:event-type:...}). */
  static boolean isEventSubscription(JsonNode payload) {
    String type = payload == null ? null : scalar(payload.get("type"));
    return type != null && type.startsWith(EVENT_TYPE_PREFIX);
  }

  /**
   * The ticket id of a ticket delivery: {@code ticket_id} of a trigger body, {@code detail.id}
   * (else the {@code zen:ticket:<id>} subject) of a ticket event; null when there is none or the
   * delivery is about something other than a ticket.
   */
  static String ticketId(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      return null;
    }
    if (!isEventSubscription(payload)) {
      return scalar(payload.get("ticket_id"));
    }
    if (!isTicketEvent(payload)) {
      return null;
    }
    String id = scalar(payload.path("detail").get("id"));
    if (id != null) {
      return id;
    }
    String subject = scalar(payload.get("subject"));
    if (subject != null && subject.startsWith(TICKET_SUBJECT_PREFIX)) {
      String rest = subject.substring(TICKET_SUBJECT_PREFIX.length()).trim();
      return rest.isEmpty() ? null : rest;
    }
    return null;
  }

  static boolean isTicketEvent(JsonNode payload) {
    String type = payload == null ? null : scalar(payload.get("type"));
    return type != null && type.startsWith(TICKET_EVENT_PREFIX);
  }

  /**
   * The vendor type: a trigger body's {@code event} ({@code ticket_created}), an event
   * subscription's {@code type} ({@code zen:event-type:ticket.created}); null when absent.
   */
  static String vendorType(JsonNode payload) {
    if (payload == null || !payload.isObject()) {
      return null;
    }
    return isEventSubscription(payload) ? scalar(payload.get("type")) : scalar(payload.get("event"));
  }

  /** The ticket as the bridge reads it from either body shape, or null when it is no ticket. */
  static Ticket read(JsonNode payload) {
    String id = ticketId(payload);
    if (id == null) {
      return null;
    }
    if (isEventSubscription(payload)) {
      JsonNode detail = payload.path("detail");
      Instant time = instant(scalar(payload.get("time")));
      return new Ticket(
          id,
          scalar(payload.get("type")),
          scalar(detail.get("subject")),
          scalar(detail.get("description")),
          null,
          tags(detail.get("tags")),
          scalar(detail.get("group_id")),
          null,
          null,
          null,
          null,
          time != null ? time : instant(scalar(detail.get("updated_at"))),
          null);
    }
    return new Ticket(
        id,
        scalar(payload.get("event")),
        scalar(payload.get("subject")),
        scalar(payload.get("description")),
        scalar(payload.get("requester_email")),
        tags(payload.get("tags")),
        scalar(payload.get("group_id")),
        scalar(payload.get("order_number")),
        scalar(payload.get("refund_amount")),
        scalar(payload.get("refund_currency")),
        scalar(payload.get("refund_reason")),
        instant(scalar(payload.get("updated_at"))),
        scalar(payload.get("actor_email")));
  }

  /** The order number the ticket names; see {@link TicketText#orderNumber}. */
  static String orderNumber(String field, String subject, String description) {
    return TicketText.orderNumber(field, subject, description);
  }

  /**
   * Tags as Zendesk placeholders render them (one space-separated string) or as a JSON array;
   * blanks dropped, duplicates dropped, order kept.
   */
  static List<String> tags(JsonNode node) {
    Set<String> out = new LinkedHashSet<>();
    if (node == null) {
      return List.of();
    }
    if (node.isArray()) {
      for (JsonNode tag : node) {
        String t = scalar(tag);
        if (t != null) {
          out.add(t.trim());
        }
      }
    } else if (node.isTextual()) {
      for (String t : node.asText().trim().split("\\s+")) {
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    }
    return List.copyOf(new ArrayList<>(out));
  }

  /** The refund amount in minor units, or null; see {@link TicketText#amount}. */
  static Money amount(String raw, String currency) {
    return TicketText.amount(raw, currency);
  }

  /** ISO-8601 with an offset ({@code 2013-12-12T05:35Z}, seconds optional), or null. */
  static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException notIso) {
      return null;
    }
  }

  /** A string's text, or an integral number's digits; null for anything else or blank. */
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

  /** What the bridge reads of a ticket, whichever body shape carried it. */
  record Ticket(
      String id,
      String vendorType,
      String subject,
      String description,
      String requesterEmail,
      List<String> tags,
      String groupId,
      String orderNumber,
      String refundAmount,
      String refundCurrency,
      String refundReason,
      Instant time,
      String actorEmail) {}
}
