package io.helpdeskbridge.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.event.Money;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.RefundRequested;
import io.helpdeskbridge.resilience.HelpdeskRetry;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.RefundAction;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import io.helpdeskbridge.store.Store;
import io.helpdeskbridge.ticket.Helpdesks;
import io.helpdeskbridge.ticket.TicketOutcome;
import io.helpdeskbridge.ticket.TicketPace;
import io.helpdeskbridge.ticket.TicketWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The refund step against a real store and writer, with a desk and a payment platform that record what they get. */
class RefundStepTest {

  /** Keeps each ticket's notes and tags as the writer leaves them. */
  static final class Desk implements HelpdeskConnection {
    final List<String> notes = new ArrayList<>();
    final Set<String> tags = new LinkedHashSet<>(List.of("refund_approved"));

    @Override
    public Optional<TicketRef> find(Lookup lookup) {
      return Optional.empty();
    }

    @Override
    public void apply(TicketRef ticket, TicketChange change, String marker) {
      if (change.note() != null) notes.add(change.noteWithMarker(marker));
      tags.removeAll(change.removeTags());
      tags.addAll(change.addTags());
    }

    @Override
    public boolean hasMarker(TicketRef ticket, String marker) {
      return notes.stream().anyMatch(n -> n.contains(marker));
    }

    @Override
    public TicketRef create(NewTicket ticket, String idempotencyKey) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String describe() {
      return "desk";
    }
  }

  /** Answers as told, after failing the first {@code unreachable} calls; keeps every request. */
  static final class Platform implements RefundAction {
    final List<Request> requests = new ArrayList<>();
    int unreachable;
    Result answer = new Result(true, "re_1", "succeeded", null);

    @Override
    public String id() {
      return "stripe";
    }

    @Override
    public boolean enabled(ConnectorSettings settings) {
      return true;
    }

    @Override
    public Result refund(Request request, ConnectorSettings settings) throws IOException {
      requests.add(request);
      if (unreachable-- > 0) throw new IOException("connect timed out");
      return answer;
    }
  }

  private final Store store = Store.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  private final Desk desk = new Desk();
  private final Platform stripe = new Platform();
  private final RefundLedger ledger = new RefundLedger(store.dataSource());

  @AfterEach
  void close() {
    store.close();
  }

  private RefundStep step() {
    HelpdeskRetry retry = new HelpdeskRetry("desk", new HelpdeskRetry.Policy(1, Duration.ZERO, Duration.ZERO));
    Helpdesks helpdesks = new Helpdesks(Map.of("desk", new Helpdesks.Entry("desk", desk, retry)), "desk");
    TicketWriter writer = new TicketWriter(store, Map.of(), helpdesks, new TicketPace(store.dataSource(), Clock.systemUTC()));
    RefundGuardrails rules = new RefundGuardrails(new BigDecimal("200"), new BigDecimal("300"), null, null,
        new BigDecimal("100"), null, null);
    return new RefundStep(new RefundActions.Bound("stripe", stripe, ConnectorSettings.of("stripe", Map.of())),
        new RefundStep.Options("stripe", "desk", rules, "refund_approved", "refund_issued", "refund_failed"), ledger, writer,
        Clock.systemUTC());
  }

  private static RefundRequested approved(String invocation, long cents, String... tags) {
    return new RefundRequested("zendesk", invocation, Instant.parse("2026-11-24T10:00:00Z"), OrderRef.ofOrder("1001"),
        "ticket_updated", "42", Money.of(cents, "usd"), "requested_by_customer", "360001", "agent@example.com", List.of(tags));
  }

  @Test
  void aPlatformThatCannotBeReachedIsAskedAgainWithTheSameKeyAndRefundsOnce() throws Exception {
    stripe.unreachable = 1;
    RefundStep step = step();

    assertThatThrownBy(() -> step.run(approved("inv-1", 2500), 1, null)).isInstanceOf(IOException.class)
        .hasMessageContaining("not confirmed");
    assertThat(desk.notes).isEmpty();
    TicketOutcome done = step.run(approved("inv-1", 2500), 1, null);
    TicketOutcome again = step.run(approved("inv-2", 2500), 2, null);

    assertThat(stripe.requests).hasSize(2);
    assertThat(stripe.requests.get(0).idempotencyKey()).isEqualTo(stripe.requests.get(1).idempotencyKey()).startsWith("hdb-refund-");
    assertThat(stripe.requests.get(0).metadata()).containsEntry("ticket_id", "42").containsEntry("order_id", "1001");
    assertThat(done.detail()).contains("refund issued re_1");
    assertThat(again.action()).isEqualTo(TicketOutcome.Action.ALREADY_APPLIED);
    assertThat(desk.notes).hasSize(1).first().asString().contains("Refund of 25.00 USD issued through stripe for order 1001 (re_1");
    assertThat(desk.tags).containsExactly("refund_issued");
    assertThat(ledger.committed("order:1001", "USD")).isEqualTo(2500);
  }

  @Test
  void aRefusalIsExplainedAndTheNextApprovalIsJudgedAfresh() throws Exception {
    RefundStep step = step();

    TicketOutcome refused = step.run(approved("inv-1", 15000, "refund_approved"), 1, null);
    assertThat(refused.action()).isEqualTo(TicketOutcome.Action.SKIPPED);
    assertThat(stripe.requests).isEmpty();
    assertThat(desk.notes).singleElement().asString().contains("needs a second approval").contains("Nothing was sent to stripe");
    assertThat(desk.tags).containsExactly("refund_failed");

    desk.tags.add("refund_approved");
    step.run(approved("inv-2", 15000, "refund_approved", "refund_second_approval"), 2, null);
    assertThat(stripe.requests).hasSize(1);
    assertThat(desk.tags).containsExactly("refund_issued");

    // the per-order cap now counts the 150.00 issued: another 200.00 would pass 300
    desk.tags.add("refund_approved");
    step.run(approved("inv-3", 20000, "refund_approved", "refund_second_approval"), 3, null);
    assertThat(stripe.requests).hasSize(1);
    assertThat(desk.notes.get(desk.notes.size() - 1)).contains("already had 150 USD refunded through tickets");
  }

  @Test
  void aPlatformThatSaysNoIsReportedOnceWithItsReason() throws Exception {
    stripe.answer = RefundAction.Result.refused("Charge ch_1 has already been refunded.");
    RefundStep step = step();

    step.run(approved("inv-1", 2500), 1, null);
    TicketOutcome again = step.run(approved("inv-2", 2500), 2, null);

    assertThat(stripe.requests).hasSize(1);
    assertThat(again.action()).isEqualTo(TicketOutcome.Action.ALREADY_APPLIED);
    assertThat(desk.notes).singleElement().asString()
        .contains("Refund of 25.00 USD for order 1001 failed in stripe: Charge ch_1 has already been refunded.");
    assertThat(desk.tags).containsExactly("refund_failed");
    assertThat(ledger.committed("order:1001", "USD")).isZero();
  }

  @Test
  void withoutARefundKeyEveryApprovalIsToldRefundsAreNotSetUp() throws Exception {
    HelpdeskRetry retry = new HelpdeskRetry("desk", new HelpdeskRetry.Policy(1, Duration.ZERO, Duration.ZERO));
    Helpdesks helpdesks = new Helpdesks(Map.of("desk", new Helpdesks.Entry("desk", desk, retry)), "desk");
    TicketWriter writer = new TicketWriter(store, Map.of(), helpdesks, new TicketPace(store.dataSource(), Clock.systemUTC()));
    RefundStep step = new RefundStep(null, new RefundStep.Options("stripe", "desk",
        new RefundGuardrails(null, null, null, null, null, null, null), "refund_approved", "refund_issued", "refund_failed"),
        ledger, writer, Clock.systemUTC());

    step.run(approved("inv-1", 2500), 1, null);

    assertThat(desk.notes).singleElement().asString().contains("refunds from tickets are not set up for 'stripe'");
  }
}
