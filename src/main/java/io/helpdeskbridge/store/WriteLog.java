package io.helpdeskbridge.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Pending/written marks around each helpdesk write. A pending mark found on a later attempt means
 * the earlier attempt may have written before it died, so the writer checks the ticket first.
 */
public final class WriteLog {

  /** State of one write. */
  public enum State { PENDING, WRITTEN }

  private final Jdbc jdbc;

  WriteLog(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<State> state(String marker) {
    return jdbc.one("select state from write_log where marker = ?", rs -> State.valueOf(rs.getString(1)), marker);
  }

  public void pending(String marker, String helpdesk, String ticketId) {
    try {
      jdbc.exec(
          "insert into write_log (marker, helpdesk, ticket_id, state, started_at) values (?,?,?,?,?)",
          marker, helpdesk, ticketId, State.PENDING.name(), Instant.now());
    } catch (SQLException e) {
      if (!Jdbc.isDuplicateKey(e)) throw new StoreException("insert into write_log", e);
    }
  }

  public void written(String marker) {
    jdbc.update("update write_log set state = ?, written_at = ? where marker = ?", State.WRITTEN.name(), Instant.now(), marker);
  }

  /** Forgets a write, so a replay writes the change again (an operator asked for it). */
  public void forget(String marker) {
    jdbc.update("delete from write_log where marker = ?", marker);
  }
}
