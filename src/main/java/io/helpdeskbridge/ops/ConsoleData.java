package io.helpdeskbridge.ops;

import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.store.AuditTrail;
import io.helpdeskbridge.store.InboxRow;
import io.helpdeskbridge.store.Jdbc;
import io.helpdeskbridge.store.Store;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the console reads from the store besides the ops API's own calls: the audit trail, an
 * order's deliveries, searches, and each connector's last success and last error. Read-only; the
 * same SQL runs on H2 and PostgreSQL.
 */
final class ConsoleData {
  /** The audit actions that mean the helpdesk took (or already had) the change. */
  static final List<String> SUCCESS = List.of("applied", "created", "already-applied");

  /** An order the search found: its key, how many deliveries it has, the newest, and why it matched. */
  record OrderHit(String orderKey, long deliveries, Instant last, String matchedBy) {}

  /** One source connector's traffic and trouble. */
  record SourceHealth(long lastQuarterHour, Instant lastReceived, Instant lastDone, long dead, long waiting,
      Instant lastErrorAt, String lastError) {}

  /** One helpdesk's last write that landed and last error that named it. */
  record DeskHealth(Instant lastSuccessAt, String lastSuccessTicket, Instant lastErrorAt, String lastError, long waiting) {}

  private final Store store;
  private final Jdbc jdbc;

  ConsoleData(Store store) {
    this.store = store;
    this.jdbc = new Jdbc(store.dataSource());
  }

  Optional<InboxRow> delivery(long id) {
    return store.inbox().get(id);
  }

  /** What the events of one delivery did to tickets, in order. */
  List<AuditTrail.Entry> changes(long inboxId) {
    return jdbc.query("select inbox_id, source, event_id, event_type, order_key, helpdesk, ticket_id, action, detail, at"
        + " from audit where inbox_id = ? order by id", ConsoleData::entry, inboxId);
  }

  /**
   * The deliveries of an order, oldest first: stored under its key, under a key an alias resolves
   * to it (a tracking number, a payment id), or applied to it per the audit.
   */
  List<InboxRow> deliveriesOfOrder(String orderKey, int limit) {
    List<Long> ids = jdbc.query("select id from inbox where order_key = ?"
        + " or order_key in (select alias_key from order_alias where target_key = ?)"
        + " or id in (select inbox_id from audit where order_key = ?)"
        + " order by received_at, id fetch first " + Math.max(1, limit) + " rows only",
        rs -> rs.getLong(1), orderKey, orderKey, orderKey);
    return rows(ids);
  }

  /**
   * Orders that a search names: an order number ({@code 1001}, {@code #1001}) or any order key
   * ({@code order:1001}, {@code tracking:1Z…}); a tracking number, payment id or email the bridge
   * learned as an alias; or a ticket id the order is linked to.
   */
  List<OrderHit> orders(String q) {
    String query = q == null ? "" : q.trim();
    if (query.isEmpty()) return List.of();
    Map<String, String> keys = new LinkedHashMap<>();
    for (String k : candidateKeys(query)) keys.putIfAbsent(k, "order key");
    List<String> candidates = List.copyOf(keys.keySet());
    String in = placeholders(candidates.size());
    for (String target : jdbc.query("select target_key from order_alias where alias_key in (" + in + ")",
        rs -> rs.getString(1), candidates.toArray())) {
      keys.putIfAbsent(target, "alias");
    }
    for (String linked : jdbc.query("select distinct order_key from correlation where ticket_id = ?", rs -> rs.getString(1), query)) {
      keys.putIfAbsent(linked, "ticket " + query);
    }
    for (String linked : jdbc.query("select distinct order_key from audit where ticket_id = ? and order_key is not null",
        rs -> rs.getString(1), query)) {
      keys.putIfAbsent(linked, "ticket " + query);
    }
    List<OrderHit> out = new ArrayList<>();
    for (Map.Entry<String, String> k : keys.entrySet()) {
      List<OrderHit> hit = jdbc.query("select count(*) as n, max(received_at) as last from inbox where order_key = ?"
          + " or order_key in (select alias_key from order_alias where target_key = ?)",
          rs -> new OrderHit(k.getKey(), rs.getLong("n"), Jdbc.instant(rs, "last"), k.getValue()), k.getKey(), k.getKey());
      if (!hit.isEmpty() && hit.get(0).deliveries() > 0) out.add(hit.get(0));
    }
    return out;
  }

  /** Deliveries whose event id is {@code q}, or the newest of the source {@code q}. */
  List<InboxRow> deliveries(String q, int limit) {
    String query = q == null ? "" : q.trim();
    if (query.isEmpty()) return List.of();
    return rows(jdbc.query("select id from inbox where event_id = ? or source = ? order by id desc fetch first "
        + Math.max(1, limit) + " rows only", rs -> rs.getLong(1), query, query));
  }

  /** The tickets an order is linked to: {helpdesk, ticket id} pairs. */
  List<String[]> tickets(String orderKey) {
    return jdbc.query("select helpdesk, ticket_id from correlation where order_key = ? order by helpdesk",
        rs -> new String[] {rs.getString(1), rs.getString(2)}, orderKey);
  }

  /** Traffic and trouble of every source that has deliveries, by source id. */
  Map<String, SourceHealth> sources(Instant now) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, Instant[]> times = new LinkedHashMap<>();
    jdbc.query("select source, count(*) as n from inbox where received_at >= ? group by source", rs -> {
      counts.computeIfAbsent(rs.getString("source"), s -> new long[3])[0] = rs.getLong("n");
      return null;
    }, now.minusSeconds(15 * 60));
    jdbc.query("select source, status, count(*) as n, max(received_at) as last_in, max(finished_at) as last_out from inbox"
        + " group by source, status", rs -> {
          String s = rs.getString("source");
          long[] c = counts.computeIfAbsent(s, x -> new long[3]);
          Instant[] t = times.computeIfAbsent(s, x -> new Instant[2]);
          Instant in = Jdbc.instant(rs, "last_in");
          if (in != null && (t[0] == null || in.isAfter(t[0]))) t[0] = in;
          switch (rs.getString("status")) {
            case "done" -> t[1] = Jdbc.instant(rs, "last_out");
            case "dead" -> c[1] = rs.getLong("n");
            default -> { }
          }
          return null;
        });
    jdbc.query("select source, count(*) as n from inbox where status = 'received' and last_error is not null group by source", rs -> {
      counts.computeIfAbsent(rs.getString("source"), x -> new long[3])[2] = rs.getLong("n");
      return null;
    });
    Map<String, SourceHealth> out = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      Instant[] t = times.getOrDefault(e.getKey(), new Instant[2]);
      List<Object[]> err = jdbc.query("select last_error, coalesce(last_attempt_at, received_at) as at from inbox"
          + " where source = ? and last_error is not null order by coalesce(last_attempt_at, received_at) desc fetch first 1 rows only",
          rs -> new Object[] {rs.getString("last_error"), Jdbc.instant(rs, "at")}, e.getKey());
      out.put(e.getKey(), new SourceHealth(e.getValue()[0], t[0], t[1], e.getValue()[1], e.getValue()[2],
          err.isEmpty() ? null : (Instant) err.get(0)[1], err.isEmpty() ? null : (String) err.get(0)[0]));
    }
    return out;
  }

  /**
   * A helpdesk's last write that landed (audit) and the newest error that names it: the writer
   * reports failed writes as {@code <helpdesk id>: <what it answered>}.
   */
  DeskHealth helpdesk(String id) {
    List<Object[]> ok = jdbc.query("select at, ticket_id from audit where helpdesk = ? and action in ("
        + placeholders(SUCCESS.size()) + ") order by id desc fetch first 1 rows only",
        rs -> new Object[] {Jdbc.instant(rs, "at"), rs.getString("ticket_id")}, params(id, SUCCESS));
    String like = "%" + id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ": %";
    List<Object[]> err = jdbc.query("select last_error, coalesce(last_attempt_at, received_at) as at from inbox"
        + " where last_error like ? order by coalesce(last_attempt_at, received_at) desc fetch first 1 rows only",
        rs -> new Object[] {rs.getString("last_error"), Jdbc.instant(rs, "at")}, like);
    long waiting = jdbc.query("select count(*) from inbox where status = 'received' and last_error like ?",
        rs -> rs.getLong(1), like).get(0);
    return new DeskHealth(ok.isEmpty() ? null : (Instant) ok.get(0)[0], ok.isEmpty() ? null : (String) ok.get(0)[1],
        err.isEmpty() ? null : (Instant) err.get(0)[1], err.isEmpty() ? null : (String) err.get(0)[0], waiting);
  }

  /** The keys a search text may mean: itself when it is a key, else the order number and the alias kinds. */
  static List<String> candidateKeys(String q) {
    Set<String> keys = new LinkedHashSet<>();
    if (q.matches("[a-z-]+:.+")) keys.add(q);
    String number = OrderRef.number(q);
    if (number != null && !number.contains(":")) {
      keys.add("order:" + number);
      keys.add("tracking:" + number);
      keys.add("payment:" + number);
      keys.add("vendor-order:" + number);
      if (number.contains("@")) keys.add("email:" + number.toLowerCase(Locale.ROOT));
    }
    return List.copyOf(keys);
  }

  /** Where a delivery stands, in brief: what a replay's progress shows. */
  record State(long id, String source, String eventId, String orderKey, String status, int attempts, String lastError,
      String outcome) {}

  /** The states of many deliveries at once (500 per query), by id; purged ones are missing. */
  Map<Long, State> states(List<Long> ids) {
    Map<Long, State> out = new LinkedHashMap<>();
    for (int from = 0; from < ids.size(); from += 500) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      jdbc.query("select id, source, event_id, order_key, status, attempts, last_error, outcome from inbox where id in ("
          + placeholders(chunk.size()) + ")", rs -> out.put(rs.getLong("id"), new State(rs.getLong("id"), rs.getString("source"),
              rs.getString("event_id"), rs.getString("order_key"), rs.getString("status"), rs.getInt("attempts"),
              rs.getString("last_error"), rs.getString("outcome"))), chunk.toArray());
    }
    return out;
  }

  private List<InboxRow> rows(List<Long> ids) {
    List<InboxRow> out = new ArrayList<>();
    for (long id : ids) store.inbox().get(id).ifPresent(out::add);
    return out;
  }

  private static String placeholders(int n) {
    return String.join(",", java.util.Collections.nCopies(Math.max(1, n), "?"));
  }

  private static Object[] params(String first, List<String> rest) {
    List<Object> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out.toArray();
  }

  private static AuditTrail.Entry entry(ResultSet rs) throws SQLException {
    long inbox = rs.getLong("inbox_id");
    return new AuditTrail.Entry(rs.wasNull() ? 0 : inbox, rs.getString("source"), rs.getString("event_id"),
        rs.getString("event_type"), rs.getString("order_key"), rs.getString("helpdesk"), rs.getString("ticket_id"),
        rs.getString("action"), rs.getString("detail"), Jdbc.instant(rs, "at"));
  }
}
