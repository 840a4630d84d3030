package io.helpdeskbridge.incident;

import io.helpdeskbridge.store.Jdbc;
import io.helpdeskbridge.store.StoreException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The store's side of carrier incidents: the exceptions seen per carrier (and region), the open
 * incident of a group with its problem ticket, and the order tickets linked to it. Database
 * constraints make the counting and the one-problem-per-incident rule hold across lanes and
 * instances.
 */
public final class CarrierIncidents {

  /** An open incident; {@code problemTicketId} is null until the problem ticket exists. */
  public record Incident(long id, String groupKey, String helpdesk, String problemTicketId, Instant openedAt,
      Instant lastSeenAt) {}

  private final Jdbc jdbc;

  public CarrierIncidents(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /** Counts one exception once, however often its event is delivered. */
  public void seen(String groupKey, String helpdesk, String ticketId, String fact, Instant at) {
    try {
      jdbc.exec("insert into shipment_exception_seen (group_key, helpdesk, ticket_id, fact, seen_at) values (?,?,?,?,?)",
          groupKey, helpdesk, ticketId, fact, at);
    } catch (java.sql.SQLException e) {
      if (!Jdbc.isDuplicateKey(e)) throw new StoreException("insert into shipment_exception_seen", e);
    }
  }

  /** Exceptions of the group since {@code since}. */
  public int count(String groupKey, Instant since) {
    return jdbc.one("select count(*) from shipment_exception_seen where group_key = ? and seen_at >= ?",
        rs -> rs.getInt(1), groupKey, since).orElse(0);
  }

  /** The distinct tickets of the group's exceptions since {@code since}, oldest first. */
  public List<String> tickets(String groupKey, String helpdesk, Instant since) {
    return jdbc.query("select ticket_id from shipment_exception_seen where group_key = ? and helpdesk = ? and seen_at >= ?"
        + " group by ticket_id order by min(seen_at)", rs -> rs.getString(1), groupKey, helpdesk, since);
  }

  public Optional<Incident> open(String groupKey) {
    return jdbc.one("select id, group_key, helpdesk, problem_ticket_id, opened_at, last_seen_at from carrier_incident"
        + " where open_key = ?", rs -> new Incident(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            Jdbc.instant(rs, "opened_at"), Jdbc.instant(rs, "last_seen_at")), groupKey);
  }

  /** Opens the group's incident; empty when another lane opened it first (read it with {@link #open}). */
  public Optional<Long> openNew(String groupKey, String helpdesk, Instant at) {
    try {
      return Optional.of(jdbc.insert("insert into carrier_incident (group_key, open_key, helpdesk, opened_at, last_seen_at)"
          + " values (?,?,?,?,?)", groupKey, groupKey, helpdesk, at, at));
    } catch (java.sql.SQLException e) {
      if (Jdbc.isDuplicateKey(e)) return Optional.empty();
      throw new StoreException("insert into carrier_incident", e);
    }
  }

  public void problemCreated(long incidentId, String problemTicketId) {
    jdbc.update("update carrier_incident set problem_ticket_id = ? where id = ?", problemTicketId, incidentId);
  }

  public void touch(long incidentId, Instant at) {
    jdbc.update("update carrier_incident set last_seen_at = ? where id = ? and last_seen_at < ?", at, incidentId, at);
  }

  /** The incident stays in the records but no longer collects exceptions; the next burst opens a new one. */
  public void close(long incidentId) {
    jdbc.update("update carrier_incident set open_key = null where id = ?", incidentId);
  }

  /** Adds a ticket to the incident; false when it was a member already. */
  public boolean join(long incidentId, String ticketId, Instant at) {
    try {
      jdbc.exec("insert into carrier_incident_member (incident_id, ticket_id, linked_at) values (?,?,?)", incidentId, ticketId, at);
      return true;
    } catch (java.sql.SQLException e) {
      if (Jdbc.isDuplicateKey(e)) return false;
      throw new StoreException("insert into carrier_incident_member", e);
    }
  }

  public int members(long incidentId) {
    return jdbc.one("select count(*) from carrier_incident_member where incident_id = ?", rs -> rs.getInt(1), incidentId).orElse(0);
  }
}
