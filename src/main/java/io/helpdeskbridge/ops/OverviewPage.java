package io.helpdeskbridge.ops;

import static io.helpdeskbridge.ops.Html.cut;
import static io.helpdeskbridge.ops.Html.esc;
import static io.helpdeskbridge.ops.Html.time;

import io.helpdeskbridge.config.BridgeConfig;
import io.helpdeskbridge.ops.ConsoleHttp.Request;
import io.helpdeskbridge.ops.ConsoleHttp.Response;
import io.helpdeskbridge.resilience.HelpdeskGuard;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.ticket.Helpdesks;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;

/**
 * The overview: the inbox at a glance; each route with its state, events per minute and failures
 * (from the inbox); each helpdesk's budget and circuit breaker (its {@link HelpdeskGuard}) with its
 * last success and last error; each source's last delivery and last error; connector settings,
 * with secrets shown only as set or not.
 */
final class OverviewPage {
  /** Events per minute are averaged over this many minutes. */
  static final int RATE_MINUTES = 15;

  private final OpsApi ops;
  private final ConsoleData data;
  private final BridgeConfig config;
  private final Helpdesks helpdesks;
  private final Clock clock;

  OverviewPage(OpsApi ops, ConsoleData data, BridgeConfig config, Helpdesks helpdesks, Clock clock) {
    this.ops = ops;
    this.data = data;
    this.config = config;
    this.helpdesks = helpdesks;
    this.clock = clock;
  }

  Response render(Request req, String csrf) {
    Instant now = clock.instant();
    Map<String, ConsoleData.SourceHealth> sources = data.sources(now);
    StringBuilder b = new StringBuilder();
    b.append("<p class=\"muted\">As of ").append(time(now)).append(". Rates are averaged over the last ")
        .append(RATE_MINUTES).append(" minutes.</p>\n");
    inbox(b);
    routes(b, req.camel(), sources);
    helpdesks(b);
    sources(b, sources);
    settings(b);
    return Response.html(200, Html.page("Overview", "", csrf, b.toString()));
  }

  private void inbox(StringBuilder b) {
    b.append("<h2>Inbox</h2>\n<table>\n<caption>Stored deliveries by status</caption>\n<thead><tr>");
    Map<String, Long> depth = ops.depth();
    depth.keySet().forEach(k -> b.append("<th scope=\"col\" class=\"num\">").append(esc(k)).append("</th>"));
    b.append("</tr></thead>\n<tbody><tr>");
    depth.forEach((k, v) -> {
      String cell = k.equals("dead") && v > 0 ? "<a href=\"" + OpsConsole.BASE + "/dead\">" + v + "</a>" : String.valueOf(v);
      b.append("<td class=\"num\">").append(cell).append("</td>");
    });
    b.append("</tr></tbody>\n</table>\n<p class=\"muted\">received: waiting to be applied (or to be retried);"
        + " dead: could not be applied, see Dead letters.</p>\n");
  }

  private void routes(StringBuilder b, CamelContext camel, Map<String, ConsoleData.SourceHealth> sources) {
    b.append("<h2>Routes</h2>\n");
    if (camel == null) {
      b.append("<p>The routes are not known here.</p>\n");
      return;
    }
    List<Route> routes = new ArrayList<>(camel.getRoutes());
    // the ops' routes first (events), then the bridge's own HTTP endpoints
    routes.sort(Comparator.comparing((Route r) -> sourceOf(r) == null ? 1 : 0).thenComparing(Route::getRouteId));
    b.append("<table>\n<caption>Every route the bridge runs</caption>\n<thead><tr><th scope=\"col\">Route</th>"
        + "<th scope=\"col\">From</th><th scope=\"col\">State</th><th scope=\"col\" class=\"num\">Events per minute</th>"
        + "<th scope=\"col\" class=\"num\">Dead letters</th><th scope=\"col\" class=\"num\">Waiting after a failure</th>"
        + "<th scope=\"col\">Up since</th></tr></thead>\n<tbody>\n");
    for (Route r : routes) {
      String source = sourceOf(r);
      ConsoleData.SourceHealth h = source == null ? null : sources.get(source);
      var status = camel.getRouteController().getRouteStatus(r.getRouteId());
      b.append("<tr><th scope=\"row\">").append(esc(r.getRouteId())).append("</th><td><code>")
          .append(esc(PayloadMasker.text(r.getEndpoint().getEndpointUri()))).append("</code></td><td>")
          .append(Html.status(status == null ? "unknown" : status.name())).append("</td>");
      if (source == null) {
        b.append("<td class=\"num muted\">—</td><td class=\"num muted\">—</td><td class=\"num muted\">—</td>");
      } else {
        b.append("<td class=\"num\">").append(rate(h == null ? 0 : h.lastQuarterHour())).append("</td><td class=\"num\">")
            .append(h == null ? 0 : deadLink(source, h.dead())).append("</td><td class=\"num\">")
            .append(h == null ? 0 : h.waiting()).append("</td>");
      }
      long started = r.getUptimeMillis();
      b.append("<td>").append(started <= 0 ? "<span class=\"muted\">not started</span>"
          : time(Instant.ofEpochMilli(System.currentTimeMillis() - started))).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
  }

  private void helpdesks(StringBuilder b) {
    b.append("<h2>Helpdesks</h2>\n<table>\n<caption>Budget, circuit breaker and health of each helpdesk connector</caption>\n"
        + "<thead><tr><th scope=\"col\">Connector</th><th scope=\"col\">Connection</th><th scope=\"col\">Budget left</th>"
        + "<th scope=\"col\">Circuit breaker</th><th scope=\"col\">Last success</th><th scope=\"col\">Last error</th>"
        + "</tr></thead>\n<tbody>\n");
    for (Helpdesks.Entry e : helpdesks.all().values()) {
      HelpdeskGuard guard = e.retry().guard();
      ConsoleData.DeskHealth h = data.helpdesk(e.id());
      b.append("<tr><th scope=\"row\">").append(esc(e.id()))
          .append(e.id().equals(helpdesks.defaultId()) ? " <span class=\"muted\">(ticket:default)</span>" : "")
          .append("</th><td>").append(esc(PayloadMasker.text(e.connection().describe()))).append("</td><td>")
          .append(budget(guard.budget())).append("</td><td>").append(Html.status(guard.state().name())).append("</td><td>")
          .append(time(h.lastSuccessAt()))
          .append(h.lastSuccessTicket() == null ? "" : " <span class=\"muted\">(ticket " + esc(h.lastSuccessTicket()) + ")</span>")
          .append("</td><td>").append(error(h.lastErrorAt(), h.lastError()))
          .append(h.waiting() > 0 ? "<br>" + h.waiting() + " event(s) waiting to retry" : "").append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
  }

  private void sources(StringBuilder b, Map<String, ConsoleData.SourceHealth> health) {
    b.append("<h2>Sources</h2>\n<table>\n<caption>Each source connector's deliveries</caption>\n"
        + "<thead><tr><th scope=\"col\">Connector</th><th scope=\"col\">Plugin</th><th scope=\"col\">Endpoint</th>"
        + "<th scope=\"col\">Last delivery</th><th scope=\"col\">Last success</th><th scope=\"col\" class=\"num\">Dead letters</th>"
        + "<th scope=\"col\">Last error</th></tr></thead>\n<tbody>\n");
    for (ConnectorSettings c : config.sources()) {
      ConsoleData.SourceHealth h = health.get(c.id());
      boolean webhooks = c.has("webhook-secret");
      b.append("<tr><th scope=\"row\">").append(esc(c.id())).append("</th><td>").append(esc(c.plugin())).append("</td><td>")
          .append(webhooks ? "<code>POST /webhooks/" + esc(c.id()) + "</code>" : "subscription").append("</td><td>")
          .append(time(h == null ? null : h.lastReceived())).append("</td><td>").append(time(h == null ? null : h.lastDone()))
          .append("</td><td class=\"num\">").append(h == null ? "0" : deadLink(c.id(), h.dead())).append("</td><td>")
          .append(h == null ? "<span class=\"muted\">none</span>" : error(h.lastErrorAt(), h.lastError())).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
    if (!config.disabled().isEmpty()) {
      b.append("<p>Switched off (their variables are not set): ")
          .append(esc(String.join(", ", config.disabled().stream().map(String::valueOf).toList()))).append(".</p>\n");
    }
  }

  private void settings(StringBuilder b) {
    b.append("<h2>Connector settings</h2>\n<p class=\"muted\">Secrets are never shown: only whether they are set.</p>\n");
    for (ConnectorSettings c : config.connectors()) {
      b.append("<details><summary>").append(esc(c.id())).append(" (").append(esc(c.plugin())).append(", ")
          .append(esc(c.file())).append(")</summary>\n<dl class=\"facts\">\n");
      PayloadMasker.settings(c.values()).forEach((k, v) ->
          b.append("<dt>").append(esc(k)).append("</dt><dd>").append(esc(v)).append("</dd>\n"));
      b.append("</dl>\n</details>\n");
    }
  }

  static String budget(HelpdeskGuard.Budget budget) {
    StringBuilder out = new StringBuilder();
    if (budget.perMinute() > 0) {
      out.append("plan ").append(budget.perMinute()).append("/min, ")
          .append(budget.permitsNow() > 0 ? "a call may go now" : "next call waits for its turn");
    } else {
      out.append("no plan budget set");
    }
    if (budget.reportedRemaining() >= 0) {
      out.append("; the helpdesk says ").append(budget.reportedRemaining())
          .append(budget.reportedLimit() > 0 ? " of " + budget.reportedLimit() : "").append(" left");
    }
    if (!budget.pausedFor().isZero()) {
      out.append("; paused for ").append(Math.max(1, budget.pausedFor().toSeconds())).append(" s (budget spent)");
    }
    return esc(out.toString());
  }

  private static String rate(long lastQuarterHour) {
    return String.format(Locale.ROOT, "%.1f", lastQuarterHour / (double) RATE_MINUTES);
  }

  private static String deadLink(String source, long dead) {
    return dead == 0 ? "0" : "<a href=\"" + OpsConsole.BASE + "/dead?source=" + Html.url(source) + "\">" + dead + "</a>";
  }

  private static String error(Instant at, String error) {
    if (error == null) return "<span class=\"muted\">none</span>";
    return time(at) + "<br>" + cut(PayloadMasker.text(error), 300);
  }

  /** The source a route consumes ({@code webhook:stripe}), or null for the other routes. */
  static String sourceOf(Route r) {
    String uri = r.getEndpoint() == null ? "" : r.getEndpoint().getEndpointUri();
    if (!uri.startsWith("webhook:")) return null;
    String s = uri.substring("webhook:".length()).replaceFirst("^//", "");
    int q = s.indexOf('?');
    return q < 0 ? s : s.substring(0, q);
  }
}
