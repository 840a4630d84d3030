package io.helpdeskbridge.refund;

import io.helpdeskbridge.store.Jdbc;
import io.helpdeskbridge.store.StoreException;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The refunds agents asked for, by the idempotency key sent to the vendor: a repeated request finds
 * the first outcome here, and the per-order cap adds up what was issued or is still in flight.
 */
public final class RefundLedger {

  public enum Status {
    PENDING, ISSUED, FAILED, REFUSED;

    String db() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Status of(String db) {
      return valueOf(db.toUpperCase(java.util.Locale.ROOT));
    }
  }

  /** One recorded request and what became of it. */
  public record Entry(String key, String ticketId, String orderKey, long amountMinor, String currency, Status status,
      String refundId, String detail) {}

  private final Jdbc jdbc;

  public RefundLedger(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  public Optional<Entry> get(String key) {
    return jdbc.one("select idem_key, ticket_id, order_key, amount_minor, currency, status, refund_id, detail"
        + " from refund_action where idem_key = ?", rs -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getLong(4), rs.getString(5), Status.of(rs.getString(6)), rs.getString(7), rs.getString(8)), key);
  }

  /**
   * What the bridge refunded (or is refunding) for an order in this currency, in minor units. A
   * request still pending counts: its answer may be a refund.
   */
  public long committed(String orderKey, String currency) {
    return jdbc.one("select coalesce(sum(amount_minor), 0) from refund_action where order_key = ? and currency = ?"
        + " and status in ('issued', 'pending')", rs -> rs.getLong(1), orderKey, currency).orElse(0L);
  }

  /**
   * Records that the request is about to go to the vendor. False when the key is known already
   * (another delivery of the same request got here first).
   */
  public boolean begin(String key, String helpdesk, String ticketId, String orderKey, String plugin, long amountMinor,
      String currency, Instant now) {
    try {
      jdbc.exec("insert into refund_action (idem_key, helpdesk, ticket_id, order_key, plugin, amount_minor, currency,"
          + " status, created_at, updated_at) values (?,?,?,?,?,?,?,?,?,?)", key, helpdesk, ticketId, orderKey, plugin,
          amountMinor, currency, Status.PENDING.db(), now, now);
      return true;
    } catch (java.sql.SQLException e) {
      if (Jdbc.isDuplicateKey(e)) return false;
      throw new StoreException("insert into refund_action", e);
    }
  }

  public void finish(String key, Status status, String refundId, String detail, Instant now) {
    jdbc.update("update refund_action set status = ?, refund_id = ?, detail = ?, updated_at = ? where idem_key = ?",
        status.db(), refundId, Jdbc.text(detail == null ? null : detail.length() > 2000 ? detail.substring(0, 2000) : detail),
        now, key);
  }
}
