package io.helpdeskbridge.refund;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundRequested;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RefundGuardrailsTest {
  private static final RefundGuardrails RULES = new RefundGuardrails(new BigDecimal("200"), new BigDecimal("300"),
      Set.of("requested_by_customer", "Duplicate"), Set.of("360001"), new BigDecimal("100"), null, Set.of("usd"));

  private static RefundRequested request(Money amount, String reason, String group, String... tags) {
    return new RefundRequested("zendesk", "inv-1", Instant.parse("2026-11-24T10:00:00Z"), OrderRef.ofOrder("1001"),
        "ticket_updated", "42", amount, reason, group, "agent@example.com", List.of(tags));
  }

  @Test
  void aRefundWithinEveryRuleMayGo() {
    assertThat(RULES.refusal(request(Money.of(5000, "usd"), "requested_by_customer", "360001"), Money.of(0, "USD"))).isEmpty();
    assertThat(RULES.refusal(request(Money.of(5000, "usd"), "DUPLICATE", "360001"), null)).as("reasons ignore case").isEmpty();
  }

  @Test
  void overTheCapPerRefundIsRefusedWithTheLimitInWords() {
    assertThat(RULES.refusal(request(Money.of(25000, "usd"), "duplicate", "360001", "refund_second_approval"), null))
        .hasValueSatisfying(why -> assertThat(why).contains("250.00 USD").contains("limit of 200 USD per refund"));
  }

  @Test
  void thePerOrderCapCountsWhatWasRefundedBefore() {
    assertThat(RULES.refusal(request(Money.of(9000, "usd"), "duplicate", "360001"), Money.of(25000, "usd")))
        .hasValueSatisfying(why -> assertThat(why).contains("already had 250 USD").contains("limit of 300 USD per order"));
    assertThat(RULES.refusal(request(Money.of(5000, "usd"), "duplicate", "360001"), Money.of(25000, "usd"))).isEmpty();
  }

  @Test
  void aboveTheThresholdASecondApprovalTagIsNeeded() {
    RefundRequested big = request(Money.of(15000, "usd"), "duplicate", "360001", "refund_approved");
    assertThat(RULES.refusal(big, null)).hasValueSatisfying(why -> assertThat(why).contains("refund_second_approval"));
    RefundRequested approvedTwice = request(Money.of(15000, "usd"), "duplicate", "360001", "refund_approved", "refund_second_approval");
    assertThat(RULES.refusal(approvedTwice, null)).isEmpty();
  }

  @Test
  void reasonGroupCurrencyAmountAndOrderAreChecked() {
    assertThat(RULES.refusal(request(Money.of(100, "usd"), "because", "360001"), null)).get().asString().contains("'because'");
    assertThat(RULES.refusal(request(Money.of(100, "usd"), "duplicate", "999"), null)).get().asString().contains("group (999)");
    assertThat(RULES.refusal(request(Money.of(100, "usd"), "duplicate", null), null)).get().asString().contains("group (none)");
    assertThat(RULES.refusal(request(Money.of(100, "eur"), "duplicate", "360001"), null)).get().asString().contains("EUR refunds");
    assertThat(RULES.refusal(request(null, "duplicate", "360001"), null)).get().asString().contains("no refund amount");
    assertThat(RULES.refusal(request(Money.of(0, "usd"), "duplicate", "360001"), null)).get().asString().contains("more than zero");
    RefundRequested noOrder = new RefundRequested("zendesk", "inv-2", Instant.now(), new OrderRef(null, "a@b.c", null, null),
        "ticket_updated", "42", Money.of(100, "usd"), "duplicate", "360001", null, List.of());
    assertThat(RULES.refusal(noOrder, null)).get().asString().contains("names no order");
  }

  @Test
  void noRulesAllowAnyPositiveAmountForAKnownOrder() {
    RefundGuardrails none = new RefundGuardrails(null, null, null, null, null, null, null);
    assertThat(none.refusal(request(Money.of(999_999, "jpy"), null, null), Money.of(5, "jpy"))).isEmpty();
  }
}
