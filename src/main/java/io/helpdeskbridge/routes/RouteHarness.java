package io.helpdeskbridge.routes;

import io.helpdeskbridge.intake.WebhookComponent;
import io.helpdeskbridge.intake.WebhookConsumer;
import io.helpdeskbridge.ticket.TicketComponent;
import io.helpdeskbridge.ticket.TicketSink;
import io.helpdeskbridge.yaml.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * A Camel context of its own, with the bridge's {@code webhook:} and {@code ticket:} components
 * over a given sink, to load route files for real: {@code validate} checks them this way and
 * {@code try} runs events through them without a server.
 */
public final class RouteHarness implements AutoCloseable {
  private static final Pattern LINE = Pattern.compile("line (\\d+)");
  private static final Pattern URI = Pattern.compile("[a-z][a-z0-9+.-]*://[^\\s,\\[\\]<>]+");

  private final DefaultCamelContext context = new DefaultCamelContext();
  private final WebhookComponent webhook;

  public RouteHarness(TicketSink sink, java.util.function.Predicate<String> knownSource) {
    this(sink, knownSource, java.util.Map.of());
  }

  /** With the mappings, so the {@code enrich:} and {@code incident:} steps can check the mappings they name. */
  public RouteHarness(TicketSink sink, java.util.function.Predicate<String> knownSource,
      java.util.Map<String, io.helpdeskbridge.mapping.Mapping> mappings) {
    this.webhook = new WebhookComponent(knownSource);
    // in a running bridge (route reload) its start and stop must not read like the live routes'
    context.getCamelContextExtension().setName("route-check");
    context.setStartupSummaryLevel(org.apache.camel.StartupSummaryLevel.Off);
    context.getRegistry().bind("webhook", webhook);
    context.getRegistry().bind("ticket", new TicketComponent(sink));
    context.getRegistry().bind("enrich", io.helpdeskbridge.enrich.EnrichComponent.dryRun(mappings, sink));
    context.getRegistry().bind("refund", io.helpdeskbridge.refund.RefundComponent.dryRun(sink));
    context.getRegistry().bind("incident", io.helpdeskbridge.incident.IncidentComponent.dryRun(mappings, sink));
    context.start();
  }

  /** Loads and starts the routes of one file; a failure becomes a problem pointing at the line. */
  public Optional<Problem> load(String location, String text) {
    // Camel lets a route replace another of the same id without a word: remember whose each id is
    java.util.Map<String, String> owners = new java.util.HashMap<>();
    for (org.apache.camel.Route r : context.getRoutes()) {
      if (r.isCustomId() && r.getSourceResource() != null) owners.put(r.getRouteId(), r.getSourceResource().getLocation());
    }
    try {
      PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(location, text));
    } catch (Exception e) {
      return Optional.of(problem(location, text, e));
    }
    for (String id : routeIds(location)) {
      String owner = owners.get(id);
      if (owner != null && !owner.equals(location)) {
        return Optional.of(new Problem(location, lineOfId(text, id),
            "route id '" + id + "' is already taken by " + owner + "; route ids must be unique"));
      }
    }
    return Optional.empty();
  }

  /** The line giving a route this id ({@code id: x}, quoted or not), else 1. */
  static int lineOfId(String text, String id) {
    Pattern p = Pattern.compile("^\\s*(-\\s+)?id:\\s*[\"']?" + Pattern.quote(id) + "[\"']?\\s*(#.*)?$");
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) if (p.matcher(lines[i]).matches()) return i + 1;
    return 1;
  }

  /** The ids given in the file (not generated ones) of the routes loaded from {@code location}. */
  public java.util.List<String> routeIds(String location) {
    return context.getRoutes().stream()
        .filter(r -> r.isCustomId() && r.getSourceResource() != null && location.equals(r.getSourceResource().getLocation()))
        .map(org.apache.camel.Route::getRouteId)
        .toList();
  }

  /** Camel's failure to load or start a file's routes, as a problem on the line it is about. */
  static Problem problem(String location, String text, Exception e) {
    Throwable inner = e;
    while (inner.getCause() != null && inner.getCause() != inner) inner = inner.getCause();
    String message = inner.getMessage() == null ? inner.toString() : inner.getMessage();
    return new Problem(location, lineOf(text, e, message), message.lines().findFirst().orElse(message));
  }

  /** The harness's own context (tests use a harness as a stand-in for the running bridge). */
  org.apache.camel.CamelContext context() {
    return context;
  }

  public Optional<WebhookConsumer> consumer(String source) {
    return webhook.consumer(source);
  }

  /** The line an error is about: Camel's own "line N", else the first line holding the URI it names. */
  static int lineOf(String text, Throwable e, String innerMessage) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      Matcher m = LINE.matcher(String.valueOf(t.getMessage()));
      if (m.find()) return Integer.parseInt(m.group(1));
      if (t.getCause() == t) break;
    }
    String uri = innerMessage.contains(": ") ? innerMessage.substring(0, innerMessage.indexOf(": ")).trim() : innerMessage;
    String plain = uri.replace("://", ":");
    List<String> needles = new ArrayList<>(Arrays.asList(uri, plain, plain.contains("?") ? plain.substring(plain.indexOf('?') + 1) : null));
    // else an endpoint Camel names anywhere ("No endpoint could be found for: x://y", "Multiple consumers ...: x://y")
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      Matcher m = URI.matcher(String.valueOf(t.getMessage()));
      while (m.find()) needles.add(m.group().replace("://", ":"));
    }
    String[] lines = text.split("\n", -1);
    for (String needle : needles) {
      if (needle == null || needle.isBlank()) continue;
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].contains(needle) && !lines[i].trim().startsWith("#")) return i + 1;
      }
    }
    return 1;
  }

  @Override
  public void close() {
    context.stop();
  }
}
