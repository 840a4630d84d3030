package io.helpdeskbridge.plugin.netsuite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.spi.Lookup.Found;
import io.helpdeskbridge.spi.Lookup.Parcel;
import org.junit.jupiter.api.Test;

/** How a sales order's record JSON reads on the ticket, including the shapes NetSuite varies in. */
class NetSuiteSalesOrderTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  @Test
  void moreThanTenLinesAreCountedAndQuantitiesReadAsPeopleWrite() throws Exception {
    StringBuilder lines = new StringBuilder();
    for (int i = 1; i <= 12; i++) {
      lines.append(i == 1 ? "" : ",").append("{\"item\":{\"refName\":\"Item ").append(i).append("\"},\"quantity\":").append(i == 1 ? "-1.5" : "3.0").append('}');
    }
    String items = NetSuiteSalesOrder.items(json("[" + lines + ",{\"description\":\"Gift wrap\"},{\"quantity\":1}]"));

    assertThat(items).startsWith("1.5 × Item 1, 3 × Item 2, ").endsWith("3 × Item 10 and 3 more");
    assertThat(NetSuiteSalesOrder.items(json("[]"))).isNull();
  }

  @Test
  void theTotalHasTheCurrencysDecimalsAndFallsBackToTheCurrencyRecordsName() throws Exception {
    JsonNode usa = json("{\"refName\":\"USA\"}");
    assertThat(NetSuiteSalesOrder.total(json("59.9"), "USD", usa)).isEqualTo("59.90 USD");
    assertThat(NetSuiteSalesOrder.total(json("1200"), "jpy", usa)).isEqualTo("1200 JPY");
    assertThat(NetSuiteSalesOrder.total(json("\"12.5\""), null, usa)).isEqualTo("12.5 USA");
    assertThat(NetSuiteSalesOrder.total(json("null"), "USD", usa)).isNull();
  }

  @Test
  void theStatusIsTheReferencesNameOrTheTextAndTheOrderStatusAfterIt() throws Exception {
    assertThat(NetSuiteSalesOrder.status(json("{\"status\":{\"id\":\"B\",\"refName\":\"Pending Fulfillment\"}}"))).isEqualTo("pending fulfillment");
    assertThat(NetSuiteSalesOrder.status(json("{\"status\":\"Closed\"}"))).isEqualTo("closed");
    assertThat(NetSuiteSalesOrder.status(json("{\"orderStatus\":{\"id\":\"F\",\"refName\":\"Pending Billing\"}}"))).isEqualTo("pending billing");
    assertThat(NetSuiteSalesOrder.status(json("{}"))).isNull();
  }

  @Test
  void trackingNumbersAreSplitHoweverNetSuiteListsThem() throws Exception {
    assertThat(NetSuiteSalesOrder.parcels(json("{\"linkedTrackingNumbers\":\"1Z1<BR>1Z2, 1Z3 1Z1\",\"shipMethod\":{\"refName\":\"UPS\"}}")))
        .containsExactly(new Parcel("1Z1", "UPS"), new Parcel("1Z2", "UPS"), new Parcel("1Z3", "UPS"));
    assertThat(NetSuiteSalesOrder.parcels(json("{\"linkedTrackingNumbers\":\"\"}"))).isEmpty();
  }

  @Test
  void anOrderWithoutTheConfiguredNumberIsKnownByItsTranIdAndTheDateFallsBackToCreation() throws Exception {
    Found f = NetSuiteSalesOrder.found(json("{\"id\":\"7\",\"ordernumber\":null,\"paymentid\":\"pi_3QX\"}"),
        json("{\"tranId\":\"SO1008\",\"createdDate\":\"2026-11-19T23:10:00Z\",\"total\":5}"), "SO");

    assertThat(f.orderId()).isEqualTo("1008");
    assertThat(f.paymentIds()).containsExactly("pi_3QX");
    assertThat(f.values()).containsEntry("order_created", "2026-11-19").containsEntry("order_total", "5");
  }

  @Test
  void thePrefixComesOffOnlyWhenItIsThere() {
    assertThat(NetSuiteSalesOrder.ticketNumber("SO1001", "SO")).isEqualTo("1001");
    assertThat(NetSuiteSalesOrder.ticketNumber("so1001", "SO")).isEqualTo("1001");
    assertThat(NetSuiteSalesOrder.ticketNumber("1001", "SO")).isEqualTo("1001");
    assertThat(NetSuiteSalesOrder.ticketNumber("SO", "SO")).isEqualTo("SO");
    assertThat(NetSuiteSalesOrder.ticketNumber("SO1001", "")).isEqualTo("SO1001");
    assertThat(NetSuiteOrderLookup.withPrefix("1001", "SO")).isEqualTo("SO1001");
    assertThat(NetSuiteOrderLookup.withPrefix("so1001", "SO")).isEqualTo("so1001");
  }
}
