package io.helpdeskbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InboxTest extends StoreTestSupport {

  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2024-05-01T10:00:05Z");
  private static final Instant T2 = Instant.parse("2024-05-01T10:00:09Z");

  private Inbox inbox;

  @BeforeEach
  void inbox() {
    inbox = store.inbox();
  }

  private Inbox.Accepted accept(String source, String eventId) {
    return inbox.accept(source, eventId, "charge.refunded", "order:1001", "{\"h\":1}", "{\"id\":\"" + eventId + "\"}",
        InboxStatus.RECEIVED, null, T0);
  }

  @Test
  void acceptStoresANewReceivedRow() {
    Inbox.Accepted a = accept("stripe", "evt_1");

    assertThat(a.duplicate()).isFalse();
    assertThat(a.status()).isEqualTo(InboxStatus.RECEIVED);
    InboxRow row = inbox.get(a.id()).orElseThrow();
    assertThat(row.id()).isEqualTo(a.id());
    assertThat(row.source()).isEqualTo("stripe");
    assertThat(row.eventId()).isEqualTo("evt_1");
    assertThat(row.vendorType()).isEqualTo("charge.refunded");
    assertThat(row.orderKey()).isEqualTo("order:1001");
    assertThat(row.headersJson()).isEqualTo("{\"h\":1}");
    assertThat(row.body()).isEqualTo("{\"id\":\"evt_1\"}");
    assertThat(row.status()).isEqualTo(InboxStatus.RECEIVED);
    assertThat(row.attempts()).isZero();
    assertThat(row.duplicates()).isZero();
    assertThat(row.outcome()).isNull();
    assertThat(row.lastError()).isNull();
    assertThat(row.receivedAt()).isEqualTo(T0);
    assertThat(row.firstAttemptAt()).isNull();
    assertThat(row.finishedAt()).isNull();
    assertThat(inbox.find("stripe", "evt_1")).contains(row);
  }

  @Test
  void acceptingTheSameEventAgainIsADuplicateOfTheSameRow() {
    Inbox.Accepted first = accept("stripe", "evt_1");

    Inbox.Accepted second = accept("stripe", "evt_1");

    assertThat(second.duplicate()).isTrue();
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.status()).isEqualTo(InboxStatus.RECEIVED);
    assertThat(inbox.get(first.id()).orElseThrow().duplicates()).isEqualTo(1);

    accept("stripe", "evt_1");
    assertThat(inbox.get(first.id()).orElseThrow().duplicates()).isEqualTo(2);
    assertThat(inbox.pending(0, 10)).hasSize(1);
  }

  @Test
  void duplicateReportsTheStatusTheRowHasNow() {
    Inbox.Accepted first = accept("stripe", "evt_1");
    inbox.finish(first.id(), InboxStatus.DONE, "noted on ticket 7", null, T1);

    Inbox.Accepted again = accept("stripe", "evt_1");

    assertThat(again.duplicate()).isTrue();
    assertThat(again.status()).isEqualTo(InboxStatus.DONE);
  }

  @Test
  void sameEventIdFromAnotherSourceIsANewRow() {
    Inbox.Accepted a = accept("stripe", "evt_1");
    Inbox.Accepted b = accept("shopify", "evt_1");

    assertThat(b.duplicate()).isFalse();
    assertThat(b.id()).isNotEqualTo(a.id());
  }

  @Test
  void acceptingAnAlreadyFinishedEventStampsFinishedAt() {
    Inbox.Accepted a = inbox.accept("stripe", "evt_9", "customer.created", "unknown", "{}", "{}", InboxStatus.IGNORED,
        "no canonical event", T0);

    InboxRow row = inbox.get(a.id()).orElseThrow();
    assertThat(a.status()).isEqualTo(InboxStatus.IGNORED);
    assertThat(row.status()).isEqualTo(InboxStatus.IGNORED);
    assertThat(row.outcome()).isEqualTo("no canonical event");
    assertThat(row.finishedAt()).isEqualTo(T0);
    assertThat(inbox.pending(0, 10)).isEmpty();
  }

  @Test
  void finishDeadKeepsTheError() {
    long id = accept("stripe", "evt_1").id();
    inbox.startAttempt(id, T1);

    inbox.finish(id, InboxStatus.DEAD, "gave up", "422 invalid field", T2);

    InboxRow row = inbox.get(id).orElseThrow();
    assertThat(row.status()).isEqualTo(InboxStatus.DEAD);
    assertThat(row.outcome()).isEqualTo("gave up");
    assertThat(row.lastError()).isEqualTo("422 invalid field");
    assertThat(row.finishedAt()).isEqualTo(T2);
    assertThat(row.attempts()).isEqualTo(1);
    assertThat(inbox.byStatus(InboxStatus.DEAD, 10)).extracting(InboxRow::id).containsExactly(id);
    assertThat(inbox.pending(0, 10)).isEmpty();
  }

  @Test
  void longErrorsAreClippedToTheColumn() {
    long id = accept("stripe", "evt_1").id();
    String huge = "e".repeat(10_000);

    inbox.finish(id, InboxStatus.DEAD, "o".repeat(5_000), huge, T1);

    InboxRow row = inbox.get(id).orElseThrow();
    assertThat(row.lastError()).hasSize(4000).endsWith("…").startsWith("eee");
    assertThat(row.outcome()).hasSize(4000);
  }

  @Test
  void startAttemptCountsAndKeepsTheFirstTime() {
    long id = accept("stripe", "evt_1").id();

    inbox.startAttempt(id, T1);
    inbox.startAttempt(id, T2);

    InboxRow row = inbox.get(id).orElseThrow();
    assertThat(row.attempts()).isEqualTo(2);
    assertThat(row.firstAttemptAt()).isEqualTo(T1);
    assertThat(row.lastAttemptAt()).isEqualTo(T2);
    assertThat(row.status()).isEqualTo(InboxStatus.RECEIVED);
  }

  @Test
  void pendingPagesThroughReceivedRowsOldestFirst() {
    long a = accept("stripe", "evt_a").id();
    long b = accept("stripe", "evt_b").id();
    long c = accept("stripe", "evt_c").id();
    long d = accept("stripe", "evt_d").id();
    long e = accept("stripe", "evt_e").id();
    inbox.finish(c, InboxStatus.DONE, "done", null, T1);

    List<InboxRow> page1 = inbox.pending(0, 2);
    List<InboxRow> page2 = inbox.pending(page1.get(page1.size() - 1).id(), 2);
    List<InboxRow> page3 = inbox.pending(page2.get(page2.size() - 1).id(), 2);

    assertThat(page1).extracting(InboxRow::id).containsExactly(a, b);
    assertThat(page2).extracting(InboxRow::id).containsExactly(d, e);
    assertThat(page3).isEmpty();
    assertThat(inbox.pending(0, 100)).extracting(InboxRow::eventId).containsExactly("evt_a", "evt_b", "evt_d", "evt_e");
  }

  @Test
  void byStatusListsNewestFirstUpToTheLimit() {
    long a = accept("stripe", "evt_a").id();
    long b = accept("stripe", "evt_b").id();
    long c = accept("stripe", "evt_c").id();
    long other = accept("stripe", "evt_d").id();
    for (long id : new long[] {a, b, c}) inbox.finish(id, InboxStatus.DEAD, "dead", "boom", T1);
    inbox.finish(other, InboxStatus.DONE, "ok", null, T1);

    assertThat(inbox.byStatus(InboxStatus.DEAD, 10)).extracting(InboxRow::id).containsExactly(c, b, a);
    assertThat(inbox.byStatus(InboxStatus.DEAD, 2)).extracting(InboxRow::id).containsExactly(c, b);
    assertThat(inbox.byStatus(InboxStatus.DONE, 10)).extracting(InboxRow::id).containsExactly(other);
    assertThat(inbox.byStatus(InboxStatus.IGNORED, 10)).isEmpty();
  }

  @Test
  void requeuePutsAFinishedRowBackToReceived() {
    long id = accept("stripe", "evt_1").id();
    inbox.finish(id, InboxStatus.DEAD, "gave up", "boom", T1);

    assertThat(inbox.requeue(id)).isTrue();

    InboxRow row = inbox.get(id).orElseThrow();
    assertThat(row.status()).isEqualTo(InboxStatus.RECEIVED);
    assertThat(row.finishedAt()).isNull();
    assertThat(inbox.pending(0, 10)).extracting(InboxRow::id).containsExactly(id);
    assertThat(inbox.byStatus(InboxStatus.DEAD, 10)).isEmpty();
  }

  @Test
  void requeueOfAReceivedOrUnknownRowDoesNothing() {
    long id = accept("stripe", "evt_1").id();

    assertThat(inbox.requeue(id)).isFalse();
    assertThat(inbox.requeue(id + 1000)).isFalse();
    assertThat(inbox.get(id).orElseThrow().status()).isEqualTo(InboxStatus.RECEIVED);
  }

  @Test
  void purgeDeletesRowsFinishedBeforeTheCutOffButNeverReceivedOnes() {
    long done = accept("stripe", "evt_done").id();
    long ignored = accept("stripe", "evt_ignored").id();
    long deadLater = accept("stripe", "evt_dead").id();
    long waiting = accept("stripe", "evt_waiting").id();
    inbox.finish(done, InboxStatus.DONE, "ok", null, T1);
    inbox.finish(ignored, InboxStatus.IGNORED, "nothing to do", null, T1);
    inbox.finish(deadLater, InboxStatus.DEAD, "gave up", "boom", T2);

    assertThat(inbox.purge(T2)).isEqualTo(2);

    assertThat(inbox.get(done)).isEmpty();
    assertThat(inbox.get(ignored)).isEmpty();
    assertThat(inbox.get(deadLater)).isPresent();
    assertThat(inbox.get(waiting)).isPresent();
    assertThat(inbox.purge(T2.plusSeconds(3600))).isEqualTo(1);
    assertThat(inbox.get(waiting)).isPresent();
  }

  @Test
  void findNarrowsByEachFilterGiven() {
    long stripeOld = accept("stripe", "evt_1").id();
    long stripeTried = accept("stripe", "evt_2").id();
    long shopify = inbox.accept("shopify", "evt_3", "orders/cancelled", "order:2002", "{}", "{}", InboxStatus.RECEIVED,
        null, T0).id();
    inbox.startAttempt(stripeTried, T2);
    for (long id : new long[] {stripeOld, stripeTried, shopify}) inbox.finish(id, InboxStatus.DEAD, "dead", "boom", T2);

    assertThat(inbox.find(InboxStatus.DEAD, null, null, null, 10)).extracting(InboxRow::id)
        .containsExactly(shopify, stripeTried, stripeOld);
    assertThat(inbox.find(InboxStatus.DEAD, "stripe", null, null, 10)).extracting(InboxRow::id)
        .containsExactly(stripeTried, stripeOld);
    assertThat(inbox.find(InboxStatus.DEAD, null, "order:2002", null, 10)).extracting(InboxRow::id)
        .containsExactly(shopify);
    assertThat(inbox.find(InboxStatus.DEAD, null, null, T1, 10)).extracting(InboxRow::id)
        .containsExactly(stripeTried);
    assertThat(inbox.find(InboxStatus.DEAD, "stripe", "order:1001", T0, 1)).extracting(InboxRow::id)
        .containsExactly(stripeTried);
    assertThat(inbox.find(InboxStatus.DONE, null, null, null, 10)).isEmpty();
  }

  @Test
  void unknownIdsAndEventsAreEmpty() {
    assertThat(inbox.get(12345)).isEmpty();
    assertThat(inbox.find("stripe", "evt_none")).isEmpty();
  }

  @Test
  void statusMapsToLowerCaseDbValues() {
    for (InboxStatus s : InboxStatus.values()) {
      assertThat(s.db()).isEqualTo(s.name().toLowerCase());
      assertThat(InboxStatus.fromDb(s.db())).isEqualTo(s);
    }
  }
}
