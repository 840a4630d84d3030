package io.helpdeskbridge.store;

import java.time.Instant;

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

}
