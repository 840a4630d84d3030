package io.helpdeskbridge.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.store.InboxStatus;
import io.helpdeskbridge.store.Jdbc;
import io.helpdeskbridge.store.Store;
import io.helpdeskbridge.testing.PostgresSchema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The cluster's store side (order leases, the relay's query, the relay's ShedLock) on H2 and PostgreSQL. */
@ParameterizedClass(name = "{0}")
@EnumSource(ClusterStoreTest.Database.class)
class ClusterStoreTest {
  enum Database { H2, POSTGRESQL }

  @Parameter Database database;

  Store store;
  PostgresSchema schema;
  final Instant now = Instant.now();

  @BeforeEach
  void open() {
    store = Store.open(switch (database) {
      case H2 -> "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
      case POSTGRESQL -> (schema = PostgresSchema.create()).url();
    });
  }

  @AfterEach
  void close() {
    try {
      store.close();
    } finally {
      if (schema != null) schema.close();
    }
  }

  @Test
  void aLeaseIsHeldByOneOwnerUntilReleasedOrExpired() {
    OrderLeases leases = new OrderLeases(store.dataSource(), Duration.ofSeconds(15));
    assertThat(leases.claim("order:1", "a")).isTrue();
    assertThat(leases.claim("order:1", "b")).as("held by a").isFalse();
    assertThat(leases.claim("order:2", "b")).as("another order is free").isTrue();
    assertThat(leases.claim("order:1", "a")).as("the holder may take it again").isTrue();
    assertThat(leases.renew("order:1", "b")).isFalse();
    assertThat(leases.renew("order:1", "a")).isTrue();

    leases.release("order:1", "b");
    assertThat(leases.claim("order:1", "b")).as("only the owner releases").isFalse();
    leases.release("order:1", "a");
    assertThat(leases.claim("order:1", "b")).isTrue();

    // b died holding it: once it expired, a takes it over and b's renewal fails
    new Jdbc(store.dataSource()).update("update order_lease set lease_until = ? where order_key = 'order:1'",
        Instant.now().minusSeconds(1));
    assertThat(leases.claim("order:1", "a")).isTrue();
    assertThat(leases.renew("order:1", "b")).isFalse();
  }

  @Test
  void racingClaimsOfOneOrderHaveExactlyOneWinner() throws Exception {
    OrderLeases leases = new OrderLeases(store.dataSource(), Duration.ofSeconds(15));
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      for (int round = 0; round < 20; round++) {
        String key = "order:race-" + round;
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          String owner = "owner-" + i;
          claims.add(() -> leases.claim(key, owner));
        }
        long winners = 0;
        for (Future<Boolean> f : pool.invokeAll(claims)) if (f.get()) winners++;
        assertThat(winners).as(key).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theRelayPublishesWhatKafkaDoesNotHaveAndDeferredRowsWhenDue() {
    ClusterInbox cluster = new ClusterInbox(store.dataSource());
    long fresh = row("fresh", now);
    long orphan = row("orphan", now.minusSeconds(10));
    long published = row("published", now.minusSeconds(10));
    long dueAgain = row("due-again", now.minusSeconds(10));
    long dueButRepublished = row("republished", now.minusSeconds(10));
    long notYetDue = row("not-yet-due", now.minusSeconds(10));
    long lost = row("lost", now.minusSeconds(600));
    long done = row("done", now.minusSeconds(10));
    cluster.markPublished(List.of(
        new ClusterInbox.Published(published, now.minusSeconds(9)),
        new ClusterInbox.Published(dueAgain, now.minusSeconds(9)),
        new ClusterInbox.Published(dueButRepublished, now.minusSeconds(1)),
        new ClusterInbox.Published(notYetDue, now.minusSeconds(9)),
        new ClusterInbox.Published(lost, now.minusSeconds(300))));
    store.inbox().defer(dueAgain, now.minusSeconds(2), "coalescing");
    store.inbox().defer(dueButRepublished, now.minusSeconds(2), "coalescing");
    store.inbox().defer(notYetDue, now.plusSeconds(30), "waiting");
    store.inbox().finish(done, InboxStatus.DONE, "ok", null, now);

    assertThat(cluster.toPublish(now, Duration.ofSeconds(3), Duration.ofSeconds(60), 100))
        .extracting(ClusterInbox.Publishable::id)
        .containsExactly(orphan, dueAgain, lost)
        .doesNotContain(fresh, published, dueButRepublished, notYetDue, done);
    assertThat(cluster.toPublish(now, Duration.ofSeconds(3), Duration.ofSeconds(60), 1)).hasSize(1);
  }

  @Test
  void theRelaySweepsOnlyWhileNoOtherInstanceHoldsItsLock() {
    List<Long> submitted = new ArrayList<>();
    long orphan = row("orphan", now.minusSeconds(10));
    ClusterInbox cluster = new ClusterInbox(store.dataSource());
    InboxRelay relay = new InboxRelay(store.dataSource(), cluster, (id, key) -> submitted.add(id), Clock.systemUTC(),
        Duration.ofSeconds(3), Duration.ofSeconds(60), () -> {});

    // another instance's sweep holds the lock
    Optional<SimpleLock> other = io.helpdeskbridge.store.ClusterLocks.provider(store.dataSource())
        .lock(new LockConfiguration(Instant.now(), InboxRelay.LOCK, Duration.ofSeconds(30), Duration.ZERO));
    assertThat(other).isPresent();
    assertThat(relay.tick()).isEqualTo(-1);
    assertThat(submitted).isEmpty();

    other.get().unlock();
    assertThat(relay.tick()).isEqualTo(1);
    assertThat(submitted).containsExactly(orphan);
  }

  private long row(String eventId, Instant receivedAt) {
    return store.inbox().accept("stripe", "evt_" + eventId, "charge.refunded", "order:1", "{}", "{}", InboxStatus.RECEIVED,
        null, receivedAt).id();
  }
}
