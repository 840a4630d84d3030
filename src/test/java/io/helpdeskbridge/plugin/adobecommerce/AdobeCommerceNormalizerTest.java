package io.helpdeskbridge.plugin.adobecommerce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderCancelled;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundIssued;
import io.helpdeskbridge.spi.WebhookRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The observer payloads the Webhooks module sends by default ({@code {"eventName", "data"}}), from
 * the bundled samples: a credit memo as {@code sales_order_creditmemo_save_after} carries it (as
 * {@code creditmemo} and {@code data_object}, numbers and numeric strings mixed as a saved model
 * has them) and an order as {@code order_cancel_after} carries it.
 */
class AdobeCommerceNormalizerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant RECEIVED = Instant.parse("2026-11-24T10:15:03Z");

  static ObjectNode sample(String name) {
    try {
      return (ObjectNode) JSON.readTree(new AdobeCommerceEventSource().sample(name).orElseThrow());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode creditMemo(Consumer<ObjectNode> edit) {
    ObjectNode payload = sample("sales_order_creditmemo_save_after");
    edit.accept((ObjectNode) payload.path("data").path("creditmemo"));
    edit.accept((ObjectNode) payload.path("data").path("data_object"));
    return payload;
  }

  static List<OrderEvent> normalize(JsonNode payload) {
    byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
    return AdobeCommerceNormalizer.normalize(new WebhookRequest("adobe-commerce", Map.of(), body, RECEIVED), payload);
  }

  static String id(JsonNode payload) {
    return AdobeCommerceNormalizer.deliveryId(payload, payload.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aRefundedCreditMemoIsARefundOfItsGrandTotalWithItsComment() {
    ObjectNode payload = sample("sales_order_creditmemo_save_after");

    List<OrderEvent> events = normalize(payload);

    assertThat(events).singleElement().isInstanceOfSatisfying(RefundIssued.class, r -> {
      assertThat(r.source()).isEqualTo("adobe-commerce");
      assertThat(r.sourceEventId()).isEqualTo("sales_order_creditmemo_save_after:12:refunded");
      assertThat(r.vendorType()).isEqualTo("sales_order_creditmemo_save_after");
      assertThat(r.amount()).isEqualTo(Money.of(2500, "USD"));
      assertThat(r.refundId()).isEqualTo("000000012");
      assertThat(r.factId()).isEqualTo("refund:000000012");
      assertThat(r.chargeId()).isNull();
      assertThat(r.reason()).isEqualTo("Mug arrived broken; refunded with shipping");
      assertThat(r.fullyRefunded()).isNull();
      assertThat(r.occurredAt()).isEqualTo(Instant.parse("2026-11-24T10:15:02Z"));
      // the credit memo names its order by entity id only: the number comes from aliases or the API
      assertThat(r.order()).isEqualTo(new OrderRef(null, "adobe-commerce:77", null, null, null, null));
      assertThat(r.order().key()).isEqualTo("vendor-order:adobe-commerce:77");
    });
  }

  @Test
  void amountsAsStringsInOtherCurrenciesAndTheNewestCommentWhenThereIsNoNote() {
    ObjectNode payload = creditMemo(m -> {
      m.put("grand_total", "1500.0000");
      m.put("order_currency_code", "jpy");
      m.put("state", "2");
      m.putNull("customer_note");
      m.put("transaction_id", "ch_3QbRefund0001-refund");
      m.withArray("comments").addObject().put("comment", "Second thoughts: goodwill").put("created_at", "2026-11-25 08:00:00");
    });

    RefundIssued r = (RefundIssued) normalize(payload).get(0);

    assertThat(r.amount()).isEqualTo(Money.of(1500, "JPY"));
    assertThat(r.reason()).isEqualTo("Second thoughts: goodwill");
    // Commerce names the refund transaction after the capture it refunds: the charge is ch_3QbRefund0001
    assertThat(r.chargeId()).isEqualTo("ch_3QbRefund0001");
  }

  @Test
  void aGatewaysOwnRefundIdIsNotShownAsACharge() {
    ObjectNode payload = creditMemo(m -> m.put("transaction_id", "re_3QbRefund0002"));

    assertThat(((RefundIssued) normalize(payload).get(0)).chargeId()).isNull();
  }

  @Test
  void blankOrPaddedOptionalFactsAreNullOrTrimmedNeverEmpty() {
    ObjectNode payload = creditMemo(m -> {
      m.put("increment_id", "  ");
      m.put("customer_note", "");
      m.remove("comments");
      m.putObject("order").put("entity_id", 77).put("increment_id", "").put("customer_email", " jane@example.com ");
    });

    RefundIssued r = (RefundIssued) normalize(payload).get(0);

    assertThat(r.refundId()).as("the entity id stands in for a blank credit memo number").isEqualTo("12");
    assertThat(r.reason()).isNull();
    assertThat(r.order()).isEqualTo(new OrderRef(null, "adobe-commerce:77", "jane@example.com", null, null, null));
  }

  @Test
  void aFloatTotalIsRoundedToTheCurrencyAndAnEmbeddedOrderNamesItsNumber() {
    ObjectNode payload = creditMemo(m -> {
      m.put("grand_total", 24.999999999999996);
      m.putObject("order").put("entity_id", 77).put("increment_id", "000000077").put("customer_email", "jane@example.com");
    });

    RefundIssued r = (RefundIssued) normalize(payload).get(0);

    assertThat(r.amount()).isEqualTo(Money.of(2500, "USD"));
    assertThat(r.order().orderId()).isEqualTo("000000077");
    assertThat(r.order().email()).isEqualTo("jane@example.com");
    assertThat(AdobeCommerceNormalizer.orderFacts(payload))
        .containsExactly(Map.entry("vendor-order:adobe-commerce:77", "order:000000077"));
  }

  @Test
  void anOpenOrCancelledCreditMemoIsNoRefundYetAndGetsItsOwnKey() {
    ObjectNode open = creditMemo(m -> m.put("state", 1));
    ObjectNode cancelled = creditMemo(m -> m.put("state", 3));
    ObjectNode noState = creditMemo(m -> m.remove("state"));

    assertThat(normalize(open)).isEmpty();
    assertThat(normalize(cancelled)).isEmpty();
    assertThat(normalize(noState)).as("a refund is reported only when the credit memo says it was refunded").isEmpty();
    // open now, refunded later: two different rows, so the later refund is not taken for a duplicate
    assertThat(id(open)).isEqualTo("sales_order_creditmemo_save_after:12:open");
    assertThat(id(cancelled)).isEqualTo("sales_order_creditmemo_save_after:12:canceled");
    assertThat(id(sample("sales_order_creditmemo_save_after"))).isEqualTo("sales_order_creditmemo_save_after:12:refunded");
  }

  @Test
  void theSameCreditMemoSavedAgainHasTheSameKeyWhateverElseChanged() {
    ObjectNode first = sample("sales_order_creditmemo_save_after");
    // the order confirmation email goes out and the credit memo is saved again, in another request
    ObjectNode resaved = creditMemo(m -> {
      m.put("email_sent", 1);
      m.put("updated_at", "2026-11-24 10:16:30");
    });

    assertThat(id(resaved)).isEqualTo(id(first));
  }

  @Test
  void theCommitEventAndTheObserverPrefixAreReadToo() {
    ObjectNode payload = sample("sales_order_creditmemo_save_after");
    payload.put("eventName", "observer.sales_order_creditmemo_save_commit_after");
    ((ObjectNode) payload.path("data")).remove("creditmemo");

    List<OrderEvent> events = normalize(payload);

    assertThat(events).singleElement().isInstanceOf(RefundIssued.class);
    assertThat(events.get(0).sourceEventId()).isEqualTo("sales_order_creditmemo_save_commit_after:12:refunded");
    assertThat(events.get(0).vendorType()).isEqualTo("observer.sales_order_creditmemo_save_commit_after");
    assertThat(events.get(0).factId()).as("one note per credit memo, whichever of the two events came")
        .isEqualTo(((RefundIssued) normalize(sample("sales_order_creditmemo_save_after")).get(0)).factId());
  }

  @Test
  void aCreditMemoWithoutAmountCurrencyOrOrderIsNothing() {
    assertThat(normalize(creditMemo(m -> m.remove("grand_total")))).isEmpty();
    assertThat(normalize(creditMemo(m -> m.put("order_currency_code", "dollars")))).isEmpty();
    assertThat(normalize(creditMemo(m -> m.put("grand_total", 0)))).isEmpty();
    assertThat(normalize(creditMemo(m -> m.remove("order_id")))).as("no order to put it on").isEmpty();
  }

  @Test
  void aCancelledOrderNamesItsNumberIdAndEmail() {
    ObjectNode payload = sample("order_cancel_after");

    List<OrderEvent> events = normalize(payload);

    assertThat(events).singleElement().isInstanceOfSatisfying(OrderCancelled.class, c -> {
      assertThat(c.sourceEventId()).isEqualTo("order_cancel_after:78:canceled");
      assertThat(c.vendorType()).isEqualTo("order_cancel_after");
      assertThat(c.order()).isEqualTo(new OrderRef("000000078", "adobe-commerce:78", "jane@example.com", null, null, null));
      assertThat(c.occurredAt()).as("the cancellation is the order's last update, not its creation")
          .isEqualTo(Instant.parse("2026-11-24T09:30:45Z"));
      assertThat(c.reason()).isNull();
    });
    assertThat(AdobeCommerceNormalizer.orderFacts(payload))
        .containsExactly(Map.entry("vendor-order:adobe-commerce:78", "order:000000078"));
  }

  @Test
  void anOrderThatIsNotCanceledIsNoCancellation() {
    ObjectNode payload = sample("order_cancel_after");
    ((ObjectNode) payload.path("data").path("order")).put("state", "processing");

    assertThat(normalize(payload)).isEmpty();
    assertThat(id(payload)).matches("order_cancel_after:sha256:[0-9a-f]{32}");
  }

  @Test
  void otherEventsAndPayloadsWithoutANameAreIgnoredWithAStableKey() {
    ObjectNode saved = JSON.createObjectNode().put("eventName", "catalog_product_save_after");
    saved.putObject("data").putObject("product").put("sku", "MUG-BLUE-L");
    // a plugin-type hook's payload: the method's arguments, no eventName
    ObjectNode plugin = JSON.createObjectNode();
    plugin.putObject("creditmemo").put("entity_id", 12);

    assertThat(normalize(saved)).isEmpty();
    assertThat(normalize(plugin)).isEmpty();
    assertThat(id(saved)).matches("catalog_product_save_after:sha256:[0-9a-f]{32}").isEqualTo(id(saved.deepCopy()));
    assertThat(id(plugin)).matches("unnamed:sha256:[0-9a-f]{32}");
    assertThat(id(plugin)).isNotEqualTo(id(JSON.createObjectNode().put("other", 1)));
    assertThat(AdobeCommerceNormalizer.vendorType(plugin)).isNull();
  }
}
