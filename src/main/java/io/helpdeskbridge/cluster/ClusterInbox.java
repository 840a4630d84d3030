package io.helpdeskbridge.cluster;

import io.helpdeskbridge.store.Jdbc;
import io.helpdeskbridge.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The inbox as cluster mode sees it: which rows Kafka has (published_at) and which the relay must
 * publish. Kept beside the inbox's own SQL rather than in it, on the same table (migration V7).
 */
public final class ClusterInbox {

  /** A row to hand to Kafka. */
  public record Publishable(long id, String orderKey) {}

  /** A confirmed send: the row and when its send started. */
  public record Published(long id, Instant sentAt) {}

  private final DataSource dataSource;
  private final Jdbc jdbc;

  public ClusterInbox(DataSource dataSource) {
    this.dataSource = dataSource;
    this.jdbc = new Jdbc(dataSource);
  }

  /** Records that Kafka holds these rows, in one commit. */
  public void markPublished(List<Published> rows) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("update inbox set published_at = ? where id = ?")) {
      for (Published p : rows) {
        ps.setObject(1, Jdbc.ts(p.sentAt()));
        ps.setLong(2, p.id());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new StoreException("update inbox set published_at", e);
    }
  }

  /**
   * Received rows the relay must publish, oldest first: never published and older than {@code
   * grace} (intake's own send failed, or its instance died before sending); deferred and due again
   * since they were last published (the redelivery the embedded sweeper does); or published so
   * long ago ({@code stale}) that a lost message or a skewed clock must not leave them stuck.
   */
  public List<Publishable> toPublish(Instant now, Duration grace, Duration stale, int limit) {
    return jdbc.query("select id, order_key from inbox where status = 'received' and ("
            + " (published_at is null and received_at < ?)"
            + " or (next_attempt_at <= ? and published_at < next_attempt_at)"
            + " or published_at < ?)"
            + " order by id fetch first " + limit + " rows only",
        rs -> new Publishable(rs.getLong(1), rs.getString(2)), now.minus(grace), now, now.minus(stale));
  }
}
