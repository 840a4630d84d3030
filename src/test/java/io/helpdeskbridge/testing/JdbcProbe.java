package io.helpdeskbridge.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads a running bridge's store by JDBC URL from the test, e.g. a {@link PostgresSchema}'s (StoreProbe is H2-only). */
public final class JdbcProbe {
  private final String url;

  public JdbcProbe(String url) {
    this.url = url;
  }

  /** The single number a {@code select count(*) ...} answers. */
  public long count(String sql, Object... params) {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
