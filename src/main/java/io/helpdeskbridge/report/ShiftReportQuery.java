package io.helpdeskbridge.report;

import io.helpdeskbridge.store.Jdbc;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Builds a {@link ShiftReport} from the store with plain SQL that means the same on H2 and
 * PostgreSQL. Where each number comes from:
 *
 * <ul>
 *   <li>deliveries per source and the per-hour chart: {@code inbox} rows received in the period;
 *   <li>events per canonical type, tickets touched and created: {@code audit} lines of the period
 *       (only events that reached a ticket step have one);
 *   <li>new problem tickets: {@code carrier_incident} opened in the period, with their members;
 *   <li>refunds: {@code refund_action} rows created in the period, per outcome and currency;
 *   <li>dead letters: {@code inbox} rows dead now, and those that died in the period;
 *   <li>carriers: {@code shipment_exception_seen} in the period, per carrier group;
 *   <li>helpdesk errors: {@code inbox} rows last tried in the period, still waiting or dead, whose
 *       error names a helpdesk (the writer prefixes its errors with the connector id).
 * </ul>
 *
 * Periods are half open, {@code [since, until)}. Payloads and headers are never read.
 */
public final class ShiftReportQuery {

  /** Rows in each "top" list. */
  public static final int TOP = 5;
  /** Periods up to this long are charted per hour; longer ones per day. */
  public static final Duration HOURLY_UP_TO = Duration.ofHours(48);

  private static final Pattern RATE_LIMITED =
      Pattern.compile("(?i)\\b429\\b|rate.?limit|budget of \\d+ requests|request budget is used up");

  private final Jdbc jdbc;
  private final Set<String> helpdesks;

  public ShiftReportQuery(DataSource dataSource) {
    this(dataSource, Set.of());
  }

  /**
   * @param helpdesks connector ids of the helpdesks, to recognise their errors; those the store has
   *     written to (correlation, audit) are added
   */
  public ShiftReportQuery(DataSource dataSource, Set<String> helpdesks) {
    this.jdbc = new Jdbc(dataSource);
    this.helpdesks = Set.copyOf(helpdesks);
  }

  public ShiftReport build(ReportPeriod period, Instant generatedAt) {
    Instant from = period.since();
    Instant to = period.until();
    return new ShiftReport(period, generatedAt, sources(from, to), eventTypes(from, to), tickets(from, to),
        problems(from, to), refunds(from, to), dead(from, to), carriers(from, to), helpdeskErrors(from, to),
        hourly(period));
  }

  List<ShiftReport.SourceCount> sources(Instant from, Instant to) {
    return jdbc.query("select source, count(*) as received,"
        + " sum(case when status = 'done' then 1 else 0 end) as done,"
        + " sum(case when status = 'ignored' then 1 else 0 end) as ignored,"
        + " sum(case when status = 'dead' then 1 else 0 end) as dead,"
        + " sum(case when status = 'received' then 1 else 0 end) as waiting"
        + " from inbox where received_at >= ? and received_at < ? group by source order by count(*) desc, source",
        rs -> new ShiftReport.SourceCount(rs.getString("source"), rs.getLong("received"), rs.getLong("done"),
            rs.getLong("ignored"), rs.getLong("dead"), rs.getLong("waiting")), from, to);
  }

  List<ShiftReport.TypeCount> eventTypes(Instant from, Instant to) {
    return jdbc.query("select coalesce(event_type, '(unknown)') as type, count(distinct source || ' ' || event_id) as events,"
        + " count(distinct case when action in ('applied', 'created') then source || ' ' || event_id end) as written"
        + " from audit where at >= ? and at < ? group by coalesce(event_type, '(unknown)')"
        + " order by count(distinct source || ' ' || event_id) desc, coalesce(event_type, '(unknown)')",
        rs -> new ShiftReport.TypeCount(rs.getString("type"), rs.getLong("events"), rs.getLong("written")), from, to);
  }

  List<ShiftReport.HelpdeskTickets> tickets(Instant from, Instant to) {
    return jdbc.query("select helpdesk, count(distinct ticket_id) as touched,"
        + " count(distinct case when action = 'created' then ticket_id end) as created"
        + " from audit where at >= ? and at < ? and action in ('applied', 'created') and helpdesk is not null"
        + " and ticket_id is not null group by helpdesk order by helpdesk",
        rs -> new ShiftReport.HelpdeskTickets(rs.getString("helpdesk"), rs.getLong("touched"), rs.getLong("created")), from, to);
  }

  List<ShiftReport.ProblemTicket> problems(Instant from, Instant to) {
    return jdbc.query("select i.group_key, i.helpdesk, i.problem_ticket_id, i.opened_at,"
        + " case when i.open_key is null then 0 else 1 end as still_open,"
        + " (select count(*) from carrier_incident_member m where m.incident_id = i.id) as members"
        + " from carrier_incident i where i.opened_at >= ? and i.opened_at < ? order by i.opened_at, i.id",
        rs -> new ShiftReport.ProblemTicket(rs.getString("group_key"), rs.getString("helpdesk"),
            rs.getString("problem_ticket_id"), Jdbc.instant(rs, "opened_at"), rs.getLong("members"),
            rs.getInt("still_open") == 1), from, to);
  }

  List<ShiftReport.RefundLine> refunds(Instant from, Instant to) {
    List<ShiftReport.RefundLine> lines = jdbc.query("select status, currency, count(*) as n, sum(amount_minor) as total"
        + " from refund_action where created_at >= ? and created_at < ? group by status, currency",
        rs -> new ShiftReport.RefundLine(rs.getString("status"), rs.getString("currency"), rs.getLong("n"),
            rs.getLong("total")), from, to);
    List<String> order = List.of("issued", "failed", "refused", "pending");
    return lines.stream().sorted(Comparator
            .comparingInt((ShiftReport.RefundLine r) -> order.contains(r.status()) ? order.indexOf(r.status()) : order.size())
            .thenComparing(ShiftReport.RefundLine::status).thenComparing(ShiftReport.RefundLine::currency))
        .toList();
  }

  ShiftReport.DeadLetters dead(Instant from, Instant to) {
    List<ShiftReport.SourceDead> bySource = jdbc.query("select source, count(*) as open_now,"
        + " sum(case when finished_at >= ? and finished_at < ? then 1 else 0 end) as new_in_period"
        + " from inbox where status = 'dead' group by source order by count(*) desc, source",
        rs -> new ShiftReport.SourceDead(rs.getString("source"), rs.getLong("open_now"), rs.getLong("new_in_period")),
        from, to);
    Map<String, Long> errors = new LinkedHashMap<>();
    jdbc.query("select last_error, count(*) as n from inbox where status = 'dead' group by last_error"
        + " order by count(*) desc fetch first 500 rows only", rs -> {
          errors.merge(ReportText.error(rs.getString("last_error")), rs.getLong("n"), Long::sum);
          return null;
        });
    return new ShiftReport.DeadLetters(bySource.stream().mapToLong(ShiftReport.SourceDead::open).sum(),
        bySource.stream().mapToLong(ShiftReport.SourceDead::newInPeriod).sum(), bySource, top(errors));
  }

  List<ShiftReport.CarrierCount> carriers(Instant from, Instant to) {
    return jdbc.query("select group_key, count(*) as n, count(distinct helpdesk || ' ' || ticket_id) as tickets"
        + " from shipment_exception_seen where seen_at >= ? and seen_at < ? group by group_key"
        + " order by count(*) desc, group_key fetch first " + TOP + " rows only",
        rs -> new ShiftReport.CarrierCount(rs.getString("group_key"), rs.getLong("n"), rs.getLong("tickets")), from, to);
  }

  List<ShiftReport.HelpdeskErrors> helpdeskErrors(Instant from, Instant to) {
    Set<String> known = new TreeSet<>(helpdesks);
    known.addAll(jdbc.query("select distinct helpdesk from correlation", rs -> rs.getString(1)));
    known.addAll(jdbc.query("select distinct helpdesk from audit where helpdesk is not null", rs -> rs.getString(1)));
    if (known.isEmpty()) return List.of();
    Map<String, Pattern> naming = new LinkedHashMap<>();
    // the writer's "zendesk: ..." after the exception's class, or the guard's "zendesk budget of ..."
    for (String id : known) naming.put(id, Pattern.compile("(?:^|: )" + Pattern.quote(id) + "(?=[: ]|$)"));
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, Map<String, Long>> texts = new TreeMap<>();
    jdbc.query("select status, last_error, count(*) as n from inbox where last_error is not null"
        + " and status in ('received', 'dead') and coalesce(last_attempt_at, received_at) >= ?"
        + " and coalesce(last_attempt_at, received_at) < ? group by status, last_error"
        + " order by count(*) desc fetch first 2000 rows only", rs -> {
          String error = rs.getString("last_error");
          long n = rs.getLong("n");
          for (Map.Entry<String, Pattern> hd : naming.entrySet()) {
            if (!hd.getValue().matcher(error).find()) continue;
            long[] c = counts.computeIfAbsent(hd.getKey(), k -> new long[4]);
            c[0] += n;
            if ("dead".equals(rs.getString("status"))) c[1] += n;
            else c[2] += n;
            if (RATE_LIMITED.matcher(error).find()) c[3] += n;
            texts.computeIfAbsent(hd.getKey(), k -> new LinkedHashMap<>()).merge(ReportText.error(error), n, Long::sum);
            break;
          }
          return null;
        }, from, to);
    List<ShiftReport.HelpdeskErrors> out = new ArrayList<>();
    counts.forEach((id, c) -> out.add(new ShiftReport.HelpdeskErrors(id, c[0], c[1], c[2], c[3], top(texts.get(id)))));
    out.sort(Comparator.comparingLong(ShiftReport.HelpdeskErrors::events).reversed().thenComparing(ShiftReport.HelpdeskErrors::helpdesk));
    return out;
  }

  List<ShiftReport.Bucket> hourly(ReportPeriod period) {
    List<Instant> bounds = boundaries(period);
    int n = bounds.size() - 1;
    StringBuilder sql = new StringBuilder("select ");
    List<Object> params = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sql.append(i == 0 ? "" : ", ").append("sum(case when received_at >= ? and received_at < ? then 1 else 0 end)");
      params.add(bounds.get(i));
      params.add(bounds.get(i + 1));
    }
    sql.append(" from inbox where received_at >= ? and received_at < ?");
    params.add(period.since());
    params.add(period.until());
    long[] counts = jdbc.one(sql.toString(), rs -> {
      long[] c = new long[n];
      for (int i = 0; i < n; i++) c[i] = rs.getLong(i + 1);
      return c;
    }, params.toArray()).orElse(new long[n]);
    boolean hourly = period.length().compareTo(HOURLY_UP_TO) <= 0;
    List<ShiftReport.Bucket> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant start = bounds.get(i);
      Instant labelAt = i == 0 ? truncate(start, period, hourly) : start;
      String label = hourly ? ReportText.hour(labelAt, period.zone()) : ReportText.day(labelAt, period.zone());
      out.add(new ShiftReport.Bucket(start, bounds.get(i + 1), label, counts[i]));
    }
    return out;
  }

  /**
   * The chart's bucket edges: the period's ends, and between them each whole local hour (or local
   * midnight, for periods over {@link #HOURLY_UP_TO}). Hours follow the time line, so a night
   * across a clock change has one bucket fewer or more.
   */
  static List<Instant> boundaries(ReportPeriod period) {
    boolean hourly = period.length().compareTo(HOURLY_UP_TO) <= 0;
    List<Instant> out = new ArrayList<>();
    out.add(period.since());
    ZonedDateTime next = period.since().atZone(period.zone()).truncatedTo(hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS);
    while (true) {
      next = hourly ? next.plusHours(1) : next.plusDays(1);
      Instant at = next.toInstant();
      if (!at.isAfter(period.since())) continue;
      if (!at.isBefore(period.until())) break;
      out.add(at);
    }
    out.add(period.until());
    return out;
  }

  private static Instant truncate(Instant at, ReportPeriod period, boolean hourly) {
    return at.atZone(period.zone()).truncatedTo(hourly ? ChronoUnit.HOURS : ChronoUnit.DAYS).toInstant();
  }

  private static List<ShiftReport.ErrorCount> top(Map<String, Long> counts) {
    if (counts == null) return List.of();
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP)
        .map(e -> new ShiftReport.ErrorCount(e.getKey(), e.getValue()))
        .toList();
  }
}
