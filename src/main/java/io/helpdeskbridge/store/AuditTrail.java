package io.helpdeskbridge.store;

import java.time.Instant;
import java.util.List;

/** Append-only record of what each event did to which ticket. */
public final class AuditTrail {

  /** One audit line. */
  public record Entry(
      long inboxId, String source, String eventId, String eventType, String orderKey, String helpdesk,
      String ticketId, String action, String detail, Instant at) {}

  private final Jdbc jdbc;

  AuditTrail(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public void record(Entry e) {
    jdbc.update(
        "insert into audit (inbox_id, source, event_id, event_type, order_key, helpdesk, ticket_id, action, detail, at)"
            + " values (?,?,?,?,?,?,?,?,?,?)",
        e.inboxId(), e.source(), e.eventId(), e.eventType(), e.orderKey(), e.helpdesk(), e.ticketId(), e.action(),
        Inbox.clip(e.detail()), e.at());
  }

  public List<Entry> forEvent(String source, String eventId) {
    return jdbc.query(
        "select * from audit where source = ? and event_id = ? order by id",
        rs -> new Entry(rs.getLong("inbox_id"), rs.getString("source"), rs.getString("event_id"),
            rs.getString("event_type"), rs.getString("order_key"), rs.getString("helpdesk"), rs.getString("ticket_id"),
            rs.getString("action"), rs.getString("detail"), Jdbc.instant(rs, "at")),
        source, eventId);
  }
}
