package io.helpdeskbridge.sweep;

import io.helpdeskbridge.intake.WebhookIntake;
import io.helpdeskbridge.spi.ShipmentState;
import io.helpdeskbridge.store.Inbox;
import io.helpdeskbridge.store.InboxStatus;
import io.helpdeskbridge.store.Store;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The stale-shipment sweep: every {@link SweepSettings#interval()}, takes the parcels of the {@link
 * ShipmentBook} that are past their estimated day or quiet for too long, asks the carrier platform
 * about each ({@link Poller}), and raises a {@code ShipmentDelayed} for those still not delivered,
 * as an inbox row of source {@value StaleShipmentSource#ID} handed to the dispatcher like any
 * webhook. Every instance schedules it; ShedLock (table {@code shedlock}, the database's clock) lets
 * one at a time run it. A parcel past its estimate is raised once per missed estimate, a quiet one
 * once per last event: the inbox's unique (source, event id) key makes that hold across sweeps,
 * instances and restarts.
 *
 * @see <a href="https://github.com/lukas-krecan/ShedLock#jdbctemplate">ShedLock JdbcTemplate provider</a>
 */
public final class StaleShipmentSweep implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StaleShipmentSweep.class);
  static final String LOCK = "stale-shipment-sweep";
  /** Parcels looked at in one sweep; the rest wait for the next (the least recently polled go first). */
  static final int BATCH = 200;
  /** The lock outlives a dead instance's sweep by this much at most... */
  private static final Duration LOCK_AT_MOST = Duration.ofMinutes(10);
  /** ...so a sweep stops polling after this long and leaves the rest to the next one. */
  private static final Duration POLL_BUDGET = Duration.ofMinutes(8);

  /**
   * Asks the carrier platform where a parcel stands now. Empty: the platform has nothing to add
   * (no API access for it), and the sweep judges on what the book knows. A failure throws; the
   * parcel is then skipped until its next poll is due.
   */
  @FunctionalInterface
  public interface Poller {
    Optional<ShipmentState> poll(ShipmentState known) throws IOException;

    /** Polls nothing: the sweep judges on the webhooks' reports alone. */
    Poller NONE = known -> Optional.empty();
  }

  private final ShipmentBook book;
  private final Store store;
  private final WebhookIntake.Dispatch dispatch;
  private final Poller poller;
  private final SweepSettings settings;
  private final Clock clock;
  private final LockingTaskExecutor locks;
  private ScheduledExecutorService scheduler;

  public StaleShipmentSweep(ShipmentBook book, Store store, WebhookIntake.Dispatch dispatch, Poller poller,
      SweepSettings settings, Clock clock) {
    this.book = book;
    this.store = store;
    this.dispatch = dispatch;
    this.poller = poller;
    this.settings = settings;
    this.clock = clock;
    this.locks = new DefaultLockingTaskExecutor(io.helpdeskbridge.store.ClusterLocks.provider(store.dataSource()));
  }


  /** Schedules the sweep on this instance (the first within a minute of start). Does nothing when it is off. */
  public void start() {
    if (!settings.enabled()) return;
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stale-shipment-sweep");
      t.setDaemon(true);
      return t;
    });
    long period = settings.interval().toMillis();
    scheduler.scheduleWithFixedDelay(this::tick, Math.min(period, 60_000), period, TimeUnit.MILLISECONDS);
  }

  /** One turn: sweeps when this instance gets the lock. Returns how many parcels it raised, or -1 without the lock. */
  public int tick() {
    try {
      // lock times are the database's (usingDbTime); the wall clock only satisfies ShedLock's check
      LockingTaskExecutor.TaskResult<Integer> r = locks.executeWithLock(this::sweep,
          new LockConfiguration(Instant.now(), LOCK, LOCK_AT_MOST, Duration.ZERO));
      return r.wasExecuted() ? r.getResult() : -1;
    } catch (Throwable e) {
      LOG.warn("stale-shipment sweep failed, trying again next time: {}", e.toString());
      return -1;
    }
  }

  private int sweep() {
    Instant now = clock.instant();
    List<ShipmentBook.Entry> due = book.candidates(now, settings.quiet(), settings.pollEvery(), BATCH);
    long deadline = System.nanoTime() + POLL_BUDGET.toNanos();
    int raised = 0;
    for (ShipmentBook.Entry known : due) {
      if (System.nanoTime() > deadline) {
        LOG.info("stale-shipment sweep ran out of time; the remaining parcels wait for the next sweep");
        break;
      }
      Optional<ShipmentState> fresh;
      try {
        fresh = poller.poll(known.state());
      } catch (IOException | RuntimeException e) {
        LOG.warn("stale-shipment sweep: polling {} {} failed, skipped until its next poll: {}",
            known.state().carrier(), known.trackingNumber(), e.toString());
        book.polled(known.trackingNumber(), clock.instant());
        continue;
      }
      book.polled(known.trackingNumber(), clock.instant());
      ShipmentBook.Entry after = known;
      if (fresh.isPresent()) {
        book.record(fresh.get(), known.orderKey());
        after = book.find(known.trackingNumber()).orElse(known);
      }
      Optional<StaleShipmentSource.Stale> stale = judge(known, after, now);
      if (stale.isPresent() && raise(stale.get(), after)) raised++;
    }
    if (raised > 0) LOG.info("stale-shipment sweep raised {} delayed parcel(s) of {} looked at", raised, due.size());
    return raised;
  }

  /**
   * What to raise for a parcel, given the book before and after the poll: nothing once delivered;
   * a missed estimate (the one known before the poll, else the polled one) before a quiet spell,
   * so one stuck parcel makes one note per estimate, not two.
   */
  Optional<StaleShipmentSource.Stale> judge(ShipmentBook.Entry before, ShipmentBook.Entry after, Instant now) {
    ShipmentState s = after.state();
    if (s.delivered()) return Optional.empty();
    Instant missed = overdue(before, now) ? before.state().estimatedDelivery()
        : overdue(after, now) ? s.estimatedDelivery() : null;
    if (missed != null) {
      Instant current = s.estimatedDelivery();
      String newEstimate = current != null && ShipmentBook.overdueAt(current).isAfter(ShipmentBook.overdueAt(missed))
          ? estimate(current) : null;
      String id = "overdue:" + s.trackingNumber() + ":" + missed.atOffset(ZoneOffset.UTC).toLocalDate();
      return Optional.of(stale(id, StaleShipmentSource.OVERDUE, after, estimate(missed), newEstimate, now));
    }
    Instant since = after.quietSince();
    if (since != null && !since.isAfter(now.minus(settings.quiet()))) {
      String id = "quiet:" + s.trackingNumber() + ":" + since.truncatedTo(ChronoUnit.SECONDS);
      return Optional.of(stale(id, StaleShipmentSource.QUIET, after, null, estimate(s.estimatedDelivery()), now));
    }
    return Optional.empty();
  }

  /** Stores the raise in the inbox (once per id) and hands a new row to the dispatcher. */
  private boolean raise(StaleShipmentSource.Stale stale, ShipmentBook.Entry entry) {
    if (stale.id().equals(entry.raisedFor())) return false;
    Inbox.Accepted accepted = store.inbox().accept(StaleShipmentSource.ID, stale.id(), stale.vendorType(),
        stale.orderKey(), "{}", stale.toJson(), InboxStatus.RECEIVED, null, clock.instant());
    book.markRaised(entry.trackingNumber(), stale.id());
    if (accepted.duplicate()) return false;
    dispatch.submit(accepted.id(), stale.orderKey());
    LOG.info("{} {} ({}): {} raised as inbox row {}", stale.carrier(), stale.trackingNumber(), stale.orderKey(),
        stale.vendorType(), accepted.id());
    return true;
  }

  private StaleShipmentSource.Stale stale(String id, String type, ShipmentBook.Entry e, String previous, String next,
      Instant now) {
    ShipmentState s = e.state();
    return new StaleShipmentSource.Stale(id, type, now, orderKey(e), s.trackingNumber(), s.carrier(), s.source(),
        s.trackerId(), s.status(), previous, next, s.lastEventAt(), s.trackingUrl());
  }

  /** The parcel's order as known now: an alias learned since it was recorded may name the order. */
  private String orderKey(ShipmentBook.Entry e) {
    if (e.orderKey().startsWith("order:")) return e.orderKey();
    return store.aliases().orderKeyFor(e.orderKey())
        .or(() -> store.aliases().orderKeyFor("tracking:" + e.trackingNumber()))
        .orElse(e.orderKey());
  }

  private static boolean overdue(ShipmentBook.Entry e, Instant now) {
    Instant at = ShipmentBook.overdueAt(e.state().estimatedDelivery());
    return at != null && !at.isAfter(now);
  }

  /** An estimate as the note shows it: the day when it is one (midnight UTC), else the instant. */
  static String estimate(Instant at) {
    if (at == null) return null;
    return at.equals(at.truncatedTo(ChronoUnit.DAYS)) ? at.atOffset(ZoneOffset.UTC).toLocalDate().toString() : at.toString();
  }

  @Override
  public void close() {
    if (scheduler != null) scheduler.shutdownNow();
  }
}
