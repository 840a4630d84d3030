package io.helpdeskbridge.cluster;

import io.helpdeskbridge.intake.WebhookIntake;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
 * The outbox relay: every {@code period}, publishes the inbox rows Kafka does not have yet and the
 * deferred rows that are due again (see {@link ClusterInbox#toPublish}). Every instance schedules
 * it, ShedLock lets one at a time run it (table {@code shedlock}, the database's clock), so the
 * cluster sweeps once, and a dead instance's turn passes to the others.
 *
 * @see <a href="https://github.com/lukas-krecan/ShedLock#jdbctemplate">ShedLock JdbcTemplate provider</a>
 */
public final class InboxRelay implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InboxRelay.class);
  static final String LOCK = "inbox-relay";

  private final ClusterInbox inbox;
  private final WebhookIntake.Dispatch dispatch;
  private final LockingTaskExecutor locks;
  private final Clock clock;
  private final Duration grace;
  private final Duration stale;
  private final Runnable beforeSweep;
  private ScheduledExecutorService scheduler;

  /**
   * @param grace how old a never-published row must be before the relay sends it (intake's own
   *     send is usually done by then)
   * @param beforeSweep work that must succeed once before publishing (creating the topic)
   */
  public InboxRelay(DataSource dataSource, ClusterInbox inbox, WebhookIntake.Dispatch dispatch, Clock clock, Duration grace,
      Duration stale, Runnable beforeSweep) {
    this.inbox = inbox;
    this.dispatch = dispatch;
    this.clock = clock;
    this.grace = grace;
    this.stale = stale;
    this.beforeSweep = beforeSweep;
    this.locks = new DefaultLockingTaskExecutor(io.helpdeskbridge.store.ClusterLocks.provider(dataSource));
  }


  public void start(Duration period) {
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "inbox-relay");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** One turn: sweeps when this instance gets the lock. Returns how many rows it handed to Kafka, or -1 without the lock. */
  public int tick() {
    try {
      // held at most 30 s should this instance die mid-sweep; released at once after a sweep
      LockingTaskExecutor.TaskResult<Integer> r = locks.executeWithLock(this::sweep,
          new LockConfiguration(clock.instant(), LOCK, Duration.ofSeconds(30), Duration.ZERO));
      return r.wasExecuted() ? r.getResult() : -1;
    } catch (Throwable e) {
      LOG.warn("inbox relay sweep failed, trying again: {}", e.toString());
      return -1;
    }
  }

  private int sweep() {
    beforeSweep.run();
    List<ClusterInbox.Publishable> rows = inbox.toPublish(clock.instant(), grace, stale, 2000);
    for (ClusterInbox.Publishable r : rows) dispatch.submit(r.id(), r.orderKey());
    if (!rows.isEmpty()) LOG.debug("inbox relay handed {} row(s) to Kafka", rows.size());
    return rows.size();
  }

  @Override
  public void close() {
    if (scheduler != null) scheduler.shutdownNow();
  }
}
