package io.helpdeskbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrderAliasesTest extends StoreTestSupport {

  private OrderAliases aliases;

  @BeforeEach
  void aliases() {
    aliases = store.aliases();
  }

  @Test
  void aTrackingNumberLeadsThroughThePlatformIdToTheOrder() {
    aliases.remember("tracking:1Z999", "vendor-order:shopify:4507", "shopify:evt_1");
    aliases.remember("vendor-order:shopify:4507", "order:1001", "shopify:evt_1");

    assertThat(aliases.orderKeyFor("tracking:1Z999")).contains("order:1001");
    assertThat(aliases.orderKeyFor("vendor-order:shopify:4507")).contains("order:1001");
    assertThat(aliases.orderKeyFor("order:1001")).contains("order:1001");
    assertThat(aliases.orderKeyFor("tracking:unknown")).isEmpty();
  }

  @Test
  void learningAnAliasAgainMovesIt() {
    aliases.remember("tracking:1Z999", "order:1001", "easypost:evt_1");

    aliases.remember("tracking:1Z999", "order:1002", "shopify:evt_9");

    assertThat(aliases.orderKeyFor("tracking:1Z999")).contains("order:1002");
    assertThat(jdbc().query("select learned_from from order_alias where alias_key = ?", rs -> rs.getString(1),
        "tracking:1Z999")).containsExactly("shopify:evt_9");
  }

  @Test
  void selfAndHalfAliasesAreNotStored() {
    aliases.remember("order:1001", "order:1001", "x");
    aliases.remember(null, "order:1001", "x");
    aliases.remember("tracking:1", null, "x");

    assertThat(jdbc().query("select count(*) from order_alias", rs -> rs.getLong(1))).containsExactly(0L);
  }

  @Test
  void aCycleEndsWithoutAnOrder() {
    aliases.remember("tracking:a", "tracking:b", "x");
    aliases.remember("tracking:b", "tracking:a", "x");

    assertThat(aliases.orderKeyFor("tracking:a")).isEmpty();
  }
}
