package io.helpdeskbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries that wait (defer, due) and the per-order queries that keep one order's events in order. */
class InboxOrderTest extends StoreTestSupport {

  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2024-05-01T10:00:05Z");
  private static final Instant T2 = Instant.parse("2024-05-01T10:00:09Z");
  private static final Instant T3 = Instant.parse("2024-05-01T10:01:00Z");

  private Inbox inbox;

  @BeforeEach
  void inbox() {
    inbox = store.inbox();
  }

  /** Stored through the batcher, the only writer that knows when the vendor produced the event. */
  private long arrive(String eventId, String orderKey, Instant occurredAt) {
    return store.batcher().accept(new InboxBatcher.Row("stripe", eventId, "charge.refunded", orderKey, "{}", "{}",
        InboxStatus.RECEIVED, null, T0, occurredAt)).id();
  }

  @Test
  void aDeferredRowIsDueOnceItsTimeHasCome() {
    long a = arrive("evt_a", "order:1", null);
    long b = arrive("evt_b", "order:2", null);
    long c = arrive("evt_c", "order:3", null);
    inbox.defer(a, T2, "429 slow down");
    inbox.defer(b, T1, "helpdesk down");

    assertThat(inbox.due(T0, 10)).isEmpty();
    assertThat(inbox.due(T1, 10)).extracting(InboxRow::id).containsExactly(b);
    assertThat(inbox.due(T2, 10)).extracting(InboxRow::id).containsExactly(a, b);
    assertThat(inbox.due(T2, 1)).extracting(InboxRow::id).containsExactly(a);
    assertThat(inbox.get(a).orElseThrow().lastError()).isEqualTo("429 slow down");
    assertThat(inbox.get(c).orElseThrow().status()).isEqualTo(InboxStatus.RECEIVED);
  }

  @Test
  void finishingOrDeferringAFinishedRowTakesItOffTheSchedule() {
    long a = arrive("evt_a", "order:1", null);
    long b = arrive("evt_b", "order:1", null);
    inbox.defer(a, T1, "timeout");
    inbox.finish(a, InboxStatus.DONE, "noted", null, T2);
    inbox.finish(b, InboxStatus.DEAD, "gave up", "422", T2);

    inbox.defer(b, T1, "too late");

    assertThat(inbox.due(T3, 10)).isEmpty();
    assertThat(inbox.get(b).orElseThrow().lastError()).isEqualTo("422");
  }

  @Test
  void aLaterEventOfTheOrderWaitsBehindAnEarlierOneThatWaits() {
    long first = arrive("evt_1", "order:1", null);
    long second = arrive("evt_2", "order:1", null);
    long otherOrder = arrive("evt_3", "order:2", null);
    inbox.defer(first, T2, "429");
    inbox.defer(otherOrder, T1, "429");

    assertThat(inbox.earlierWaiting("order:1", second, T1)).contains(T2);
    assertThat(inbox.earlierWaiting("order:1", second, T2)).isEmpty();
    assertThat(inbox.earlierWaiting("order:1", first, T1)).isEmpty();

    inbox.finish(first, InboxStatus.DONE, "noted", null, T1);
    assertThat(inbox.earlierWaiting("order:1", second, T1)).isEmpty();
  }

  @Test
  void vendorTimeDecidesWhichEventGoesFirstNotArrival() {
    long arrivedFirst = arrive("evt_late", "order:1", T2);
    long producedBefore = arrive("evt_early", "order:1", T1);
    inbox.defer(producedBefore, T3, "429");
    inbox.defer(arrivedFirst, T3, "429");

    assertThat(inbox.earlierWaiting("order:1", arrivedFirst, T0)).contains(T3);
    assertThat(inbox.earlierWaiting("order:1", producedBefore, T0)).isEmpty();
  }

  @Test
  void theEarliestProducedOfTheRowsThatArrivedLaterIsAppliedFirst() {
    long row = arrive("evt_r", "order:1", T2);
    long earlier = arrive("evt_e1", "order:1", T1);
    long earliest = arrive("evt_e0", "order:1", T0);
    arrive("evt_later", "order:1", T3);
    arrive("evt_other", "order:2", T0);

    assertThat(inbox.producedEarlier("order:1", row)).contains(earliest);

    inbox.finish(earliest, InboxStatus.DONE, "noted", null, T3);
    assertThat(inbox.producedEarlier("order:1", row)).contains(earlier);
    assertThat(inbox.producedEarlier("order:1", earlier)).isEmpty();
  }

  @Test
  void withoutVendorTimeArrivalOrderStands() {
    long first = arrive("evt_1", "order:1", null);
    arrive("evt_2", "order:1", null);

    assertThat(inbox.producedEarlier("order:1", first)).isEmpty();
  }
}
