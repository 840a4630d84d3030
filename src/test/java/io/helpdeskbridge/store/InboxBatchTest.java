package io.helpdeskbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The inbox queries behind coalescing: one order's due rows in the vendor's order, waits that cost no attempt. */
class InboxBatchTest extends StoreTestSupport {
  private static final Instant T0 = Instant.parse("2026-11-24T03:00:00Z");

  private Inbox inbox;

  @BeforeEach
  void inbox() {
    inbox = store.inbox();
  }

  private long accept(String eventId, String order, Instant occurredAt) {
    return store.batcher().accept(new InboxBatcher.Row("stripe", eventId, "charge.refunded", order, "{}", "{}",
        InboxStatus.RECEIVED, null, T0, occurredAt)).id();
  }

  @Test
  void aBatchIsTheOrdersDueRowsInTheOrderTheVendorProducedThem() {
    long late = accept("evt_late", "order:1", T0.plusSeconds(30));
    long early = accept("evt_early", "order:1", T0.plusSeconds(10));
    long waiting = accept("evt_waiting", "order:1", T0.plusSeconds(20));
    accept("evt_other", "order:2", T0);
    long done = accept("evt_done", "order:1", T0);
    inbox.defer(waiting, T0.plusSeconds(600), "503");
    inbox.finish(done, InboxStatus.DONE, "ok", null, T0);

    // evt_waiting (produced at +20 s) is not due: the batch stops before it, so evt_late cannot overtake it
    assertThat(inbox.batch("order:1", T0.plusSeconds(60), 100)).extracting(InboxRow::id).containsExactly(early);
    assertThat(inbox.batch("order:1", T0.plusSeconds(601), 100)).extracting(InboxRow::id).containsExactly(early, waiting, late);
    assertThat(inbox.batch("order:1", T0.plusSeconds(601), 2)).extracting(InboxRow::id).containsExactly(early, waiting);
    assertThat(inbox.get(waiting).orElseThrow().nextAttemptAt()).isEqualTo(T0.plusSeconds(600));
  }

  @Test
  void aFreshRowNeverOvertakesAnEarlierOneStillInItsCoalescingWindow() {
    // found by BurstCrashIT: 7 waited out its window, 8 arrived fresh, and a batch took 8 without 7
    long seventh = accept("evt_7", "order:1", T0.plusSeconds(7));
    long eighth = accept("evt_8", "order:1", T0.plusSeconds(8));
    inbox.defer(seventh, T0.plusSeconds(1), null);

    assertThat(inbox.batch("order:1", T0.plusMillis(900), 100)).isEmpty();
    assertThat(inbox.batch("order:1", T0.plusSeconds(1), 100)).extracting(InboxRow::id).containsExactly(seventh, eighth);
  }

  @Test
  void postponingGivesBackTheAttemptJustStarted() {
    long id = accept("evt_1", "order:1", T0);
    inbox.startAttempt(id, T0);
    inbox.startAttempt(id, T0.plusSeconds(5));

    inbox.postpone(id, T0.plusSeconds(300), "ticket budget spent");

    InboxRow row = inbox.get(id).orElseThrow();
    assertThat(row.attempts()).isEqualTo(1);
    assertThat(row.nextAttemptAt()).isEqualTo(T0.plusSeconds(300));
    assertThat(row.lastError()).isEqualTo("ticket budget spent");
    assertThat(row.status()).isEqualTo(InboxStatus.RECEIVED);
  }

  @Test
  void countsByStatusNameEveryStatus() {
    accept("evt_1", "order:1", T0);
    long dead = accept("evt_2", "order:1", T0);
    inbox.finish(dead, InboxStatus.DEAD, null, "boom", T0);

    assertThat(inbox.countByStatus()).containsEntry("received", 1L).containsEntry("dead", 1L).containsEntry("done", 0L)
        .containsKey("ignored");
  }
}
