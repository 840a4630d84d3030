package io.helpdeskbridge.ticket;

import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.intake.BridgeHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/** Hands the exchange's event to the sink and records the outcome on the exchange. */
class TicketProducer extends DefaultProducer {
  private final TicketSink sink;
  private final String helpdesk;
  private final String mapping;

  TicketProducer(TicketEndpoint endpoint, TicketSink sink, String helpdesk, String mapping) {
    super(endpoint);
    this.sink = sink;
    this.helpdesk = helpdesk;
    this.mapping = mapping;
  }

  @Override
  public void process(Exchange exchange) throws Exception {
    Object body = exchange.getMessage().getBody();
    if (!(body instanceof OrderEvent event)) {
      throw new IllegalArgumentException("ticket:" + helpdesk + " expects a canonical event in the body, got "
          + (body == null ? "nothing" : body.getClass().getSimpleName()));
    }
    long inboxId = exchange.getMessage().getHeader(BridgeHeaders.INBOX_ID, 0L, Long.class);
    PendingWrites pending = exchange.getProperty(BridgeHeaders.PENDING_WRITES, PendingWrites.class);
    TicketOutcome outcome = pending == null ? sink.write(inboxId, event, mapping, helpdesk)
        : sink.write(inboxId, event, mapping, helpdesk, pending);
    StepEndpoint.record(exchange, outcome);
    exchange.getMessage().setHeader(BridgeHeaders.TICKET_ID, outcome.ticketId());
  }
}
