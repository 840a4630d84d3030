package io.helpdeskbridge.observe;

import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the store, as a Camel health check ({@code bridge/store} in {@code /observe/health}):
 * no webhook can be accepted without the inbox, so the instance is not ready while the store does
 * not answer a JDBC {@code isValid} within two seconds. It is not a liveness check: restarting the
 * JVM would not bring the database back.
 */
public final class StoreHealthCheck extends AbstractHealthCheck {
  private final DataSource store;

  public StoreHealthCheck(DataSource store) {
    super("bridge", "store");
    this.store = store;
  }

  @Override
  public boolean isLiveness() {
    return false;
  }

  @Override
  protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
    // the message only: a driver's exception may name the JDBC URL, and health answers are unauthenticated
    try (var c = store.getConnection()) {
      if (c.isValid(2)) builder.up();
      else builder.down().message("the store did not answer within 2 s");
    } catch (Exception e) {
      builder.down().message("the store is unreachable (" + e.getClass().getSimpleName() + ")");
    }
  }
}
