package io.helpdeskbridge.plugin.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.event.ChargebackClosed;
import io.helpdeskbridge.event.ChargebackOpened;
import io.helpdeskbridge.event.FraudCleared;
import io.helpdeskbridge.event.FraudFlagged;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.PaymentFailed;
import io.helpdeskbridge.event.RefundFailed;
import io.helpdeskbridge.event.RefundIssued;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
                null,
                false));
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
                null,
                true));
    assertThat(refund.amount().format()).isEqualTo("30.00 EUR");
  }

  @Test
  void chargeRefundedWithoutPreviousAttributesIsARefundOfUnknownAmount() throws IOException {
    // 20.00 USD is the running total: it is this refund's amount only if no refund came before
    RefundIssued refund = single(normalize(fixture("charge.refunded.no-previous.json")));

    assertThat(refund)
        .isEqualTo(
            new RefundIssued(
                "stripe",
                "evt_test_charge_refunded_noprev",
                Instant.ofEpochSecond(1_700_000_200L),
                new OrderRef("1003", "jane@example.com", "pi_test_1003", null),
                "charge.refunded",
                null,
                null,
                "ch_test_1003",
                null,
                false));
  }

  @Test
  void chargeRefundedTakesIdAndReasonFromTheNewestEmbeddedRefund() throws IOException {
    RefundIssued refund = single(normalize(fixture("charge.refunded.embedded-refunds.json")));

    assertThat(refund.refundId()).isEqualTo("re_test_new");
    assertThat(refund.reason()).isEqualTo("the payment was fraudulent");
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
                "the customer asked for it"));
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

  private static <T extends OrderEvent> T only(Class<T> type, List<OrderEvent> events) {
    assertThat(events).hasSize(1);
    assertThat(events.get(0)).isInstanceOf(type);
    return type.cast(events.get(0));
  }

  // --- failed refunds ---

  @Test
  void refundFailedIsAFailedRefundWithItsReason() throws IOException {
    RefundFailed failed = only(RefundFailed.class, normalize(fixture("refund.failed.json")));

    assertThat(failed)
        .isEqualTo(
            new RefundFailed(
                "stripe",
                "evt_test_refund_failed",
                Instant.ofEpochSecond(1_700_000_700L),
                new OrderRef("3001", null, "pi_test_3001", null),
                "refund.failed",
                Money.of(4200, "eur"),
                "re_test_3001",
                "ch_test_3001",
                "the card was reported lost or stolen, so the bank could not take the refund"));
    assertThat(failed.type()).isEqualTo("RefundFailed");
    assertThat(failed.amount().format()).isEqualTo("42.00 EUR");
  }

  @Test
  void refundUpdatedAndLegacyChargeRefundUpdatedToFailedAreFailedRefunds() throws IOException {
    for (String type : new String[] {"refund.updated", "charge.refund.updated"}) {
      JsonNode payload = fixture("refund.updated.failed.json");
      ((ObjectNode) payload).put("type", type);

      assertThat(only(RefundFailed.class, normalize(payload)))
          .isEqualTo(
              new RefundFailed(
                  "stripe",
                  "evt_test_refund_updated_failed",
                  Instant.ofEpochSecond(1_700_000_701L),
                  new OrderRef("3001", null, "pi_test_3001", null),
                  type,
                  Money.of(4200, "eur"),
                  "re_test_3001",
                  "ch_test_3001",
                  "the card was reported lost or stolen, so the bank could not take the refund"));
    }
  }

  @Test
  void anUpdateOfAnAlreadyFailedRefundIsNotASecondFailure() throws IOException {
    JsonNode payload = fixture("refund.updated.failed.json");
    ObjectNode previous = (ObjectNode) payload.path("data").path("previous_attributes");
    previous.remove("status");
    previous.putObject("metadata").put("note", "old");

    assertThat(normalize(payload)).isEmpty();
  }

  @Test
  void refundFailedWhoseRefundIsNotFailedYieldsNothing() throws IOException {
    for (String status : new String[] {"succeeded", "pending", "canceled"}) {
      JsonNode payload = fixture("refund.failed.json");
      ((ObjectNode) payload.path("data").path("object")).put("status", status);

      assertThat(normalize(payload)).as(status).isEmpty();
    }
    JsonNode noStatus = fixture("refund.failed.json");
    ((ObjectNode) noStatus.path("data").path("object")).remove("status");
    assertThat(normalize(noStatus)).isEmpty();
  }

  @Test
  void refundFailedWithoutAmountOrReasonIsStillReported() throws IOException {
    JsonNode payload = fixture("refund.failed.json");
    ObjectNode refund = (ObjectNode) payload.path("data").path("object");
    refund.remove("amount");
    refund.putNull("failure_reason");
    refund.putObject("charge").put("id", "ch_expanded_3001");
    refund.putNull("payment_intent");

    RefundFailed failed = only(RefundFailed.class, normalize(payload));

    assertThat(failed.amount()).isNull();
    assertThat(failed.failureReason()).isNull();
    assertThat(failed.chargeId()).isEqualTo("ch_expanded_3001");
    assertThat(failed.order()).isEqualTo(new OrderRef("3001", null, "ch_expanded_3001", null));
  }

  @Test
  void bothDeliveriesOfOneFailureNameTheSameRefund() throws IOException {
    // Stripe may announce one failure as refund.failed and as refund.updated (two event ids):
    // the refund id is what ties them together.
    RefundFailed viaFailed = only(RefundFailed.class, normalize(fixture("refund.failed.json")));
    RefundFailed viaUpdated =
        only(RefundFailed.class, normalize(fixture("refund.updated.failed.json")));

    assertThat(viaFailed.sourceEventId()).isNotEqualTo(viaUpdated.sourceEventId());
    assertThat(viaFailed.refundId()).isEqualTo(viaUpdated.refundId()).isEqualTo("re_test_3001");
  }

  // --- failed payments ---

  @Test
  void paymentIntentPaymentFailedCarriesTheDeclineDetails() throws IOException {
    PaymentFailed failed =
        only(PaymentFailed.class, normalize(fixture("payment_intent.payment_failed.json")));

    assertThat(failed)
        .isEqualTo(
            new PaymentFailed(
                "stripe",
                "evt_test_payment_failed",
                Instant.ofEpochSecond(1_700_000_800L),
                new OrderRef("4001", "sam@example.com", "pi_test_4001", null),
                "payment_intent.payment_failed",
                Money.of(12900, "cad"),
                "card_declined",
                "stolen_card",
                "The card was declined: the card was reported stolen (do not tell the customer this reason; say the card was declined)."));
    assertThat(failed.amount().format()).isEqualTo("129.00 CAD");
    assertThat(failed.type()).isEqualTo("PaymentFailed");
  }

  @Test
  void paymentFailedFallsBackToTheDeclinedMethodsBillingEmailAndTheDescription()
      throws IOException {
    JsonNode payload = fixture("payment_intent.payment_failed.json");
    ObjectNode intent = (ObjectNode) payload.path("data").path("object");
    intent.putNull("receipt_email");
    intent.putObject("metadata");

    PaymentFailed failed = only(PaymentFailed.class, normalize(payload));

    assertThat(failed.order())
        .isEqualTo(new OrderRef("9998", "billing-sam@example.com", "pi_test_4001", null));
  }

  @Test
  void paymentFailedWithoutAnErrorObjectLeavesTheCodesEmpty() throws IOException {
    JsonNode payload =
        JSON.readTree(
            "{\"id\":\"evt_pf\",\"created\":9,\"type\":\"payment_intent.payment_failed\","
                + "\"data\":{\"object\":{\"id\":\"pi_bare\",\"last_payment_error\":null}}}");

    assertThat(only(PaymentFailed.class, normalize(payload)))
        .isEqualTo(
            new PaymentFailed(
                "stripe",
                "evt_pf",
                Instant.ofEpochSecond(9),
                new OrderRef(null, null, "pi_bare", null),
                "payment_intent.payment_failed",
                null,
                null,
                null,
                null));
  }

  // --- disputes ---

  @Test
  void disputeCreatedIsAChargebackWithItsEvidenceDeadline() throws IOException {
    ChargebackOpened opened =
        only(ChargebackOpened.class, normalize(fixture("charge.dispute.created.json")));

    assertThat(opened)
        .isEqualTo(
            new ChargebackOpened(
                "stripe",
                "evt_test_dispute_created",
                Instant.ofEpochSecond(1_700_000_900L),
                new OrderRef("5001", null, "pi_test_5001", null),
                "charge.dispute.created",
                Money.of(7500, "usd"),
                "du_test_5001",
                "ch_test_5001",
                "the cardholder says they did not make or authorise the payment (fraud)",
                "waiting for your evidence",
                Instant.parse("2023-11-24T23:59:59Z")));
    assertThat(opened.type()).isEqualTo("ChargebackOpened");
  }

  @Test
  void disputeWithoutMetadataOrPaymentIntentNamesTheCharge() throws IOException {
    ChargebackOpened opened =
        only(ChargebackOpened.class, normalize(fixture("charge.dispute.created.no-metadata.json")));

    assertThat(opened)
        .isEqualTo(
            new ChargebackOpened(
                "stripe",
                "evt_test_dispute_created_bare",
                Instant.ofEpochSecond(1_700_000_950L),
                new OrderRef(null, null, "ch_test_5002", null),
                "charge.dispute.created",
                Money.of(1000, "jpy"),
                "du_test_5002",
                "ch_test_5002",
                "the customer disputes the payment without a specific reason",
                "an inquiry (no money taken yet), waiting for your response",
                null));
    assertThat(opened.amount().format()).isEqualTo("1000 JPY");
    assertThat(opened.order().key()).isEqualTo("payment:ch_test_5002");
  }

  @Test
  void disputeWithoutOrderMetadataButWithAPaymentIntentNamesTheIntent() throws IOException {
    JsonNode payload = fixture("charge.dispute.created.json");
    ((ObjectNode) payload.path("data").path("object")).putObject("metadata");

    ChargebackOpened opened = only(ChargebackOpened.class, normalize(payload));

    assertThat(opened.order()).isEqualTo(new OrderRef(null, null, "pi_test_5001", null));
  }

  @Test
  void disputeClosedCarriesTheOutcome() throws IOException {
    ChargebackClosed closed =
        only(ChargebackClosed.class, normalize(fixture("charge.dispute.closed.json")));

    assertThat(closed)
        .isEqualTo(
            new ChargebackClosed(
                "stripe",
                "evt_test_dispute_closed",
                Instant.ofEpochSecond(1_702_000_000L),
                new OrderRef("5001", null, "pi_test_5001", null),
                "charge.dispute.closed",
                Money.of(7500, "usd"),
                "du_test_5001",
                "ch_test_5001",
                "the cardholder says they did not make or authorise the payment (fraud)",
                "lost"));
  }

  @ParameterizedTest
  @CsvSource({"won,won", "lost,lost", "warning_closed,the inquiry closed without becoming a chargeback",
      "some_new_outcome,some new outcome"})
  void everyDisputeOutcomeIsReportedInWords(String status, String words) throws IOException {
    JsonNode payload = fixture("charge.dispute.closed.json");
    ((ObjectNode) payload.path("data").path("object")).put("status", status);

    assertThat(only(ChargebackClosed.class, normalize(payload)).status()).isEqualTo(words);
  }

  @Test
  void otherDisputeEventsYieldNothing() throws IOException {
    for (String type :
        new String[] {
          "charge.dispute.updated", "charge.dispute.funds_withdrawn", "charge.dispute.funds_reinstated"
        }) {
      JsonNode payload = fixture("charge.dispute.created.json");
      ((ObjectNode) payload).put("type", type);

      assertThat(normalize(payload)).as(type).isEmpty();
    }
  }

  // --- Radar ---

  @Test
  void earlyFraudWarningIsAFraudFlagWithoutScore() throws IOException {
    FraudFlagged flagged =
        only(FraudFlagged.class, normalize(fixture("radar.early_fraud_warning.created.json")));

    assertThat(flagged)
        .isEqualTo(
            new FraudFlagged(
                "stripe",
                "evt_test_early_fraud_warning",
                Instant.ofEpochSecond(1_700_001_000L),
                new OrderRef(null, null, "pi_test_6001", null),
                "radar.early_fraud_warning.created",
                "stripe-radar",
                "early fraud warning",
                null,
                "the card network says the payment was made with a stolen card",
                "issfr_test_6001"));
    assertThat(flagged.type()).isEqualTo("FraudFlagged");
  }

  @Test
  void earlyFraudWarningWithoutPaymentIntentNamesTheCharge() throws IOException {
    JsonNode payload = fixture("radar.early_fraud_warning.created.json");
    ObjectNode warning = (ObjectNode) payload.path("data").path("object");
    warning.remove("payment_intent");
    warning.putObject("charge").put("id", "ch_expanded_6001").put("object", "charge");

    FraudFlagged flagged = only(FraudFlagged.class, normalize(payload));

    assertThat(flagged.order()).isEqualTo(new OrderRef(null, null, "ch_expanded_6001", null));
  }

  @Test
  void reviewOpenedIsAFraudFlagForReview() throws IOException {
    FraudFlagged flagged = only(FraudFlagged.class, normalize(fixture("review.opened.json")));

    assertThat(flagged)
        .isEqualTo(
            new FraudFlagged(
                "stripe",
                "evt_test_review_opened",
                Instant.ofEpochSecond(1_700_001_100L),
                new OrderRef(null, null, "pi_test_7001", null),
                "review.opened",
                "stripe-radar",
                "payment review",
                null,
                "someone on your team opened the review",
                "prv_test_7001"));
  }

  @Test
  void reviewOpenedFallsBackToOpenedReasonAndTheCharge() throws IOException {
    JsonNode payload = fixture("review.opened.json");
    ObjectNode review = (ObjectNode) payload.path("data").path("object");
    review.putNull("reason");
    review.put("opened_reason", "rule");
    review.putNull("payment_intent");

    FraudFlagged flagged = only(FraudFlagged.class, normalize(payload));

    assertThat(flagged.reason()).isEqualTo("a Radar rule sent the payment to review");
    assertThat(flagged.order()).isEqualTo(new OrderRef(null, null, "ch_test_7001", null));
  }

  @Test
  void reviewClosedAsApprovedClearsTheFlag() throws IOException {
    FraudCleared cleared = only(FraudCleared.class, normalize(fixture("review.closed.json")));

    assertThat(cleared)
        .isEqualTo(
            new FraudCleared(
                "stripe",
                "evt_test_review_closed",
                Instant.ofEpochSecond(1_700_001_200L),
                new OrderRef(null, null, "pi_test_7001", null),
                "review.closed",
                "stripe-radar",
                "approved by a reviewer",
                "prv_test_7001"));
    assertThat(cleared.type()).isEqualTo("FraudCleared");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "refunded", "refunded_as_fraud", "disputed", "redacted", "canceled",
        "payment_never_settled", "acknowledged"
      })
  void reviewClosedForAnyOtherReasonIsNoAllClear(String reason) throws IOException {
    JsonNode payload = fixture("review.closed.json");
    ObjectNode review = (ObjectNode) payload.path("data").path("object");
    review.put("closed_reason", reason);
    review.put("reason", reason);

    assertThat(normalize(payload)).isEmpty();
  }

  @Test
  void reviewClosedReadsReasonWhenClosedReasonIsAbsentAndPrefersClosedReason()
      throws IOException {
    JsonNode olderApi = fixture("review.closed.json");
    ((ObjectNode) olderApi.path("data").path("object")).remove("closed_reason");
    JsonNode contradicting = fixture("review.closed.json");
    ((ObjectNode) contradicting.path("data").path("object")).put("closed_reason", "refunded");

    assertThat(only(FraudCleared.class, normalize(olderApi)).reason()).isEqualTo("approved by a reviewer");
    assertThat(normalize(contradicting)).isEmpty();
  }

  // --- tolerance and payment facts ---

  @ParameterizedTest
  @ValueSource(
      strings = {
        "refund.failed",
        "payment_intent.payment_failed",
        "charge.dispute.created",
        "charge.dispute.closed",
        "radar.early_fraud_warning.created",
        "review.opened",
        "review.closed"
      })
  void newTypesWithoutEnvelopeOrObjectYieldNothing(String type) throws IOException {
    String object =
        "{\"status\":\"failed\",\"closed_reason\":\"approved\",\"amount\":10,\"currency\":\"usd\"}";
    for (String json :
        new String[] {
          "{\"created\":1,\"type\":\"" + type + "\",\"data\":{\"object\":" + object + "}}",
          "{\"id\":\"evt_x\",\"type\":\"" + type + "\",\"data\":{\"object\":" + object + "}}",
          "{\"id\":\"evt_x\",\"created\":\"1\",\"type\":\"" + type + "\",\"data\":{\"object\":" + object + "}}",
          "{\"id\":\"evt_x\",\"created\":1,\"type\":\"" + type + "\",\"data\":{\"object\":[]}}",
          "{\"id\":\"evt_x\",\"created\":1,\"type\":\"" + type + "\",\"data\":null}"
        }) {
      assertThat(normalize(JSON.readTree(json))).as(json).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "refund.failed",
        "payment_intent.payment_failed",
        "charge.dispute.created",
        "charge.dispute.closed",
        "radar.early_fraud_warning.created",
        "review.opened",
        "review.closed"
      })
  void wronglyTypedFieldsBecomeNullsInsteadOfFailures(String type) throws IOException {
    JsonNode payload =
        JSON.readTree(
            "{\"id\":\"evt_odd\",\"created\":1,\"type\":\"" + type + "\",\"data\":{\"object\":{"
                + "\"id\":7,\"status\":\"failed\",\"closed_reason\":\"approved\",\"amount\":\"10\","
                + "\"currency\":7,\"charge\":[],\"payment_intent\":{},\"metadata\":\"x\","
                + "\"evidence_details\":{\"due_by\":\"soon\"},\"last_payment_error\":\"x\","
                + "\"reason\":5,\"fraud_type\":true}},\"previous_attributes\":[]}");

    OrderEvent event = only(OrderEvent.class, normalize(payload));

    assertThat(event.sourceEventId()).isEqualTo("evt_odd");
    assertThat(event.vendorType()).isEqualTo(type);
    assertThat(event.order()).isEqualTo(new OrderRef(null, null, null, null));
  }

  @ParameterizedTest
  @CsvSource({
    "charge.refunded.json, payment:ch_test_1001, payment:pi_test_1001",
    "refund.created.json, payment:ch_test_2001, payment:pi_test_2001",
    "payment_intent.payment_failed.json, payment:ch_test_4001, payment:pi_test_4001",
    "charge.dispute.created.json, payment:ch_test_5001, payment:pi_test_5001",
    "radar.early_fraud_warning.created.json, payment:ch_test_6001, payment:pi_test_6001",
    "review.opened.json, payment:ch_test_7001, payment:pi_test_7001"
  })
  void paymentFactsTieTheChargeToItsPaymentIntent(String fixture, String alias, String target)
      throws IOException {
    assertThat(StripeNormalizer.paymentFacts(fixture(fixture))).isEqualTo(Map.of(alias, target));
  }

  @Test
  void paymentFactsUseTheErrorsChargeAndNeedBothIds() throws IOException {
    JsonNode noLatest = fixture("payment_intent.payment_failed.json");
    ((ObjectNode) noLatest.path("data").path("object")).putNull("latest_charge");

    assertThat(StripeNormalizer.paymentFacts(noLatest))
        .isEqualTo(Map.of("payment:ch_test_4001", "payment:pi_test_4001"));
    assertThat(StripeNormalizer.paymentFacts(fixture("charge.dispute.created.no-metadata.json")))
        .isEmpty();
    assertThat(StripeNormalizer.paymentFacts(fixture("charge.refunded.description-only.json")))
        .isEmpty();
    assertThat(StripeNormalizer.paymentFacts(fixture("customer.created.json"))).isEmpty();
    assertThat(StripeNormalizer.paymentFacts(null)).isEmpty();
    assertThat(StripeNormalizer.paymentFacts(JSON.readTree("[1]"))).isEmpty();
    assertThat(StripeNormalizer.paymentFacts(JSON.readTree("{\"data\":{\"object\":\"x\"}}")))
        .isEmpty();
  }

  // --- bundled samples of the other facts ---

  private static final String SAMPLE_CHARGE = "ch_3QbSample0Charge000001";
  private static final String SAMPLE_INTENT = "pi_3QbSample0Intent000001";

  private static OrderEvent sample(String type) throws IOException {
    JsonNode sample = resource("samples/stripe/" + type + ".json");
    assertThat(sample.get("object").asText()).isEqualTo("event");
    assertThat(sample.get("type").asText()).isEqualTo(type);
    OrderEvent event = only(OrderEvent.class, normalize(sample));
    assertThat(event.source()).isEqualTo("stripe");
    assertThat(event.sourceEventId()).isEqualTo(sample.get("id").asText()).startsWith("evt_");
    assertThat(event.vendorType()).isEqualTo(type);
    assertThat(event.order().paymentId()).isEqualTo(SAMPLE_INTENT);
    return event;
  }

  @Test
  void bundledRefundFailedSampleIsTheOrder1001RefundFailing() throws IOException {
    RefundFailed failed = (RefundFailed) sample("refund.failed");

    assertThat(failed.order()).isEqualTo(new OrderRef("1001", null, SAMPLE_INTENT, null));
    assertThat(failed.amount().format()).isEqualTo("25.00 USD");
    assertThat(failed.refundId()).isEqualTo("re_3QbSample0Refund000001");
    assertThat(failed.chargeId()).isEqualTo(SAMPLE_CHARGE);
    assertThat(failed.failureReason()).isEqualTo("the card has expired or was cancelled, so the bank could not take the refund");
  }

  @Test
  void bundledPaymentFailedSampleIsADeclineOnOrder1001() throws IOException {
    PaymentFailed failed = (PaymentFailed) sample("payment_intent.payment_failed");

    assertThat(failed.order())
        .isEqualTo(new OrderRef("1001", "jane@example.com", SAMPLE_INTENT, null));
    assertThat(failed.amount().format()).isEqualTo("50.00 USD");
    assertThat(failed.failureCode()).isEqualTo("card_declined");
    assertThat(failed.declineCode()).isEqualTo("insufficient_funds");
    assertThat(failed.failureMessage()).isEqualTo("The card was declined: the customer's bank says the card has insufficient funds."
        + " Advice: trying the same card again later may work.");
  }

  @Test
  void bundledDisputeSamplesOpenAndCloseOneChargebackOnOrder1001() throws IOException {
    ChargebackOpened opened = (ChargebackOpened) sample("charge.dispute.created");
    ChargebackClosed closed = (ChargebackClosed) sample("charge.dispute.closed");

    assertThat(opened.order())
        .isEqualTo(closed.order())
        .isEqualTo(new OrderRef("1001", null, SAMPLE_INTENT, null));
    assertThat(opened.amount().format()).isEqualTo(closed.amount().format()).isEqualTo("50.00 USD");
    assertThat(opened.disputeId())
        .isEqualTo(closed.disputeId())
        .isEqualTo("du_3QbSample0Dispute000001");
    assertThat(opened.chargeId()).isEqualTo(closed.chargeId()).isEqualTo(SAMPLE_CHARGE);
    assertThat(opened.reason()).isEqualTo(closed.reason()).isEqualTo("the customer says they did not receive what they paid for");
    assertThat(opened.status()).isEqualTo("waiting for your evidence");
    assertThat(opened.evidenceDueBy()).isEqualTo(Instant.parse("2025-01-25T23:59:59Z"));
    assertThat(closed.status()).isEqualTo("won");
  }

  @Test
  void bundledRadarSamplesFlagAndClearThePaymentWithoutAnOrderNumber() throws IOException {
    FraudFlagged warning = (FraudFlagged) sample("radar.early_fraud_warning.created");
    FraudFlagged review = (FraudFlagged) sample("review.opened");
    FraudCleared cleared = (FraudCleared) sample("review.closed");

    assertThat(List.of(warning.order(), review.order(), cleared.order()))
        .containsOnly(new OrderRef(null, null, SAMPLE_INTENT, null));
    assertThat(warning.provider())
        .isEqualTo(review.provider())
        .isEqualTo(cleared.provider())
        .isEqualTo("stripe-radar");
    assertThat(warning.action()).isEqualTo("early fraud warning");
    assertThat(warning.score()).isNull();
    assertThat(warning.reason()).isEqualTo("the card network says the cardholder did not authorise the payment");
    assertThat(warning.reference()).isEqualTo("issfr_3QbSample0Warning0001");
    assertThat(review.action()).isEqualTo("payment review");
    assertThat(review.score()).isNull();
    assertThat(review.reason()).isEqualTo("a Radar rule sent the payment to review");
    assertThat(review.reference())
        .isEqualTo(cleared.reference())
        .isEqualTo("prv_3QbSample0Review0000001");
    assertThat(cleared.reason()).isEqualTo("approved by a reviewer");
  }
}
