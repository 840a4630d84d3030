package io.helpdeskbridge.plugin.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.TicketOpened;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a HubSpot webhook delivery: a JSON array of up to 100 events, each {@code {"eventId",
 * "subscriptionId", "portalId", "appId", "occurredAt" (ms), "subscriptionType", "attemptNumber",
 * "objectId", "propertyName", "propertyValue", "changeSource", ...}}. Pure and tolerant: the
 * dispatcher runs it again on stored payloads, and what it cannot read means nothing, never an
 * exception.
 *
 * <p><b>What becomes a {@link TicketOpened}.</b> {@code ticket.creation}, which names only the
 * ticket ({@code objectId}): its order is read from the CRM later ({@link
 * HubSpotTicketSource#lookupOrderNumber}), so the event carries the ticket as {@link
 * #ticketRef(String, String)} in place of an order. And {@code ticket.propertyChange} of the
 * connector's order property ({@code fields.order_id}), whose {@code propertyValue} is the order
 * number itself. One batch may hold both for one ticket: it then gives one event, the property
 * change, which needs no API call. Everything else (other objects, other properties, deletions)
 * is ignored.
 *
 * <p><b>Dedupe id.</b> HubSpot says {@code eventId} alone is not guaranteed unique, so one event is
 * keyed by portal, subscription, event id and {@code occurredAt}; {@code attemptNumber} is left out,
 * because it is what changes when HubSpot sends the event again. A delivery of one event is {@code
 * <portal>-<subscription>-<eventId>-<occurredAt>}; a larger one is {@code batch-<n>-} and 16 hex
 * digits of the SHA-256 of its sorted event keys, so a retried batch, in any order, is a duplicate.
 * HubSpot may put a retried event into another batch than the first time: that delivery is a new
 * inbox row, and what it repeats changes nothing, because each enrichment is written once per
 * ticket and order (the event marker).
 *
 * @see <a href="https://developers.hubspot.com/docs/api/webhooks">HubSpot: webhooks API</a>
 */
final class HubSpotTicketEvents {
  static final String SOURCE = "hubspot";
  static final String CREATION = "ticket.creation";
  static final String PROPERTY_CHANGE = "ticket.propertyChange";
  private static final String TICKET_REF_PREFIX = "hubspot:";
  private static final String TICKET_REF_INFIX = ":ticket:";

  private HubSpotTicketEvents() {}

  /** The delivery's events: an array's objects, or one object sent alone; empty for anything else. */
  static List<JsonNode> events(JsonNode payload) {
    List<JsonNode> out = new ArrayList<>();
    if (payload == null) return out;
    if (payload.isObject()) out.add(payload);
    else if (payload.isArray()) payload.forEach(e -> {
      if (e.isObject()) out.add(e);
    });
    return out;
  }

  /** The dedupe id described in the class comment; empty when some event has no {@code eventId}. */
  static Optional<String> deliveryId(JsonNode payload) {
    List<JsonNode> events = events(payload);
    if (events.isEmpty()) return Optional.empty();
    Set<String> keys = new TreeSet<>();
    for (JsonNode e : events) {
      String id = scalar(e.get("eventId"));
      if (id == null) return Optional.empty();
      keys.add(String.join("-", orDash(scalar(e.get("portalId"))), orDash(scalar(e.get("subscriptionId"))), id,
          orDash(scalar(e.get("occurredAt")))));
    }
    if (keys.size() == 1) return Optional.of(keys.iterator().next());
    return Optional.of("batch-" + keys.size() + "-" + sha256Prefix(String.join("\n", keys)));
  }

  /** The distinct {@code subscriptionType}s, comma-separated ({@code ticket.creation}); null when none. */
  static String vendorType(JsonNode payload) {
    Set<String> types = new LinkedHashSet<>();
    for (JsonNode e : events(payload)) {
      String t = scalar(e.get("subscriptionType"));
      if (t != null) types.add(t);
    }
    return types.isEmpty() ? null : String.join(",", types);
  }

  /**
   * @param orderProperty the ticket property holding the order number ({@code fields.order_id}),
   *     null when none is mapped (then only creations count)
   * @param receivedAt the time of last resort
   */
  static List<OrderEvent> normalize(JsonNode payload, String orderProperty, Instant receivedAt) {
    // per ticket, in the order HubSpot listed them: a property change beats the creation
    Map<String, TicketOpened> byTicket = new LinkedHashMap<>();
    for (JsonNode e : events(payload)) {
      String type = scalar(e.get("subscriptionType"));
      String ticketId = scalar(e.get("objectId"));
      String portal = scalar(e.get("portalId"));
      if (type == null || ticketId == null) continue;
      String eventKey = String.join("-", orDash(portal), orDash(scalar(e.get("subscriptionId"))),
          orDash(scalar(e.get("eventId"))), orDash(scalar(e.get("occurredAt"))));
      Instant at = instant(e.get("occurredAt"), receivedAt);
      if (type.equals(CREATION)) {
        byTicket.putIfAbsent(ticketId, opened(eventKey, at, new OrderRef(null, ticketRef(portal, ticketId), null, null, null, null),
            type, ticketId));
      } else if (type.equals(PROPERTY_CHANGE) && orderProperty != null && orderProperty.equals(scalar(e.get("propertyName")))) {
        String number = OrderRef.number(scalar(e.get("propertyValue")));
        if (number == null) continue; // the order number was cleared: nothing to look up
        TicketOpened before = byTicket.get(ticketId);
        if (before == null || before.vendorType().equals(CREATION) || !before.occurredAt().isAfter(at)) {
          byTicket.put(ticketId, opened(eventKey, at,
              new OrderRef(number, ticketRef(portal, ticketId), null, null, null, null), type, ticketId));
        }
      }
    }
    return List.copyOf(byTicket.values());
  }

  /**
   * The ticket as an order reference ({@code hubspot:<portal>:ticket:<id>}), in the vendor-order
   * slot: the store then remembers which order the ticket named, and {@link
   * HubSpotTicketSource#lookupOrderNumber} knows which ticket to read.
   */
  static String ticketRef(String portal, String ticketId) {
    return TICKET_REF_PREFIX + orDash(portal) + TICKET_REF_INFIX + ticketId;
  }

  /** The ticket id of a {@link #ticketRef}; empty for any other reference. */
  static Optional<String> ticketId(String vendorOrderId) {
    if (vendorOrderId == null || !vendorOrderId.startsWith(TICKET_REF_PREFIX)) return Optional.empty();
    int at = vendorOrderId.indexOf(TICKET_REF_INFIX);
    if (at < 0) return Optional.empty();
    String id = vendorOrderId.substring(at + TICKET_REF_INFIX.length());
    return id.matches("[0-9]+") ? Optional.of(id) : Optional.empty();
  }

  private static TicketOpened opened(String eventKey, Instant at, OrderRef order, String type, String ticketId) {
    return new TicketOpened(SOURCE, eventKey, at, order, type, ticketId, null, List.of());
  }

  private static Instant instant(JsonNode millis, Instant fallback) {
    if (millis != null && millis.isIntegralNumber() && millis.asLong() > 0) return Instant.ofEpochMilli(millis.asLong());
    return fallback;
  }

  /** A string's text or an integral number's digits; null for anything else or blank. */
  static String scalar(JsonNode node) {
    if (node == null) return null;
    if (node.isIntegralNumber()) return node.asText();
    if (node.isTextual() && !node.asText().isBlank()) return node.asText().trim();
    return null;
  }

  private static String orDash(String s) {
    return s == null ? "_" : s;
  }

  private static String sha256Prefix(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      // SHA-256 is required of every JRE
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
