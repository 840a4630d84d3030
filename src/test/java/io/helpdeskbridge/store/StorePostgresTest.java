package io.helpdeskbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.testing.PostgresSchema;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where the store's tables go on a shared PostgreSQL server: the URL's {@code currentSchema}. */
class StorePostgresTest {

  @Test
  void flywayCreatesAMissingSchemaAndKeepsEverythingInIt() {
    try (PostgresSchema schema = PostgresSchema.reserve()) {
      try (Store store = Store.open(schema.url())) {
        store.inbox().accept("stripe", "evt_1", null, "order:1", "{}", "{}", InboxStatus.RECEIVED, null, Instant.now());

        assertThat(tablesIn(store, schema.name()))
            .contains("flyway_schema_history", "inbox", "correlation", "audit", "write_log", "sandbox_ticket",
                "sandbox_comment", "order_alias");
        assertThat(new Jdbc(store.dataSource()).query("select count(*) from " + schema.name() + ".inbox",
            rs -> rs.getLong(1))).containsExactly(1L);
      }
    }
  }

  @Test
  void reopeningKeepsTheRowsAndRunsNoMigrationTwice() {
    try (PostgresSchema schema = PostgresSchema.create()) {
      try (Store store = Store.open(schema.url())) {
        store.correlation().remember("zendesk", "order:1", "42", "index");
      }
      try (Store store = Store.open(schema.url())) {
        assertThat(store.correlation().lookup("zendesk", "order:1")).contains("42");
        assertThat(new Jdbc(store.dataSource()).query(
                "select count(*) from flyway_schema_history group by version having count(*) > 1", rs -> rs.getLong(1)))
            .isEmpty();
      }
    }
  }

  @Test
  void twoSchemasDoNotSeeEachOthersRows() {
    try (PostgresSchema a = PostgresSchema.create();
        PostgresSchema b = PostgresSchema.create();
        Store storeA = Store.open(a.url());
        Store storeB = Store.open(b.url())) {
      storeA.writeLog().pending("m1", "zendesk", "1");

      assertThat(storeA.writeLog().state("m1")).contains(WriteLog.State.PENDING);
      assertThat(storeB.writeLog().state("m1")).isEmpty();
    }
  }

  private static List<String> tablesIn(Store store, String schema) {
    return new Jdbc(store.dataSource()).query(
        "select table_name from information_schema.tables where table_schema = ?", rs -> rs.getString(1), schema);
  }
}
