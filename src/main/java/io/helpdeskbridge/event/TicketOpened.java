package io.helpdeskbridge.event;

import java.time.Instant;
import java.util.List;

/**
 * A helpdesk announced a new or updated ticket that may need the order's context: the enrichment
 * step looks the order up and writes one internal note plus fields. {@code order} holds what the
 * ticket says (order field, {@code #1001} in subject or body, requester email).
 */
public record TicketOpened(
    String source, String sourceEventId, Instant occurredAt, OrderRef order, String vendorType,
    String ticketId, String subject, List<String> tags)
    implements OrderEvent {

  public TicketOpened {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** One enrichment per ticket and order, however often the ticket is updated. */
  @Override
  public String factId() {
    return "ticket:" + ticketId + ":" + order.key();
  }
}
