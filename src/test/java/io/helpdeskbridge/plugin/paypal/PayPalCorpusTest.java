package io.helpdeskbridge.plugin.paypal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.event.ChargebackClosed;
import io.helpdeskbridge.event.ChargebackOpened;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.PaymentFailed;
import io.helpdeskbridge.event.RefundFailed;
import io.helpdeskbridge.event.RefundIssued;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The PayPal corpus payloads where this plugin's reading changed: v1 refunds, refunds naming only
 * their capture, repeated refunds of one capture, codes in words, and precise ignore reasons.
 */
class PayPalCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static JsonNode fixture(String name) throws IOException {
    try (InputStream in = PayPalCorpusTest.class.getClassLoader().getResourceAsStream("vendor/paypal/" + name)) {
      assertThat(in).as(name).isNotNull();
      return JSON.readTree(in);
    }
  }

  private static <T extends OrderEvent> T only(Class<T> type, String file) throws IOException {
    List<OrderEvent> events = PayPalNormalizer.normalize(fixture(file), PayPalConfig.DEFAULT_ORDER_FROM);
    assertThat(events).as(file).hasSize(1);
    assertThat(events.get(0)).isInstanceOf(type);
    return type.cast(events.get(0));
  }

  @Test
  void aV1RefundReadsStateTotalCaptureIdAndInvoiceNumber() throws IOException {
    RefundIssued refund = only(RefundIssued.class, "PAYMENT.CAPTURE.REFUNDED.v1-resource.json");

    assertThat(refund.amount().format()).isEqualTo("25.00 USD");
    assertThat(refund.chargeId()).isEqualTo("0EY63802PX4816527");
    assertThat(refund.order().orderId()).isEqualTo("2105");
    assertThat(refund.order().paymentId()).isEqualTo("0EY63802PX4816527");
    assertThat(refund.reason()).isEqualTo("Buyer returned item");
  }

  @Test
  void aRefundNamingOnlyItsCaptureCarriesTheCaptureAsPaymentId() throws IOException {
    RefundIssued refund = only(RefundIssued.class, "PAYMENT.CAPTURE.REFUNDED.capture-only.json");

    assertThat(refund.order().orderId()).isNull();
    assertThat(refund.order().paymentId()).isEqualTo("7HR75621KD8325310");
    assertThat(refund.order().key()).isEqualTo("payment:7HR75621KD8325310");
  }

  @Test
  void eachRefundOfOneCaptureIsItsOwnAmountAndId() throws IOException {
    RefundIssued first = only(RefundIssued.class, "PAYMENT.CAPTURE.REFUNDED.partial-invoice.json");
    RefundIssued second = only(RefundIssued.class, "PAYMENT.CAPTURE.REFUNDED.second-partial.json");

    assertThat(first.amount().format()).isEqualTo("12.50 EUR");
    assertThat(second.amount().format()).isEqualTo("7.50 EUR");
    assertThat(first.factId()).isNotEqualTo(second.factId());
    assertThat(first.chargeId()).isEqualTo(second.chargeId());
  }

  @Test
  void statusesReasonsAndStagesAreWords() throws IOException {
    assertThat(only(RefundIssued.class, "PAYMENT.CAPTURE.REFUNDED.pending-echeck.json").reason())
        .isEqualTo("still pending at PayPal: it was paid by eCheck, which has not cleared yet");
    assertThat(only(RefundFailed.class, "PAYMENT.CAPTURE.REFUNDED.failed.json").failureReason()).isEqualTo("the refund failed");
    assertThat(only(PaymentFailed.class, "PAYMENT.CAPTURE.DECLINED.json").failureMessage())
        .isEqualTo("The capture was declined: PayPal's risk and fraud filters declined it.");
    assertThat(only(PaymentFailed.class, "PAYMENT.CAPTURE.DENIED.no-order.json").failureMessage())
        .isEqualTo("PayPal denied the capture.");

    ChargebackOpened chargeback = only(ChargebackOpened.class, "CUSTOMER.DISPUTE.CREATED.chargeback-capture-only.json");
    assertThat(chargeback.reason()).isEqualTo("the buyer says they did not authorise the payment");
    assertThat(chargeback.status()).isEqualTo("under review by PayPal, chargeback stage (the card issuer has reversed the payment)");
    assertThat(chargeback.evidenceDueBy()).isNull();
    assertThat(chargeback.order().paymentId()).isEqualTo("5TY05013RG002845N");

    assertThat(only(ChargebackClosed.class, "CUSTOMER.DISPUTE.RESOLVED.seller-favour.json").status()).isEqualTo("won");
    ChargebackClosed lost = only(ChargebackClosed.class, "CUSTOMER.DISPUTE.RESOLVED.buyer-favour-jpy.json");
    assertThat(lost.status()).isEqualTo("lost");
    assertThat(lost.amount().format()).isEqualTo("5400 JPY");
    assertThat(lost.order().orderId()).isEqualTo("2108");
    assertThat(only(ChargebackClosed.class, "CUSTOMER.DISPUTE.RESOLVED.with-payout.json").status())
        .isEqualTo("resolved with a payout to the buyer by PayPal");
  }

  @Test
  void whatIsIgnoredSaysPreciselyWhy() throws IOException {
    assertThat(PayPalNormalizer.normalize(fixture("CUSTOMER.DISPUTE.UPDATED.json"), PayPalConfig.DEFAULT_ORDER_FROM)).isEmpty();
    assertThat(PayPalNormalizer.whyIgnored(fixture("CUSTOMER.DISPUTE.UPDATED.json"), PayPalConfig.DEFAULT_ORDER_FROM))
        .startsWith("PayPal CUSTOMER.DISPUTE.UPDATED is sent for every message and step of a dispute");
    assertThat(PayPalNormalizer.whyIgnored(fixture("PAYMENT.CAPTURE.COMPLETED.json"), PayPalConfig.DEFAULT_ORDER_FROM))
        .isEqualTo("PayPal PAYMENT.CAPTURE.COMPLETED is a payment that went through: nothing for a ticket; it still taught"
            + " the bridge capture 3C679366HH908993F's order");
    assertThat(PayPalNormalizer.whyIgnored(JSON.readTree("{\"id\":\"WH-1\",\"event_type\":\"BILLING.PLAN.CREATED\"}"),
        PayPalConfig.DEFAULT_ORDER_FROM)).startsWith("PayPal BILLING.PLAN.CREATED is not a type the bridge reads (it reads");
  }
}
