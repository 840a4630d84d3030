package io.helpdeskbridge.ops;

import static io.helpdeskbridge.ops.Html.cut;
import static io.helpdeskbridge.ops.Html.esc;
import static io.helpdeskbridge.ops.Html.time;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.config.BridgeConfig;
import io.helpdeskbridge.ops.ConsoleHttp.Request;
import io.helpdeskbridge.ops.ConsoleHttp.Response;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.store.InboxRow;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dead letters: the list (by source, error text, order, since), replay of the chosen ones or of
 * all listed (through {@link OpsApi#replay}, so the {@link Replayer}'s rules hold), a progress page
 * that follows them until each is finished, and purge. A replay's progress is kept on the instance
 * that started it (the last {@value #KEPT_BATCHES}); the dead-letter list reads the store.
 */
final class DeadLettersPages {
  /** The most dead letters one page lists. */
  static final int LIST_LIMIT = 200;
  /** The most dead letters "replay all listed" and the error filter look at. */
  static final int SCAN_LIMIT = 5000;
  static final int KEPT_BATCHES = 50;
  /** The most rows a progress page shows one by one (the counts cover them all). */
  static final int PROGRESS_ROWS = 500;

  /** One replay started from the console: which rows went, which were skipped and why. */
  record Batch(long id, Instant at, List<Long> ids, List<String> skipped) {}

  private final OpsApi ops;
  private final ConsoleData data;
  private final BridgeConfig config;
  private final Clock clock;
  private final AtomicLong nextBatch = new AtomicLong(1);
  private final Map<Long, Batch> batches = Collections.synchronizedMap(new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Batch> eldest) {
      return size() > KEPT_BATCHES;
    }
  });

  DeadLettersPages(OpsApi ops, ConsoleData data, BridgeConfig config, Clock clock) {
    this.ops = ops;
    this.data = data;
    this.config = config;
    this.clock = clock;
  }

  /** The filter of the list, from a query or from the replay form's hidden fields. */
  record Filter(String source, String error, String order, String since) {
    static Filter of(java.util.function.Function<String, String> values) {
      return new Filter(trim(values.apply("source")), trim(values.apply("error")), trim(values.apply("order")),
          trim(values.apply("since")));
    }

    /** An order number alone means its order key. */
    String orderKey() {
      if (order == null) return null;
      return order.contains(":") ? order : "order:" + io.helpdeskbridge.event.OrderRef.number(order);
    }

    private static String trim(String s) {
      return s == null || s.isBlank() ? null : s.trim();
    }
  }

  /** The dead letters a filter selects, newest first, at most {@code limit}. */
  List<InboxRow> select(Filter f, int limit) {
    Instant since = OpsApi.instant(f.since());
    if (f.error() == null) return ops.dead(f.source(), f.orderKey(), since, limit);
    String needle = f.error().toLowerCase(Locale.ROOT);
    List<InboxRow> out = new ArrayList<>();
    for (InboxRow r : ops.dead(f.source(), f.orderKey(), since, SCAN_LIMIT)) {
      if (r.lastError() != null && r.lastError().toLowerCase(Locale.ROOT).contains(needle)) out.add(r);
      if (out.size() >= limit) break;
    }
    return out;
  }

  Response list(Request req, String csrf) {
    Filter f = Filter.of(req::param);
    StringBuilder b = new StringBuilder();
    List<InboxRow> rows;
    try {
      rows = select(f, LIST_LIMIT + 1);
    } catch (IllegalArgumentException e) {
      b.append(Html.notice("error", e.getMessage()));
      rows = List.of();
    }
    filterForm(b, f);
    boolean more = rows.size() > LIST_LIMIT;
    if (more) rows = rows.subList(0, LIST_LIMIT);
    if (rows.isEmpty()) {
      b.append(Html.notice("ok", "No dead letters" + (anyFilter(f) ? " match this filter." : ".")));
    } else {
      b.append("<form method=\"post\" action=\"").append(OpsConsole.BASE).append("/dead/replay\">\n").append(Html.csrfField(csrf));
      hidden(b, "source", f.source());
      hidden(b, "error", f.error());
      hidden(b, "order", f.order());
      hidden(b, "since", f.since());
      b.append("<table>\n<caption>").append(rows.size()).append(more ? "+" : "").append(" dead letter(s), newest first")
          .append(more ? " (the first " + LIST_LIMIT + " shown)" : "").append("</caption>\n<thead><tr>")
          .append("<th scope=\"col\"><span class=\"visually-hidden\">Select</span></th><th scope=\"col\">Event</th>")
          .append("<th scope=\"col\">Last attempt</th><th scope=\"col\">Source</th><th scope=\"col\">Type</th>")
          .append("<th scope=\"col\">Order</th><th scope=\"col\" class=\"num\">Attempts</th><th scope=\"col\">Error</th>")
          .append("</tr></thead>\n<tbody>\n");
      for (InboxRow r : rows) {
        b.append("<tr><td><input type=\"checkbox\" name=\"id\" value=\"").append(r.id()).append("\" id=\"dead-").append(r.id())
            .append("\" aria-label=\"Select ").append(esc(r.source() + " " + r.eventId())).append("\"></td>")
            .append("<th scope=\"row\"><a href=\"").append(OpsConsole.BASE).append("/events/").append(r.id()).append("\">")
            .append(esc(r.eventId())).append("</a></th><td>")
            .append(time(r.lastAttemptAt() != null ? r.lastAttemptAt() : r.receivedAt())).append("</td><td>")
            .append(esc(r.source())).append("</td><td>").append(esc(r.vendorType())).append("</td><td><a href=\"")
            .append(EventsPages.timelineHref(r.orderKey())).append("\">").append(esc(r.orderKey())).append("</a></td>")
            .append("<td class=\"num\">").append(r.attempts()).append("</td><td>")
            .append(cut(PayloadMasker.text(r.lastError()), 300)).append("</td></tr>\n");
      }
      b.append("</tbody>\n</table>\n<p><button type=\"submit\" name=\"scope\" value=\"selected\" class=\"primary\">")
          .append("Replay selected</button> <button type=\"submit\" name=\"scope\" value=\"all\">Replay all that match the filter")
          .append("</button></p>\n<p class=\"muted\">A replay runs the stored deliveries through today's routes and mappings."
              + " What already reached a ticket is not written again.</p>\n</form>\n");
    }
    purgeForm(b, csrf);
    return Response.html(200, Html.page("Dead letters", "/dead", csrf, b.toString()));
  }

  /** Replays the chosen rows (oldest first, so one order's events keep their order) and shows their progress. */
  Response replay(Request req) {
    Map<String, List<String>> form = req.form();
    List<Long> ids = new ArrayList<>();
    if ("all".equals(req.field("scope"))) {
      for (InboxRow r : select(Filter.of(req::field), SCAN_LIMIT)) ids.add(r.id());
    } else {
      for (String id : form.getOrDefault("id", List.of())) {
        try {
          ids.add(Long.parseLong(id.trim()));
        } catch (NumberFormatException e) {
          // not a row id: nothing to replay for it
        }
      }
    }
    Collections.sort(ids);
    if (ids.isEmpty()) return Response.redirect(OpsConsole.BASE + "/dead");
    ObjectNode request = TryOut.JSON.createObjectNode();
    ArrayNode list = request.putArray("ids");
    ids.forEach(list::add);
    Replayer.Result result = ops.replay(request);
    long id = nextBatch.getAndIncrement();
    batches.put(id, new Batch(id, clock.instant(), result.replayed(), result.skipped()));
    return Response.redirect(OpsConsole.BASE + "/dead/replays/" + id);
  }

  Response progress(long id, String csrf) {
    Batch batch = batches.get(id);
    if (batch == null) {
      return Response.html(404, Html.page("Replay not found", "/dead", csrf, Html.notice("error", "This instance knows no replay "
          + id + " (it keeps the last " + KEPT_BATCHES + "; another instance may have started it). The dead-letter list shows"
          + " what is still dead.")));
    }
    Progress p = progressOf(batch);
    StringBuilder b = new StringBuilder();
    b.append("<p>Started ").append(time(batch.at())).append(". ").append(batch.ids().size()).append(" event(s) queued again")
        .append(batch.skipped().isEmpty() ? "." : ", " + batch.skipped().size() + " skipped.").append("</p>\n");
    if (!batch.skipped().isEmpty()) {
      b.append("<ul>\n");
      batch.skipped().forEach(s -> b.append("<li>").append(esc(s)).append("</li>\n"));
      b.append("</ul>\n");
    }
    b.append("<section data-progress=\"").append(OpsConsole.BASE).append("/dead/replays/").append(id).append(".json\"")
        .append(p.finished() >= p.total() ? " data-done=\"true\"" : "").append(">\n<h2>Progress</h2>\n")
        .append("<p><label for=\"replay-progress\">Finished</label> <progress id=\"replay-progress\" max=\"")
        .append(Math.max(1, p.total())).append("\" value=\"").append(p.finished()).append("\">").append(p.finished()).append(" of ")
        .append(p.total()).append("</progress></p>\n<p data-summary aria-live=\"polite\">").append(p.finished()).append(" of ")
        .append(p.total()).append(" finished, ").append(p.dead()).append(" dead again</p>\n")
        .append("<noscript><p><a href=\"").append(OpsConsole.BASE).append("/dead/replays/").append(id)
        .append("\">Reload</a> to see the latest state.</p></noscript>\n");
    b.append("<table>\n<caption>The replayed events</caption>\n<thead><tr><th scope=\"col\">Event</th><th scope=\"col\">Source</th>")
        .append("<th scope=\"col\">Order</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Attempts</th>")
        .append("<th scope=\"col\">Outcome</th></tr></thead>\n<tbody>\n");
    for (Map<String, Object> r : p.rows()) {
      String status = String.valueOf(r.get("status"));
      b.append("<tr data-id=\"").append(r.get("id")).append("\" data-status=\"").append(esc(status)).append("\"><th scope=\"row\">")
          .append("<a href=\"").append(OpsConsole.BASE).append("/events/").append(r.get("id")).append("\">")
          .append(esc(r.get("eventId"))).append("</a></th><td>").append(esc(r.get("source"))).append("</td><td>")
          .append(esc(r.get("order"))).append("</td><td><span class=\"status status-").append(esc(status))
          .append("\" data-field=\"status\">").append(esc(status)).append("</span></td><td class=\"num\" data-field=\"attempts\">")
          .append(esc(r.get("attempts"))).append("</td><td data-field=\"outcome\">")
          .append(esc(r.get("error") != null ? r.get("error") : r.get("outcome"))).append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
    if (p.total() > p.rows().size()) b.append("<p>… and ").append(p.total() - p.rows().size()).append(" more.</p>\n");
    b.append("</section>\n<p><a href=\"").append(OpsConsole.BASE).append("/dead\">Back to the dead letters</a></p>\n");
    return Response.html(200, Html.page("Replay " + id, "/dead", csrf, b.toString()));
  }

  Response progressJson(long id) {
    Batch batch = batches.get(id);
    if (batch == null) {
      return Response.json(404, "{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":404,\"detail\":\"no replay " + id
          + " on this instance\"}");
    }
    Progress p = progressOf(batch);
    ObjectNode out = TryOut.JSON.createObjectNode();
    out.put("total", p.total());
    out.put("finished", p.finished());
    out.put("dead", p.dead());
    out.set("rows", TryOut.JSON.valueToTree(p.rows()));
    return Response.json(200, out.toString());
  }

  Response purge(Request req, String csrf) {
    String before = req.field("before");
    StringBuilder b = new StringBuilder();
    try {
      Instant at = OpsApi.instant(before);
      if (at == null) throw new IllegalArgumentException("Give the day before which finished events are deleted.");
      int n = ops.purge(at);
      b.append(Html.notice("ok", "Purged " + n + " finished event(s) that finished before " + at + "."));
    } catch (IllegalArgumentException e) {
      b.append(Html.notice("error", e.getMessage()));
    }
    b.append("<p><a href=\"").append(OpsConsole.BASE).append("/dead\">Back to the dead letters</a></p>\n");
    return Response.html(200, Html.page("Purge", "/dead", csrf, b.toString()));
  }

  /** Where a replay stands: how many rows are finished (not waiting any more), how many are dead again. */
  record Progress(int total, int finished, int dead, List<Map<String, Object>> rows) {}

  private Progress progressOf(Batch batch) {
    Map<Long, ConsoleData.State> now = data.states(batch.ids());
    int finished = 0;
    int dead = 0;
    List<Map<String, Object>> rows = new ArrayList<>();
    for (long id : batch.ids()) {
      ConsoleData.State r = now.get(id);
      String status = r == null ? "gone" : r.status();
      if (!"received".equals(status)) finished++;
      if ("dead".equals(status)) dead++;
      if (rows.size() < PROGRESS_ROWS) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("eventId", r == null ? "(purged)" : r.eventId());
        row.put("source", r == null ? "" : r.source());
        row.put("order", r == null ? "" : r.orderKey());
        row.put("status", status);
        row.put("attempts", r == null ? 0 : r.attempts());
        row.put("error", r == null || r.lastError() == null || "done".equals(status) ? null : PayloadMasker.text(r.lastError()));
        row.put("outcome", r == null || r.outcome() == null ? null : PayloadMasker.text(r.outcome()));
        rows.add(row);
      }
    }
    return new Progress(batch.ids().size(), finished, dead, rows);
  }

  private void filterForm(StringBuilder b, Filter f) {
    b.append("<form method=\"get\" action=\"").append(OpsConsole.BASE).append("/dead\">\n<fieldset><legend>Filter</legend>\n")
        .append("<label for=\"f-source\">Source</label> <select id=\"f-source\" name=\"source\"><option value=\"\">any</option>");
    for (ConnectorSettings c : config.sources()) {
      b.append("<option value=\"").append(esc(c.id())).append('"').append(c.id().equals(f.source()) ? " selected" : "")
          .append('>').append(esc(c.id())).append("</option>");
    }
    b.append("</select>\n<label for=\"f-error\">Error contains</label> <input type=\"text\" id=\"f-error\" name=\"error\" value=\"")
        .append(esc(f.error())).append("\" size=\"24\">\n<label for=\"f-order\">Order</label> <input type=\"text\" id=\"f-order\"")
        .append(" name=\"order\" value=\"").append(esc(f.order())).append("\" size=\"14\">\n<label for=\"f-since\">Since</label>")
        .append(" <input type=\"date\" id=\"f-since\" name=\"since\" value=\"").append(esc(f.since())).append("\">\n")
        .append("<button type=\"submit\">Filter</button></fieldset>\n</form>\n");
  }

  private static void purgeForm(StringBuilder b, String csrf) {
    b.append("<h2>Purge</h2>\n<form method=\"post\" action=\"").append(OpsConsole.BASE).append("/dead/purge\">")
        .append(Html.csrfField(csrf)).append("<p>Delete every finished event (done, ignored and dead) that finished before a day;")
        .append(" events still waiting are never deleted.</p>\n<label for=\"purge-before\">Finished before</label> ")
        .append("<input type=\"date\" id=\"purge-before\" name=\"before\" required value=\"")
        .append(LocalDate.now(java.time.ZoneOffset.UTC).minusDays(30)).append("\"> ")
        .append("<button type=\"submit\" class=\"danger\">Purge</button>\n</form>\n");
  }

  private static void hidden(StringBuilder b, String name, String value) {
    if (value != null) b.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(esc(value)).append("\">\n");
  }

  private static boolean anyFilter(Filter f) {
    return f.source() != null || f.error() != null || f.order() != null || f.since() != null;
  }
}
