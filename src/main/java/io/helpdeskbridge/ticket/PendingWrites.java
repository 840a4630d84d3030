package io.helpdeskbridge.ticket;

import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The ticket changes of one dispatch batch (the waiting events of one order), held until the
 * batch is through its routes and then written with one helpdesk call per ticket. Belongs to one
 * lane thread; not shared.
 */
public final class PendingWrites {

  /** One event's change for one located ticket, not yet written. */
  record Staged(long inboxId, OrderEvent event, String mappingId, Helpdesks.Entry helpdesk, TicketRef ticket,
      String foundBy, TicketChange change, String marker) {}

  private final List<Staged> staged = new ArrayList<>();

  void add(Staged s) {
    staged.add(s);
  }

  List<Staged> staged() {
    return List.copyOf(staged);
  }

  public boolean isEmpty() {
    return staged.isEmpty();
  }

  /** What the flush did: the outcomes per inbox row, and the rows whose writes failed. */
  public record Flushed(java.util.Map<Long, List<TicketOutcome>> outcomes, java.util.Map<Long, Exception> failures) {}
}
