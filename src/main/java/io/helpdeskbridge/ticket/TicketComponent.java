package io.helpdeskbridge.ticket;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code ticket:<helpdesk>?mapping=<id>}: correlate the event in the body with its ticket and apply
 * the mapping's change. {@code <helpdesk>} is a connector id, or {@code default} for the helpdesk
 * the bridge chose at start. An unknown mapping or helpdesk fails the route at start, not at 3 a.m.
 */
public class TicketComponent extends DefaultComponent {
  private final TicketSink sink;

  public TicketComponent(TicketSink sink) {
    this.sink = sink;
  }

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
    String mapping = getAndRemoveParameter(parameters, "mapping", String.class);
    String helpdesk = remaining == null || remaining.isBlank() ? "default" : remaining;
    if (mapping == null || mapping.isBlank()) {
      throw new IllegalArgumentException(uri + ": the ticket step needs ?mapping=<id of a file in mappings/>");
    }
    if (!sink.hasMapping(mapping)) {
      throw new IllegalArgumentException(uri + ": no mapping '" + mapping + "' in mappings/");
    }
    if (!sink.hasHelpdesk(helpdesk)) {
      throw new IllegalArgumentException(uri + ": no helpdesk connector '" + helpdesk + "' is enabled");
    }
    return new TicketEndpoint(uri, this, sink, helpdesk, mapping);
  }
}
