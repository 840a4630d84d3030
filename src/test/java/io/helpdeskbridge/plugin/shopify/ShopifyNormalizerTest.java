package io.helpdeskbridge.plugin.shopify;

import static io.helpdeskbridge.plugin.shopify.ShopifyDeliveries.JSON;
import static io.helpdeskbridge.plugin.shopify.ShopifyDeliveries.RECEIVED;
import static io.helpdeskbridge.plugin.shopify.ShopifyDeliveries.delivery;
import static io.helpdeskbridge.plugin.shopify.ShopifyDeliveries.fixture;
import static io.helpdeskbridge.plugin.shopify.ShopifyDeliveries.headers;
import static io.helpdeskbridge.plugin.shopify.ShopifyDeliveries.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderCancelled;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundIssued;
import io.helpdeskbridge.event.ShipmentDelivered;
import io.helpdeskbridge.event.ShipmentException;
import io.helpdeskbridge.spi.WebhookRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShopifyNormalizerTest {

  private static final String WEBHOOK_ID = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043";
  private static final OrderRef ORDER_2042_BY_ID =
      new OrderRef(null, "shopify:820982911", null, null, null, null);

  private static List<OrderEvent> normalize(String topic, JsonNode payload) {
    return ShopifyNormalizer.normalize(delivery(topic, WEBHOOK_ID), payload, "USD");
  }

  private static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  // --- refunds/create ---

  @Test
  void refundAddsUpTheSuccessfulRefundTransactionsOnly() throws IOException {
    assertThat(normalize("refunds/create", fixture("refunds-create.json")))
        .containsExactly(
            new RefundIssued(
                "shopify",
                WEBHOOK_ID,
                Instant.parse("2026-02-10T13:30:00Z"),
                ORDER_2042_BY_ID,
                "refunds/create",
                Money.of(2500, "EUR"), // 19.99 + 5.01; the failed refund and the capture are left out
                "509562969",
                "179259969",
                "Wrong size, customer kept one item"));
  }

  @Test
  void refundLeavesTheOrderNumberToTheAliasMemory() throws IOException {
    OrderEvent refund = normalize("refunds/create", fixture("refunds-create.json")).get(0);

    assertThat(refund.order().orderId()).isNull();
    assertThat(refund.order().key()).isEqualTo("vendor-order:shopify:820982911");
  }

  @Test
  void refundWithoutAnyCurrencyUsesTheConfiguredOne() throws IOException {
    JsonNode payload = fixture("refunds-create.no-currency.json");
    WebhookRequest request = delivery("refunds/create", WEBHOOK_ID);

    assertThat(ShopifyNormalizer.normalize(request, payload, "cad"))
        .containsExactly(
            new RefundIssued(
                "shopify",
                WEBHOOK_ID,
                Instant.parse("2026-02-11T09:00:00Z"),
                new OrderRef(null, "shopify:820982912", null, null, null, null),
                "refunds/create",
                Money.of(1250, "CAD"),
                "509562970",
                "179259980",
                null)); // a blank note is no reason
    assertThat(normalize("refunds/create", payload))
        .singleElement()
        .satisfies(e -> assertThat(((RefundIssued) e).amount()).isEqualTo(Money.of(1250, "USD")));
  }

  @Test
  void refundCurrencyOfTheRefundItselfComesBeforeTheSetting() throws IOException {
    ObjectNode payload = (ObjectNode) fixture("refunds-create.no-currency.json");
    payload.put("currency", "gbp");

    assertThat(normalize("refunds/create", payload))
        .singleElement()
        .satisfies(e -> assertThat(((RefundIssued) e).amount()).isEqualTo(Money.of(1250, "GBP")));
  }

  @Test
  void refundWithNoSuccessfulRefundTransactionMeansNothing() throws IOException {
    assertThat(normalize("refunds/create", fixture("refunds-create.restock-only.json"))).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "'\"1500\"', JPY, 1500",
    "'\"1500.00\"', JPY, 1500",
    "'\"1.234\"', KWD, 1234",
    "'\"0.10\"', USD, 10",
    "'19.99', USD, 1999",
    "'\"92233720368547758.07\"', USD, 9223372036854775807"
  })
  void decimalAmountsBecomeMinorUnitsOfTheirCurrency(String amount, String currency, long minor)
      throws IOException {
    JsonNode payload =
        json(
            "{\"id\":1,\"order_id\":2,\"transactions\":[{\"id\":3,\"kind\":\"refund\",\"status\":\"success\","
                + "\"amount\":"
                + amount
                + ",\"currency\":\""
                + currency
                + "\"}]}");

    assertThat(normalize("refunds/create", payload))
        .singleElement()
        .satisfies(e -> assertThat(((RefundIssued) e).amount()).isEqualTo(Money.of(minor, currency)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // finer than the currency allows: not guessed at
        "[{\"kind\":\"refund\",\"status\":\"success\",\"amount\":\"19.999\",\"currency\":\"USD\"}]",
        "[{\"kind\":\"refund\",\"status\":\"success\",\"amount\":\"1.5\",\"currency\":\"JPY\"}]",
        // unreadable or missing amount
        "[{\"kind\":\"refund\",\"status\":\"success\",\"amount\":\"abc\",\"currency\":\"USD\"}]",
        "[{\"kind\":\"refund\",\"status\":\"success\",\"currency\":\"USD\"}]",
        // two currencies in one refund: no single honest amount
        "[{\"kind\":\"refund\",\"status\":\"success\",\"amount\":\"1.00\",\"currency\":\"USD\"},"
            + "{\"kind\":\"refund\",\"status\":\"success\",\"amount\":\"1.00\",\"currency\":\"EUR\"}]",
        // nothing positive
        "[{\"kind\":\"refund\",\"status\":\"success\",\"amount\":\"0.00\",\"currency\":\"USD\"}]",
        "[{\"kind\":\"refund\",\"status\":\"success\",\"amount\":\"-5.00\",\"currency\":\"USD\"}]",
        "[]",
        "\"not a list\"",
        "[1, null, \"x\", []]"
      })
  void refundsThatCannotBeAddedUpHonestlyMeanNothing(String transactions) throws IOException {
    JsonNode payload = json("{\"id\":1,\"order_id\":2,\"transactions\":" + transactions + "}");

    assertThat(normalize("refunds/create", payload)).isEmpty();
  }

  @Test
  void refundWithoutAnOrderReachesNoTicketAndMeansNothing() throws IOException {
    ObjectNode payload = (ObjectNode) fixture("refunds-create.json");
    payload.remove("order_id");

    assertThat(normalize("refunds/create", payload)).isEmpty();
  }

  // --- orders/cancelled ---

  @Test
  void cancelledOrderCarriesNumberPlatformIdEmailReasonAndFinancialStatus() throws IOException {
    assertThat(normalize("orders/cancelled", fixture("orders-cancelled.json")))
        .containsExactly(
            new OrderCancelled(
                "shopify",
                WEBHOOK_ID,
                Instant.parse("2026-02-10T14:11:30Z"),
                new OrderRef("2042", "shopify:820982911", "ana.silva@example.org", null, null, null),
                "orders/cancelled",
                "fraud",
                "voided"));
  }

  @Test
  void cancelledOrderFallsBackToOrderNumberAndCustomerEmail() throws IOException {
    ObjectNode payload = (ObjectNode) fixture("orders-cancelled.json");
    payload.remove(List.of("name", "contact_email", "cancelled_at"));

    OrderCancelled cancelled = (OrderCancelled) normalize("orders/cancelled", payload).get(0);

    assertThat(cancelled.order())
        .isEqualTo(new OrderRef("2042", "shopify:820982911", "ana.silva@example.org", null, null, null));
    assertThat(cancelled.occurredAt()).isEqualTo(Instant.parse("2026-02-10T14:12:00Z")); // updated_at
  }

  @Test
  void cancelledOrderWithoutAnyIdentifierMeansNothing() throws IOException {
    assertThat(normalize("orders/cancelled", json("{\"email\":\"a@example.org\",\"cancel_reason\":\"other\"}")))
        .isEmpty();
  }

  // --- fulfillments/update ---

  @Test
  void fulfillmentInTroubleIsAShipmentException() throws IOException {
    assertThat(normalize("fulfillments/update", fixture("fulfillments-update.exception.json")))
        .containsExactly(
            new ShipmentException(
                "shopify",
                WEBHOOK_ID,
                Instant.parse("2026-02-14T12:45:00Z"),
                new OrderRef(null, "shopify:820982911", null, null, "JD014600006281230704", "DHL Express"),
                "fulfillments/update",
                "DHL Express",
                "JD014600006281230704", // first of tracking_numbers: tracking_number is null
                "on its way back to the sender",
                null,
                null,
                "https://www.dhl.com/track?id=JD014600006281230704")); // first of tracking_urls
  }

  @Test
  void deliveredFulfillmentIsAShipmentDelivered() throws IOException {
    assertThat(normalize("fulfillments/update", fixture("fulfillments-update.delivered.json")))
        .containsExactly(
            new ShipmentDelivered(
                "shopify",
                WEBHOOK_ID,
                Instant.parse("2026-02-12T11:05:00Z"),
                new OrderRef(null, "shopify:820982911", null, null, "JD014600006281230704", "DHL Express"),
                "fulfillments/update",
                "DHL Express",
                "JD014600006281230704",
                Instant.parse("2026-02-12T11:05:00Z")));
  }

  @ParameterizedTest
  @CsvSource({
    "failure, delivery failed",
    "attempted_delivery, 'delivery attempted, not delivered'",
    "delayed, delayed",
    "returning_to_sender, on its way back to the sender",
    "buyer_action_required, waiting for the customer to act",
    "FAILURE, delivery failed"
  })
  void everyExceptionStatusIsAShipmentExceptionInWords(String status, String words) throws IOException {
    ObjectNode payload = (ObjectNode) fixture("fulfillments-update.in-transit.json");
    payload.put("shipment_status", status);

    assertThat(normalize("fulfillments/update", payload))
        .singleElement()
        .isInstanceOfSatisfying(ShipmentException.class, e -> assertThat(e.status()).isEqualTo(words));
  }

  @Test
  void shipmentCodesWithoutWordsStayReadable() {
    assertThat(ShopifyWords.shipment("held_at-customs")).isEqualTo("held at customs");
    assertThat(ShopifyWords.fulfillment("ON_HOLD")).isEqualTo("on hold");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"in_transit", "label_printed", "label_purchased", "confirmed", "out_for_delivery",
                 "ready_for_pickup", "carrier_picked_up", "picked_up", "something_new"})
  void ordinaryShipmentStepsMeanNothing(String status) throws IOException {
    ObjectNode payload = (ObjectNode) fixture("fulfillments-update.in-transit.json");
    payload.put("shipment_status", status);

    assertThat(normalize("fulfillments/update", payload)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "failure, fulfillment request failed, in_transit",
    "error, fulfillment request ran into an error, ",
    "ERROR, fulfillment request ran into an error, delivered"
  })
  void aFailedFulfillmentNeverShippedWhateverItsShipmentStatus(String status, String words, String shipmentStatus)
      throws IOException {
    // Shopify's FulfillmentStatus: FAILURE "the fulfillment request failed", ERROR "there was an error
    // with the fulfillment request": the items have not left, and the customer is waiting for them
    ObjectNode payload = (ObjectNode) json(
        "{\"id\":1,\"order_id\":2,\"status\":\"failure\",\"service\":\"shipwire\",\"updated_at\":\"2026-02-20T12:00:00Z\"}");
    payload.put("status", status).put("shipment_status", shipmentStatus);

    ShipmentException e = (ShipmentException) normalize("fulfillments/update", payload).get(0);

    assertThat(normalize("fulfillments/update", payload)).hasSize(1);
    assertThat(e.status()).isEqualTo(words);
    assertThat(e.detail()).contains("Nothing has shipped").contains("(shipwire)");
    assertThat(e.order().vendorOrderId()).isEqualTo("shopify:2");
    assertThat(e.trackingNumber()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"success", "cancelled", "pending", "open"})
  void aFulfillmentThatDidNotFailLeavesItToTheShipmentStatus(String status) throws IOException {
    JsonNode payload = json("{\"id\":1,\"order_id\":2,\"status\":\"" + status + "\",\"shipment_status\":null}");

    assertThat(normalize("fulfillments/update", payload)).isEmpty();
  }

  // --- fulfillment_events/create ---

  @Test
  void fulfillmentEventInTroubleCarriesMessageAndLocation() throws IOException {
    assertThat(normalize("fulfillment_events/create", fixture("fulfillment_events-create.json")))
        .containsExactly(
            new ShipmentException(
                "shopify",
                WEBHOOK_ID,
                Instant.parse("2026-02-11T05:10:00Z"),
                ORDER_2042_BY_ID,
                "fulfillment_events/create",
                null,
                null, // a fulfillment event names no tracking number
                "delayed",
                "Weather delay at the regional hub",
                "Leipzig, Germany", // province is null
                null));
  }

  @Test
  void deliveredFulfillmentEventIsDeliveredWhenItHappened() throws IOException {
    assertThat(normalize("fulfillment_events/create", fixture("fulfillment_events-create.delivered.json")))
        .containsExactly(
            new ShipmentDelivered(
                "shopify",
                WEBHOOK_ID,
                Instant.parse("2026-02-12T10:58:00Z"),
                ORDER_2042_BY_ID,
                "fulfillment_events/create",
                null,
                null,
                Instant.parse("2026-02-12T10:58:00Z")));
  }

  @Test
  void fulfillmentEventLocationJoinsCityProvinceAndCountry() throws IOException {
    ObjectNode payload = (ObjectNode) fixture("fulfillment_events-create.json");
    payload.put("province", "Saxony");

    ShipmentException e = (ShipmentException) normalize("fulfillment_events/create", payload).get(0);

    assertThat(e.lastLocation()).isEqualTo("Leipzig, Saxony, Germany");
  }

  // --- time, topics, ids ---

  @Test
  void triggeredAtHeaderIsTheTimeOfTheEventWhenPresent() throws IOException {
    Map<String, String> headers = headers("refunds/create", WEBHOOK_ID);
    headers.put("X-Shopify-Triggered-At", "2026-02-10T13:30:05.123456789Z");

    List<OrderEvent> events =
        ShopifyNormalizer.normalize(request(headers, new byte[0]), fixture("refunds-create.json"), "USD");

    assertThat(events).singleElement()
        .satisfies(e -> assertThat(e.occurredAt()).isEqualTo(Instant.parse("2026-02-10T13:30:05.123456789Z")));
  }

  @Test
  void withoutAnyReadableTimeTheEventHappenedWhenItWasReceived() throws IOException {
    Map<String, String> headers = headers("fulfillment_events/create", WEBHOOK_ID);
    headers.put("X-Shopify-Triggered-At", "yesterday");
    JsonNode payload = json("{\"order_id\":2,\"status\":\"failure\",\"happened_at\":\"soon\"}");

    assertThat(ShopifyNormalizer.normalize(request(headers, new byte[0]), payload, "USD"))
        .singleElement()
        .satisfies(e -> assertThat(e.occurredAt()).isEqualTo(RECEIVED));
  }

  @Test
  void graphqlTopicSpellingIsUnderstoodAndKeptAsTheVendorType() throws IOException {
    assertThat(normalize("REFUNDS_CREATE", fixture("refunds-create.json")))
        .singleElement()
        .satisfies(e -> assertThat(e.vendorType()).isEqualTo("REFUNDS_CREATE"));
    assertThat(normalize("FULFILLMENT_EVENTS_CREATE", fixture("fulfillment_events-create.json"))).hasSize(1);
    assertThat(ShopifyNormalizer.topic("FULFILLMENT_EVENTS_CREATE")).isEqualTo("fulfillment_events/create");
    assertThat(ShopifyNormalizer.topic(" orders/cancelled ")).isEqualTo("orders/cancelled");
  }

  @Test
  void eventsProductDeliveryUsesItsEventIdAsTheSourceEventId() throws IOException {
    Map<String, String> headers =
        Map.of(
            "shopify-hmac-sha256", "x",
            "shopify-topic", "orders/cancelled",
            "shopify-shop-domain", "north-wind.myshopify.com",
            "shopify-api-version", "unstable",
            "shopify-event-id", "evt-42");

    assertThat(ShopifyNormalizer.normalize(request(headers, new byte[0]), fixture("orders-cancelled.json"), "USD"))
        .singleElement()
        .satisfies(e -> assertThat(e.sourceEventId()).isEqualTo("evt-42"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"orders/updated", "orders/create", "products/update", "app/uninstalled", "refunds"})
  void topicsWithoutACanonicalEventMeanNothing(String topic) throws IOException {
    assertThat(normalize(topic, fixture("orders-updated.json"))).isEmpty();
    assertThat(normalize(topic, fixture("refunds-create.json"))).isEmpty();
  }

  @Test
  void withoutTopicOrWebhookIdNothingIsProduced() throws IOException {
    Map<String, String> noTopic = headers("refunds/create", WEBHOOK_ID);
    noTopic.remove("X-Shopify-Topic");
    Map<String, String> noId = headers("refunds/create", WEBHOOK_ID);
    noId.remove("X-Shopify-Webhook-Id");

    JsonNode payload = fixture("refunds-create.json");
    assertThat(ShopifyNormalizer.normalize(request(noTopic, new byte[0]), payload, "USD")).isEmpty();
    assertThat(ShopifyNormalizer.normalize(request(noId, new byte[0]), payload, "USD")).isEmpty();
  }

  @Test
  void idsWrittenAsTextAreReadToo() throws IOException {
    ObjectNode payload = (ObjectNode) fixture("orders-cancelled.json");
    payload.put("id", "820982911");

    assertThat(normalize("orders/cancelled", payload).get(0).order().vendorOrderId())
        .isEqualTo("shopify:820982911");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "\"text\"",
        "null",
        "{\"id\":{},\"order_id\":[],\"transactions\":{}}",
        "{\"shipment_status\":5,\"status\":true,\"order_id\":1.5}",
        "{\"status\":\"failure\",\"tracking_numbers\":\"1Z\",\"tracking_urls\":[null,7],\"city\":[]}",
        "{\"name\":7,\"order_number\":\"x\",\"customer\":\"nobody\",\"cancelled_at\":12}",
        "{\"transactions\":[{\"kind\":\"refund\",\"status\":\"success\",\"amount\":{},\"currency\":9}]}"
      })
  void oddPayloadsNeverThrow(String text) throws IOException {
    JsonNode payload = json(text);
    for (String topic :
        List.of("refunds/create", "orders/cancelled", "fulfillments/update", "fulfillment_events/create")) {
      assertThatCode(() -> normalize(topic, payload)).as(topic).doesNotThrowAnyException();
    }
    assertThat(normalize("refunds/create", payload)).isEmpty();
  }

  @Test
  void normalizingTwiceGivesTheSameEvents() throws IOException {
    JsonNode payload = fixture("fulfillments-update.exception.json");

    assertThat(normalize("fulfillments/update", payload)).isEqualTo(normalize("fulfillments/update", payload));
  }
}
