package io.helpdeskbridge.report;

import java.util.ArrayList;
import java.util.List;

/**
 * What each part of a report says, in words and table cells, once for both renderers: the summary
 * lines and one table per section with its heading, an optional introduction, what it says when
 * empty, and an optional second table.
 */
final class ReportSections {
  private ReportSections() {}

  /** One summary line. */
  record Line(String label, String value) {}

  /** A table: {@code align} holds {@code l} or {@code r} per column. */
  record Table(String title, String[] headers, String align, List<String[]> rows) {}

  /** A section: an id for anchors, a heading, an optional introduction, the table (or {@code empty}), and more. */
  record Section(String id, String title, String intro, Table table, String empty, Table more) {}

  static String bucketUnit(ShiftReport r) {
    return r.period().length().compareTo(ShiftReportQuery.HOURLY_UP_TO) <= 0 ? "hour" : "day";
  }

  static List<Line> summary(ShiftReport r) {
    long rateLimited = r.helpdeskErrors().stream().mapToLong(ShiftReport.HelpdeskErrors::rateLimited).sum();
    long notIssued = r.refundCount("failed") + r.refundCount("refused");
    return List.of(
        new Line("Deliveries received", String.valueOf(r.received())),
        new Line("Events handled", String.valueOf(r.events())),
        new Line("Tickets touched", r.ticketsTouched() + (r.ticketsCreated() > 0 ? " (" + r.ticketsCreated() + " created)" : "")),
        new Line("New problem tickets", String.valueOf(r.problems().size())),
        new Line("Refunds issued", r.refundCount("issued") + (r.refundCount("issued") > 0 ? " (" + r.refundAmounts("issued") + ")" : "")),
        new Line("Refunds failed or refused", String.valueOf(notIssued)),
        new Line("Dead letters open", r.dead().open() + (r.dead().newInPeriod() > 0 ? " (" + r.dead().newInPeriod() + " new)" : "")),
        new Line("Helpdesk errors", r.helpdeskErrorEvents() + (rateLimited > 0 ? " (" + rateLimited + " rate limited)" : "")));
  }

  static List<Section> sections(ShiftReport r) {
    List<Section> out = new ArrayList<>();

    List<String[]> sources = new ArrayList<>();
    for (ShiftReport.SourceCount s : r.sources()) {
      sources.add(row(s.source(), s.received(), s.done(), s.ignored(), s.dead(), s.waiting()));
    }
    out.add(new Section("sources", "Deliveries by source", null,
        new Table(null, new String[] {"Source", "Received", "Done", "Ignored", "Dead", "Waiting"}, "lrrrrr", sources),
        "No deliveries.", null));

    List<String[]> types = new ArrayList<>();
    for (ShiftReport.TypeCount t : r.eventTypes()) types.add(row(t.type(), t.events(), t.written()));
    out.add(new Section("types", "Events by type",
        "Canonical events that reached a ticket step; written: a change applied to a ticket or a ticket created.",
        new Table(null, new String[] {"Event type", "Events", "Written"}, "lrr", types), "No event reached a ticket.", null));

    List<String[]> tickets = new ArrayList<>();
    for (ShiftReport.HelpdeskTickets t : r.tickets()) tickets.add(row(t.helpdesk(), t.touched(), t.created()));
    out.add(new Section("tickets", "Tickets touched", null,
        new Table(null, new String[] {"Helpdesk", "Tickets touched", "Created"}, "lrr", tickets), "No ticket was written to.", null));

    List<String[]> problems = new ArrayList<>();
    for (ShiftReport.ProblemTicket p : r.problems()) {
      problems.add(new String[] {p.group(), p.helpdesk(), p.ticketId() == null ? "(not created yet)" : "#" + p.ticketId(),
          ReportText.dateTime(p.openedAt(), r.period().zone()), String.valueOf(p.members()), p.open() ? "open" : "closed"});
    }
    out.add(new Section("problems", "New problem tickets", null,
        new Table(null, new String[] {"Carrier", "Helpdesk", "Problem ticket", "Opened", "Order tickets", "Incident"}, "llllrl",
            problems), "No carrier incident was opened.", null));

    List<String[]> refunds = new ArrayList<>();
    for (ShiftReport.RefundLine l : r.refunds()) {
      refunds.add(new String[] {l.status(), l.currency(), String.valueOf(l.count()), l.amount().format()});
    }
    out.add(new Section("refunds", "Refunds", "Refunds agents asked for in this period, by what became of them.",
        new Table(null, new String[] {"Outcome", "Currency", "Refunds", "Amount"}, "llrr", refunds), "No refund was asked for.",
        null));

    List<String[]> dead = new ArrayList<>();
    for (ShiftReport.SourceDead d : r.dead().bySource()) dead.add(row(d.source(), d.open(), d.newInPeriod()));
    List<String[]> deadErrors = new ArrayList<>();
    for (ShiftReport.ErrorCount e : r.dead().topErrors()) deadErrors.add(row(e.error(), e.count()));
    out.add(new Section("dead", "Dead letters open",
        r.dead().open() == 0 ? null : r.dead().open() + " open now, " + r.dead().newInPeriod()
            + " of them died in this period. Inspect with `dead list`, replay with `replay`.",
        new Table(null, new String[] {"Source", "Open", "New in period"}, "lrr", dead), "No dead letters.",
        deadErrors.isEmpty() ? null : new Table("Commonest errors", new String[] {"Error", "Events"}, "lr", deadErrors)));

    List<String[]> carriers = new ArrayList<>();
    for (ShiftReport.CarrierCount c : r.carriers()) carriers.add(row(c.group(), c.exceptions(), c.tickets()));
    out.add(new Section("carriers", "Top carriers with exceptions", null,
        new Table(null, new String[] {"Carrier", "Exceptions", "Tickets"}, "lrr", carriers), "No shipment exceptions.", null));

    List<String[]> errors = new ArrayList<>();
    List<String[]> errorTexts = new ArrayList<>();
    for (ShiftReport.HelpdeskErrors h : r.helpdeskErrors()) {
      errors.add(row(h.helpdesk(), h.events(), h.dead(), h.waiting(), h.rateLimited()));
      for (ShiftReport.ErrorCount e : h.topErrors()) errorTexts.add(new String[] {h.helpdesk(), e.error(), String.valueOf(e.count())});
    }
    out.add(new Section("helpdesk-errors", "Helpdesk errors",
        "Events last tried in this period, still waiting or dead, whose error names the helpdesk."
            + " Rate limited: 429 answers and spent request budgets.",
        new Table(null, new String[] {"Helpdesk", "Events", "Dead", "Waiting", "Rate limited"}, "lrrrr", errors),
        "No helpdesk errors.",
        errorTexts.isEmpty() ? null : new Table("Commonest helpdesk errors", new String[] {"Helpdesk", "Error", "Events"}, "llr",
            errorTexts)));
    return out;
  }

  private static String[] row(String first, long... numbers) {
    String[] out = new String[numbers.length + 1];
    out[0] = first;
    for (int i = 0; i < numbers.length; i++) out[i + 1] = String.valueOf(numbers[i]);
    return out;
  }
}
