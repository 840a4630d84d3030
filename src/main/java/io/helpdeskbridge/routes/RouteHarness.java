package io.helpdeskbridge.routes;

import io.helpdeskbridge.intake.WebhookComponent;
import io.helpdeskbridge.intake.WebhookConsumer;
import io.helpdeskbridge.ticket.TicketComponent;
import io.helpdeskbridge.ticket.TicketSink;
import io.helpdeskbridge.yaml.Problem;
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

  private final DefaultCamelContext context = new DefaultCamelContext();
  private final WebhookComponent webhook;

  public RouteHarness(TicketSink sink, java.util.function.Predicate<String> knownSource) {
    this(sink, knownSource, java.util.Map.of());
  }

  /** With the mappings, so the {@code enrich:} and {@code incident:} steps can check the mappings they name. */
  public RouteHarness(TicketSink sink, java.util.function.Predicate<String> knownSource,
      java.util.Map<String, io.helpdeskbridge.mapping.Mapping> mappings) {
    this.webhook = new WebhookComponent(knownSource);
    context.getRegistry().bind("webhook", webhook);
    context.getRegistry().bind("ticket", new TicketComponent(sink));
    context.getRegistry().bind("enrich", io.helpdeskbridge.enrich.EnrichComponent.dryRun(mappings, sink));
    context.getRegistry().bind("refund", io.helpdeskbridge.refund.RefundComponent.dryRun(sink));
    context.getRegistry().bind("incident", io.helpdeskbridge.incident.IncidentComponent.dryRun(mappings, sink));
    context.start();
  }

  /** Loads and starts the routes of one file; a failure becomes a problem pointing at the line. */
  public Optional<Problem> load(String location, String text) {
    try {
      PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString(location, text));
      return Optional.empty();
    } catch (Exception e) {
      Throwable inner = e;
      while (inner.getCause() != null && inner.getCause() != inner) inner = inner.getCause();
      String message = inner.getMessage() == null ? inner.toString() : inner.getMessage();
      return Optional.of(new Problem(location, lineOf(text, e, message), message.lines().findFirst().orElse(message)));
    }
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
    String[] lines = text.split("\n", -1);
    String plain = uri.replace("://", ":");
    for (String needle : new String[] {uri, plain, plain.contains("?") ? plain.substring(plain.indexOf('?') + 1) : null}) {
      if (needle == null || needle.isBlank()) continue;
      for (int i = 0; i < lines.length; i++) if (lines[i].contains(needle)) return i + 1;
    }
    return 1;
  }

  @Override
  public void close() {
    context.stop();
  }
}
