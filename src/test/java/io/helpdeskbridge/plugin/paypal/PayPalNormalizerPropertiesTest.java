package io.helpdeskbridge.plugin.paypal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.event.OrderEvent;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * PayPal-shaped envelopes with random resources (the shared fuzz test knows other vendors' keys):
 * whatever PayPal's fields hold, the normalizer and the alias facts never throw, and every event
 * it returns has its essentials.
 */
class PayPalNormalizerPropertiesTest {
  private static final List<String> TYPES = List.of(PayPalNormalizer.REFUNDED, PayPalNormalizer.REVERSED,
      PayPalNormalizer.DENIED, PayPalNormalizer.DISPUTE_CREATED, PayPalNormalizer.DISPUTE_UPDATED,
      PayPalNormalizer.DISPUTE_RESOLVED, "PAYMENT.CAPTURE.COMPLETED", "BILLING.PLAN.CREATED");
  private static final List<String> KEYS = List.of("id", "status", "amount", "value", "currency_code", "invoice_id", "custom_id",
      "links", "rel", "href", "note_to_payer", "status_details", "reason", "dispute_id", "disputed_transactions",
      "seller_transaction_id", "invoice_number", "custom", "gross_amount", "dispute_amount", "dispute_outcome", "outcome_code",
      "dispute_life_cycle_stage", "seller_response_due_date", "create_time", "update_time");

  @Provide
  Arbitrary<JsonNode> values() {
    Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(30).map(JsonNodeFactory.instance::textNode),
        Arbitraries.of("25.00", "-0.49", "1e400", "0.001", "99999999999999999999", "USD", "JPY", "usd", "xx", "", "up", "self",
            "https://api.paypal.com/v2/payments/captures/2GG279541U471931P", "/v2/payments/captures/", "COMPLETED", "PENDING",
            "FAILED", "RESOLVED_BUYER_FAVOUR", "2026-11-24T10:00:00Z", "2026-19-12T22:20:32.000Z", "#1001")
            .map(JsonNodeFactory.instance::textNode),
        Arbitraries.longs().map(JsonNodeFactory.instance::numberNode),
        Arbitraries.of(true, false).map(JsonNodeFactory.instance::booleanNode),
        Arbitraries.just(JsonNodeFactory.instance.nullNode()));
    return Arbitraries.recursive(() -> leaf, this::containers, 4);
  }

  private Arbitrary<JsonNode> containers(Arbitrary<JsonNode> inner) {
    Arbitrary<JsonNode> object = Combinators.combine(Arbitraries.of(KEYS).list().ofMaxSize(8), inner.list().ofMaxSize(8))
        .as((keys, vals) -> {
          ObjectNode o = JsonNodeFactory.instance.objectNode();
          for (int i = 0; i < Math.min(keys.size(), vals.size()); i++) o.set(keys.get(i), vals.get(i));
          return o;
        });
    Arbitrary<JsonNode> array = inner.list().ofMaxSize(4).map(l -> {
      var a = JsonNodeFactory.instance.arrayNode();
      l.forEach(a::add);
      return a;
    });
    return Arbitraries.oneOf(object, array);
  }

  @Provide
  Arbitrary<String> types() {
    return Arbitraries.of(TYPES);
  }

  @Property(tries = 300)
  void anyResourceInAnyEnvelopeYieldsWholeEventsOrNothing(@ForAll("types") String type, @ForAll("values") JsonNode resource) {
    ObjectNode envelope = JsonNodeFactory.instance.objectNode();
    envelope.put("id", "WH-FUZZ");
    envelope.put("event_type", type);
    envelope.put("create_time", "2026-11-24T10:00:00Z");
    envelope.set("resource", resource);

    List<OrderEvent> events = PayPalNormalizer.normalize(envelope, PayPalConfig.DEFAULT_ORDER_FROM);

    assertThat(events).allSatisfy(e -> {
      assertThat(e.source()).isEqualTo("paypal");
      assertThat(e.sourceEventId()).isEqualTo("WH-FUZZ");
      assertThat(e.order()).isNotNull();
      assertThat(e.order().key()).isNotBlank();
      assertThat(e.occurredAt()).isNotNull();
    });
    assertThat(PayPalNormalizer.orderFacts(envelope, PayPalConfig.DEFAULT_ORDER_FROM))
        .allSatisfy((alias, target) -> assertThat(alias).startsWith("payment:"));
  }
}
