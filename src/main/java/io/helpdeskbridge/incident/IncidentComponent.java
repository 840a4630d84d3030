package io.helpdeskbridge.incident;

import io.helpdeskbridge.event.ShipmentException;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.ticket.StepEndpoint;
import io.helpdeskbridge.ticket.TicketOutcome;
import io.helpdeskbridge.ticket.TicketSink;
import io.helpdeskbridge.ticket.TicketWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code incident:<helpdesk>?threshold=20&windowMinutes=30&joinHours=24&groupBy=carrier,region
 * &problemTags=carrier_incident&priority=high&outreach=<mapping>}: the rule is the step's options.
 */
public final class IncidentComponent extends DefaultComponent {
  private final TicketSink checks;
  private final CarrierIncidents incidents;
  private final TicketWriter writer;
  private final Map<String, Mapping> mappings;
  private final Clock clock;

  public IncidentComponent(CarrierIncidents incidents, TicketWriter writer, Map<String, Mapping> mappings, Clock clock) {
    this(writer, incidents, writer, mappings, clock);
  }

  private IncidentComponent(TicketSink checks, CarrierIncidents incidents, TicketWriter writer, Map<String, Mapping> mappings,
      Clock clock) {
    this.checks = checks;
    this.incidents = incidents;
    this.writer = writer;
    this.mappings = mappings;
    this.clock = clock;
  }

  /** For {@code validate} and {@code try}: the rule is checked, nothing is counted or written. */
  public static IncidentComponent dryRun(Map<String, Mapping> mappings, TicketSink checks) {
    return new IncidentComponent(checks, null, null, mappings, null);
  }

  @Override
  protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
    String helpdesk = remaining == null || remaining.isBlank() ? "default" : remaining;
    if (!checks.hasHelpdesk(helpdesk)) throw new IllegalArgumentException(uri + ": no helpdesk connector '" + helpdesk + "' is enabled");
    int threshold = number(uri, parameters, "threshold", 20);
    int window = number(uri, parameters, "windowMinutes", 30);
    int join = number(uri, parameters, "joinHours", 24);
    String groupBy = getAndRemoveParameter(parameters, "groupBy", String.class, "carrier,region");
    List<String> by = Arrays.stream(groupBy.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    if (!by.contains("carrier") || by.stream().anyMatch(s -> !s.equals("carrier") && !s.equals("region"))) {
      throw new IllegalArgumentException(uri + ": groupBy=" + groupBy + " must be carrier or carrier,region");
    }
    String tags = getAndRemoveParameter(parameters, "problemTags", String.class, "carrier_incident");
    String priority = getAndRemoveParameter(parameters, "priority", String.class, "high");
    String outreachId = getAndRemoveParameter(parameters, "outreach", String.class);
    Mapping outreach = null;
    if (outreachId != null && !outreachId.isBlank()) {
      outreach = mappings.get(outreachId);
      if (outreach == null && !mappings.containsKey(outreachId)) throw new IllegalArgumentException(uri + ": no mapping '" + outreachId + "' in mappings/");
      if (outreach != null && !"ShipmentException".equals(outreach.on())) {
        throw new IllegalArgumentException(uri + ": outreach mapping '" + outreachId + "' must be on ShipmentException");
      }
    }
    if (writer == null) {
      return new StepEndpoint(uri, this, ShipmentException.class, (event, inboxId, pending, exchange) -> new TicketOutcome(
          TicketOutcome.Action.DRY_RUN, helpdesk, null, "would count it toward a " + event.carrier() + " incident (" + threshold
              + " within " + window + " minutes)"));
    }
    IncidentStep step = new IncidentStep(new IncidentStep.Options(helpdesk, threshold, Duration.ofMinutes(window),
        Duration.ofHours(join), by.contains("region"),
        Arrays.stream(tags.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList(), priority, outreach),
        incidents, writer, clock);
    return new StepEndpoint(uri, this, ShipmentException.class, step::run);
  }

  private int number(String uri, Map<String, Object> parameters, String name, int fallback) {
    String v = getAndRemoveParameter(parameters, name, String.class);
    if (v == null || v.isBlank()) return fallback;
    try {
      int n = Integer.parseInt(v.strip());
      if (n < 1) throw new NumberFormatException();
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(uri + ": option " + name + "=" + v + " must be a whole number of at least 1");
    }
  }
}
