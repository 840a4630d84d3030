package io.helpdeskbridge.ticket;

import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.intake.BridgeHeaders;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * A route step that acts on the canonical event in the body and reports what it did to a ticket
 * ({@code enrich:}, {@code refund:}, {@code incident:}). The outcome joins the exchange's list, so
 * the inbox row records it like a {@code ticket:} step's.
 */
public final class StepEndpoint extends DefaultEndpoint {

  /** The step's work on one event; null when it had nothing to do. */
  @FunctionalInterface
  public interface Step<E extends OrderEvent> {
    TicketOutcome run(E event, long inboxId, PendingWrites pending, Exchange exchange) throws Exception;
  }

  private final Class<? extends OrderEvent> accepts;
  private final Step<OrderEvent> step;

  @SuppressWarnings("unchecked")
  public <E extends OrderEvent> StepEndpoint(String uri, Component component, Class<E> accepts, Step<E> step) {
    super(uri, component);
    this.accepts = accepts;
    this.step = (Step<OrderEvent>) step;
  }

  @Override
  public Producer createProducer() {
    return new DefaultProducer(this) {
      @Override
      public void process(Exchange exchange) throws Exception {
        Object body = exchange.getMessage().getBody();
        if (!accepts.isInstance(body)) {
          throw new IllegalArgumentException(getEndpointUri() + " expects a " + accepts.getSimpleName() + " in the body, got "
              + (body == null ? "nothing" : body.getClass().getSimpleName()));
        }
        long inboxId = exchange.getMessage().getHeader(BridgeHeaders.INBOX_ID, 0L, Long.class);
        PendingWrites pending = exchange.getProperty(BridgeHeaders.PENDING_WRITES, PendingWrites.class);
        TicketOutcome outcome = step.run((OrderEvent) body, inboxId, pending, exchange);
        if (outcome == null) return;
        record(exchange, outcome);
        if (outcome.ticketId() != null) exchange.getMessage().setHeader(BridgeHeaders.TICKET_ID, outcome.ticketId());
      }
    };
  }

  /** Adds an outcome to the exchange's list (the inbox row's outcome line is made from it). */
  @SuppressWarnings("unchecked")
  public static void record(Exchange exchange, TicketOutcome outcome) {
    List<TicketOutcome> list = exchange.getProperty(BridgeHeaders.OUTCOMES, List.class);
    if (list == null) {
      list = new ArrayList<>();
      exchange.setProperty(BridgeHeaders.OUTCOMES, list);
    }
    list.add(outcome);
  }

  @Override
  public Consumer createConsumer(Processor processor) {
    throw new UnsupportedOperationException(getEndpointUri() + " is a route step (to:), not a source (from:)");
  }

  @Override
  public boolean isRemote() {
    return false;
  }
}
