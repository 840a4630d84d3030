package io.helpdeskbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InboxBatcherTest extends StoreTestSupport {

  private static InboxBatcher.Row row(String eventId) {
    return new InboxBatcher.Row("stripe", eventId, "charge.refunded", "order:1", "{}", "{\"id\":\"" + eventId + "\"}",
        InboxStatus.RECEIVED, null, Instant.now());
  }

  @Test
  void concurrentDeliveriesAreEachStoredOnceAndRepeatsAreCountedNotStored() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Inbox.Accepted>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String id = "evt_" + (i % 100); // every event arrives twice, often in the same batch
      answers.add(pool.submit(() -> store.batcher().accept(row(id))));
    }
    int fresh = 0;
    int repeats = 0;
    for (Future<Inbox.Accepted> a : answers) {
      if (a.get().duplicate()) repeats++;
      else fresh++;
    }
    pool.shutdown();

    assertThat(fresh).isEqualTo(100);
    assertThat(repeats).isEqualTo(100);
    assertThat(store.inbox().pending(0, 1000)).hasSize(100)
        .allSatisfy(r -> assertThat(r.duplicates()).isEqualTo(1));
  }

  @Test
  void theAnswerComesAfterTheRowIsCommittedAndReadable() {
    Inbox.Accepted a = store.batcher().accept(row("evt_committed"));

    assertThat(store.inbox().get(a.id())).hasValueSatisfying(r -> assertThat(r.eventId()).isEqualTo("evt_committed"));
  }
}
