package io.helpdeskbridge.ticket;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** One {@code ticket:} step of a route; produce-only. */
public class TicketEndpoint extends DefaultEndpoint {
  private final TicketSink sink;
  private final String helpdesk;
  private final String mapping;

  TicketEndpoint(String uri, TicketComponent component, TicketSink sink, String helpdesk, String mapping) {
    super(uri, component);
    this.sink = sink;
    this.helpdesk = helpdesk;
    this.mapping = mapping;
  }

  @Override
  public Producer createProducer() {
    return new TicketProducer(this, sink, helpdesk, mapping);
  }

  @Override
  public Consumer createConsumer(Processor processor) {
    throw new UnsupportedOperationException("ticket: is a route step (to:), not a source (from:)");
  }

  @Override
  public boolean isRemote() {
    return false;
  }
}
