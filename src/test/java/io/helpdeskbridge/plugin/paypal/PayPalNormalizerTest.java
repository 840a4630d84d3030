package io.helpdeskbridge.plugin.paypal;

import static io.helpdeskbridge.plugin.paypal.PayPalPayloads.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helpdeskbridge.event.ChargebackClosed;
import io.helpdeskbridge.event.ChargebackOpened;
import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.PaymentFailed;
import io.helpdeskbridge.event.RefundFailed;
import io.helpdeskbridge.event.RefundIssued;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.WebhookRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayPalNormalizerTest {
  private static final List<String> DEFAULT = PayPalConfig.DEFAULT_ORDER_FROM;
  private final PayPalEventSource source = new PayPalEventSource();

  private static List<OrderEvent> normalize(String body) {
    return PayPalNormalizer.normalize(json(body), DEFAULT);
  }

  private List<OrderEvent> normalize(String body, Map<String, Object> settings) {
    return source.normalize(new WebhookRequest("paypal", Map.of(), PayPalPayloads.bytes(body), Instant.EPOCH),
        json(body), ConnectorSettings.of("paypal", settings));
  }

  @Test
  void aRefundIsRefundIssuedWithItsAmountRefundIdCaptureAndTheInvoiceIdAsOrder() {
    List<OrderEvent> events = normalize(PayPalPayloads.refunded("WH-2", "2026-11-24T10:14:04.543Z"));

    assertThat(events).singleElement().isEqualTo(new RefundIssued("paypal", "WH-2", Instant.parse("2026-11-24T10:14:04.543Z"),
        new OrderRef("1001", null, "2GG279541U471931P", null), "PAYMENT.CAPTURE.REFUNDED", Money.of(2500, "USD"),
        "8MC585209K746392H", "2GG279541U471931P", "Defective product"));
    assertThat(events.get(0).factId()).isEqualTo("refund:8MC585209K746392H");
  }

  @Test
  void theSimulatorsRefundWithoutInvoiceNamesOnlyItsCapture() {
    RefundIssued refund = (RefundIssued) normalize(PayPalPayloads.SIMULATOR_REFUND).get(0);

    assertThat(refund.order()).isEqualTo(new OrderRef(null, null, "0JF852973C016714D", null));
    assertThat(refund.order().key()).isEqualTo("payment:0JF852973C016714D");
    assertThat(refund.amount()).isEqualTo(Money.of(99, "USD"));
    assertThat(refund.reason()).isNull();
    assertThat(refund.occurredAt()).isEqualTo(Instant.parse("2018-08-15T19:14:04.543Z"));
  }

  @Test
  void orderFromCustomIdReadsTheOtherFieldFirst() {
    String body = PayPalPayloads.refunded("WH-3", "2026-11-24T10:14:04Z");

    assertThat(normalize(body, Map.of("order-from", "custom_id")).get(0).order().orderId()).isEqualTo("cust-77");
    assertThat(normalize(body, Map.of("order-from", "custom_id,invoice_id")).get(0).order().orderId()).isEqualTo("cust-77");
    assertThat(normalize(body, Map.of("order-from", "nonsense")).get(0).order().orderId()).isEqualTo("1001");
    assertThat(normalize(body, Map.of()).get(0).order().orderId()).isEqualTo("1001");
  }

  @Test
  void aPendingRefundIsReportedOnceAndSaysItIsPending() {
    ObjectNode body = (ObjectNode) json(PayPalPayloads.refunded("WH-4", "2026-11-24T10:14:04Z"));
    ((ObjectNode) body.path("resource")).put("status", "PENDING");

    RefundIssued refund = (RefundIssued) PayPalNormalizer.normalize(body, DEFAULT).get(0);

    assertThat(refund.reason()).isEqualTo("Defective product (still pending at PayPal)");
    assertThat(refund.factId()).isEqualTo("refund:8MC585209K746392H");
  }

  @ParameterizedTest
  @CsvSource({"FAILED, the refund failed", "CANCELLED, the refund was cancelled"})
  void aRefundThatFailedIsRefundFailed(String status, String words) {
    ObjectNode body = (ObjectNode) json(PayPalPayloads.refunded("WH-5", "2026-11-24T10:14:04Z"));
    ((ObjectNode) body.path("resource")).put("status", status);

    assertThat(PayPalNormalizer.normalize(body, DEFAULT)).singleElement().isInstanceOfSatisfying(RefundFailed.class, f -> {
      assertThat(f.refundId()).isEqualTo("8MC585209K746392H");
      assertThat(f.chargeId()).isEqualTo("2GG279541U471931P");
      assertThat(f.failureReason()).isEqualTo(words);
      assertThat(f.order().orderId()).isEqualTo("1001");
    });
  }

  @Test
  void aReversalIsMoneyBackToTheBuyerWithPayPalsReason() {
    assertThat(normalize(PayPalPayloads.REVERSED)).singleElement().isEqualTo(new RefundIssued("paypal",
        "WH-6F207351SC284371F-0KX52201050121307", Instant.parse("2026-11-24T21:30:35.780Z"),
        new OrderRef("1002", null, "4L335234718889942", null), "PAYMENT.CAPTURE.REVERSED", Money.of(251, "USD"),
        "09E71677NS257044M", "4L335234718889942", "reversed by PayPal: Payment reversed"));
  }

  @Test
  void aDeniedCaptureIsAFailedPaymentOfThatCapture() {
    assertThat(normalize(PayPalPayloads.DENIED)).singleElement().isEqualTo(new PaymentFailed("paypal",
        "WH-4SW78779LY2325805-07E03580SX1414828", Instant.parse("2026-11-24T19:13:07.251Z"),
        new OrderRef("1003", null, "7NW873794T343360M", null), "PAYMENT.CAPTURE.DENIED", Money.of(251, "AUD"),
        "DENIED", "PENDING_REVIEW", "PayPal denied the capture: PayPal is reviewing it."));
  }

  @Test
  void aDeclinedCaptureIsAFailedPaymentToo() {
    String declined = PayPalPayloads.DENIED.replace("PAYMENT.CAPTURE.DENIED", "PAYMENT.CAPTURE.DECLINED");
    assertThat(normalize(declined)).singleElement()
        .isInstanceOfSatisfying(PaymentFailed.class, f -> {
          assertThat(f.vendorType()).isEqualTo("PAYMENT.CAPTURE.DECLINED");
          assertThat(f.order().orderId()).isEqualTo("1003");
          assertThat(f.order().paymentId()).isEqualTo("7NW873794T343360M");
        });
  }

  @Test
  void aNewDisputeIsAChargebackWithStageAndTheSellerResponseDeadline() {
    assertThat(normalize(PayPalPayloads.DISPUTE_CREATED)).singleElement().isEqualTo(new ChargebackOpened("paypal",
        "WH-4M0448861G563140B-9EX36365822141321", Instant.parse("2026-11-24T08:31:32Z"),
        new OrderRef("1001", null, "2GG279541U471931P", null), "CUSTOMER.DISPUTE.CREATED", Money.of(12000, "USD"),
        "PP-D-27803", "2GG279541U471931P", "the buyer says they did not receive what they paid for",
        "waiting for your response, inquiry stage (buyer and seller can still settle it; no money taken yet)", Instant.parse("2026-12-14T08:31:28Z")));
  }

  @Test
  void aDisputeWithoutDisputeAmountTakesTheTransactionsGrossAmount() {
    ObjectNode body = (ObjectNode) json(PayPalPayloads.DISPUTE_CREATED);
    ((ObjectNode) body.path("resource")).remove("dispute_amount");

    assertThat(((ChargebackOpened) PayPalNormalizer.normalize(body, DEFAULT).get(0)).amount()).isEqualTo(Money.of(12000, "USD"));
  }

  @Test
  void anUpdatedDisputeIsIgnoredButStillTeachesItsCapturesOrder() {
    assertThat(normalize(PayPalPayloads.DISPUTE_UPDATED)).isEmpty();
    assertThat(PayPalNormalizer.orderFacts(json(PayPalPayloads.DISPUTE_UPDATED), DEFAULT))
        .containsExactly(Map.entry("payment:2GG279541U471931P", "order:cust-77"));
  }

  @Test
  void aResolvedDisputeIsClosedWithPayPalsOutcome() {
    assertThat(normalize(PayPalPayloads.DISPUTE_RESOLVED)).singleElement().isEqualTo(new ChargebackClosed("paypal",
        "WH-6SA34813406280445-6M160383LS6155516", Instant.parse("2026-11-26T13:57:08Z"),
        new OrderRef(null, null, "00D10444LD479031K", null), "CUSTOMER.DISPUTE.RESOLVED", Money.of(300, "USD"),
        "PP-000-042-663-135", "00D10444LD479031K", "the buyer says they did not receive what they paid for",
        "cancelled by the buyer"));
  }

  @ParameterizedTest
  @CsvSource({"RESOLVED_SELLER_FAVOUR, won", "RESOLVED_BUYER_FAVOUR, lost", "RESOLVED_WITH_PAYOUT, resolved with a payout to the buyer by PayPal",
      "ACCEPTED, accepted (you accepted the buyer's claim)", "SOME_NEW_OUTCOME, some new outcome"})
  void outcomesInTheBridgesWordsWhereTheyAreClear(String outcome, String status) {
    ObjectNode body = (ObjectNode) json(PayPalPayloads.DISPUTE_RESOLVED);
    ((ObjectNode) body.path("resource").path("dispute_outcome")).put("outcome_code", outcome);

    assertThat(((ChargebackClosed) PayPalNormalizer.normalize(body, DEFAULT).get(0)).status()).isEqualTo(status);
  }

  @Test
  void aCaptureCompletedMeansNothingButTeachesCaptureToOrder() {
    String completed = """
        {"id":"WH-58D329510W468432D-8HN650336L201105X","event_version":"1.0","create_time":"2026-11-20T21:50:07.940Z",
         "resource_type":"capture","resource_version":"2.0","event_type":"PAYMENT.CAPTURE.COMPLETED",
         "resource":{"id":"2GG279541U471931P","amount":{"currency_code":"USD","value":"120.00"},"invoice_id":"#1001",
          "status":"COMPLETED","links":[{"href":"https://api.paypal.com/v2/checkout/orders/1AB234567A1234567","rel":"up"}]}}
        """;

    assertThat(normalize(completed)).isEmpty();
    assertThat(PayPalNormalizer.orderFacts(json(completed), DEFAULT))
        .containsExactly(Map.entry("payment:2GG279541U471931P", "order:1001"));
    assertThat(PayPalNormalizer.orderFacts(json(PayPalPayloads.refunded("WH-7", "2026-11-24T10:14:04Z")), DEFAULT))
        .containsExactly(Map.entry("payment:2GG279541U471931P", "order:1001"));
    assertThat(PayPalNormalizer.orderFacts(json(PayPalPayloads.SIMULATOR_REFUND), DEFAULT)).isEmpty();
  }

  @Test
  void anEnvelopeWithoutAUsableTimeFallsBackToTheResourcesThenGivesUp() {
    ObjectNode body = (ObjectNode) json(PayPalPayloads.REVERSED);
    body.put("create_time", "2018-19-12T22:20:32.000Z"); // PayPal's own samples carry such dates

    assertThat(PayPalNormalizer.normalize(body, DEFAULT).get(0).occurredAt()).isEqualTo(Instant.parse("2026-11-24T21:30:10Z"));

    ((ObjectNode) body.path("resource")).remove(List.of("update_time", "create_time"));
    assertThat(PayPalNormalizer.normalize(body, DEFAULT)).isEmpty();
  }

  @Test
  void oddPayloadsMeanNothing() {
    assertThat(normalize("{\"id\":\"WH-8\",\"event_type\":\"BILLING.PLAN.CREATED\",\"create_time\":\"2026-11-24T10:00:00Z\","
        + "\"resource\":{\"id\":\"P-1\"}}")).isEmpty();
    assertThat(normalize("{\"event_type\":\"PAYMENT.CAPTURE.REFUNDED\",\"resource\":{}}")).isEmpty();
    assertThat(normalize("[]")).isEmpty();
    ObjectNode noAmount = (ObjectNode) json(PayPalPayloads.refunded("WH-9", "2026-11-24T10:14:04Z"));
    ObjectNode disputeWithoutId = (ObjectNode) json(PayPalPayloads.DISPUTE_CREATED);
    ((ObjectNode) disputeWithoutId.path("resource")).remove("dispute_id");
    assertThat(PayPalNormalizer.normalize(disputeWithoutId, DEFAULT)).isEmpty();
  }

  @Test
  void aRefundWhoseAmountCannotBeReadIsStillARefundWithoutAnAmount() {
    ObjectNode noAmount = (ObjectNode) json(PayPalPayloads.refunded("WH-9", "2026-11-24T10:14:04Z"));
    ((ObjectNode) noAmount.path("resource").path("amount")).put("value", "1e400");
    ObjectNode jpyCents = (ObjectNode) json(PayPalPayloads.refunded("WH-10", "2026-11-24T10:14:04Z"));
    ((ObjectNode) jpyCents.path("resource").path("amount")).put("currency_code", "JPY").put("value", "100.5");

    for (ObjectNode body : List.of(noAmount, jpyCents)) {
      assertThat(PayPalNormalizer.normalize(body, DEFAULT)).singleElement().isInstanceOfSatisfying(RefundIssued.class, r -> {
        assertThat(r.amount()).isNull();
        assertThat(r.refundId()).isEqualTo("8MC585209K746392H");
        assertThat(r.order().orderId()).isEqualTo("1001");
      });
    }
  }

  @Test
  void yenHaveNoMinorUnits() {
    ObjectNode body = (ObjectNode) json(PayPalPayloads.refunded("WH-11", "2026-11-24T10:14:04Z"));
    ((ObjectNode) body.path("resource").path("amount")).put("currency_code", "JPY").put("value", "1500");

    assertThat(((RefundIssued) PayPalNormalizer.normalize(body, DEFAULT).get(0)).amount()).isEqualTo(Money.of(1500, "JPY"));
  }

  @Test
  void theEventIdIsTheDedupeKeyAndTheEventTypeTheVendorType() throws Exception {
    WebhookRequest request = new WebhookRequest("paypal", Map.of(), new byte[0], Instant.EPOCH);

    assertThat(source.eventId(request, json(PayPalPayloads.REVERSED))).isEqualTo("WH-6F207351SC284371F-0KX52201050121307");
    assertThat(source.vendorType(request, json(PayPalPayloads.REVERSED))).isEqualTo("PAYMENT.CAPTURE.REVERSED");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.eventId(request, json("{\"event_type\":\"X\"}")))
        .isInstanceOf(io.helpdeskbridge.spi.WebhookRejected.class).hasMessageContaining("no id");
  }
}
