package io.helpdeskbridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The bridge's one database: H2 in a file by default, PostgreSQL when the URL says so. Opening it
 * runs the Flyway migrations, so a new version upgrades the schema on start. On PostgreSQL the
 * tables go to the URL's {@code currentSchema} (Flyway creates it when missing), else {@code public}.
 */
public final class Store implements AutoCloseable {

  private final HikariDataSource dataSource;
  private final Inbox inbox;
  private final CorrelationIndex correlation;
  private final AuditTrail audit;
  private final WriteLog writeLog;
  private final OrderAliases aliases;
  private InboxBatcher batcher;

  private Store(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    Jdbc jdbc = new Jdbc(dataSource);
    this.inbox = new Inbox(jdbc);
    this.correlation = new CorrelationIndex(jdbc);
    this.audit = new AuditTrail(jdbc);
    this.writeLog = new WriteLog(jdbc);
    this.aliases = new OrderAliases(jdbc);
  }

  /**
   * The default URL: an H2 file under {@code home/data}. {@code WRITE_DELAY=0} makes every commit
   * reach the file before the call returns, so a 202 survives a kill -9 straight after it; {@code
   * AUTO_SERVER} lets the CLI ({@code dead list}) read the store while the bridge runs.
   */
  public static String defaultUrl(Path home) {
    Path file = home.toAbsolutePath().normalize().resolve("data").resolve("bridge");
    return "jdbc:h2:file:" + file + ";WRITE_DELAY=0;AUTO_SERVER=TRUE";
  }

  public static Store open(String url) {
    if (url.startsWith("jdbc:h2:file:")) {
      String path = url.substring("jdbc:h2:file:".length()).split(";", 2)[0];
      try {
        Path parent = Path.of(path).toAbsolutePath().getParent();
        if (parent != null) Files.createDirectories(parent);
      } catch (IOException e) {
        throw new StoreException("cannot create the store folder for " + path, e);
      }
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(8);
    config.setPoolName("bridge-store");
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(10_000);
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open the store at " + redact(url) + ": " + e.getMessage(), e);
    }
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return new Store(ds);
  }

  /** The URL without a password parameter, for messages. */
  public static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Inbox inbox() {
    return inbox;
  }

  public CorrelationIndex correlation() {
    return correlation;
  }

  public AuditTrail audit() {
    return audit;
  }

  public WriteLog writeLog() {
    return writeLog;
  }

  public OrderAliases aliases() {
    return aliases;
  }

  /** The group-commit writer intake uses; started on first use. */
  public synchronized InboxBatcher batcher() {
    if (batcher == null) batcher = new InboxBatcher(dataSource, inbox);
    return batcher;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (batcher != null) batcher.close();
    }
    dataSource.close();
  }
}
