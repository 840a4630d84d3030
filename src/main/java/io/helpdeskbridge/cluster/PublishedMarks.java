package io.helpdeskbridge.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes "Kafka has it" onto inbox rows, many per commit, on its own thread: the producer's
 * callbacks run on Kafka's I/O thread, which must not wait on the database. A mark that is lost
 * (store away, process killed) only means the relay publishes that row again; consumers see the
 * duplicate message and find the row already done.
 */
final class PublishedMarks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PublishedMarks.class);
  private static final int MAX_BATCH = 500;

  private final ClusterInbox inbox;
  private final BlockingQueue<ClusterInbox.Published> queue = new LinkedBlockingQueue<>(100_000);
  private final Thread writer;
  private volatile boolean running = true;

  PublishedMarks(ClusterInbox inbox) {
    this.inbox = inbox;
    this.writer = new Thread(this::loop, "inbox-published-marks");
    writer.setDaemon(true);
    writer.start();
  }

  void add(ClusterInbox.Published mark) {
    queue.offer(mark);
  }

  private void loop() {
    List<ClusterInbox.Published> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        ClusterInbox.Published first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        inbox.markPublished(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.warn("{} published mark(s) not stored, the relay will publish those rows again: {}", batch.size(), e.getMessage());
      } finally {
        batch.clear();
      }
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
