package io.helpdeskbridge.plugin.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundRequested;
import io.helpdeskbridge.event.TicketOpened;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * <p><b>Order reference.</b> The {@code order_number} field when set ({@code #1001} and {@code 1001}
 * are the same order); else the first order number written in the subject, then in the
 * description: a {@code #} directly followed by three or more digits ({@code #1001}), or the word
 * {@code order} followed by the number, optionally with {@code no}, {@code no.}, {@code nr},
 * {@code number}, a colon or a {@code #} between ({@code order 1001}, {@code Order No. 1001},
 * {@code order: #1001}), case-insensitive, the digits not followed by a letter or digit. The
 * requester email is kept beside it, so a ticket with neither number finds its order by email.
 *
 * <p><b>Refund amount.</b> {@code refund_amount} as digits with an optional decimal part: {@code
 * 25}, {@code 25.00} and {@code 25,00} all mean 25. When both {@code .} and {@code ,} appear, the
 * last one is the decimal separator and the other groups thousands ({@code 1,234.50}, {@code
 * 1.234,50}); a separator repeated groups thousands ({@code 1,000,000}). A lone {@code ,} or
 * {@code .} before exactly three digits ({@code 1,000}, {@code 25.001}) could be either, so it is
 * not read, unless the currency has three decimals ({@code 12.345} KWD): a refund must never be
 * read a thousand times too large. The currency is {@code refund_currency} (an ISO 4217 code), else the connector's
 * {@code default-currency}; the amount is turned into minor units with that currency's decimals
 * (JPY none, USD two). Anything else (no amount, letters, more decimals than the currency has, zero
 * or less, a currency that is not a three-letter code) leaves the amount null: the request is still
 * reported, without an amount.
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

  /** {@code #1001}, or {@code order [no.|nr|number] [:|#] 1001}; see the class comment. */
  static final Pattern ORDER_IN_TEXT =
      Pattern.compile(
          "#(\\d{3,})\\b|\\border\\s*(?:no\\.?|nr\\.?|number)?\\s*[:#]?\\s*(\\d{3,})\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern AMOUNT = Pattern.compile("\\d[\\d.,]*");
  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Za-z]{3}");

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

  /** The order field when set, else the first order number in the subject, then the description. */
  static String orderNumber(String field, String subject, String description) {
    String fromField = OrderRef.number(field);
    if (fromField != null) {
      return fromField;
    }
    for (String text : new String[] {subject, description}) {
      if (text == null) {
        continue;
      }
      Matcher m = ORDER_IN_TEXT.matcher(text);
      if (m.find()) {
        return m.group(1) != null ? m.group(1) : m.group(2);
      }
    }
    return null;
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

  /** The amount in minor units of the currency, or null when either cannot be read; see the class comment. */
  static Money amount(String raw, String currency) {
    if (raw == null || currency == null) {
      return null;
    }
    String code = currency.trim();
    if (!CURRENCY_CODE.matcher(code).matches()) {
      return null;
    }
    int digits = fractionDigits(code);
    BigDecimal value = decimal(raw.trim(), digits);
    if (value == null || value.signum() <= 0) {
      return null;
    }
    try {
      long minor = value.movePointRight(digits).stripTrailingZeros().longValueExact();
      return Money.of(minor, code);
    } catch (ArithmeticException moreDecimalsThanTheCurrencyHas) {
      return null;
    }
  }

  /**
   * {@code 25}, {@code 25.00}, {@code 25,00}, {@code 1,234.50}, {@code 1.234,50}; null otherwise.
   * A lone separator before exactly three digits is ambiguous (a thousand, or a fraction?) and
   * gives null, unless the currency itself has three decimals ({@code 12.345} KWD).
   */
  static BigDecimal decimal(String s, int currencyDigits) {
    if (!AMOUNT.matcher(s).matches()) {
      return null;
    }
    int lastDot = s.lastIndexOf('.');
    int lastComma = s.lastIndexOf(',');
    String normal;
    if (lastDot >= 0 && lastComma >= 0) {
      char decimalSeparator = lastDot > lastComma ? '.' : ',';
      char grouping = decimalSeparator == '.' ? ',' : '.';
      int decimalAt = Math.max(lastDot, lastComma);
      String whole = s.substring(0, decimalAt);
      if (whole.indexOf(decimalSeparator) >= 0 || !groupedByThousands(whole, grouping)) {
        return null; // 1.234.50,00 or 12,34.50: not a number we can be sure of
      }
      normal = whole.replace(String.valueOf(grouping), "") + "." + s.substring(decimalAt + 1);
    } else if (lastDot >= 0 || lastComma >= 0) {
      char separator = lastDot >= 0 ? '.' : ',';
      int first = s.indexOf(separator);
      int last = Math.max(lastDot, lastComma);
      boolean grouping = first != last;
      if (grouping && !groupedByThousands(s, separator)) {
        return null;
      }
      if (!grouping && s.length() - last - 1 == 3 && currencyDigits != 3) {
        return null; // 1,000 or 25.001: a thousand or a fraction? Not guessed.
      }
      normal = grouping ? s.replace(String.valueOf(separator), "") : s.replace(separator, '.');
    } else {
      normal = s;
    }
    if (normal.endsWith(".")) {
      return null;
    }
    try {
      return new BigDecimal(normal);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** {@code 1,234,567}: every group after the first has exactly three digits. */
  private static boolean groupedByThousands(String s, char separator) {
    String[] groups = s.split(Pattern.quote(String.valueOf(separator)), -1);
    if (groups[0].isEmpty() || groups[0].length() > 3) {
      return false;
    }
    for (int i = 1; i < groups.length; i++) {
      if (groups[i].length() != 3) {
        return false;
      }
    }
    return true;
  }

  /** The currency's decimals, 2 for a code the JDK does not know (as {@link Money} prints it). */
  static int fractionDigits(String code) {
    try {
      int digits = Currency.getInstance(code.toUpperCase(Locale.ROOT)).getDefaultFractionDigits();
      return digits < 0 ? 0 : digits;
    } catch (IllegalArgumentException unknownCode) {
      return 2;
    }
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
