package io.helpdeskbridge.plugin.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundIssued;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StripeNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode fixture(String name) throws IOException {
    return resource("vendor/stripe/" + name);
  }

  static JsonNode resource(String path) throws IOException {
    try (InputStream in = StripeNormalizerTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return JSON.readTree(in);
    }
  }

  private static List<OrderEvent> normalize(JsonNode payload) {
    return StripeNormalizer.normalize(payload, "order_id");
  }

  private static RefundIssued single(List<OrderEvent> events) {
    assertThat(events).hasSize(1);
    assertThat(events.get(0)).isInstanceOf(RefundIssued.class);
    return (RefundIssued) events.get(0);
  }

  @Test
  void chargeRefundedCountsOnlyWhatThisEventRefunded() throws IOException {
    RefundIssued refund = single(normalize(fixture("charge.refunded.json")));

    assertThat(refund)
        .isEqualTo(
            new RefundIssued(
                "stripe",
                "evt_test_charge_refunded",
                Instant.ofEpochSecond(1_700_000_000L),
                new OrderRef("1001", "jane@example.com", "pi_test_1001", null),
                "charge.refunded",
                Money.of(1500, "usd"),
                null,
                "ch_test_1001",
                null));
    assertThat(refund.amount().format()).isEqualTo("15.00 USD");
    assertThat(refund.type()).isEqualTo("RefundIssued");
    assertThat(refund.order().key()).isEqualTo("order:1001");
  }

  @Test
  void chargeRefundedFallsBackToDescriptionBillingEmailAndChargeId() throws IOException {
    RefundIssued refund = single(normalize(fixture("charge.refunded.description-only.json")));

    assertThat(refund)
        .isEqualTo(
            new RefundIssued(
                "stripe",
                "evt_test_charge_refunded_desc",
                Instant.ofEpochSecond(1_700_000_100L),
                new OrderRef("1002", "bob@example.com", "ch_test_1002", null),
                "charge.refunded",
                Money.of(3000, "eur"),
                null,
                "ch_test_1002",
                null));
    assertThat(refund.amount().format()).isEqualTo("30.00 EUR");
  }

  @Test
  void chargeRefundedWithoutPreviousAttributesUsesTheRunningTotal() throws IOException {
    RefundIssued refund = single(normalize(fixture("charge.refunded.no-previous.json")));

    assertThat(refund)
        .isEqualTo(
            new RefundIssued(
                "stripe",
                "evt_test_charge_refunded_noprev",
                Instant.ofEpochSecond(1_700_000_200L),
                new OrderRef("1003", "jane@example.com", "pi_test_1003", null),
                "charge.refunded",
                Money.of(2000, "usd"),
                null,
                "ch_test_1003",
                null));
    assertThat(refund.amount().format()).isEqualTo("20.00 USD");
  }

  @Test
  void chargeRefundedTakesIdAndReasonFromTheNewestEmbeddedRefund() throws IOException {
    RefundIssued refund = single(normalize(fixture("charge.refunded.embedded-refunds.json")));

    assertThat(refund.refundId()).isEqualTo("re_test_new");
    assertThat(refund.reason()).isEqualTo("fraudulent");
    assertThat(refund.chargeId()).isEqualTo("ch_test_1004");
    assertThat(refund.amount()).isEqualTo(Money.of(2500, "USD"));
    assertThat(refund.order())
        .isEqualTo(new OrderRef("1004", "jane@example.com", "pi_test_1004", null));
  }

  @Test
  void chargeRefundedThatRefundsNothingNewYieldsNothing() throws IOException {
    JsonNode payload = fixture("charge.refunded.json");
    ((ObjectNode) payload.path("data").path("previous_attributes"))
        .put("amount_refunded", 2500);

    assertThat(normalize(payload)).isEmpty();
  }

  @Test
  void refundCreatedSucceededIsARefund() throws IOException {
    RefundIssued refund = single(normalize(fixture("refund.created.json")));

    assertThat(refund)
        .isEqualTo(
            new RefundIssued(
                "stripe",
                "evt_test_refund_created",
                Instant.ofEpochSecond(1_700_000_400L),
                new OrderRef("2001", null, "pi_test_2001", null),
                "refund.created",
                Money.of(1999, "gbp"),
                "re_test_2001",
                "ch_test_2001",
                "requested_by_customer"));
    assertThat(refund.amount().format()).isEqualTo("19.99 GBP");
  }

  @Test
  void refundUpdatedToSucceededAndLegacyChargeRefundUpdatedAreRefunds() throws IOException {
    for (String type : new String[] {"refund.updated", "charge.refund.updated"}) {
      JsonNode payload = fixture("refund.created.json");
      ((ObjectNode) payload).put("type", type);
      ((ObjectNode) payload.path("data")).putObject("previous_attributes").put("status", "pending");

      RefundIssued refund = single(normalize(payload));

      assertThat(refund.vendorType()).isEqualTo(type);
      assertThat(refund.refundId()).isEqualTo("re_test_2001");
      assertThat(refund.amount().format()).isEqualTo("19.99 GBP");
    }
  }

  @Test
  void anUpdateOfAnAlreadySucceededRefundIsNotASecondRefund() throws IOException {
    JsonNode payload = fixture("refund.created.json");
    ((ObjectNode) payload).put("type", "refund.updated");
    ((ObjectNode) payload.path("data")).putObject("previous_attributes").putObject("metadata").put("note", "old");

    assertThat(normalize(payload)).isEmpty();
  }

  @Test
  void refundNotYetSucceededYieldsNothing() throws IOException {
    assertThat(normalize(fixture("refund.updated.pending.json"))).isEmpty();
  }

  @Test
  void unknownTypeYieldsNothing() throws IOException {
    assertThat(normalize(fixture("customer.created.json"))).isEmpty();
  }

  @Test
  void orderMetadataKeyIsConfigurable() throws IOException {
    JsonNode payload = fixture("charge.refunded.json");
    ObjectNode metadata = (ObjectNode) payload.path("data").path("object").path("metadata");
    metadata.put("shop_order", "SO-77");

    RefundIssued refund = single(StripeNormalizer.normalize(payload, "shop_order"));

    assertThat(refund.order().orderId()).isEqualTo("SO-77");
  }

  @Test
  void descriptionWithoutAnOrderNumberLeavesTheOrderIdEmpty() throws IOException {
    JsonNode payload = fixture("charge.refunded.description-only.json");
    ((ObjectNode) payload.path("data").path("object"))
        .put("description", "Refund for a broken mug");

    RefundIssued refund = single(normalize(payload));

    assertThat(refund.order().orderId()).isNull();
    assertThat(refund.order().key()).isEqualTo("payment:ch_test_1002");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "null",
        "[]",
        "\"text\"",
        "{}",
        "{\"type\":\"charge.refunded\"}",
        "{\"type\":\"charge.refunded\",\"data\":null}",
        "{\"type\":\"charge.refunded\",\"data\":{\"object\":[]}}",
        "{\"type\":\"charge.refunded\",\"data\":{\"object\":{}}}",
        "{\"id\":\"evt_x\",\"created\":1,\"type\":\"charge.refunded\",\"data\":{\"object\":{\"amount_refunded\":\"500\",\"currency\":\"usd\"}}}",
        "{\"id\":\"evt_x\",\"created\":1,\"type\":\"charge.refunded\",\"data\":{\"object\":{\"amount_refunded\":500}}}",
        "{\"id\":\"evt_x\",\"type\":\"charge.refunded\",\"data\":{\"object\":{\"amount_refunded\":500,\"currency\":\"usd\"}}}",
        "{\"created\":1,\"type\":\"charge.refunded\",\"data\":{\"object\":{\"amount_refunded\":500,\"currency\":\"usd\"}}}",
        "{\"id\":\"evt_x\",\"created\":1,\"type\":\"refund.created\",\"data\":{\"object\":{\"status\":\"succeeded\",\"currency\":\"usd\"}}}",
        "{\"id\":\"evt_x\",\"created\":1,\"type\":\"refund.created\",\"data\":{\"object\":{\"status\":\"succeeded\",\"amount\":0,\"currency\":\"usd\"}}}",
        "{\"id\":\"evt_x\",\"created\":1,\"type\":\"refund.created\",\"data\":{\"object\":{\"status\":\"failed\",\"amount\":10,\"currency\":\"usd\"}}}",
        "{\"id\":\"evt_x\",\"created\":1,\"type\":\"refund.created\",\"data\":{\"object\":{\"amount\":10,\"currency\":\"usd\"}}}",
        "{\"id\":\"evt_x\",\"created\":1,\"type\":42,\"data\":{\"object\":{\"amount\":10,\"currency\":\"usd\"}}}"
      })
  void oddPayloadsYieldNothingInsteadOfFailing(String json) throws IOException {
    assertThat(normalize(JSON.readTree(json))).isEmpty();
  }

  @Test
  void nullPayloadYieldsNothing() {
    assertThat(normalize(null)).isEmpty();
  }

  @Test
  void minimalRefundWithoutOptionalFieldsStillNormalizes() throws IOException {
    JsonNode payload =
        JSON.readTree(
            "{\"id\":\"evt_min\",\"created\":5,\"type\":\"refund.created\",\"data\":{\"object\":"
                + "{\"status\":\"succeeded\",\"amount\":500,\"currency\":\"jpy\",\"metadata\":null,"
                + "\"charge\":{\"id\":\"ch_expanded\"},\"reason\":null}}}");

    RefundIssued refund = single(normalize(payload));

    assertThat(refund.order()).isEqualTo(new OrderRef(null, null, "ch_expanded", null));
    assertThat(refund.refundId()).isNull();
    assertThat(refund.chargeId()).isEqualTo("ch_expanded");
    assertThat(refund.reason()).isNull();
    assertThat(refund.amount().format()).isEqualTo("500 JPY");
  }

  @ParameterizedTest
  @ValueSource(strings = {"charge.refunded", "refund.created", "refund.updated"})
  void bundledSamplesAreARefundOfTwentyFiveDollarsForOrder1001(String type) throws IOException {
    JsonNode sample = resource("samples/stripe/" + type + ".json");

    RefundIssued refund = single(normalize(sample));

    assertThat(refund.vendorType()).isEqualTo(type);
    assertThat(refund.sourceEventId()).isEqualTo(sample.get("id").asText()).startsWith("evt_");
    assertThat(refund.order().orderId()).isEqualTo("1001");
    assertThat(refund.order().paymentId()).startsWith("pi_");
    assertThat(refund.amount().format()).isEqualTo("25.00 USD");
    assertThat(refund.chargeId()).startsWith("ch_");
    assertThat(sample.get("object").asText()).isEqualTo("event");
  }
}
