package io.helpdeskbridge.plugin.signifyd;

import static io.helpdeskbridge.plugin.signifyd.SignifydNormalizerTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.event.FraudCleared;
import io.helpdeskbridge.event.FraudFlagged;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignifydEventSourceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "sig_team_api_key";
  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);
  private static final String CONTRACT_SIGNATURE = "z7SADrwm+YHdBCgTzYS1gYtPLQyJG4PiKFPDIP0B7VI=";
  private static final Instant T = Instant.parse("2026-03-02T09:15:30Z");
  private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);

  private final SignifydEventSource source = new SignifydEventSource();

  private static ConnectorSettings settings(Map<String, Object> values) {
    return new ConnectorSettings("signifyd-main", "signifyd", "connectors/signifyd-main.yaml", values);
  }

  private static ConnectorSettings withKey() {
    return settings(Map.of("webhook-secret", KEY));
  }

  private static WebhookRequest request(byte[] body, String... headerPairs) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.put(headerPairs[i], headerPairs[i + 1]);
    }
    return new WebhookRequest("signifyd", headers, body, T);
  }

  private static String documentedComputation(String key, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return Base64.getEncoder().encodeToString(mac.doFinal(body));
  }

  @Test
  void isFoundByServiceLoaderUnderItsId() {
    assertThat(ServiceLoader.load(EventSource.class).stream().map(p -> p.get().id()))
        .contains("signifyd");
    assertThat(source.id()).isEqualTo("signifyd");
  }

  // --- verify ---

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SIGNIFYD-SEC-HMAC-SHA256",
        "signifyd-sec-hmac-sha256",
        "X-SIGNIFYD-SEC-HMAC-SHA256",
        "x-signifyd-sec-hmac-sha256"
      })
  void verifiesTheContractVectorUnderEitherHeaderNameInAnyCase(String header) {
    WebhookRequest request = request(BODY, header, CONTRACT_SIGNATURE, "signifyd-checkpoint", "CHECKOUT");

    assertThatCode(() -> source.verify(request, withKey(), CLOCK)).doesNotThrowAnyException();
  }

  @Test
  void aForgedV3HeaderDoesNotHideAGenuineLegacyOne() {
    WebhookRequest request =
        request(
            BODY,
            "SIGNIFYD-SEC-HMAC-SHA256", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
            "X-SIGNIFYD-SEC-HMAC-SHA256", CONTRACT_SIGNATURE);

    assertThatCode(() -> source.verify(request, withKey(), CLOCK)).doesNotThrowAnyException();
  }

  @Test
  void acceptsACommaSeparatedOrYamlListOfKeys() {
    for (Object keys : new Object[] {"old_team_key, " + KEY, List.of("old_team_key", KEY)}) {
      ConnectorSettings settings = settings(Map.of("webhook-secret", keys));

      assertThatCode(
              () ->
                  source.verify(
                      request(BODY, "SIGNIFYD-SEC-HMAC-SHA256", CONTRACT_SIGNATURE), settings, CLOCK))
          .as("%s", keys)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void refusesAMissingHeaderATamperedBodyAndAWrongKey() {
    byte[] tampered = "{\"id\":\"evt_1\",\"object\":\"event\" }".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> source.verify(request(BODY), withKey(), CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("missing SIGNIFYD-SEC-HMAC-SHA256 header")
        .satisfies(e -> assertThat(((WebhookRejected) e).status()).isEqualTo(400));
    assertThatThrownBy(
            () ->
                source.verify(
                    request(tampered, "SIGNIFYD-SEC-HMAC-SHA256", CONTRACT_SIGNATURE),
                    withKey(),
                    CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessageContaining("does not match");
    assertThatThrownBy(
            () ->
                source.verify(
                    request(BODY, "SIGNIFYD-SEC-HMAC-SHA256", CONTRACT_SIGNATURE),
                    settings(Map.of("webhook-secret", "another_key")),
                    CLOCK))
        .isInstanceOf(WebhookRejected.class)
        .hasMessageNotContaining("another_key")
        .hasMessageNotContaining(CONTRACT_SIGNATURE);
  }

  @Test
  void missingKeyIsAConfigurationErrorNamingTheSettingAndFileButNoValue() {
    for (Map<String, Object> values : List.<Map<String, Object>>of(Map.of(), Map.of("webhook-secret", " , "))) {
      assertThatThrownBy(
              () ->
                  source.verify(
                      request(BODY, "SIGNIFYD-SEC-HMAC-SHA256", CONTRACT_SIGNATURE),
                      settings(values),
                      CLOCK))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("webhook-secret")
          .hasMessageContaining("connectors/signifyd-main.yaml");
    }
  }

  @Test
  void theTestKeyIsAcceptedOnlyOnTheTestTopicAndCanBeTurnedOff() throws Exception {
    String testSignature = documentedComputation("ABCDE", BODY);
    WebhookRequest onTestTopic =
        request(BODY, "X-SIGNIFYD-SEC-HMAC-SHA256", testSignature, "X-SIGNIFYD-TOPIC", "cases/test");
    WebhookRequest onCheckout =
        request(BODY, "SIGNIFYD-SEC-HMAC-SHA256", testSignature, "signifyd-checkpoint", "CHECKOUT");

    assertThatCode(() -> source.verify(onTestTopic, withKey(), CLOCK)).doesNotThrowAnyException();
    assertThatThrownBy(() -> source.verify(onCheckout, withKey(), CLOCK))
        .isInstanceOf(WebhookRejected.class);
    assertThatThrownBy(
            () ->
                source.verify(
                    onTestTopic,
                    settings(Map.of("webhook-secret", KEY, "accept-test-deliveries", "false")),
                    CLOCK))
        .isInstanceOf(WebhookRejected.class);
  }

  // --- eventId and vendorType ---

  @Test
  void eventIdIsCheckpointOrderActionAndDecisionTime() throws Exception {
    WebhookRequest checkout = request(BODY, "signifyd-checkpoint", "CHECKOUT");
    WebhookRequest sale = request(BODY, "signifyd-checkpoint", "SALE");

    assertThat(source.eventId(checkout, fixture("checkout-reject.json")))
        .isEqualTo("CHECKOUT:1001:REJECT:2026-03-02T09:15:27.481Z");
    assertThat(source.eventId(sale, fixture("sale-hold.json"))).isEqualTo("SALE:1002:HOLD");
    assertThat(source.vendorType(checkout, fixture("checkout-reject.json")))
        .isEqualTo("CHECKOUT.REJECT");
    assertThat(source.vendorType(sale, fixture("sale-hold.json"))).isEqualTo("SALE.HOLD");
  }

  @Test
  void aRetriedDeliveryKeepsItsKeyWhileANewDecisionGetsANewOne() throws Exception {
    WebhookRequest checkout = request(BODY, "signifyd-checkpoint", "CHECKOUT");
    JsonNode first = fixture("checkout-reject.json");
    JsonNode retry = fixture("checkout-reject.json");
    ObjectNode redecided = first.deepCopy();
    ((ObjectNode) redecided.path("decision")).put("createdAt", "2026-03-03T08:00:00Z");
    ObjectNode held = first.deepCopy();
    ((ObjectNode) held.path("decision")).put("checkpointAction", "HOLD");
    ObjectNode otherOrder = first.deepCopy();
    otherOrder.put("orderId", "1009");

    String key = source.eventId(checkout, first);

    assertThat(source.eventId(checkout, retry)).isEqualTo(key);
    assertThat(source.eventId(request(BODY, "signifyd-checkpoint", "TRANSACTION"), first))
        .isNotEqualTo(key);
    assertThat(List.of(
            source.eventId(checkout, redecided),
            source.eventId(checkout, held),
            source.eventId(checkout, otherOrder)))
        .doesNotContain(key)
        .doesNotHaveDuplicates();
  }

  @Test
  void theOrderNumberInTheKeyDropsTheHashSoBothSpellingsAreOneDelivery() throws Exception {
    WebhookRequest checkout = request(BODY, "signifyd-checkpoint", "CHECKOUT");
    ObjectNode hash = (ObjectNode) fixture("checkout-reject.json");
    ObjectNode plain = hash.deepCopy();
    plain.put("orderId", "1001");

    assertThat(source.eventId(checkout, hash)).isEqualTo(source.eventId(checkout, plain));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"orderId\":\"\"}",
        "{\"orderId\":\"#\"}",
        "{\"orderId\":null,\"signifydId\":\"1\"}",
        "{\"orderId\":[\"1001\"]}",
        "[]"
      })
  void aDecisionWithoutAnOrderIdIsABadRequest(String json) {
    assertThatThrownBy(
            () -> source.eventId(request(BODY, "signifyd-checkpoint", "CHECKOUT"), JSON.readTree(json)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("the decision has no orderId")
        .satisfies(e -> assertThat(((WebhookRejected) e).title()).isEqualTo("Bad request"));
  }

  @Test
  void aTestDeliveryNeedsNoOrderAndIsIgnored() throws Exception {
    WebhookRequest test = request(BODY, "X-SIGNIFYD-TOPIC", "cases/test");
    JsonNode payload = fixture("test-delivery.json");

    assertThat(source.eventId(test, payload)).isEqualTo("cases/test:1");
    assertThat(source.vendorType(test, payload)).isEqualTo("cases/test");
    assertThat(source.normalize(test, payload, withKey())).isEmpty();
    assertThat(source.orderFacts(test, payload)).isEmpty();
    String bare = source.eventId(test, JSON.readTree("{}"));
    assertThat(bare).matches("cases/test:[0-9a-f]{16}");
    assertThat(source.eventId(test, JSON.readTree("{}"))).isEqualTo(bare);
  }

  @Test
  void vendorTypeIsNullWhenNothingIsKnown() throws Exception {
    assertThat(source.vendorType(request(BODY), JSON.readTree("{\"orderId\":\"1\"}"))).isNull();
    assertThat(source.vendorType(request(BODY), null)).isNull();
  }

  // --- normalize and order facts ---

  @Test
  void normalizeDelegatesToTheNormalizerWithTheHeaders() throws Exception {
    WebhookRequest checkout = request(BODY, "signifyd-checkpoint", "CHECKOUT");

    assertThat(source.normalize(checkout, fixture("checkout-reject.json"), withKey()))
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
  void theSignifydIdIsLearnedAsAnAliasOfTheOrderEvenWhenTheDeliveryIsIgnored() throws Exception {
    WebhookRequest checkout = request(BODY, "signifyd-checkpoint", "CHECKOUT");

    assertThat(source.orderFacts(checkout, fixture("unknown-action.json")))
        .containsExactly(Map.entry("vendor-order:signifyd:8120030000", "order:1003"));
    assertThat(source.orderFacts(checkout, fixture("no-order.json"))).isEmpty();
    assertThat(source.orderFacts(checkout, JSON.readTree("{\"orderId\":\"1\"}"))).isEmpty();
  }

  // --- samples ---

  @ParameterizedTest
  @ValueSource(strings = {"CHECKOUT.REJECT", "CHECKOUT.ACCEPT"})
  void bundledSamplesAreSignedVerifiedAndNormalizedEndToEnd(String type) throws Exception {
    ConnectorSettings settings = settings(Map.of("webhook-secret", KEY + ",second_key"));
    byte[] body = source.sample(type).orElseThrow();

    Map<String, String> headers = source.signForSample(type, body, settings, T);
    WebhookRequest request = new WebhookRequest("signifyd", headers, body, T);
    source.verify(request, settings, CLOCK);
    JsonNode payload = JSON.readTree(body);

    assertThat(headers)
        .containsOnlyKeys("SIGNIFYD-SEC-HMAC-SHA256", "signifyd-checkpoint")
        .containsEntry("signifyd-checkpoint", "CHECKOUT")
        .containsEntry("SIGNIFYD-SEC-HMAC-SHA256", documentedComputation(KEY, body));
    assertThat(source.vendorType(request, payload)).isEqualTo(type);
    assertThat(source.eventId(request, payload)).startsWith("CHECKOUT:1001:" + type.substring(9) + ":");
    assertThat(source.normalize(request, payload, settings))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.order().orderId()).isEqualTo("1001");
              assertThat(event.order().vendorOrderId()).isEqualTo("signifyd:7254001001");
              assertThat(event.vendorType()).isEqualTo(type);
            });
  }

  @Test
  void theRejectSampleCarriesAScoreAndAReason() throws Exception {
    byte[] body = source.sample("CHECKOUT.REJECT").orElseThrow();
    WebhookRequest request = request(body, "signifyd-checkpoint", "CHECKOUT");

    assertThat(source.normalize(request, JSON.readTree(body), withKey()))
        .containsExactly(
            new FraudFlagged(
                "signifyd",
                "CHECKOUT:1001:REJECT:2026-01-01T00:00:00.000Z",
                Instant.parse("2026-01-01T00:00:00Z"),
                new OrderRef("1001", "signifyd:7254001001", null, null, null, null),
                "CHECKOUT.REJECT",
                "signifyd",
                "reject the order",
                "112",
                "Signifyd's review found the order too risky to guarantee",
                "7254001001"));
    byte[] accept = source.sample("CHECKOUT.ACCEPT").orElseThrow();
    assertThat(source.normalize(request(accept, "signifyd-checkpoint", "CHECKOUT"), JSON.readTree(accept), withKey()))
        .containsExactly(
            new FraudCleared(
                "signifyd",
                "CHECKOUT:1001:ACCEPT:2026-01-01T02:30:00.000Z",
                Instant.parse("2026-01-01T02:30:00Z"),
                new OrderRef("1001", "signifyd:7254001001", null, null, null, null),
                "CHECKOUT.ACCEPT",
                "signifyd",
                "Signifyd approved the order and guarantees it",
                "7254001001"));
  }

  @Test
  void theCheckpointHeaderFollowsTheVendorType() {
    ConnectorSettings settings = withKey();

    assertThat(source.signForSample("SALE.HOLD", BODY, settings, T))
        .containsEntry("signifyd-checkpoint", "SALE");
    assertThat(source.signForSample("REJECT", BODY, settings, T))
        .containsEntry("signifyd-checkpoint", "CHECKOUT");
    assertThat(source.signForSample(null, BODY, settings, T))
        .containsEntry("signifyd-checkpoint", "CHECKOUT")
        .containsEntry("SIGNIFYD-SEC-HMAC-SHA256", CONTRACT_SIGNATURE);
    assertThat(source.signForSample("cases/test", BODY, settings, T))
        .containsOnlyKeys("SIGNIFYD-SEC-HMAC-SHA256", "X-SIGNIFYD-TOPIC")
        .containsEntry("X-SIGNIFYD-TOPIC", "cases/test");
    assertThat(source.signForSample("guarantees/completion.DECLINED", BODY, settings, T))
        .containsEntry("X-SIGNIFYD-TOPIC", "guarantees/completion");
  }

  @ParameterizedTest
  @ValueSource(strings = {"CHECKOUT.HOLD", "../signifyd/CHECKOUT.REJECT", "CHECKOUT/../x", "", ".."})
  void unknownOrUnsafeSampleNamesGiveNothing(String type) {
    assertThat(source.sample(type)).isEmpty();
    assertThat(source.sample(null)).isEmpty();
  }
}
