package io.helpdeskbridge.plugin.netsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What a ticket or a connector file can and cannot put into the SuiteQL the lookup sends. */
class NetSuiteQueriesTest {

  @Test
  void aTicketsTextStaysInsideItsQuotedLiteral() {
    assertThat(NetSuiteQueries.literal("O'Brien")).isEqualTo("'O''Brien'");
    assertThat(NetSuiteQueries.byNumber("tranid", null, "1001' OR '1'='1")).isEqualTo(
        "SELECT t.id, t.tranid AS ordernumber, c.symbol AS currency FROM transaction t LEFT JOIN currency c ON c.id = t.currency"
            + " WHERE t.type = 'SalesOrd' AND t.tranid = '1001'' OR ''1''=''1' ORDER BY t.id DESC");
    assertThatThrownBy(() -> NetSuiteQueries.literal("SO1001\n--")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emailsAreComparedInLowerCase() {
    assertThat(NetSuiteQueries.byEmail("otherrefnum", null, "Jane.O'Hara@Example.COM")).endsWith(
        "AND LOWER(t.email) = 'jane.o''hara@example.com' ORDER BY t.trandate DESC, t.id DESC");
  }

  @Test
  void columnsFromTheConnectorFileArePlainIdentifiers() {
    assertThat(NetSuiteQueries.column("order-number-field", " TranId ")).isEqualTo("tranid");
    assertThat(NetSuiteQueries.column("order-number-field", "custbody_shop_order2")).isEqualTo("custbody_shop_order2");
    for (String bad : new String[] {"", "tranid, email", "t.tranid", "tranid--", "1tranid", "tranid OR 1=1", null}) {
      assertThatThrownBy(() -> NetSuiteQueries.column("order-number-field", bad)).as(String.valueOf(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order-number-field");
    }
  }
}
