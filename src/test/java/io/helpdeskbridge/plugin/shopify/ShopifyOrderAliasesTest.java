package io.helpdeskbridge.plugin.shopify;

import static io.helpdeskbridge.plugin.shopify.ShopifyDeliveries.JSON;
import static io.helpdeskbridge.plugin.shopify.ShopifyDeliveries.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShopifyOrderAliasesTest {

  @Test
  void orderDeliveriesTieThePlatformIdToTheNumberAndTrackingNumbersToTheOrder() throws IOException {
    assertThat(ShopifyOrderAliases.aliases("orders/updated", fixture("orders-updated.json")))
        .containsExactly(
            entry("shopify:820982911", "2042"),
            entry("tracking:JD014600006281230704", "shopify:820982911"),
            entry("tracking:JD014600006281230705", "shopify:820982911"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders/create", "orders/cancelled", "orders/paid", "ORDERS_UPDATED"})
  void everyOrderTopicTeachesTheNumber(String topic) throws IOException {
    assertThat(ShopifyOrderAliases.aliases(topic, fixture("orders-cancelled.json")))
        .containsExactly(entry("shopify:820982911", "2042"));
  }

  @Test
  void orderNumberFallsBackToOrderNumberField() throws IOException {
    ObjectNode order = (ObjectNode) fixture("orders-cancelled.json");
    order.remove("name");

    assertThat(ShopifyOrderAliases.aliases("orders/cancelled", order))
        .containsEntry("shopify:820982911", "2042");
  }

  @Test
  void fulfillmentUpdatesTieEveryTrackingNumberToTheOrder() throws IOException {
    assertThat(ShopifyOrderAliases.aliases("fulfillments/update", fixture("fulfillments-update.exception.json")))
        .containsExactly(
            entry("tracking:JD014600006281230704", "shopify:820982911"),
            entry("tracking:JD014600006281230705", "shopify:820982911"));
  }

  @Test
  void orderFactsUseTheAliasStoreKeys() throws IOException {
    assertThat(ShopifyOrderAliases.orderFacts("orders/updated", fixture("orders-updated.json")))
        .containsExactly(
            entry("vendor-order:shopify:820982911", "order:2042"),
            entry(
                "tracking:JD014600006281230704", "vendor-order:shopify:820982911"),
            entry(
                "tracking:JD014600006281230705", "vendor-order:shopify:820982911"));
  }

  @Test
  void refundsAndFulfillmentEventsTeachNothing() throws IOException {
    assertThat(ShopifyOrderAliases.aliases("refunds/create", fixture("refunds-create.json"))).isEmpty();
    assertThat(ShopifyOrderAliases.aliases("fulfillment_events/create", fixture("fulfillment_events-create.json")))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "{\"id\":820982911}", // orders/delete sends only the id
        "{\"order_edit\":{\"id\":1,\"order_id\":820982911}}", // orders/edited
        "{\"name\":\"#2042\"}",
        "{\"id\":{},\"name\":[],\"fulfillments\":\"none\"}",
        "{\"id\":1,\"name\":\"#1\",\"fulfillments\":[null,5,{\"tracking_numbers\":[null,{}]}]}"
      })
  void ordersWithoutBothIdAndNumberTeachNoNumber(String text) throws IOException {
    JsonNode payload = JSON.readTree(text);

    assertThat(ShopifyOrderAliases.aliases("orders/updated", payload)).doesNotContainKey("shopify:820982911");
    assertThat(ShopifyOrderAliases.aliases("orders/updated", payload).keySet())
        .allMatch(k -> k.equals("shopify:1"));
  }

  @Test
  void nullsGiveNothing() {
    assertThat(ShopifyOrderAliases.aliases(null, JSON.createObjectNode())).isEmpty();
    assertThat(ShopifyOrderAliases.aliases("orders/updated", null)).isEmpty();
  }
}
