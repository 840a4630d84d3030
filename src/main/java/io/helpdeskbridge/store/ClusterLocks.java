package io.helpdeskbridge.store;

import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The locks that make scheduled work run once per cluster (the relay, the stale-shipment sweep,
 * the shift report): ShedLock on the store's {@code shedlock} table, timed by the database's
 * clock so instances with drifting clocks agree.
 */
public final class ClusterLocks {
  private ClusterLocks() {}

  public static LockProvider provider(DataSource dataSource) {
    return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
        .withJdbcTemplate(new JdbcTemplate(dataSource))
        .withTableName("shedlock")
        .usingDbTime()
        .build());
  }
}
