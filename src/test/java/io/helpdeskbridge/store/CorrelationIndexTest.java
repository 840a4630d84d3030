package io.helpdeskbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CorrelationIndexTest extends StoreTestSupport {

  private CorrelationIndex index;

  @BeforeEach
  void index() {
    index = store.correlation();
  }

  @Test
  void unknownOrderHasNoTicket() {
    assertThat(index.lookup("zendesk", "order:1001")).isEmpty();
  }

  @Test
  void rememberThenLookup() {
    index.remember("zendesk", "order:1001", "42", "field:order_id");

    assertThat(index.lookup("zendesk", "order:1001")).contains("42");
  }

  @Test
  void rememberAgainUpdatesTheTicket() {
    index.remember("zendesk", "order:1001", "42", "field:order_id");

    index.remember("zendesk", "order:1001", "77", "external_id");

    assertThat(index.lookup("zendesk", "order:1001")).contains("77");
    assertThat(store.dataSource()).isNotNull();
    assertThat(new Jdbc(store.dataSource()).query(
            "select found_by from correlation where helpdesk = ? and order_key = ?", rs -> rs.getString(1),
            "zendesk", "order:1001"))
        .containsExactly("external_id");
  }

  @Test
  void helpdesksAndOrdersAreKeptApart() {
    index.remember("zendesk", "order:1001", "42", "index");
    index.remember("sandbox", "order:1001", "7", "index");
    index.remember("zendesk", "order:1002", "43", "index");

    assertThat(index.lookup("zendesk", "order:1001")).contains("42");
    assertThat(index.lookup("sandbox", "order:1001")).contains("7");
    assertThat(index.lookup("zendesk", "order:1002")).contains("43");
    assertThat(index.lookup("sandbox", "order:1002")).isEmpty();
  }

  @Test
  void forgetDropsOnlyThatEntry() {
    index.remember("zendesk", "order:1001", "42", "index");
    index.remember("sandbox", "order:1001", "7", "index");

    index.forget("zendesk", "order:1001");

    assertThat(index.lookup("zendesk", "order:1001")).isEmpty();
    assertThat(index.lookup("sandbox", "order:1001")).contains("7");
  }

  @Test
  void forgetOfAnUnknownEntryIsHarmless() {
    index.forget("zendesk", "order:none");

    assertThat(index.lookup("zendesk", "order:none")).isEmpty();
  }
}
