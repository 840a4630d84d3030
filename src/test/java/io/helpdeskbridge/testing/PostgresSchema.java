package io.helpdeskbridge.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * A throw-away schema on the machine's PostgreSQL, so tests share one server without seeing each
 * other's rows. The server is the one CI and the dev box run: 127.0.0.1:5432, database {@code
 * test}, trust auth, user {@code postgres} or {@code root}; {@code BRIDGE_TEST_PG_URL} (a JDBC URL
 * without {@code currentSchema}) points elsewhere. Closing drops the schema with everything in it.
 *
 * <pre>{@code
 * try (PostgresSchema pg = PostgresSchema.create(); Store store = Store.open(pg.url())) { ... }
 * }</pre>
 */
public final class PostgresSchema implements AutoCloseable {

  private static final List<String> LOCAL_URLS = List.of(
      "jdbc:postgresql://127.0.0.1:5432/test?user=postgres",
      "jdbc:postgresql://127.0.0.1:5432/test?user=root");

  // found once: every schema of a run lives on the same server
  private static String found;

  private final String server;
  private final String name;

  private PostgresSchema(String server, String name) {
    this.server = server;
    this.name = name;
  }

  /** A new, empty schema. */
  public static PostgresSchema create() {
    PostgresSchema schema = reserve();
    schema.execute("create schema " + schema.name);
    return schema;
  }

  /**
   * A fresh schema name that does not exist yet, for tests of whoever should create it (Flyway, on
   * {@code Store.open}). Closing still drops it.
   */
  public static PostgresSchema reserve() {
    return new PostgresSchema(findServer(), "hdb_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
  }

  public String name() {
    return name;
  }

  /** The JDBC URL whose connections read and write this schema (their {@code search_path}). */
  public String url() {
    return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name;
  }

  /** Runs one statement outside the schema's connections (DDL, test set-up). */
  public void execute(String sql) {
    try (Connection c = DriverManager.getConnection(server);
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    execute("drop schema if exists " + name + " cascade");
  }

  private static synchronized String findServer() {
    if (found != null) return found;
    String configured = System.getenv("BRIDGE_TEST_PG_URL");
    List<String> candidates = configured == null || configured.isBlank() ? LOCAL_URLS : List.of(configured);
    SQLException last = null;
    for (String url : candidates) {
      try (Connection c = DriverManager.getConnection(url)) {
        found = url;
        return url;
      } catch (SQLException e) {
        last = e;
      }
    }
    // fail, never skip: the store's PostgreSQL tests are part of the unit suite, on CI too
    throw new IllegalStateException("no PostgreSQL at " + candidates + " (" + (last == null ? "" : last.getMessage())
        + "). Start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start,"
        + " or set BRIDGE_TEST_PG_URL", last);
  }
}
