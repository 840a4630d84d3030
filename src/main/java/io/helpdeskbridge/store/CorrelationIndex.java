package io.helpdeskbridge.store;

import java.time.Instant;
import java.util.Optional;

/** Remembers which ticket an order lives in, per helpdesk, so the next event needs no search. */
public final class CorrelationIndex {
  private final Jdbc jdbc;

  CorrelationIndex(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<String> lookup(String helpdesk, String orderKey) {
    return jdbc.one(
        "select ticket_id from correlation where helpdesk = ? and order_key = ?", rs -> rs.getString(1), helpdesk, orderKey);
  }

  public void remember(String helpdesk, String orderKey, String ticketId, String foundBy) {
    Instant now = Instant.now();
    if (jdbc.update(
            "update correlation set ticket_id = ?, found_by = ?, updated_at = ? where helpdesk = ? and order_key = ?",
            ticketId, foundBy, now, helpdesk, orderKey) == 0) {
      try {
        jdbc.exec(
            "insert into correlation (helpdesk, order_key, ticket_id, found_by, updated_at) values (?,?,?,?,?)",
            helpdesk, orderKey, ticketId, foundBy, now);
      } catch (java.sql.SQLException e) {
        if (!Jdbc.isDuplicateKey(e)) throw new StoreException("insert into correlation", e);
      }
    }
  }

  public void forget(String helpdesk, String orderKey) {
    jdbc.update("delete from correlation where helpdesk = ? and order_key = ?", helpdesk, orderKey);
  }
}
