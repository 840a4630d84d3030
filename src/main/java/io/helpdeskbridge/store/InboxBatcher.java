package io.helpdeskbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * Group commit for intake: the deliveries that arrive while one commit is under way are inserted
 * together and committed once, and each caller gets its answer only after that commit. Durable
 * before 202 as before, with one synchronous commit per batch instead of one per webhook.
 */
public final class InboxBatcher implements AutoCloseable {
  private static final int MAX_BATCH = 256;
  private static final String INSERT = "insert into inbox (source, event_id, vendor_type, order_key, headers, body, status,"
      + " outcome, received_at, finished_at, occurred_at) values (?,?,?,?,?,?,?,?,?,?,?)";

  /** One delivery to store. */
  public record Row(String source, String eventId, String vendorType, String orderKey, String headersJson, String body,
      InboxStatus status, String outcome, Instant now, Instant occurredAt) {

    /** A delivery whose vendor time is unknown (sorted by arrival only). */
    public Row(String source, String eventId, String vendorType, String orderKey, String headersJson, String body,
        InboxStatus status, String outcome, Instant now) {
      this(source, eventId, vendorType, orderKey, headersJson, body, status, outcome, now, null);
    }
  }

  private record Pending(Row row, CompletableFuture<Inbox.Accepted> answer) {}

  private final DataSource dataSource;
  private final Inbox inbox;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
  private final Thread writer;
  private volatile boolean running = true;

  InboxBatcher(DataSource dataSource, Inbox inbox) {
    this.dataSource = dataSource;
    this.inbox = inbox;
    this.writer = new Thread(this::loop, "inbox-group-commit");
    writer.setDaemon(true);
    writer.start();
  }

  /** Stores the row (or finds it already there) and returns once it is committed. */
  public Inbox.Accepted accept(Row row) {
    CompletableFuture<Inbox.Accepted> answer = new CompletableFuture<>();
    if (!running || !queue.offer(new Pending(row, answer))) throw new StoreException("the inbox is not accepting", null);
    try {
      return answer.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof StoreException s ? s : new StoreException("insert into inbox", e.getCause());
    } catch (TimeoutException e) {
      throw new StoreException("the store did not commit within 10 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted while storing", e);
    }
  }

  private void loop() {
    List<Pending> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        write(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      } finally {
        batch.clear();
      }
    }
  }

  private void write(List<Pending> batch) {
    List<Pending> duplicates = new ArrayList<>();
    List<Inbox.Accepted> stored = new ArrayList<>();
    List<Pending> storedFor = new ArrayList<>();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"id"})) {
        for (Pending p : batch) {
          Row r = p.row();
          // a savepoint per row: on PostgreSQL a unique violation would otherwise spoil the batch
          Savepoint sp = c.setSavepoint();
          try {
            ps.setString(1, Jdbc.text(r.source()));
            ps.setString(2, Jdbc.text(r.eventId()));
            ps.setString(3, Jdbc.text(r.vendorType()));
            ps.setString(4, Jdbc.text(r.orderKey()));
            ps.setString(5, Jdbc.text(r.headersJson()));
            ps.setString(6, Jdbc.text(r.body()));
            ps.setString(7, Jdbc.text(r.status().db()));
            ps.setString(8, Jdbc.text(Inbox.clip(r.outcome())));
            ps.setObject(9, Jdbc.ts(r.now()));
            ps.setObject(10, r.status() == InboxStatus.RECEIVED ? null : Jdbc.ts(r.now()));
            ps.setObject(11, Jdbc.ts(r.occurredAt()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
              keys.next();
              stored.add(new Inbox.Accepted(keys.getLong(1), false, r.status()));
              storedFor.add(p);
            }
            c.releaseSavepoint(sp);
          } catch (SQLException e) {
            c.rollback(sp);
            if (!Jdbc.isDuplicateKey(e)) throw e;
            duplicates.add(p);
          }
        }
      }
      c.commit();
    } catch (SQLException e) {
      StoreException failure = new StoreException("insert into inbox", e);
      batch.forEach(p -> p.answer().completeExceptionally(failure));
      return;
    }
    for (int i = 0; i < stored.size(); i++) storedFor.get(i).answer().complete(stored.get(i));
    for (Pending p : duplicates) {
      try {
        // a second delivery of a stored event: count it, answer with the first row
        p.answer().complete(inbox.accept(p.row().source(), p.row().eventId(), p.row().vendorType(), p.row().orderKey(),
            p.row().headersJson(), p.row().body(), p.row().status(), p.row().outcome(), p.row().now()));
      } catch (RuntimeException e) {
        p.answer().completeExceptionally(e);
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
