package io.helpdeskbridge.ops;

import static io.helpdeskbridge.ops.Html.esc;

import io.helpdeskbridge.config.BridgeConfig;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.mapping.Mapping;
import io.helpdeskbridge.ops.ConsoleHttp.Request;
import io.helpdeskbridge.ops.ConsoleHttp.Response;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.ticket.DryRunSink;
import io.helpdeskbridge.yaml.ProblemsException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mapping try-out: pick a mapping, paste an event or pick a bundled sample, and see the
 * ticket change it would make. The {@code try} command's machinery ({@link TryOut}); nothing is
 * sent.
 */
final class TryOutPage {
  private final BridgeConfig config;
  private final TryOut tryOut;

  TryOutPage(BridgeConfig config) {
    this.config = config;
    this.tryOut = new TryOut(config);
  }

  Response render(Request req, String csrf, boolean submitted) {
    String mappingId = submitted ? req.field("mapping") : req.param("mapping");
    String sample = submitted ? req.field("sample") : req.param("sample");
    String payload = submitted ? req.field("payload") : null;
    String source = submitted ? req.field("source") : null;
    String headers = submitted ? req.field("headers") : null;
    StringBuilder result = new StringBuilder();
    if (submitted) result.append(run(mappingId, sample, payload, source, headers));
    StringBuilder b = new StringBuilder();
    b.append("<p>See what a mapping would do to a ticket with an event, before any real one arrives. Nothing is sent.</p>\n");
    form(b, csrf, mappingId, sample, payload, source, headers);
    if (submitted) b.append("<section aria-labelledby=\"result\">\n<h2 id=\"result\">Result</h2>\n").append(result).append("</section>\n");
    return Response.html(200, Html.page("Mapping try-out", "/try", csrf, b.toString()));
  }

  private String run(String mappingId, String sample, String payload, String source, String headerText) {
    StringBuilder b = new StringBuilder();
    try {
      if (mappingId == null || mappingId.isBlank()) throw new IllegalArgumentException("Pick a mapping.");
      Mapping mapping = tryOut.mapping(mappingId);
      List<OrderEvent> events;
      if (sample != null && !sample.isBlank()) {
        events = tryOut.sampleEvents(sample);
      } else if (payload != null && !payload.isBlank()) {
        events = tryOut.events(payload.getBytes(StandardCharsets.UTF_8), source == null || source.isBlank() ? null : source,
            headers(headerText), "the pasted event");
      } else {
        throw new IllegalArgumentException("Pick a sample or paste an event.");
      }
      TryOut.Result r = tryOut.withMapping(mapping, events);
      b.append("<h3>Canonical events</h3>\n<table>\n<thead><tr><th scope=\"col\">Type</th><th scope=\"col\">Source</th>")
          .append("<th scope=\"col\">Event id</th><th scope=\"col\">Order</th><th scope=\"col\">Vendor type</th></tr></thead>\n<tbody>\n");
      for (OrderEvent e : r.events()) {
        b.append("<tr><th scope=\"row\">").append(esc(e.type())).append("</th><td>").append(esc(e.source())).append("</td><td>")
            .append(esc(e.sourceEventId())).append("</td><td>").append(esc(e.order().key())).append("</td><td>")
            .append(esc(e.vendorType())).append("</td></tr>\n");
      }
      b.append("</tbody>\n</table>\n");
      r.notes().forEach(n -> b.append(Html.notice("info", n)));
      if (r.planned().isEmpty()) b.append(Html.notice("info", "No ticket change: the bridge would record this event as ignored."));
      for (DryRunSink.Planned p : r.planned()) planned(b, p);
      b.append("<p class=\"muted\">Dry run: nothing was sent.</p>\n");
    } catch (IllegalArgumentException | IllegalStateException | ProblemsException e) {
      b.append(Html.notice("error", PayloadMasker.text(String.valueOf(e.getMessage()))));
    } catch (Exception e) {
      b.append(Html.notice("error", "The event could not be tried: " + PayloadMasker.text(String.valueOf(e.getMessage()))));
    }
    return b.toString();
  }

  private void planned(StringBuilder b, DryRunSink.Planned p) {
    Mapping m = p.mapping();
    TicketChange c = p.change();
    String helpdesk = p.helpdesk().equals("default") ? config.defaultHelpdesk() + " (ticket:default)" : p.helpdesk();
    b.append("<h3>Ticket change by ").append(esc(m.id())).append("</h3>\n<dl class=\"facts\">\n");
    fact(b, "Helpdesk", esc(helpdesk));
    fact(b, "Finds the ticket by", esc(String.join(", ", m.find())));
    fact(b, "When there is none", esc(m.whenMissing().yaml()));
    if (c.note() != null) fact(b, c.publicNote() ? "Public reply" : "Internal note", "<pre class=\"note\"><code>" + esc(c.note())
        + "</code></pre>");
    if (!c.addTags().isEmpty()) fact(b, "Adds tags", esc(String.join(", ", c.addTags())));
    if (!c.removeTags().isEmpty()) fact(b, "Removes tags", esc(String.join(", ", c.removeTags())));
    if (!c.fields().isEmpty()) {
      StringBuilder f = new StringBuilder("<ul>");
      c.fields().forEach((k, v) -> f.append("<li><code>").append(esc(k)).append("</code> = ").append(esc(v)).append("</li>"));
      fact(b, "Fields", f.append("</ul>").toString());
    }
    if (c.priority() != null) fact(b, "Priority", esc(c.priority()));
    if (c.status() != null) fact(b, "Status", esc(c.status()));
    if (c.type() != null) fact(b, "Type", esc(c.type()));
    if (c.problemId() != null) fact(b, "Problem ticket", esc(c.problemId()));
    b.append("</dl>\n");
  }

  private void form(StringBuilder b, String csrf, String mappingId, String sample, String payload, String source, String headers) {
    b.append("<form method=\"post\" action=\"").append(OpsConsole.BASE).append("/try\">\n").append(Html.csrfField(csrf))
        .append("\n<div class=\"field\"><label for=\"mapping\">Mapping</label>\n<select id=\"mapping\" name=\"mapping\" required>")
        .append("<option value=\"\">choose…</option>");
    for (Mapping m : config.mappings().values().stream().sorted(java.util.Comparator.comparing(Mapping::id)).toList()) {
      b.append("<option value=\"").append(esc(m.id())).append('"').append(m.id().equals(mappingId) ? " selected" : "").append('>')
          .append(esc(m.id() + " (on " + m.on() + ")")).append("</option>");
    }
    b.append("</select></div>\n<fieldset><legend>Event</legend>\n<div class=\"field\"><label for=\"sample\">A bundled sample</label>\n")
        .append("<select id=\"sample\" name=\"sample\"><option value=\"\">none: use the pasted event</option>");
    for (TryOut.Sample s : tryOut.samples()) {
      b.append("<option value=\"").append(esc(s.key())).append('"').append(s.key().equals(sample) ? " selected" : "").append('>')
          .append(esc(s.key())).append("</option>");
    }
    b.append("</select></div>\n<div class=\"field\"><label for=\"payload\">Or paste an event</label>\n")
        .append("<textarea id=\"payload\" name=\"payload\" spellcheck=\"false\" aria-describedby=\"payload-help\">")
        .append(esc(payload)).append("</textarea>\n<p id=\"payload-help\" class=\"muted\">A vendor payload as the vendor posts it,")
        .append(" or a canonical event such as <code>{\"type\":\"RefundIssued\", …}</code>.</p></div>\n")
        .append("<div class=\"field\"><label for=\"source\">Source of a pasted vendor payload</label>\n<select id=\"source\" name=\"source\">")
        .append("<option value=\"\">guess</option>");
    for (ConnectorSettings c : config.sources()) {
      b.append("<option value=\"").append(esc(c.id())).append('"').append(c.id().equals(source) ? " selected" : "").append('>')
          .append(esc(c.id())).append("</option>");
    }
    b.append("</select></div>\n<div class=\"field\"><label for=\"headers\">Delivery headers some vendors need (one per line,")
        .append(" <code>Name: value</code>)</label>\n<textarea id=\"headers\" name=\"headers\" rows=\"3\" spellcheck=\"false\">")
        .append(esc(headers)).append("</textarea></div>\n</fieldset>\n")
        .append("<button type=\"submit\" class=\"primary\">Try it</button>\n</form>\n");
  }

  /** {@code Name: value} lines (or {@code Name=value}, as {@code try -H} takes them). */
  static Map<String, String> headers(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null) return out;
    for (String line : text.split("\\R")) {
      int at = line.indexOf(':');
      int eq = line.indexOf('=');
      int cut = at < 0 ? eq : eq < 0 ? at : Math.min(at, eq);
      if (cut > 0) out.put(line.substring(0, cut).trim(), line.substring(cut + 1).trim());
    }
    return out;
  }

  private static void fact(StringBuilder b, String name, String html) {
    b.append("<dt>").append(esc(name)).append("</dt><dd>").append(html).append("</dd>\n");
  }
}
