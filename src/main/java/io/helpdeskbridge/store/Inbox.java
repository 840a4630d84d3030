package io.helpdeskbridge.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable record of every accepted delivery. The unique (source, event id) key is the dedupe: a
 * second delivery of the same event only bumps the row's duplicate counter.
 */
public final class Inbox {

  /** What {@link #accept} did: stored a new row, or found the event already there. */
  public record Accepted(long id, boolean duplicate, InboxStatus status) {}

  private static final String COLUMNS =
      "id, source, event_id, vendor_type, order_key, headers, body, status, attempts, duplicates, outcome,"
          + " last_error, received_at, first_attempt_at, last_attempt_at, finished_at, next_attempt_at";

  private final Jdbc jdbc;

  Inbox(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public Accepted accept(
      String source, String eventId, String vendorType, String orderKey, String headersJson, String body,
      InboxStatus status, String outcome, Instant now) {
    try {
      long id =
          jdbc.insert(
              "insert into inbox (source, event_id, vendor_type, order_key, headers, body, status, outcome,"
                  + " received_at, finished_at) values (?,?,?,?,?,?,?,?,?,?)",
              source, eventId, vendorType, orderKey, headersJson, body, status.db(), clip(outcome), now,
              status == InboxStatus.RECEIVED ? null : now);
      return new Accepted(id, false, status);
    } catch (SQLException e) {
      if (!Jdbc.isDuplicateKey(e)) throw new StoreException("insert into inbox", e);
      jdbc.update("update inbox set duplicates = duplicates + 1 where source = ? and event_id = ?", source, eventId);
      InboxRow row = find(source, eventId).orElseThrow(() -> new StoreException("duplicate vanished", e));
      return new Accepted(row.id(), true, row.status());
    }
  }

  public Optional<InboxRow> get(long id) {
    return jdbc.one("select " + COLUMNS + " from inbox where id = ?", Inbox::map, id);
  }

  public Optional<InboxRow> find(String source, String eventId) {
    return jdbc.one("select " + COLUMNS + " from inbox where source = ? and event_id = ?", Inbox::map, source, eventId);
  }

  /** Rows still waiting, oldest first: on start these are what a crash left behind. */
  public List<InboxRow> pending(long afterId, int limit) {
    return jdbc.query(
        "select " + COLUMNS + " from inbox where status = 'received' and id > ? order by id fetch first " + limit
            + " rows only",
        Inbox::map, afterId);
  }

  public List<InboxRow> byStatus(InboxStatus status, int limit) {
    return find(status, null, null, null, limit);
  }

  /** How many rows each status holds; every status is present, zero when empty. */
  public java.util.Map<String, Long> countByStatus() {
    java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
    for (InboxStatus s : InboxStatus.values()) out.put(s.db(), 0L);
    jdbc.query("select status, count(*) as n from inbox group by status", rs -> out.put(rs.getString("status"), rs.getLong("n")));
    return out;
  }

  /** Rows of one status, newest first, narrowed by source, order key and last-attempt time when given. */
  public List<InboxRow> find(InboxStatus status, String source, String orderKey, Instant since, int limit) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from inbox where status = ?");
    List<Object> params = new java.util.ArrayList<>(List.of(status.db()));
    if (source != null) {
      sql.append(" and source = ?");
      params.add(source);
    }
    if (orderKey != null) {
      sql.append(" and order_key = ?");
      params.add(orderKey);
    }
    if (since != null) {
      sql.append(" and coalesce(last_attempt_at, received_at) >= ?");
      params.add(since);
    }
    sql.append(" order by id desc fetch first ").append(Math.max(1, limit)).append(" rows only");
    return jdbc.query(sql.toString(), Inbox::map, params.toArray());
  }

  /** Deletes finished rows (done, ignored, dead) finished before {@code before}; received rows are never purged. */
  public int purge(Instant before) {
    return jdbc.update("delete from inbox where status <> 'received' and finished_at < ?", before);
  }

  /** Leaves the row received, to be tried again at {@code at}; the error says why it waits. */
  public void defer(long id, Instant at, String error) {
    jdbc.update("update inbox set next_attempt_at = ?, last_error = ? where id = ? and status = 'received'", at, clip(error), id);
  }

  /** Received rows whose next attempt is due, oldest first. */
  public List<InboxRow> due(Instant now, int limit) {
    return jdbc.query("select " + COLUMNS + " from inbox where status = 'received' and next_attempt_at is not null"
        + " and next_attempt_at <= ? order by id fetch first " + limit + " rows only", Inbox::map, now);
  }

  /** "o goes before r": the vendor produced it earlier (occurred-at, else arrival time), ties by arrival. */
  private static final String BEFORE = "(coalesce(o.occurred_at, o.received_at) < coalesce(r.occurred_at, r.received_at)"
      + " or (coalesce(o.occurred_at, o.received_at) = coalesce(r.occurred_at, r.received_at) and o.id < r.id))";

  /**
   * When a row of the same order that goes before this one waits for a retry, the time it is due:
   * a later event of that order must not overtake it.
   */
  public Optional<Instant> earlierWaiting(String orderKey, long id, Instant now) {
    return jdbc.one("select o.next_attempt_at from inbox o join inbox r on r.id = ? where o.order_key = ?"
        + " and o.status = 'received' and o.id <> r.id and o.next_attempt_at > ? and " + BEFORE
        + " order by o.next_attempt_at fetch first 1 rows only",
        rs -> Jdbc.instant(rs, "next_attempt_at"), id, orderKey, now);
  }

  /**
   * A waiting row of the same order that the vendor produced before this one but that arrived
   * after it (vendors do not promise delivery order): it is applied first.
   */
  public Optional<Long> producedEarlier(String orderKey, long id) {
    return jdbc.one("select o.id from inbox o join inbox r on r.id = ? where o.order_key = ? and o.status = 'received'"
        + " and o.id > r.id and " + BEFORE + " order by coalesce(o.occurred_at, o.received_at), o.id fetch first 1 rows only",
        rs -> rs.getLong(1), id, orderKey);
  }

  /**
   * The rows of one order that may be applied now, in the order the vendor produced them: one
   * dispatch batch, whose changes to the same ticket are written together. The batch ends before
   * the first row that is not due yet (waiting for a retry or its coalescing window): nothing
   * the vendor produced later may overtake it.
   */
  public List<InboxRow> batch(String orderKey, Instant now, int limit) {
    List<InboxRow> waiting = jdbc.query("select " + COLUMNS + " from inbox where order_key = ? and status = 'received'"
        + " order by coalesce(occurred_at, received_at), id fetch first " + limit + " rows only", Inbox::map, orderKey);
    List<InboxRow> due = new java.util.ArrayList<>();
    for (InboxRow r : waiting) {
      if (r.nextAttemptAt() != null && r.nextAttemptAt().isAfter(now)) break;
      due.add(r);
    }
    return due;
  }

  /** Waits without counting the attempt just started: the helpdesk asked us to wait, nothing failed. */
  public void postpone(long id, Instant at, String why) {
    jdbc.update("update inbox set next_attempt_at = ?, last_error = ?, attempts = case when attempts > 0 then attempts - 1"
        + " else 0 end where id = ? and status = 'received'", at, clip(why), id);
  }

  public void startAttempt(long id, Instant now) {
    jdbc.update(
        "update inbox set attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, ?),"
            + " last_attempt_at = ? where id = ?",
        now, now, id);
  }

  public void finish(long id, InboxStatus status, String outcome, String error, Instant now) {
    jdbc.update(
        "update inbox set status = ?, outcome = ?, last_error = ?, finished_at = ?, next_attempt_at = null where id = ?",
        status.db(), clip(outcome), clip(error), now, id);
  }

  /** Puts a finished row back to received, for replay. */
  public boolean requeue(long id) {
    return jdbc.update("update inbox set status = 'received', finished_at = null, next_attempt_at = null where id = ?"
        + " and status <> 'received'", id) == 1;
  }

  static String clip(String s) {
    return s == null || s.length() <= 4000 ? s : s.substring(0, 3999) + "…";
  }

  private static InboxRow map(ResultSet rs) throws SQLException {
    return new InboxRow(
        rs.getLong("id"), rs.getString("source"), rs.getString("event_id"), rs.getString("vendor_type"),
        rs.getString("order_key"), rs.getString("headers"), rs.getString("body"),
        InboxStatus.fromDb(rs.getString("status")), rs.getInt("attempts"), rs.getInt("duplicates"),
        rs.getString("outcome"), rs.getString("last_error"), Jdbc.instant(rs, "received_at"),
        Jdbc.instant(rs, "first_attempt_at"), Jdbc.instant(rs, "last_attempt_at"), Jdbc.instant(rs, "finished_at"),
        Jdbc.instant(rs, "next_attempt_at"));
  }
}
