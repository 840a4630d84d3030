package io.helpdeskbridge.plugin.stripe;

import static io.helpdeskbridge.plugin.stripe.StripeNormalizerTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.net.Webhook;
import io.helpdeskbridge.event.ChargebackOpened;
import io.helpdeskbridge.event.FraudCleared;
import io.helpdeskbridge.event.FraudFlagged;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.PaymentFailed;
import io.helpdeskbridge.event.RefundFailed;
import io.helpdeskbridge.event.RefundIssued;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.EventSource;
import io.helpdeskbridge.spi.WebhookRejected;
import io.helpdeskbridge.spi.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StripeEventSourceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "whsec_test_secret";
  private static final byte[] BODY =
      "{\"id\":\"evt_1\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);
  private static final String CONTRACT_HEADER =
      "t=1700000000,v1=0c8670ed117751cc551a20e35839447075c42800ea3cf3e8a2fbda99cd1e6edd";
  private static final Instant T = Instant.ofEpochSecond(1_700_000_000L);

  private final StripeEventSource source = new StripeEventSource();

  private static ConnectorSettings settings(Map<String, Object> values) {
    return new ConnectorSettings("stripe-main", "stripe", "connectors/stripe-main.yaml", values);
  }

  private static WebhookRequest request(String header, byte[] body) {
    Map<String, String> headers = header == null ? Map.of() : Map.of("stripe-signature", header);
    return new WebhookRequest("stripe", headers, body, T);
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  @Test
  void isFoundByServiceLoaderUnderItsId() {
    assertThat(ServiceLoader.load(EventSource.class).stream().map(p -> p.get().id()))
        .contains("stripe");
    assertThat(source.id()).isEqualTo("stripe");
  }

  @Test
  void verifiesTheContractVectorWithTheHeaderInAnyCase() {
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET));

    WebhookRequest request = request(CONTRACT_HEADER, BODY);

    assertThatCode(() -> source.verify(request, settings, at(T.plusSeconds(10))))
        .doesNotThrowAnyException();
  }

  @Test
  void acceptsACommaSeparatedOrYamlListOfSecrets() {
    for (Object secrets : new Object[] {"whsec_old, " + SECRET, List.of("whsec_old", SECRET)}) {
      ConnectorSettings settings = settings(Map.of("webhook-secret", secrets));

      assertThatCode(() -> source.verify(request(CONTRACT_HEADER, BODY), settings, at(T)))
          .as("%s", secrets)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void refusesAMissingHeaderAndAWrongSecret() {
    ConnectorSettings settings = settings(Map.of("webhook-secret", "whsec_other"));

    assertThatThrownBy(() -> source.verify(request(null, BODY), settings, at(T)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("missing Stripe-Signature header");
    assertThatThrownBy(() -> source.verify(request(CONTRACT_HEADER, BODY), settings, at(T)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("no signature matches the configured secret");
  }

  @Test
  void toleranceDefaultsToThreeHundredSecondsAndIsConfigurable() {
    ConnectorSettings byDefault = settings(Map.of("webhook-secret", SECRET));
    ConnectorSettings longer =
        settings(Map.of("webhook-secret", SECRET, "tolerance-seconds", "3600"));
    ConnectorSettings off = settings(Map.of("webhook-secret", SECRET, "tolerance-seconds", 0));
    Clock later = at(T.plusSeconds(301));

    assertThatThrownBy(() -> source.verify(request(CONTRACT_HEADER, BODY), byDefault, later))
        .hasMessage("timestamp outside the tolerance (300 s)");
    assertThatCode(() -> source.verify(request(CONTRACT_HEADER, BODY), longer, later))
        .doesNotThrowAnyException();
    assertThatCode(
            () -> source.verify(request(CONTRACT_HEADER, BODY), off, at(T.plusSeconds(86_400))))
        .doesNotThrowAnyException();
  }

  @Test
  void missingSecretIsAConfigurationErrorNamingTheKeyButNoValue() {
    ConnectorSettings settings = settings(Map.of("tolerance-seconds", "300"));

    assertThatThrownBy(() -> source.verify(request(CONTRACT_HEADER, BODY), settings, at(T)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("webhook-secret")
        .hasMessageContaining("connectors/stripe-main.yaml");
  }

  @Test
  void eventIdAndVendorTypeComeFromTheEnvelope() throws Exception {
    JsonNode payload = fixture("charge.refunded.json");

    assertThat(source.eventId(request(null, BODY), payload)).isEqualTo("evt_test_charge_refunded");
    assertThat(source.vendorType(request(null, BODY), payload)).isEqualTo("charge.refunded");
    assertThat(source.vendorType(request(null, BODY), JSON.readTree("{}"))).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{}", "{\"id\":\"\"}", "{\"id\":\"  \"}", "{\"id\":null}", "{\"id\":7}", "[]"})
  void eventWithoutAnIdIsABadRequest(String json) {
    assertThatThrownBy(() -> source.eventId(request(null, BODY), JSON.readTree(json)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("event has no id")
        .satisfies(e -> assertThat(((WebhookRejected) e).title()).isEqualTo("Bad request"));
  }

  @Test
  void thinEventsAreRefused() throws Exception {
    JsonNode thin = fixture("thin-event.json");

    assertThatThrownBy(() -> source.eventId(request(null, BODY), thin))
        .isInstanceOf(WebhookRejected.class)
        .hasMessageContaining("v2.core.event")
        .satisfies(e -> assertThat(((WebhookRejected) e).status()).isEqualTo(400));
    assertThat(source.normalize(request(null, BODY), thin, settings(Map.of()))).isEmpty();
  }

  @Test
  void normalizeUsesTheConfiguredOrderMetadataKey() throws Exception {
    JsonNode payload = fixture("refund.created.json");
    ConnectorSettings byDefault = settings(Map.of("webhook-secret", SECRET, "refunds-from", "refund"));
    ConnectorSettings otherKey =
        settings(Map.of("webhook-secret", SECRET, "order-metadata-key", "shop_order", "refunds-from", "refund"));

    assertThat(source.normalize(request(null, BODY), payload, byDefault))
        .containsExactly(
            new RefundIssued(
                "stripe",
                "evt_test_refund_created",
                Instant.ofEpochSecond(1_700_000_400L),
                new OrderRef("2001", null, "pi_test_2001", null),
                "refund.created",
                Money.of(1999, "gbp"),
                "re_test_2001",
                "ch_test_2001",
                "the customer asked for it"));
    assertThat(source.normalize(request(null, BODY), payload, otherKey))
        .singleElement()
        .satisfies(e -> assertThat(e.order().orderId()).isNull());
  }

  @ParameterizedTest
  @ValueSource(strings = {"charge.refunded", "refund.created", "refund.updated"})
  void bundledSamplesAreSignedAndNormalizedEndToEnd(String type) throws Exception {
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET + ",whsec_second",
        "refunds-from", type.startsWith("refund.") ? "refund" : "charge"));
    byte[] body = source.sample(type).orElseThrow();
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    Map<String, String> headers = source.signForSample(type, body, settings, now);
    WebhookRequest request = new WebhookRequest("stripe", headers, body, now);
    source.verify(request, settings, at(now.plusSeconds(5)));
    JsonNode payload = JSON.readTree(body);

    assertThat(headers).containsOnlyKeys("Stripe-Signature");
    assertThat(headers.get("Stripe-Signature")).startsWith("t=" + now.getEpochSecond() + ",v1=");
    assertThat(source.eventId(request, payload)).startsWith("evt_");
    assertThat(source.vendorType(request, payload)).isEqualTo(type);
    assertThat(source.normalize(request, payload, settings))
        .singleElement()
        .isInstanceOfSatisfying(
            RefundIssued.class,
            refund -> {
              assertThat(refund.order().orderId()).isEqualTo("1001");
              assertThat(refund.amount().format()).isEqualTo("25.00 USD");
            });
  }

  @Test
  void onlyTheConfiguredRefundFamilyCountsSoOneRefundIsOneNote() throws Exception {
    JsonNode charge = JSON.readTree(source.sample("charge.refunded").orElseThrow());
    JsonNode refund = JSON.readTree(source.sample("refund.created").orElseThrow());
    ConnectorSettings byDefault = settings(Map.of("webhook-secret", SECRET));
    ConnectorSettings refundsFromRefund = settings(Map.of("webhook-secret", SECRET, "refunds-from", "refund"));

    assertThat(source.normalize(request(null, BODY), charge, byDefault)).hasSize(1);
    assertThat(source.normalize(request(null, BODY), refund, byDefault)).isEmpty();
    assertThat(source.normalize(request(null, BODY), charge, refundsFromRefund)).isEmpty();
    assertThat(source.normalize(request(null, BODY), refund, refundsFromRefund)).hasSize(1);
  }

  @Test
  void sampleHeaderIsAcceptedByStripesSdk() throws Exception {
    byte[] body = source.sample("charge.refunded").orElseThrow();
    Instant now = Instant.ofEpochSecond(Webhook.Util.getTimeNow());
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET));

    String header = source.signForSample("charge.refunded", body, settings, now).get("Stripe-Signature");

    assertThat(
            Webhook.Signature.verifyHeader(
                new String(body, StandardCharsets.UTF_8), header, SECRET, 300))
        .isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"customer.created", "../stripe/charge.refunded", "charge/../x", ""})
  void unknownOrUnsafeSampleNamesGiveNothing(String type) {
    assertThat(source.sample(type)).isEmpty();
    assertThat(source.sample(null)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"charge", "refund"})
  void failedRefundsAreReportedWhicheverFamilyReportsRefunds(String from) throws Exception {
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET, "refunds-from", from));
    JsonNode failedSample = JSON.readTree(source.sample("refund.failed").orElseThrow());
    JsonNode updatedToFailed = fixture("refund.updated.failed.json");
    JsonNode legacyUpdatedToFailed = fixture("refund.updated.failed.json");
    ((ObjectNode) legacyUpdatedToFailed)
        .put("type", "charge.refund.updated");

    assertThat(source.normalize(request(null, BODY), failedSample, settings))
        .singleElement()
        .isInstanceOfSatisfying(
            RefundFailed.class, f -> assertThat(f.refundId()).isEqualTo("re_3QbSample0Refund000001"));
    assertThat(source.normalize(request(null, BODY), updatedToFailed, settings))
        .singleElement()
        .isInstanceOfSatisfying(
            RefundFailed.class, f -> assertThat(f.vendorType()).isEqualTo("refund.updated"));
    assertThat(source.normalize(request(null, BODY), legacyUpdatedToFailed, settings))
        .singleElement()
        .isInstanceOfSatisfying(
            RefundFailed.class, f -> assertThat(f.vendorType()).isEqualTo("charge.refund.updated"));
  }

  @Test
  void refundsFromChargeStillDropsEveryRefundFamilySuccess() throws Exception {
    ConnectorSettings byDefault = settings(Map.of("webhook-secret", SECRET));
    ConnectorSettings fromRefund =
        settings(Map.of("webhook-secret", SECRET, "refunds-from", "refund"));
    JsonNode legacyUpdated = JSON.readTree(source.sample("refund.updated").orElseThrow());
    ((ObjectNode) legacyUpdated)
        .put("type", "charge.refund.updated");

    for (String type : new String[] {"refund.created", "refund.updated"}) {
      JsonNode payload = JSON.readTree(source.sample(type).orElseThrow());
      assertThat(source.normalize(request(null, BODY), payload, byDefault)).as(type).isEmpty();
      assertThat(source.normalize(request(null, BODY), payload, fromRefund))
          .as(type)
          .singleElement()
          .isInstanceOf(RefundIssued.class);
    }
    assertThat(source.normalize(request(null, BODY), legacyUpdated, byDefault)).isEmpty();
    assertThat(source.normalize(request(null, BODY), legacyUpdated, fromRefund))
        .singleElement()
        .isInstanceOf(RefundIssued.class);
  }

  @ParameterizedTest
  @CsvSource({
    "refund.failed, RefundFailed",
    "payment_intent.payment_failed, PaymentFailed",
    "charge.dispute.created, ChargebackOpened",
    "charge.dispute.closed, ChargebackClosed",
    "radar.early_fraud_warning.created, FraudFlagged",
    "review.opened, FraudFlagged",
    "review.closed, FraudCleared"
  })
  void otherBundledSamplesAreSignedAndNormalizedEndToEnd(String type, String canonical)
      throws Exception {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    byte[] body = source.sample(type).orElseThrow();

    for (String from : new String[] {"charge", "refund"}) {
      ConnectorSettings settings =
          settings(Map.of("webhook-secret", SECRET + ",whsec_second", "refunds-from", from));
      Map<String, String> headers = source.signForSample(type, body, settings, now);
      WebhookRequest request = new WebhookRequest("stripe", headers, body, now);
      source.verify(request, settings, at(now.plusSeconds(5)));
      JsonNode payload = JSON.readTree(body);

      assertThat(headers).containsOnlyKeys("Stripe-Signature");
      assertThat(source.eventId(request, payload)).startsWith("evt_");
      assertThat(source.vendorType(request, payload)).isEqualTo(type);
      List<OrderEvent> events = source.normalize(request, payload, settings);
      assertThat(events).as("%s with refunds-from=%s", type, from).hasSize(1);
      OrderEvent event = events.get(0);
      assertThat(event.type()).isEqualTo(canonical);
      assertThat(event.order().paymentId()).isEqualTo("pi_3QbSample0Intent000001");
      boolean radar = type.startsWith("radar.") || type.startsWith("review.");
      assertThat(event.order().orderId()).isEqualTo(radar ? null : "1001");
      assertThat(event.order().key())
          .isEqualTo(radar ? "payment:pi_3QbSample0Intent000001" : "order:1001");
    }
  }

  @Test
  void otherSamplesSignedHeaderIsAcceptedByStripesSdk() throws Exception {
    Instant now = Instant.ofEpochSecond(Webhook.Util.getTimeNow());
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET));
    for (String type :
        new String[] {"charge.dispute.created", "radar.early_fraud_warning.created"}) {
      byte[] body = source.sample(type).orElseThrow();

      String header = source.signForSample(type, body, settings, now).get("Stripe-Signature");

      assertThat(
              Webhook.Signature.verifyHeader(
                  new String(body, StandardCharsets.UTF_8), header, SECRET, 300))
          .as(type)
          .isTrue();
    }
  }

  @Test
  void aTamperedSampleIsRefused() {
    ConnectorSettings settings = settings(Map.of("webhook-secret", SECRET));
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    byte[] body = source.sample("charge.dispute.created").orElseThrow();
    Map<String, String> headers =
        source.signForSample("charge.dispute.created", body, settings, now);
    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("\"amount\": 5000", "\"amount\": 50")
            .getBytes(StandardCharsets.UTF_8);

    assertThat(tampered).isNotEqualTo(body);
    assertThatThrownBy(
            () ->
                source.verify(
                    new WebhookRequest("stripe", headers, tampered, now), settings, at(now)))
        .isInstanceOf(WebhookRejected.class)
        .hasMessage("no signature matches the configured secret");
  }

  @Test
  void disputesFailedPaymentsAndRadarIgnoreTheRefundsFromSetting() throws Exception {
    ConnectorSettings fromRefund =
        settings(Map.of("webhook-secret", SECRET, "refunds-from", "refund"));
    ConnectorSettings byDefault = settings(Map.of("webhook-secret", SECRET));

    for (ConnectorSettings settings : List.of(byDefault, fromRefund)) {
      assertThat(source.normalize(request(null, BODY), fixture("charge.dispute.created.json"), settings))
          .singleElement()
          .isInstanceOf(ChargebackOpened.class);
      assertThat(
              source.normalize(
                  request(null, BODY), fixture("payment_intent.payment_failed.json"), settings))
          .singleElement()
          .isInstanceOf(PaymentFailed.class);
      assertThat(source.normalize(request(null, BODY), fixture("review.opened.json"), settings))
          .singleElement()
          .isInstanceOf(FraudFlagged.class);
      assertThat(source.normalize(request(null, BODY), fixture("review.closed.json"), settings))
          .singleElement()
          .isInstanceOf(FraudCleared.class);
    }
  }

  @Test
  void orderFactsTieAChargeToItsPaymentIntentWhateverTheRefundsFromSetting() throws Exception {
    JsonNode charge = JSON.readTree(source.sample("charge.refunded").orElseThrow());
    JsonNode warning = JSON.readTree(source.sample("radar.early_fraud_warning.created").orElseThrow());

    assertThat(source.orderFacts(request(null, BODY), charge))
        .isEqualTo(Map.of("payment:ch_3QbSample0Charge000001", "payment:pi_3QbSample0Intent000001"));
    assertThat(source.orderFacts(request(null, BODY), warning))
        .isEqualTo(Map.of("payment:ch_3QbSample0Charge000001", "payment:pi_3QbSample0Intent000001"));
    assertThat(source.orderFacts(request(null, BODY), fixture("customer.created.json"))).isEmpty();
    assertThat(source.orderFacts(request(null, BODY), fixture("thin-event.json"))).isEmpty();
    assertThat(source.orderFacts(request(null, BODY), null)).isEmpty();
  }
}
