package io.helpdeskbridge.enrich;

import io.helpdeskbridge.event.TicketOpened;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.store.Store;
import io.helpdeskbridge.ticket.StepEndpoint;
import io.helpdeskbridge.ticket.TicketOutcome;
import io.helpdeskbridge.ticket.TicketSink;
import io.helpdeskbridge.ticket.TicketWriter;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code enrich:<helpdesk>?mapping=<id>}: the mapping (on: TicketOpened) says what the note and
 * fields read; the lookups are whatever enabled connectors offer one (Shopify, Stripe, EasyPost).
 */
public final class EnrichComponent extends DefaultComponent {
  private final Map<String, Mapping> mappings;
  private final TicketSink checks;
  private final Enricher enricher;
  private final TicketWriter writer;
  private final Store store;

  public EnrichComponent(Map<String, Mapping> mappings, Enricher enricher, TicketWriter writer, Store store) {
    this(mappings, writer, enricher, writer, store);
  }

  private EnrichComponent(Map<String, Mapping> mappings, TicketSink checks, Enricher enricher, TicketWriter writer, Store store) {
    this.mappings = mappings;
    this.checks = checks;
    this.enricher = enricher;
    this.writer = writer;
    this.store = store;
  }

  /** For {@code validate} and {@code try}: the step is checked, nothing is looked up or written. */
  public static EnrichComponent dryRun(Map<String, Mapping> mappings, TicketSink checks) {
    return new EnrichComponent(mappings, checks, null, null, null);
  }

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    String helpdesk = remaining == null || remaining.isBlank() ? "default" : remaining;
    String mappingId = getAndRemoveParameter(parameters, "mapping", String.class, "ticket-enrichment");
    Mapping mapping = mappings.get(mappingId);
    if (mapping == null && !mappings.containsKey(mappingId)) throw new IllegalArgumentException(uri + ": no mapping '" + mappingId + "' in mappings/");
    if (mapping != null && !"TicketOpened".equals(mapping.on())) {
      throw new IllegalArgumentException(uri + ": mapping '" + mappingId + "' is on " + mapping.on() + "; enrichment needs one on TicketOpened");
    }
    if (!checks.hasHelpdesk(helpdesk)) throw new IllegalArgumentException(uri + ": no helpdesk connector '" + helpdesk + "' is enabled");
    if (writer == null) {
      return new StepEndpoint(uri, this, TicketOpened.class, (event, inboxId, pending, exchange) -> new TicketOutcome(
          TicketOutcome.Action.DRY_RUN, helpdesk, event.ticketId(), "would look up " + event.order().key() + " and write " + mappingId));
    }
    EnrichStep step = new EnrichStep(helpdesk, mapping, enricher, writer, store);
    return new StepEndpoint(uri, this, TicketOpened.class, (event, inboxId, pending, exchange) -> step.run(event, inboxId, pending));
  }
}
