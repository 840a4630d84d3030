package io.helpdeskbridge.dispatch;

import io.helpdeskbridge.intake.WebhookIntake;
import io.helpdeskbridge.store.InboxRow;
import io.helpdeskbridge.store.Store;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded dispatch: one single-threaded lane per shard, the shard chosen by the order key, so
 * the events of one order are applied one after another in arrival order while different orders
 * run in parallel.
 */
public final class ShardedDispatcher implements WebhookIntake.Dispatch, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShardedDispatcher.class);

  private final InboxProcessor processor;
  private final ExecutorService[] lanes;
  /** Rows queued or running in a lane: the sweeper never queues one twice. */
  private final java.util.Set<Long> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private java.util.concurrent.ScheduledExecutorService sweeper;

  public ShardedDispatcher(InboxProcessor processor, int shards) {
    this.processor = processor;
    this.lanes = new ExecutorService[Math.max(1, shards)];
    for (int i = 0; i < lanes.length; i++) {
      int n = i;
      lanes[i] = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dispatch-" + n);
        t.setDaemon(true);
        return t;
      });
    }
  }

  @Override
  public void submit(long inboxId, String orderKey) {
    if (!inFlight.add(inboxId)) return;
    int shard = Math.floorMod(orderKey.hashCode(), lanes.length);
    lanes[shard].execute(() -> {
      try {
        processor.process(inboxId);
      } catch (RuntimeException e) {
        // the row stays 'received' and is picked up again at the next start
        LOG.error("inbox row {} could not be processed: {}", inboxId, e.toString());
      } finally {
        inFlight.remove(inboxId);
      }
    });
  }

  /** Every {@code period}, queues the waiting rows whose next attempt is due. */
  public void startSweeping(Store store, java.time.Duration period) {
    sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "redelivery-sweeper");
      t.setDaemon(true);
      return t;
    });
    sweeper.scheduleWithFixedDelay(() -> {
      try {
        store.inbox().due(java.time.Instant.now(), 1000).forEach(r -> submit(r.id(), r.orderKey()));
      } catch (RuntimeException e) {
        LOG.warn("redelivery sweep failed, trying again: {}", e.toString());
      }
    }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Re-submits what a previous run left 'received' (a crash, a kill, a full stop). */
  public int recover(Store store) {
    int n = 0;
    long after = 0;
    List<InboxRow> page;
    do {
      page = store.inbox().pending(after, 500);
      for (InboxRow r : page) {
        submit(r.id(), r.orderKey());
        after = r.id();
        n++;
      }
    } while (page.size() == 500);
    if (n > 0) LOG.info("recovering {} event(s) left unprocessed by the previous run", n);
    return n;
  }

  @Override
  public void close() {
    if (sweeper != null) sweeper.shutdownNow();
    for (ExecutorService lane : lanes) lane.shutdown();
    for (ExecutorService lane : lanes) {
      try {
        lane.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
