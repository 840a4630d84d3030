package io.helpdeskbridge.incident;

import io.helpdeskbridge.event.ShipmentException;
import io.helpdeskbridge.intake.BridgeHeaders;
import io.helpdeskbridge.mapping.ChangeRenderer;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import io.helpdeskbridge.ticket.Helpdesks;
import io.helpdeskbridge.ticket.PendingWrites;
import io.helpdeskbridge.ticket.TicketOutcome;
import io.helpdeskbridge.ticket.TicketWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code incident:<helpdesk>?threshold=20&windowMinutes=30}: placed after the {@code ticket:} step
 * of shipment exceptions. When one carrier (and region, when the event names one) passes the
 * threshold within the window, one problem ticket describes the incident and every affected order
 * ticket becomes its incident ({@code problem_id}); later exceptions join it until it has been
 * quiet for {@code joinHours}. Solving the problem is the agents' call (Zendesk then solves the
 * incidents). With {@code outreach=<mapping>}, each linked ticket gets that mapping's public reply once.
 */
public final class IncidentStep {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentStep.class);

  /** The step's options from its URI. */
  public record Options(String helpdesk, int threshold, Duration window, Duration joinAfterLast, boolean byRegion,
      List<String> problemTags, String priority, Mapping outreach) {}

  private final Options options;
  private final CarrierIncidents incidents;
  private final TicketWriter writer;
  private final Clock clock;
  private final ChangeRenderer renderer = new ChangeRenderer();

  public IncidentStep(Options options, CarrierIncidents incidents, TicketWriter writer, Clock clock) {
    this.options = options;
    this.incidents = incidents;
    this.writer = writer;
    this.clock = clock;
  }

  public TicketOutcome run(ShipmentException event, long inboxId, PendingWrites pending, Exchange exchange) throws Exception {
    String ticketId = exchange.getMessage().getHeader(BridgeHeaders.TICKET_ID, String.class);
    if (ticketId == null || event.carrier() == null || event.carrier().isBlank()) return null;
    Helpdesks.Entry hd = writer.helpdesk(options.helpdesk()).orElseThrow();
    String region = options.byRegion() ? region(event.lastLocation()) : null;
    String group = event.carrier().strip().toUpperCase(Locale.ROOT) + (region == null ? "" : " / " + region);
    Instant now = clock.instant();
    // counted when it arrives: a replayed or late-delivered old exception is news about the carrier now
    incidents.seen(group, hd.id(), ticketId, event.source() + "/" + event.factId(), now);

    CarrierIncidents.Incident incident = incidents.open(group).orElse(null);
    if (incident != null && incident.lastSeenAt().isBefore(now.minus(options.joinAfterLast()))) {
      incidents.close(incident.id());
      LOG.info("carrier incident {} ({}) closed after {} quiet", incident.id(), group, options.joinAfterLast());
      incident = null;
    }
    if (incident == null) {
      int count = incidents.count(group, now.minus(options.window()));
      if (count < options.threshold()) return null;
      incidents.openNew(group, hd.id(), now);
      incident = incidents.open(group).orElseThrow();
    }
    incidents.touch(incident.id(), now);
    String problem = incident.problemTicketId() != null ? incident.problemTicketId() : createProblem(incident, group, event);
    int linked = 0;
    // the tickets of the exceptions that made the incident (and any left over by an interrupted run)
    for (String other : incidents.tickets(group, hd.id(), incident.openedAt().minus(options.window()))) {
      if (other.equals(ticketId) || other.equals(problem)) continue;
      if (link(hd, incident, problem, other, event, inboxId, null)) linked++;
    }
    if (link(hd, incident, problem, ticketId, event, inboxId, pending)) linked++;
    return new TicketOutcome(TicketOutcome.Action.APPLIED, hd.id(), ticketId,
        "incident of problem #" + problem + " (" + group + ")" + (linked > 1 ? ", " + linked + " tickets linked" : ""));
  }

  /** One ticket becomes an incident of the problem, once; the current event's ticket within its batch's write. */
  private boolean link(Helpdesks.Entry hd, CarrierIncidents.Incident incident, String problem, String ticketId,
      ShipmentException event, long inboxId, PendingWrites pending) throws Exception {
    boolean joined = incidents.join(incident.id(), ticketId, clock.instant());
    String marker = "[helpdesk-bridge incident/" + incident.id() + " ticket " + ticketId + " linked]";
    writer.writeTo(inboxId, event, hd.id(), ticketId, TicketChange.incidentOf(problem), marker, pending);
    if (options.outreach() != null) {
      TicketChange reply = renderer.render(options.outreach(), event);
      writer.writeTo(inboxId, event, hd.id(), ticketId, reply,
          "[helpdesk-bridge incident/" + incident.id() + " ticket " + ticketId + " " + options.outreach().id() + "]", pending);
    }
    return joined;
  }

  /** The problem ticket, created once: a retry after a crash gets the first one back through the idempotency key. */
  private String createProblem(CarrierIncidents.Incident incident, String group, ShipmentException event) throws Exception {
    Helpdesks.Entry hd = writer.helpdesk(options.helpdesk()).orElseThrow();
    int count = incidents.count(group, incident.openedAt().minus(options.window()));
    String subject = "Carrier incident: " + group + ", " + count + " shipment exceptions within "
        + options.window().toMinutes() + " minutes";
    String description = "Helpdesk Bridge opened this problem ticket because " + count + " shipments with " + group
        + " ran into exceptions within " + options.window().toMinutes() + " minutes (threshold " + options.threshold()
        + "). Latest: " + event.status() + (event.detail() == null ? "" : " (" + event.detail() + ")")
        + (event.lastLocation() == null ? "" : " at " + event.lastLocation()) + ".\n\n"
        + "The affected order tickets are linked as incidents, and later exceptions join while they keep coming"
        + " (until " + options.joinAfterLast().toHours() + " h pass without one). Solving this problem solves them.\n\n"
        + "[helpdesk-bridge incident/" + incident.id() + " problem]";
    NewTicket ticket = new NewTicket(subject, description, false, null, null, "carrier-incident-" + incident.id(),
        options.problemTags(), "problem", options.priority(), Map.of());
    String key = "hdb-incident-" + hd.id() + "-" + incident.id();
    TicketRef ref = hd.retry().call(() -> hd.connection().create(ticket, key));
    incidents.problemCreated(incident.id(), ref.id());
    LOG.info("carrier incident {} ({}): problem ticket {} {} for {} exceptions", incident.id(), group, hd.id(), ref.id(), count);
    return ref.id();
  }

  /** {@code "Memphis, TN, US"} → {@code "TN, US"}: the parts after the city; null when there is only one part. */
  static String region(String location) {
    if (location == null) return null;
    String[] parts = location.split(",");
    if (parts.length < 2) return null;
    StringBuilder out = new StringBuilder();
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.isEmpty()) continue;
      if (out.length() > 0) out.append(", ");
      out.append(p.toUpperCase(Locale.ROOT));
    }
    return out.length() == 0 ? null : out.toString();
  }
}
