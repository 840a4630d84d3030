package io.helpdeskbridge.enrich;

import io.helpdeskbridge.correlation.OrderResolver;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.TicketOpened;
import io.helpdeskbridge.mapping.ChangeRenderer;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.spi.Lookup;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.store.Store;
import io.helpdeskbridge.ticket.Helpdesks;
import io.helpdeskbridge.ticket.Marker;
import io.helpdeskbridge.ticket.PendingWrites;
import io.helpdeskbridge.ticket.TicketOutcome;
import io.helpdeskbridge.ticket.TicketWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code enrich:<helpdesk>?mapping=ticket-enrichment}: a ticket a helpdesk announced gets its
 * order's context as one internal note plus fields, once per ticket and order, and the order is
 * linked to the ticket so the vendors' later events land there.
 */
public final class EnrichStep {
  private static final Logger LOG = LoggerFactory.getLogger(EnrichStep.class);

  private final String helpdesk;
  private final Mapping mapping;
  private final Enricher enricher;
  private final TicketWriter writer;
  private final Store store;
  private final OrderResolver resolver;
  private final ChangeRenderer renderer = new ChangeRenderer();

  public EnrichStep(String helpdesk, Mapping mapping, Enricher enricher, TicketWriter writer, Store store) {
    this.helpdesk = helpdesk;
    this.mapping = mapping;
    this.enricher = enricher;
    this.writer = writer;
    this.store = store;
    this.resolver = new OrderResolver(store.aliases());
  }

  public TicketOutcome run(TicketOpened ticket, long inboxId, PendingWrites pending) throws Exception {
    // enrich:default writes back to the helpdesk the ticket came from, when that is a helpdesk here
    String target = "default".equals(helpdesk) && writer.hasHelpdesk(ticket.source()) ? ticket.source() : helpdesk;
    Helpdesks.Entry hd = writer.helpdesk(target).orElseThrow();
    String marker = Marker.of(ticket, mapping.id());
    if (writer.written(target, marker)) {
      // ticket updates (our own note among them) come back through the trigger: no lookups for those
      return new TicketOutcome(TicketOutcome.Action.ALREADY_APPLIED, hd.id(), ticket.ticketId(), "already enriched");
    }
    Enricher.Result found = enricher.enrich(ticket);
    if (found.orderId() != null) link(hd.id(), ticket, found);
    enricher.remember(found);
    TicketChange change = renderer.render(mapping, ticket, found.context());
    writer.writeTo(inboxId, ticket, target, ticket.ticketId(), change, marker, pending);
    String detail = found.orderId() == null ? "no order found"
        : "order " + found.orderId() + (found.context().missing().isEmpty() ? "" : ", missing: " + found.context().missing());
    return new TicketOutcome(TicketOutcome.Action.APPLIED, hd.id(), ticket.ticketId(), "enriched, " + detail);
  }

  /** Later vendor events of the order go to this ticket, and its payments and parcels lead to the order. */
  private void link(String helpdeskId, TicketOpened ticket, Enricher.Result found) {
    String orderKey = OrderRef.ofOrder(found.orderId()).key();
    Optional<String> linked = store.correlation().lookup(helpdeskId, orderKey);
    if (linked.isEmpty()) {
      store.correlation().remember(helpdeskId, orderKey, ticket.ticketId(), "enrichment");
    } else if (!linked.get().equals(ticket.ticketId())) {
      // the order's events already go to another ticket; moving them would surprise whoever works that one
      LOG.info("order {} stays linked to {} ticket {}; ticket {} asked about it too", found.orderId(), helpdeskId,
          linked.get(), ticket.ticketId());
    }
    Map<String, String> facts = new LinkedHashMap<>();
    for (String p : found.paymentIds()) facts.put("payment:" + p, orderKey);
    for (Lookup.Parcel p : found.parcels()) if (p.trackingNumber() != null) facts.put("tracking:" + p.trackingNumber(), orderKey);
    resolver.learn(facts, ticket.source() + "/" + ticket.sourceEventId());
  }
}
