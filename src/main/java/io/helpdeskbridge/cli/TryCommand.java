package io.helpdeskbridge.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.helpdeskbridge.config.BridgeConfig;
import io.helpdeskbridge.config.BridgeSettings;
import io.helpdeskbridge.config.Plugins;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.ops.TryOut;
import io.helpdeskbridge.ticket.DryRunSink;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Shows the ticket change an event would make, sending nothing. The event file is either a vendor
 * payload (as the vendor posts it) or a canonical event ({@code "type": "RefundIssued"}). Given a
 * mapping, it renders that mapping; given a route file, it runs the event through the route. The
 * machinery is {@link TryOut}, which the ops console's try-out shares.
 */
@Command(name = "try", description = "Print the ticket change an event would make; nothing is sent.")
final class TryCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "A mapping id (refund-issued), a mapping file, or a route file (routes/stripe.yaml).")
  String target;

  @Parameters(index = "1", description = "The event: a vendor payload or a canonical event, as JSON.")
  Path eventFile;

  @Option(names = "--source", description = "Source connector of a vendor payload (default: guessed).")
  String source;

  @Option(names = {"-H", "--header"}, description = "A delivery header some vendors need, e.g. -H X-Shopify-Topic=refunds/create.")
  Map<String, String> headers = new LinkedHashMap<>();

  @Option(names = "--json", description = "Print the changes as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    BridgeSettings settings = BridgeSettings.from(System.getenv());
    BridgeConfig config = BridgeConfig.load(settings, Plugins.discover(), false);
    if (!Files.isReadable(eventFile)) throw new IllegalArgumentException(eventFile + ": no such file");
    byte[] body = Files.readAllBytes(eventFile);
    TryOut tryOut = new TryOut(config);

    Path routeFile = TryOut.routeFile(settings.home(), target);
    if (source == null && routeFile != null) source = TryOut.sourceOf(Files.readString(routeFile));
    List<OrderEvent> events = tryOut.events(body, source, headers, eventFile.toString());
    PrintWriter out = spec.commandLine().getOut();
    TryOut.Result result = routeFile != null ? tryOut.throughRoutes(routeFile, events)
        : tryOut.withMapping(tryOut.mapping(target), events);
    result.notes().forEach(out::println);
    print(out, events, result.planned(), config.defaultHelpdesk());
    out.flush();
    return 0;
  }

  private void print(PrintWriter out, List<OrderEvent> events, List<DryRunSink.Planned> planned, String defaultHelpdesk)
      throws Exception {
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (DryRunSink.Planned p : planned) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("event", p.event());
        row.put("mapping", p.mapping().id());
        row.put("helpdesk", p.helpdesk().equals("default") ? defaultHelpdesk : p.helpdesk());
        row.put("change", p.change());
        rows.add(row);
      }
      out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
      return;
    }
    for (OrderEvent e : events) {
      out.printf("event: %s from %s %s (%s, %s)%n", e.type(), e.source(), e.sourceEventId(), e.order().key(), e.vendorType());
    }
    if (planned.isEmpty()) out.println("no ticket step ran: the bridge would record this event as ignored.");
    for (DryRunSink.Planned p : planned) {
      Mapping m = p.mapping();
      var c = p.change();
      String helpdesk = p.helpdesk().equals("default") ? "'" + defaultHelpdesk + "' (the default)" : "'" + p.helpdesk() + "'";
      out.printf("%nmapping %s (%s) -> helpdesk %s%n", m.id(), m.file(), helpdesk);
      out.printf("  find the ticket by: %s; when none: %s%n", String.join(", ", m.find()), m.whenMissing().yaml());
      if (c.note() != null) {
        out.printf("  %s note:%n", c.publicNote() ? "public" : "internal");
        c.note().lines().forEach(l -> out.println("    | " + l));
      }
      if (!c.addTags().isEmpty()) out.println("  add tags: " + String.join(", ", c.addTags()));
      if (!c.removeTags().isEmpty()) out.println("  remove tags: " + String.join(", ", c.removeTags()));
      if (!c.fields().isEmpty()) out.println("  fields: " + c.fields());
      if (c.priority() != null) out.println("  priority: " + c.priority());
      if (c.status() != null) out.println("  status: " + c.status());
      if (c.type() != null) out.println("  type: " + c.type());
      if (c.problemId() != null) out.println("  problem_id: " + c.problemId());
    }
    out.println();
    out.println("(dry run: nothing was sent)");
  }
}
