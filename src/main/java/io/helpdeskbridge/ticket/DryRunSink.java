package io.helpdeskbridge.ticket;

import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.mapping.ChangeRenderer;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.spi.TicketChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@code ticket:} sink that renders the change and keeps it, sending nothing (validate, try). */
public final class DryRunSink implements TicketSink {

  /** One change a route would have made. */
  public record Planned(OrderEvent event, Mapping mapping, String helpdesk, TicketChange change) {}

  private final Map<String, Mapping> mappings;
  private final Set<String> helpdesks;
  private final ChangeRenderer renderer = new ChangeRenderer();
  private final List<Planned> planned = new ArrayList<>();

  public DryRunSink(Map<String, Mapping> mappings, Set<String> helpdesks) {
    this.mappings = mappings;
    this.helpdesks = helpdesks;
  }

  @Override
  public synchronized TicketOutcome write(long inboxId, OrderEvent event, String mappingId, String helpdesk) {
    Mapping m = mappings.get(mappingId);
    planned.add(new Planned(event, m, helpdesk, renderer.render(m, event)));
    return new TicketOutcome(TicketOutcome.Action.DRY_RUN, helpdesk, null, "nothing sent");
  }

  @Override
  public boolean hasMapping(String id) {
    return mappings.containsKey(id);
  }

  @Override
  public boolean hasHelpdesk(String name) {
    return name.equals("default") || helpdesks.contains(name);
  }

  public synchronized List<Planned> planned() {
    return List.copyOf(planned);
  }
}
