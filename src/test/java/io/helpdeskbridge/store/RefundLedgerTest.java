package io.helpdeskbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.refund.RefundLedger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RefundLedgerTest extends StoreTestSupport {
  private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void aKeyIsBegunOnceAndKeepsItsOutcome() {
    RefundLedger ledger = new RefundLedger(store.dataSource());
    assertThat(ledger.begin("k1", "zendesk", "42", "order:1001", "stripe", 2500, "USD", NOW)).isTrue();
    assertThat(ledger.begin("k1", "zendesk", "42", "order:1001", "stripe", 2500, "USD", NOW)).as("second delivery").isFalse();
    assertThat(ledger.get("k1")).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo(RefundLedger.Status.PENDING));

    ledger.finish("k1", RefundLedger.Status.ISSUED, "re_1", "succeeded", NOW.plusSeconds(1));

    assertThat(ledger.get("k1")).hasValueSatisfying(e -> {
      assertThat(e.status()).isEqualTo(RefundLedger.Status.ISSUED);
      assertThat(e.refundId()).isEqualTo("re_1");
      assertThat(e.amountMinor()).isEqualTo(2500);
    });
    assertThat(ledger.get("unknown")).isEmpty();
  }

  @Test
  void theOrderTotalCountsIssuedAndPendingInOneCurrencyOnly() {
    RefundLedger ledger = new RefundLedger(store.dataSource());
    ledger.begin("a", "zendesk", "1", "order:1001", "stripe", 2500, "USD", NOW);
    ledger.finish("a", RefundLedger.Status.ISSUED, "re_a", null, NOW);
    ledger.begin("b", "zendesk", "2", "order:1001", "stripe", 1000, "USD", NOW);
    ledger.begin("c", "zendesk", "3", "order:1001", "stripe", 700, "USD", NOW);
    ledger.finish("c", RefundLedger.Status.FAILED, null, "card expired", NOW);
    ledger.begin("d", "zendesk", "4", "order:1001", "stripe", 900, "EUR", NOW);
    ledger.begin("e", "zendesk", "5", "order:1002", "stripe", 5000, "USD", NOW);

    assertThat(ledger.committed("order:1001", "USD")).isEqualTo(3500);
    assertThat(ledger.committed("order:1001", "EUR")).isEqualTo(900);
    assertThat(ledger.committed("order:9999", "USD")).isZero();
  }
}
