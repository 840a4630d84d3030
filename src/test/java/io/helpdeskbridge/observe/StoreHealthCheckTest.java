package io.helpdeskbridge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.store.Store;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;

class StoreHealthCheckTest {

  @Test
  void upWhileTheStoreAnswersAndAReadinessCheckOnly() {
    try (Store store = Store.open("jdbc:h2:mem:health-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")) {
      StoreHealthCheck check = new StoreHealthCheck(store.dataSource());
      assertThat(check.call().getState()).isEqualTo(HealthCheck.State.UP);
      assertThat(check.isReadiness()).isTrue();
      assertThat(check.isLiveness()).isFalse();
      assertThat(check.getId()).isEqualTo("store");
    }
  }

  @Test
  void downWithoutNamingTheUrlWhenTheStoreIsUnreachable() {
    DataSource unreachable = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          throw new SQLException("Connection to jdbc:postgresql://db:5432/bridge?password=hunter2 refused");
        });
    HealthCheck.Result result = new StoreHealthCheck(unreachable).call();
    assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
    assertThat(result.getMessage()).hasValue("the store is unreachable (SQLException)");
    assertThat(result.getError()).isEmpty();
  }
}
