package io.helpdeskbridge.ticket;

import io.helpdeskbridge.event.OrderEvent;

/** Where a {@code ticket:} step sends an event: the real writer, or a dry run that only records. */
public interface TicketSink {
  TicketOutcome write(long inboxId, OrderEvent event, String mappingId, String helpdesk) throws TicketWriteFailed;

  /** As {@link #write}, but a sink that can may hold the change in {@code pending} to write it with others. */
  default TicketOutcome write(long inboxId, OrderEvent event, String mappingId, String helpdesk, PendingWrites pending)
      throws TicketWriteFailed {
    return write(inboxId, event, mappingId, helpdesk);
  }

  boolean hasMapping(String id);

  boolean hasHelpdesk(String name);
}
