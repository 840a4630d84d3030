package io.helpdeskbridge.plugin.signifyd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.event.FraudCleared;
import io.helpdeskbridge.event.FraudFlagged;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.spi.WebhookRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignifydNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final Instant RECEIVED = Instant.parse("2026-03-02T09:15:30Z");

  static JsonNode fixture(String name) throws IOException {
    String path = "vendor/signifyd/" + name;
    try (InputStream in = SignifydNormalizerTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return JSON.readTree(in);
    }
  }

  /** A stored delivery with the given headers as name, value pairs. */
  static WebhookRequest request(String... headerPairs) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], headerPairs[i + 1]);
    }
    return new WebhookRequest("signifyd", headers, new byte[0], RECEIVED);
  }

  private static List<OrderEvent> normalize(WebhookRequest request, JsonNode payload) {
    return SignifydNormalizer.normalize(request, payload);
  }

  @Test
  void checkoutRejectBecomesFraudFlaggedWithEveryField() throws IOException {
    List<OrderEvent> events =
        normalize(request("signifyd-checkpoint", "CHECKOUT"), fixture("checkout-reject.json"));

    assertThat(events)
        .containsExactly(
            new FraudFlagged(
                "signifyd",
                "CHECKOUT:1001:REJECT:2026-03-02T09:15:27.481Z",
                Instant.parse("2026-03-02T09:15:27.481Z"),
                new OrderRef("1001", "signifyd:8120034567", null, null, null, null),
                "CHECKOUT.REJECT",
                "signifyd",
                "reject the order",
                "87",
                "Signifyd's review found the order too risky to guarantee",
                "8120034567"));
  }

  @Test
  void holdIsFlaggedTooWithTheActionUpperCasedAndTheReceiptTimeWhenNoCreatedAt()
      throws IOException {
    List<OrderEvent> events =
        normalize(request("signifyd-checkpoint", "SALE"), fixture("sale-hold.json"));

    assertThat(events)
        .containsExactly(
            new FraudFlagged(
                "signifyd",
                "SALE:1002:HOLD",
                RECEIVED,
                new OrderRef("1002", "signifyd:8120039911", "sam.buyer@example.org", null, null, null),
                "SALE.HOLD",
                "signifyd",
                "hold the order for review",
                "455",
                "a person has to review the order before it ships",
                "8120039911"));
  }

  @Test
  void acceptBecomesFraudClearedWithEveryField() throws IOException {
    List<OrderEvent> events =
        normalize(
            request("signifyd-checkpoint", "MERCHANT_REVIEW"),
            fixture("merchant-review-accept.json"));

    assertThat(events)
        .containsExactly(
            new FraudCleared(
                "signifyd",
                "MERCHANT_REVIEW:1001:ACCEPT:2026-03-02T11:40:03+01:00",
                Instant.parse("2026-03-02T10:40:03Z"),
                new OrderRef("1001", "signifyd:8120034567", null, null, null, null),
                "MERCHANT_REVIEW.ACCEPT",
                "signifyd",
                "approved by your own reviewer in Signifyd",
                "8120034567"));
  }

  @Test
  void theOlderFlatShapeWithACaseIdIsReadToo() throws IOException {
    List<OrderEvent> events =
        normalize(request("X-SIGNIFYD-TOPIC", "decisions/guarantee"), fixture("v2-flat-reject.json"));

    assertThat(events)
        .containsExactly(
            new FraudFlagged(
                "signifyd",
                "decisions/guarantee:A-17:REJECT",
                RECEIVED,
                new OrderRef("A-17", "signifyd:440017", "pat@example.com", null, null, null),
                "decisions/guarantee.REJECT",
                "signifyd",
                "reject the order",
                "31",
                "card testing",
                "440017"));
  }

  @Test
  void theDecisionObjectWinsOverTopLevelFields() throws IOException {
    JsonNode payload =
        JSON.readTree(
            "{\"orderId\":\"1001\",\"checkpointAction\":\"ACCEPT\",\"score\":999,"
                + "\"checkpointActionReason\":\"OLD\",\"decision\":{\"checkpointAction\":\"REJECT\","
                + "\"checkpointActionReason\":\"NEW\",\"score\":3}}");

    FraudFlagged flagged =
        (FraudFlagged) normalize(request("signifyd-checkpoint", "CHECKOUT"), payload).get(0);

    assertThat(flagged.action()).isEqualTo("reject the order");
    assertThat(flagged.reason()).isEqualTo("new");
    assertThat(flagged.score()).isEqualTo("3");
  }

  @Test
  void theCheckpointComesFromTheV3HeaderThenTheTopicHeaderThenTheBodyThenTheV2Topic()
      throws IOException {
    JsonNode withField = JSON.readTree("{\"orderId\":\"1\",\"checkpoint\":\"REROUTE\"}");
    JsonNode without = JSON.readTree("{\"orderId\":\"1\"}");

    assertThat(
            SignifydNormalizer.checkpoint(
                request(
                    "signifyd-checkpoint", "CHECKOUT",
                    "SIGNIFYD-TOPIC", "SALE",
                    "X-SIGNIFYD-TOPIC", "decisions/guarantee"),
                withField))
        .isEqualTo("CHECKOUT");
    assertThat(
            SignifydNormalizer.checkpoint(
                request("signifyd-topic", "TRANSACTION", "X-SIGNIFYD-TOPIC", "cases/rescore"),
                withField))
        .isEqualTo("TRANSACTION");
    assertThat(
            SignifydNormalizer.checkpoint(
                request("X-SIGNIFYD-TOPIC", "cases/rescore"), withField))
        .isEqualTo("REROUTE");
    assertThat(SignifydNormalizer.checkpoint(request("x-signifyd-topic", " cases/rescore "), without))
        .isEqualTo("cases/rescore");
    assertThat(SignifydNormalizer.checkpoint(request(), without)).isNull();
  }

  @Test
  void withoutACheckpointTheVendorTypeIsTheActionAndTheKeyKeepsAnEmptySlot() throws IOException {
    JsonNode payload =
        JSON.readTree("{\"orderId\":\"1001\",\"decision\":{\"checkpointAction\":\"REJECT\"}}");

    FraudFlagged flagged = (FraudFlagged) normalize(request(), payload).get(0);

    assertThat(flagged.vendorType()).isEqualTo("REJECT");
    assertThat(flagged.sourceEventId()).isEqualTo(":1001:REJECT");
    assertThat(flagged.score()).isNull();
    assertThat(flagged.reason()).isNull();
    assertThat(flagged.reference()).isNull();
    assertThat(flagged.order()).isEqualTo(OrderRef.ofOrder("1001"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-SIGNIFYD-TOPIC", "SIGNIFYD-TOPIC", "signifyd-checkpoint"})
  void testDeliveriesMeanNothing(String header) throws IOException {
    assertThat(normalize(request(header, "cases/test"), fixture("test-delivery.json"))).isEmpty();
    // even a real-looking decision is ignored when it comes on the test topic
    assertThat(normalize(request(header, "CASES/TEST"), fixture("checkout-reject.json"))).isEmpty();
  }

  @Test
  void aTestTopicNamedInTheBodyIsIgnoredToo() throws IOException {
    JsonNode payload =
        JSON.readTree(
            "{\"orderId\":\"1\",\"checkpoint\":\"cases/test\",\"checkpointAction\":\"REJECT\"}");

    assertThat(normalize(request(), payload)).isEmpty();
  }

  @Test
  void unknownActionsAndDecisionsWithoutAnOrderAreIgnored() throws IOException {
    WebhookRequest checkout = request("signifyd-checkpoint", "CHECKOUT");

    assertThat(normalize(checkout, fixture("unknown-action.json"))).isEmpty();
    assertThat(normalize(checkout, fixture("no-order.json"))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "\"text\"",
        "null",
        "{\"orderId\":\"1001\"}",
        "{\"orderId\":\"1001\",\"decision\":\"REJECT\"}",
        "{\"orderId\":\"1001\",\"decision\":{\"checkpointAction\":7}}",
        "{\"orderId\":\"1001\",\"decision\":{\"checkpointAction\":\"  \"}}",
        "{\"orderId\":{\"id\":1},\"decision\":{\"checkpointAction\":\"REJECT\"}}",
        "{\"orderId\":\"#\",\"decision\":{\"checkpointAction\":\"REJECT\"}}",
        "{\"orderId\":\"1001\",\"decision\":[{\"checkpointAction\":\"REJECT\"}]}"
      })
  void oddPayloadsGiveNothingAndNeverThrow(String json) throws IOException {
    JsonNode payload = JSON.readTree(json);

    assertThatCode(() -> normalize(request("signifyd-checkpoint", "CHECKOUT"), payload))
        .doesNotThrowAnyException();
    assertThat(normalize(request("signifyd-checkpoint", "CHECKOUT"), payload)).isEmpty();
    assertThat(normalize(null, payload)).isEmpty();
  }

  @Test
  void oddFieldValuesDegradeToNullInsteadOfFailing() throws IOException {
    JsonNode payload =
        JSON.readTree(
            "{\"orderId\":1001,\"signifydId\":{\"x\":1},\"email\":5,\"decision\":{"
                + "\"checkpointAction\":\"REJECT\",\"createdAt\":\"yesterday\","
                + "\"checkpointActionReason\":[],\"score\":{\"value\":3}}}");

    FraudFlagged flagged =
        (FraudFlagged) normalize(request("signifyd-checkpoint", "CHECKOUT"), payload).get(0);

    assertThat(flagged.order()).isEqualTo(OrderRef.ofOrder("1001"));
    assertThat(flagged.occurredAt()).isEqualTo(RECEIVED);
    assertThat(flagged.sourceEventId()).isEqualTo("CHECKOUT:1001:REJECT:yesterday");
    assertThat(flagged.reason()).isNull();
    assertThat(flagged.score()).isNull();
    assertThat(flagged.reference()).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.0", "1000", "999.999", "\"812\"", "\"812.9\"", "\"n/a\""})
  void scoresAreWholePointsOrTheTextAsGiven(String score) throws IOException {
    JsonNode payload =
        JSON.readTree(
            "{\"orderId\":\"1\",\"decision\":{\"checkpointAction\":\"HOLD\",\"score\":" + score + "}}");

    FraudFlagged flagged = (FraudFlagged) normalize(request(), payload).get(0);

    String expected =
        switch (score) {
          case "0", "0.0" -> "0";
          case "1000" -> "1000";
          case "999.999" -> "999";
          case "\"812\"", "\"812.9\"" -> "812";
          default -> "n/a";
        };
    assertThat(flagged.score()).isEqualTo(expected);
  }

  @Test
  void normalizingTwiceGivesTheSameEvents() throws IOException {
    JsonNode payload = fixture("checkout-reject.json");
    WebhookRequest request = request("signifyd-checkpoint", "CHECKOUT");

    assertThat(normalize(request, payload)).isEqualTo(normalize(request, payload)).hasSize(1);
  }
}
