package io.helpdeskbridge.ticket;

import io.helpdeskbridge.event.OrderEvent;

/** Where a {@code ticket:} step sends an event: the real writer, or a dry run that only records. */
public interface TicketSink {
  TicketOutcome write(long inboxId, OrderEvent event, String mappingId, String helpdesk) throws TicketWriteFailed;

  boolean hasMapping(String id);

  boolean hasHelpdesk(String name);
}
