package io.helpdeskbridge.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.config.Plugins;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every normalizer takes whatever a vendor (or an attacker with a leaked secret) could sign: random
 * JSON shaped like the vendors' envelopes, with wrong types, huge numbers, nulls and odd strings in
 * every place. A normalizer may return nothing, but it never throws and never returns a broken event.
 */
class NormalizerFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TYPES = List.of("charge.refunded", "refund.created", "refund.updated", "refund.failed",
      "payment_intent.payment_failed", "charge.dispute.created", "charge.dispute.closed", "radar.early_fraud_warning.created",
      "review.opened", "review.closed", "tracker.updated", "tracker.created", "tracking_update", "edd_revise",
      "refunds/create", "orders/cancelled", "orders/updated", "fulfillments/update", "fulfillment_events/create");
  private static final List<String> KEYS = List.of("id", "object", "type", "created", "data", "object", "metadata", "order_id",
      "amount", "amount_refunded", "currency", "status", "refunded", "charge", "payment_intent", "previous_attributes",
      "result", "tracking_code", "carrier", "est_delivery_date", "tracking_details", "msg", "tag", "subtag", "tracking_number",
      "order_number", "checkpoints", "transactions", "kind", "name", "shipment_status", "decision", "checkpointAction",
      "orderId", "score", "evidence_details", "due_by", "last_payment_error", "description", "event", "event_id", "ts");

  @Provide
  Arbitrary<JsonNode> values() {
    Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40).map(JsonNodeFactory.instance::textNode),
        Arbitraries.of(TYPES).map(JsonNodeFactory.instance::textNode),
        Arbitraries.longs().map(JsonNodeFactory.instance::numberNode),
        Arbitraries.doubles().map(JsonNodeFactory.instance::numberNode),
        Arbitraries.bigIntegers().between(new java.math.BigInteger("-1" + "0".repeat(30)), new java.math.BigInteger("1" + "0".repeat(30)))
            .map(JsonNodeFactory.instance::numberNode),
        Arbitraries.of(true, false).map(JsonNodeFactory.instance::booleanNode),
        Arbitraries.just(JsonNodeFactory.instance.nullNode()),
        Arbitraries.of("usd", "JPY", "kwd", "xx", "", "2026-11-24T10:00:00Z", "2026-02-30", "#1001", "succeeded", "failed",
            "Exception", "Delivered", "REJECT", "HOLD", "ACCEPT", "return_to_sender", "delivered", "failure")
            .map(JsonNodeFactory.instance::textNode));
    return Arbitraries.recursive(() -> leaf, this::containers, 4);
  }

  private Arbitrary<JsonNode> containers(Arbitrary<JsonNode> inner) {
    Arbitrary<JsonNode> object = Combinators.combine(Arbitraries.of(KEYS).list().ofMaxSize(8), inner.list().ofMaxSize(8))
        .as((keys, vals) -> {
          ObjectNode o = JsonNodeFactory.instance.objectNode();
          for (int i = 0; i < Math.min(keys.size(), vals.size()); i++) o.set(keys.get(i), vals.get(i));
          return o;
        });
    Arbitrary<JsonNode> array = inner.list().ofMaxSize(5).map(l -> {
      var a = JsonNodeFactory.instance.arrayNode();
      l.forEach(a::add);
      return a;
    });
    return Arbitraries.oneOf(object, array);
  }

  @Property(tries = 400)
  void noNormalizerThrowsOrReturnsAnEventWithoutItsEssentials(@ForAll("values") JsonNode payload, @ForAll("topics") String topic) {
    for (EventSource source : Plugins.discover().sources().values()) {
      WebhookRequest request = new WebhookRequest(source.id(), Map.of("X-Shopify-Topic", topic, "signifyd-checkpoint", "CHECKOUT"),
          payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), Instant.EPOCH);
      ConnectorSettings settings = ConnectorSettings.of(source.id(), Map.of("webhook-secret", "x"));
      List<OrderEvent> events = source.normalize(request, payload, settings);
      assertThat(events).as(source.id()).isNotNull().allSatisfy(e -> {
        assertThat(e.source()).isNotBlank();
        assertThat(e.order()).isNotNull();
        assertThat(e.order().key()).isNotBlank();
        assertThat(e.type()).isNotBlank();
      });
      source.orderFacts(request, payload);
    }
  }

  @Provide
  Arbitrary<String> topics() {
    return Arbitraries.of(TYPES);
  }

  @Property(tries = 200)
  void envelopesWithEveryKnownTypeAndRandomObjectsNeverBreakANormalizer(@ForAll("topics") String type, @ForAll("values") JsonNode object) {
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("id", "evt_fuzz");
    envelope.put("type", type);
    envelope.put("description", type);
    envelope.put("event", type);
    envelope.put("created", 1_700_000_000L);
    envelope.putObject("data").set("object", object);
    envelope.set("result", object);
    envelope.set("msg", object);
    for (EventSource source : Plugins.discover().sources().values()) {
      WebhookRequest request = new WebhookRequest(source.id(), Map.of("X-Shopify-Topic", type), new byte[0], Instant.EPOCH);
      assertThat(source.normalize(request, envelope, ConnectorSettings.of(source.id(), Map.of("webhook-secret", "x")))).isNotNull();
    }
  }
}
