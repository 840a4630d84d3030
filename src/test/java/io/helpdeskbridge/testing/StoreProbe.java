package io.helpdeskbridge.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a running bridge's H2 store from the test (the default URL has AUTO_SERVER on). */
public final class StoreProbe {
  private final String url;

  public StoreProbe(Path home) {
    this.url = io.helpdeskbridge.store.Store.defaultUrl(home);
  }

  public List<Map<String, Object>> rows(String sql, Object... params) {
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
      try (ResultSet rs = ps.executeQuery()) {
        List<Map<String, Object>> out = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rs.getObject(i));
          }
          out.add(row);
        }
        return out;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Status of the inbox row of one event, or null when there is none. */
  public String status(String source, String eventId) {
    List<Map<String, Object>> r = rows("select status from inbox where source = ? and event_id = ?", source, eventId);
    return r.isEmpty() ? null : (String) r.get(0).get("status");
  }

  public Map<String, Object> inboxRow(String source, String eventId) {
    List<Map<String, Object>> r = rows("select * from inbox where source = ? and event_id = ?", source, eventId);
    return r.isEmpty() ? null : r.get(0);
  }
}
