package io.helpdeskbridge.cluster;

import io.helpdeskbridge.store.Jdbc;
import io.helpdeskbridge.store.StoreException;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Short per-order leases in the store (table {@code order_lease}), so that two instances never
 * work on one order at once: a partition handed over in a rebalance while its old owner is still
 * finishing, or a row published twice, would otherwise let two batches of one order write to the
 * ticket concurrently. A lease is taken with one atomic statement (update-where-free, else
 * insert, where the primary key decides a race), renewed while the batch runs, released after it,
 * and expires by itself when its owner dies. Times are the database's clock.
 */
public final class OrderLeases {
  private final Jdbc jdbc;
  private final String until;

  public OrderLeases(DataSource dataSource, Duration ttl) {
    this.jdbc = new Jdbc(dataSource);
    // a literal whole number of seconds: the interval syntax both H2 and PostgreSQL accept
    this.until = "current_timestamp + interval '" + Math.max(1, ttl.toSeconds()) + "' second";
  }

  /** Takes the order's lease for {@code owner} if it is free, expired or already theirs. */
  public boolean claim(String orderKey, String owner) {
    try {
      int n = jdbc.exec("update order_lease set owner = ?, lease_until = " + until
          + " where order_key = ? and (owner = ? or lease_until < current_timestamp)", owner, orderKey, owner);
      if (n == 1) return true;
      jdbc.exec("insert into order_lease (order_key, owner, lease_until) values (?, ?, " + until + ")", orderKey, owner);
      return true;
    } catch (SQLException e) {
      // another instance inserted first (or, on H2, updated the same row concurrently): not ours
      if (Jdbc.isDuplicateKey(e) || "40001".equals(e.getSQLState()) || "90131".equals(e.getSQLState())) return false;
      throw new StoreException("claim order_lease", e);
    }
  }

  /** Extends a lease still held; false when it was lost (expired and taken by another). */
  public boolean renew(String orderKey, String owner) {
    return jdbc.update("update order_lease set lease_until = " + until + " where order_key = ? and owner = ?",
        orderKey, owner) == 1;
  }

  public void release(String orderKey, String owner) {
    jdbc.update("delete from order_lease where order_key = ? and owner = ?", orderKey, owner);
  }
}
