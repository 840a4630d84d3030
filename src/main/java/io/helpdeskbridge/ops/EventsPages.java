package io.helpdeskbridge.ops;

import static io.helpdeskbridge.ops.Html.cut;
import static io.helpdeskbridge.ops.Html.esc;
import static io.helpdeskbridge.ops.Html.time;
import static io.helpdeskbridge.ops.Html.url;

import com.fasterxml.jackson.core.type.TypeReference;
import io.helpdeskbridge.config.BridgeConfig;
import io.helpdeskbridge.ops.ConsoleHttp.Request;
import io.helpdeskbridge.ops.ConsoleHttp.Response;
import io.helpdeskbridge.store.AuditTrail;
import io.helpdeskbridge.store.InboxRow;
import io.helpdeskbridge.store.InboxStatus;
import java.util.List;
import java.util.Map;

/**
 * Events: the search (order number, ticket, source or event id), an order's timeline (vendor
 * deliveries → canonical events → ticket changes) and one delivery in full, payload masked.
 */
final class EventsPages {
  private final ConsoleData data;
  private final BridgeConfig config;

  EventsPages(ConsoleData data, BridgeConfig config) {
    this.data = data;
    this.config = config;
  }

  Response search(Request req, String csrf) {
    String q = req.param("q") == null ? "" : req.param("q").trim();
    StringBuilder b = new StringBuilder();
    b.append("<form method=\"get\" action=\"").append(OpsConsole.BASE).append("/events\" role=\"search\">\n")
        .append("<div class=\"field\"><label for=\"q\">Order number, ticket, source or event id</label>\n")
        .append("<input type=\"search\" id=\"q\" name=\"q\" value=\"").append(esc(q))
        .append("\" size=\"40\" placeholder=\"1001, order:1001, a ticket id, stripe, evt_…\">\n")
        .append("<button type=\"submit\" class=\"primary\">Search</button></div>\n</form>\n");
    if (!q.isEmpty()) {
      List<ConsoleData.OrderHit> orders = data.orders(q);
      List<InboxRow> deliveries = data.deliveries(q, 50);
      if (orders.isEmpty() && deliveries.isEmpty()) {
        b.append(Html.notice("info", "Nothing found for \u201c" + q + "\u201d."));
      }
      if (!orders.isEmpty()) {
        b.append("<h2>Orders</h2>\n<table>\n<caption>Orders matching \u201c").append(esc(q)).append("\u201d</caption>\n")
            .append("<thead><tr><th scope=\"col\">Order</th><th scope=\"col\">Found by</th>")
            .append("<th scope=\"col\" class=\"num\">Deliveries</th><th scope=\"col\">Last delivery</th></tr></thead>\n<tbody>\n");
        for (ConsoleData.OrderHit o : orders) {
          b.append("<tr><th scope=\"row\"><a href=\"").append(timelineHref(o.orderKey())).append("\">Timeline of ")
              .append(esc(o.orderKey())).append("</a></th><td>").append(esc(o.matchedBy())).append("</td><td class=\"num\">")
              .append(o.deliveries()).append("</td><td>").append(time(o.last())).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
      }
      if (!deliveries.isEmpty()) {
        b.append("<h2>Deliveries</h2>\n");
        deliveryTable(b, deliveries, "Deliveries whose event id or source is \u201c" + q + "\u201d (newest first)");
      }
    }
    return Response.html(200, Html.page("Events", "/events", csrf, b.toString()));
  }

  Response timeline(Request req, String csrf) {
    String order = req.param("order") == null ? "" : req.param("order").trim();
    if (order.isEmpty()) return Response.redirect(OpsConsole.BASE + "/events");
    OrderTimeline t = OrderTimeline.of(order, data, config);
    StringBuilder b = new StringBuilder();
    b.append("<p><a href=\"").append(OpsConsole.BASE).append("/events?q=").append(url(order))
        .append("\">Back to the search</a></p>\n");
    List<String[]> tickets = data.tickets(order);
    if (!tickets.isEmpty()) {
      b.append("<p>Linked ticket(s): ");
      for (int i = 0; i < tickets.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(esc(tickets.get(i)[0])).append(" #").append(esc(tickets.get(i)[1]));
      }
      b.append(".</p>\n");
    }
    if (t.steps().isEmpty()) {
      b.append(Html.notice("info", "No delivery is stored for " + order + "."));
    } else {
      b.append("<p>").append(t.steps().size()).append(" deliver").append(t.steps().size() == 1 ? "y" : "ies")
          .append(", oldest first: what the vendor sent, the canonical events it stands for, and what they did to tickets.</p>\n")
          .append("<ol class=\"timeline\">\n");
      for (OrderTimeline.Step s : t.steps()) step(b, s);
      b.append("</ol>\n");
    }
    return Response.html(200, Html.page("Timeline of " + order, "/events", csrf, b.toString()));
  }

  Response delivery(long id, String csrf) {
    InboxRow row = data.delivery(id).orElse(null);
    if (row == null) {
      return Response.html(404, Html.page("No such delivery", "/events", csrf, Html.notice("error", "No stored delivery " + id + ".")));
    }
    OrderTimeline.Step s = OrderTimeline.step(row, data, config);
    StringBuilder b = new StringBuilder();
    b.append("<dl class=\"facts\">\n");
    fact(b, "Source", esc(row.source()));
    fact(b, "Vendor type", esc(row.vendorType()));
    fact(b, "Event id", "<code>" + esc(row.eventId()) + "</code>");
    fact(b, "Order", "<a href=\"" + timelineHref(row.orderKey()) + "\">" + esc(row.orderKey()) + "</a>");
    fact(b, "Status", Html.status(row.status().db()));
    fact(b, "Received", time(row.receivedAt()));
    fact(b, "Attempts", row.attempts() + (row.lastAttemptAt() == null ? "" : ", last " + time(row.lastAttemptAt())));
    fact(b, "Duplicates", String.valueOf(row.duplicates()));
    if (row.nextAttemptAt() != null) fact(b, "Next attempt", time(row.nextAttemptAt()));
    if (row.lastError() != null) fact(b, "Error", esc(PayloadMasker.text(row.lastError())));
    if (row.outcome() != null) fact(b, "Outcome", esc(PayloadMasker.text(row.outcome())));
    b.append("</dl>\n");
    if (row.status() != InboxStatus.RECEIVED) {
      b.append("<form method=\"post\" action=\"").append(OpsConsole.BASE).append("/dead/replay\">")
          .append(Html.csrfField(csrf)).append("<input type=\"hidden\" name=\"id\" value=\"").append(row.id()).append("\">")
          .append("<button type=\"submit\" class=\"primary\">Replay this delivery</button> <span class=\"muted\">through today's"
              + " routes and mappings; what already reached a ticket is not written again</span></form>\n");
    }
    b.append("<h2>Canonical events</h2>\n");
    events(b, s);
    b.append("<h2>Ticket changes</h2>\n");
    changes(b, s.changes());
    b.append("<h2>Headers</h2>\n<table>\n<caption>Delivery headers, signatures cut</caption>\n")
        .append("<thead><tr><th scope=\"col\">Header</th><th scope=\"col\">Value</th></tr></thead>\n<tbody>\n");
    try {
      Map<String, String> headers = TryOut.JSON.readValue(row.headersJson(), new TypeReference<Map<String, String>>() {});
      PayloadMasker.headers(headers).forEach((k, v) ->
          b.append("<tr><th scope=\"row\">").append(esc(k)).append("</th><td><code>").append(esc(v)).append("</code></td></tr>\n"));
    } catch (Exception e) {
      b.append("<tr><td colspan=\"2\">unreadable</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n<h2>Payload</h2>\n<p class=\"muted\">Card numbers and credential-like fields masked.</p>\n<pre><code>")
        .append(esc(PayloadMasker.body(row.body()))).append("</code></pre>\n");
    return Response.html(200, Html.page("Delivery " + row.id(), "/events", csrf, b.toString()));
  }

  private static void step(StringBuilder b, OrderTimeline.Step s) {
    InboxRow r = s.delivery();
    b.append("<li class=\"").append(esc(r.status().db())).append("\">\n<h2>").append(time(r.receivedAt())).append(" · ")
        .append(esc(r.source())).append(' ').append(esc(r.vendorType())).append("</h2>\n<div class=\"steps\">\n")
        .append("<section><h3>Vendor delivery</h3>\n<dl class=\"facts\">")
        .append("<dt>Event id</dt><dd><a href=\"").append(OpsConsole.BASE).append("/events/").append(r.id()).append("\">")
        .append(esc(r.eventId())).append("</a></dd>")
        .append("<dt>Status</dt><dd>").append(Html.status(r.status().db())).append("</dd>")
        .append("<dt>Attempts</dt><dd>").append(r.attempts()).append("</dd>");
    if (r.lastError() != null) b.append("<dt>Error</dt><dd>").append(cut(PayloadMasker.text(r.lastError()), 400)).append("</dd>");
    b.append("</dl></section>\n<section><h3>Canonical events</h3>\n");
    events(b, s);
    b.append("</section>\n<section><h3>Ticket changes</h3>\n");
    changes(b, s.changes());
    b.append("</section>\n</div>\n</li>\n");
  }

  private static void events(StringBuilder b, OrderTimeline.Step s) {
    if (s.events().isEmpty()) {
      b.append("<p class=\"muted\">").append(esc(s.eventsNote())).append("</p>\n");
      return;
    }
    b.append("<ul>\n");
    for (OrderTimeline.Canonical e : s.events()) {
      b.append("<li><strong>").append(esc(e.type())).append("</strong>")
          .append(e.occurredAt() == null ? "" : ", happened " + time(e.occurredAt()))
          .append("<details><summary>Fields</summary><pre><code>").append(esc(e.json())).append("</code></pre></details></li>\n");
    }
    b.append("</ul>\n");
  }

  private static void changes(StringBuilder b, List<AuditTrail.Entry> changes) {
    if (changes.isEmpty()) {
      b.append("<p class=\"muted\">No ticket change recorded.</p>\n");
      return;
    }
    b.append("<table>\n<thead><tr><th scope=\"col\">When</th><th scope=\"col\">Event</th><th scope=\"col\">Ticket</th>"
        + "<th scope=\"col\">What</th></tr></thead>\n<tbody>\n");
    for (AuditTrail.Entry c : changes) {
      b.append("<tr><td>").append(time(c.at())).append("</td><td>").append(esc(c.eventType())).append("</td><td>")
          .append(c.ticketId() == null ? "<span class=\"muted\">none</span>" : esc(c.helpdesk()) + " #" + esc(c.ticketId()))
          .append("</td><td>").append(Html.status(c.action()))
          .append(c.detail() == null ? "" : ": " + cut(PayloadMasker.text(c.detail()), 300)).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
  }

  static void deliveryTable(StringBuilder b, List<InboxRow> rows, String caption) {
    b.append("<table>\n<caption>").append(esc(caption)).append("</caption>\n<thead><tr><th scope=\"col\">Delivery</th>")
        .append("<th scope=\"col\">Received</th><th scope=\"col\">Source</th><th scope=\"col\">Type</th>")
        .append("<th scope=\"col\">Order</th><th scope=\"col\">Status</th></tr></thead>\n<tbody>\n");
    for (InboxRow r : rows) {
      b.append("<tr><th scope=\"row\"><a href=\"").append(OpsConsole.BASE).append("/events/").append(r.id()).append("\">")
          .append(esc(r.eventId())).append("</a></th><td>").append(time(r.receivedAt())).append("</td><td>")
          .append(esc(r.source())).append("</td><td>").append(esc(r.vendorType())).append("</td><td><a href=\"")
          .append(timelineHref(r.orderKey())).append("\">").append(esc(r.orderKey())).append("</a></td><td>")
          .append(Html.status(r.status().db())).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
  }

  static String timelineHref(String orderKey) {
    return OpsConsole.BASE + "/timeline?order=" + url(orderKey);
  }

  private static void fact(StringBuilder b, String name, String html) {
    b.append("<dt>").append(esc(name)).append("</dt><dd>").append(html).append("</dd>\n");
  }
}
