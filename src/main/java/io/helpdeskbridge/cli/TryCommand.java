package io.helpdeskbridge.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.helpdeskbridge.config.BridgeConfig;
import io.helpdeskbridge.config.BridgeHome;
import io.helpdeskbridge.config.BridgeSettings;
import io.helpdeskbridge.config.Plugins;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.intake.BridgeHeaders;
import io.helpdeskbridge.mapping.EventTypes;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.routes.RouteHarness;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRequest;
import io.helpdeskbridge.ticket.DryRunSink;
import io.helpdeskbridge.yaml.ProblemsException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Shows the ticket change an event would make, sending nothing. The event file is either a vendor
 * payload (as the vendor posts it) or a canonical event ({@code "type": "RefundIssued"}). Given a
 * mapping, it renders that mapping; given a route file, it runs the event through the route.
 */
@Command(name = "try", description = "Print the ticket change an event would make; nothing is sent.")
final class TryCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private static final Pattern FROM = Pattern.compile("webhook:([A-Za-z0-9_-]+)");

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
    JsonNode payload;
    try {
      payload = JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(eventFile + ": not valid JSON (" + e.getOriginalMessage() + ")");
    }

    Path routeFile = routeFile(settings.home());
    String routeText = routeFile == null ? null : Files.readString(routeFile);
    if (source == null && routeText != null) {
      Matcher m = FROM.matcher(routeText);
      if (m.find()) source = m.group(1);
    }
    List<OrderEvent> events = events(config, payload, body);
    Set<String> helpdesks = new TreeSet<>();
    config.helpdesks().forEach(h -> helpdesks.add(h.id()));
    DryRunSink sink = new DryRunSink(config.mappings(), helpdesks);
    PrintWriter out = spec.commandLine().getOut();

    if (routeFile != null) {
      try (RouteHarness harness = new RouteHarness(sink, s -> true, config.mappings())) {
        // the whole folder: routes hand events to each other (webhook:stripe -> direct:to-ticket)
        for (Path other : routeFolder(routeFile)) {
          harness.load(other.toString(), Files.readString(other)).ifPresent(p -> {
            throw new ProblemsException(List.of(p));
          });
        }
        for (OrderEvent e : events) {
          var consumer = harness.consumer(e.source())
              .orElseThrow(() -> new IllegalArgumentException(routeFile + " has no route from webhook:" + e.source()));
          var done = consumer.deliver(ex -> {
            ex.getMessage().setBody(e);
            ex.getMessage().setHeader(BridgeHeaders.EVENT_TYPE, e.type());
            ex.getMessage().setHeader(BridgeHeaders.SOURCE, e.source());
            ex.getMessage().setHeader(BridgeHeaders.VENDOR_TYPE, e.vendorType());
            ex.getMessage().setHeader(BridgeHeaders.ORDER_KEY, e.order().key());
          });
          if (done.getException() != null) throw new IllegalStateException("the route failed: " + done.getException().getMessage());
        }
      }
    } else {
      Mapping mapping = mapping(config);
      for (OrderEvent e : events) {
        if (e.type().equals(mapping.on())) sink.write(0, e, mapping.id(), "default");
        else out.printf("(%s is not a %s: mapping %s does not apply)%n", e.type(), mapping.on(), mapping.id());
      }
    }
    print(out, events, sink.planned(), config.defaultHelpdesk());
    out.flush();
    return 0;
  }

  private Path routeFile(BridgeHome home) {
    for (Path p : List.of(Path.of(target), home.path().resolve(target), home.path().resolve("routes").resolve(target))) {
      if (Files.isRegularFile(p) && (p.getParent() != null && p.getParent().getFileName() != null
          && p.getParent().getFileName().toString().equals("routes"))) return p;
    }
    return null;
  }

  private static List<Path> routeFolder(Path routeFile) throws java.io.IOException {
    try (var files = Files.list(routeFile.toAbsolutePath().getParent())) {
      return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    }
  }

  private Mapping mapping(BridgeConfig config) {
    String id = Path.of(target).getFileName().toString().replaceFirst("\\.ya?ml$", "");
    Mapping m = config.mappings().get(id);
    if (m == null) {
      throw new IllegalArgumentException("'" + target + "' is neither a route file under routes/ nor a mapping (known mappings: "
          + config.mappings().keySet() + ")");
    }
    return m;
  }

  private List<OrderEvent> events(BridgeConfig config, JsonNode payload, byte[] body) throws Exception {
    if (payload.hasNonNull("type") && EventTypes.names().contains(payload.get("type").asText())) {
      return List.of(JSON.treeToValue(payload, OrderEvent.class));
    }
    List<ConnectorSettings> candidates = new ArrayList<>();
    if (source != null) candidates.add(config.source(source));
    else candidates.addAll(config.sources());
    for (ConnectorSettings c : candidates) {
      EventSource plugin = config.plugins().source(c.plugin()).orElseThrow();
      List<OrderEvent> events = plugin.normalize(new WebhookRequest(c.id(), headers, body, Instant.now()), payload, c);
      if (!events.isEmpty()) return events;
    }
    throw new IllegalArgumentException(eventFile + ": no " + (source == null ? "" : source + " ")
        + "source turns this payload into a canonical event (the bridge would record it as ignored)");
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
      out.printf("%nmapping %s (%s) -> helpdesk '%s'%n", m.id(), m.file(), p.helpdesk().equals("default") ? defaultHelpdesk + "' (default" : p.helpdesk());
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
