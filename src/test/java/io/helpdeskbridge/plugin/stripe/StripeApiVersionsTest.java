package io.helpdeskbridge.plugin.stripe;

import static io.helpdeskbridge.plugin.stripe.StripeNormalizerTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helpdeskbridge.event.ChargebackOpened;
import io.helpdeskbridge.event.FraudFlagged;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.PaymentFailed;
import io.helpdeskbridge.event.RefundFailed;
import io.helpdeskbridge.event.RefundIssued;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The corpus payloads of every Stripe API version an account can be pinned to (2017-08-15 to
 * clover): each {@code charge.refunded} is one refund with this refund's amount (or none, when the
 * version does not tell), codes come out in words, ids are never taken for order numbers, and what
 * is ignored says why.
 */
class StripeApiVersionsTest {

  private static List<OrderEvent> normalize(String file) throws IOException {
    return StripeNormalizer.normalize(fixture(file), "order_id");
  }

  private static <T extends OrderEvent> T only(Class<T> type, String file) throws IOException {
    List<OrderEvent> events = normalize(file);
    assertThat(events).as(file).hasSize(1);
    assertThat(events.get(0)).isInstanceOf(type);
    return type.cast(events.get(0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {
      "charge.refunded.api-2017-08-15.json, 45.00 USD, re_1QbOld2017RefundAA01, true, 1201",
      "charge.refunded.no-amount-refunded.json, -, -, true, 1202",
      "charge.refunded.api-2018-02-28.second-partial.json, 15.00 EUR, re_1QbPartial2018RefundB2, false, 1203",
      "charge.refunded.api-2019-02-19.description-only.json, 22.00 GBP, re_1QbIntent2019RefundC1, true, 1204",
      "charge.refunded.api-2020-08-27.jpy-partial.json, 3000 JPY, re_1QbYen2020RefundD1, false, 1205",
      "charge.refunded.api-2022-08-01.third-refund-no-previous.json, 8.00 USD, re_1QbMany2022RefundE3, true, 1206",
      "charge.refunded.api-2022-11-15.kwd.json, 5.120 KWD, -, false, 1207",
      "charge.refunded.api-2023-10-16.bhd-second-partial.json, 5.000 BHD, -, false, 1208",
      "charge.refunded.api-2024-06-20.rest-after-partial.json, 30.00 USD, -, true, 1209",
      "charge.refunded.api-2025-03-31-basil.no-metadata.json, 45000 KRW, -, true, -",
      "charge.refunded.api-2025-12-15-clover.isk.json, 2500 ISK, -, false, 1210",
  })
  void everyChargeRefundedIsOneRefundWithThisRefundsAmount(
      String file, String amount, String refundId, boolean full, String order) throws IOException {
    RefundIssued refund = only(RefundIssued.class, file);

    assertThat(refund.amount() == null ? null : refund.amount().format()).as("amount").isEqualTo(amount);
    assertThat(refund.refundId()).as("refund id").isEqualTo(refundId);
    assertThat(refund.fullyRefunded()).as("fully refunded").isEqualTo(full);
    assertThat(refund.order().orderId()).as("order").isEqualTo(order);
    assertThat(refund.chargeId()).startsWith("ch_");
  }

  @Test
  void theRefundOfAnOldVersionCarriesItsReasonInWords() throws IOException {
    assertThat(only(RefundIssued.class, "charge.refunded.api-2022-08-01.third-refund-no-previous.json").reason())
        .isEqualTo("the payment was fraudulent");
    assertThat(only(RefundIssued.class, "charge.refunded.api-2019-02-19.description-only.json").reason())
        .isEqualTo("a duplicate payment");
  }

  @Test
  void aChargeWithNothingButItsPaymentIntentIsKeyedByThePayment() throws IOException {
    RefundIssued refund = only(RefundIssued.class, "charge.refunded.api-2025-03-31-basil.no-metadata.json");

    assertThat(refund.order().key()).isEqualTo("payment:pi_1QbBasil2025IntentI");
    assertThat(refund.order().email()).isNull();
  }

  @Test
  void aChargeIdInTheOrderMetadataIsNotAnOrderNumber() throws IOException {
    JsonNode payload = fixture("charge.refunded.api-2024-06-20.rest-after-partial.json");
    ((com.fasterxml.jackson.databind.node.ObjectNode) payload.path("data").path("object").path("metadata"))
        .put("order_id", "ch_1QbFull2024ChargeH1");
    ((com.fasterxml.jackson.databind.node.ObjectNode) payload.path("data").path("object"))
        .put("description", "Payment #pi_1QbFull2024IntentH");

    RefundIssued refund = (RefundIssued) StripeNormalizer.normalize(payload, "order_id").get(0);

    assertThat(refund.order().orderId()).isNull();
    assertThat(refund.order().paymentId()).isEqualTo("pi_1QbFull2024IntentH");
  }

  @Test
  void declinesAreWordsAnAgentCanActOn() throws IOException {
    PaymentFailed doNotHonor = only(PaymentFailed.class, "payment_intent.payment_failed.api-2019-02-19.do-not-honor.json");
    assertThat(doNotHonor.failureMessage()).isEqualTo("The card was declined: the customer's bank declined the card"
        + " without saying why; the customer should call their bank.");
    assertThat(doNotHonor.declineCode()).isEqualTo("do_not_honor");
    assertThat(doNotHonor.order().email()).isEqualTo("pat@example.com");

    assertThat(only(PaymentFailed.class, "payment_intent.payment_failed.api-2025-12-15-clover.authentication.json")
        .failureMessage()).isEqualTo("The customer did not complete authentication (3-D Secure).");
    assertThat(only(PaymentFailed.class, "payment_intent.payment_failed.api-2025-03-31-basil.unknown-code.json")
        .failureMessage()).isEqualTo("The card was declined: some new decline. Stripe says: Your card was declined."
            + " Advice: do not try this card again; ask for another payment method.");
  }

  @Test
  void disputesRefundFailuresAndRadarSpeakInWords() throws IOException {
    ChargebackOpened inquiry = only(ChargebackOpened.class, "charge.dispute.created.api-2024-06-20.inquiry-jpy.json");
    assertThat(inquiry.reason()).isEqualTo("the customer says they cancelled the subscription and were still charged");
    assertThat(inquiry.status()).isEqualTo("an inquiry (no money taken yet), waiting for your response");
    assertThat(inquiry.amount().format()).isEqualTo("5400 JPY");

    assertThat(only(RefundFailed.class, "charge.refund.updated.api-2020-08-27.failed.json").failureReason())
        .isEqualTo("the bank refused the refund without saying why");

    FraudFlagged warning = only(FraudFlagged.class, "radar.early_fraud_warning.created.api-2019-02-19.charge-only.json");
    assertThat(warning.reason()).isEqualTo("the card network says the payment was made with a stolen card");
    assertThat(warning.order().orderId()).isNull();
    assertThat(warning.order().paymentId()).isEqualTo("ch_1QbEfw2019ChargeX1");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "refund.created.api-2024-10-28-acacia.json | charge | refund.created re_1QbAcacia2024RefundK1: refunds are read"
          + " from charge.refunded (refunds-from: charge), so this refund is reported there; set"
          + " STRIPE_REFUNDS_FROM=refund to read refund events instead",
      "refund.updated.api-2024-06-20.metadata-edit.json | refund | refund.updated re_1QbEdit2024RefundO1:"
          + " previous_attributes names no status change (metadata), so this is an edit of a refund already"
          + " reported, not a new refund",
      "review.closed.api-2024-06-20.refunded-as-fraud.json | charge | review.closed prv_1QbRev2024ReviewB2: closed as"
          + " refunded_as_fraud; only a review closed as approved clears the fraud flag",
  })
  void whatIsIgnoredSaysPreciselyWhy(String file, String refundsFrom, String reason) throws IOException {
    assertThat(StripeIgnored.reason(fixture(file), refundsFrom)).isEqualTo(reason);
  }

  @Test
  void anUnreadTypeIsNamedWithTheTypesThatAreRead() throws IOException {
    assertThat(StripeIgnored.reason(fixture("invoice.paid.api-2024-06-20.json"), "charge"))
        .startsWith("Stripe invoice.paid is not a type the bridge reads (it reads charge.dispute.closed, ")
        .contains("review.opened");
  }

  @Test
  void aChargeRefundedThatRefundsNothingNewSaysSo() throws IOException {
    JsonNode payload = fixture("charge.refunded.api-2022-11-15.kwd.json");
    ((com.fasterxml.jackson.databind.node.ObjectNode) payload.path("data").path("previous_attributes"))
        .put("amount_refunded", 5120);

    assertThat(StripeNormalizer.normalize(payload, "order_id")).isEmpty();
    assertThat(StripeIgnored.reason(payload, "charge")).isEqualTo("charge.refunded ch_1QbKwd2022ChargeF1:"
        + " amount_refunded (5120) is not more than previous_attributes.amount_refunded (5120), so it refunds nothing new");
  }

  @Test
  void unknownCodesAreSpelledOutNeverDropped() {
    assertThat(StripeVocabulary.words(StripeVocabulary.DISPUTE, "brand_new_reason")).isEqualTo("brand new reason");
    assertThat(StripeVocabulary.words(StripeVocabulary.DISPUTE, null)).isNull();
  }
}
