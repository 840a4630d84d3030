package io.helpdeskbridge.cluster;

import io.helpdeskbridge.dispatch.InboxProcessor;
import io.helpdeskbridge.store.StoreException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link InboxProcessor#process} for a row only while this instance holds its order's lease
 * ({@link OrderLeases}): the processor assumes nothing else works on the same order, and across
 * instances this is what makes that true. The lease is renewed every third of its life while the
 * batch runs and released when it returns.
 */
public final class LeasedProcessing implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeasedProcessing.class);

  /** The order is busy on another instance for longer than we wait; the message is tried again. */
  public static final class OrderBusy extends RuntimeException {
    OrderBusy(String orderKey, Duration waited) {
      super(orderKey + " is still being worked on by another instance after " + waited.toSeconds() + " s");
    }
  }

  private final OrderLeases leases;
  private final LongConsumer processor;
  private final String owner;
  private final Duration ttl;
  private final Duration maxWait;
  private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "order-lease-renewer");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param ttl how long a lease lives unless renewed: how long an order stays blocked after its
   *     owner died
   * @param maxWait how long to wait for another instance's lease before giving the message back
   */
  public LeasedProcessing(OrderLeases leases, LongConsumer processor, String owner, Duration ttl, Duration maxWait) {
    this.leases = leases;
    this.processor = processor;
    this.owner = owner;
    this.ttl = ttl;
    this.maxWait = maxWait;
  }

  /** Processes the row under its order's lease; throws {@link StoreException} or {@link OrderBusy} to be tried again. */
  public void process(long inboxId, String orderKey) {
    // a row without a known order is processed alone: its lease is its own
    String key = orderKey == null || orderKey.isBlank() || orderKey.equals("unknown") ? "row:" + inboxId : orderKey;
    claim(key);
    ScheduledFuture<?> renewal = renewer.scheduleAtFixedRate(() -> renew(key), ttl.toMillis() / 3, ttl.toMillis() / 3,
        TimeUnit.MILLISECONDS);
    try {
      processor.accept(inboxId);
    } finally {
      renewal.cancel(false);
      try {
        leases.release(key, owner);
      } catch (StoreException e) {
        LOG.warn("could not release the lease of {} (it expires by itself): {}", key, e.getMessage());
      }
    }
  }

  private void claim(String key) {
    long start = System.nanoTime();
    long pauseMs = 20;
    while (!leases.claim(key, owner)) {
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      if (waited.compareTo(maxWait) > 0) throw new OrderBusy(key, waited);
      try {
        // the other instance is finishing a batch of this order (or died, and its lease runs out)
        Thread.sleep(pauseMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OrderBusy(key, waited);
      }
      pauseMs = Math.min(pauseMs * 2, 1000);
    }
  }

  private void renew(String key) {
    try {
      if (!leases.renew(key, owner)) {
        // only after the store was away longer than the lease: the write log still guards the ticket
        LOG.error("lost the lease of {} while working on it; another instance may take the order over", key);
      }
    } catch (RuntimeException e) {
      LOG.warn("could not renew the lease of {}: {}", key, e.getMessage());
    }
  }

  @Override
  public void close() {
    renewer.shutdownNow();
  }
}
