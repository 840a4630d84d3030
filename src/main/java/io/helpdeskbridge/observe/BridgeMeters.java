package io.helpdeskbridge.observe;

import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.store.InboxStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every meter of the bridge itself, in the Micrometer registry Camel's metrics use, so one scrape
 * of {@code /observe/metrics} shows Camel's route meters and these side by side. The names below
 * are a contract with dashboards and alerts: rename one only with a note in the README.
 *
 * <p>Prometheus names (Micrometer adds {@code _total} to counters and {@code _seconds} to timers):
 * <ul>
 *   <li>{@code bridge_events_received_total{source}}: deliveries stored as new (ignored ones too)
 *   <li>{@code bridge_events_duplicate_total{source}}: deliveries of an event already stored
 *   <li>{@code bridge_events_rejected_total{source,status}}: deliveries refused with that HTTP status
 *   <li>{@code bridge_events_applied_total{source,type}}: canonical events of rows finished done
 *   <li>{@code bridge_events_dead_total{source,type}}: canonical events of rows gone dead
 *       ({@code type="unknown"} when the row could not be read)
 *   <li>{@code bridge_events_ignored_total{source}}: rows that changed nothing, at intake or dispatch
 *   <li>{@code bridge_helpdesk_calls_seconds{helpdesk,outcome}}: each helpdesk call that went out
 *       ({@code ok}, {@code rate_limited}, {@code retryable}, {@code conflict}, {@code rejected}, {@code error})
 *   <li>{@code bridge_helpdesk_429_total{helpdesk}}: answers 429 from the helpdesk
 *   <li>{@code bridge_ticket_writes_total{helpdesk,action}}: ticket step outcomes per event
 *       ({@code applied}, {@code created}, {@code already-applied}, {@code skipped})
 *   <li>{@code bridge_inbox_depth{status}}: inbox rows per status, read from the store at most once
 *       per cache period whatever the scrape rate
 * </ul>
 *
 * <p>The running bridge installs one instance ({@link #install}); the intake, dispatch and
 * resilience code reach it through {@link #global()}. Without a registry every method does nothing,
 * so unit tests and the one-shot CLI commands need no setup.
 */
public final class BridgeMeters {
  private static final Logger LOG = LoggerFactory.getLogger(BridgeMeters.class);

  public static final String RECEIVED = "bridge.events.received";
  public static final String DUPLICATE = "bridge.events.duplicate";
  public static final String REJECTED = "bridge.events.rejected";
  public static final String APPLIED = "bridge.events.applied";
  public static final String DEAD = "bridge.events.dead";
  public static final String IGNORED = "bridge.events.ignored";
  public static final String HELPDESK_CALLS = "bridge.helpdesk.calls";
  public static final String HELPDESK_429 = "bridge.helpdesk.429";
  public static final String TICKET_WRITES = "bridge.ticket.writes";
  public static final String INBOX_DEPTH = "bridge.inbox.depth";

  /** Latency buckets of helpdesk calls: what a dashboard needs, not Micrometer's seventy defaults. */
  private static final Duration[] CALL_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

  private static final BridgeMeters NONE = new BridgeMeters(null);
  private static volatile BridgeMeters global = NONE;

  private final MeterRegistry registry;

  /** @param registry where the meters go; null for none */
  public BridgeMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The instance of the running bridge, or one that records nothing. */
  public static BridgeMeters global() {
    return global;
  }

  /** Makes {@code meters} the one {@link #global()} returns (null: back to recording nothing). */
  public static void install(BridgeMeters meters) {
    global = meters == null ? NONE : meters;
  }

  public boolean enabled() {
    return registry != null;
  }

  public void received(String source) {
    count(RECEIVED, "Deliveries stored as new events", "source", source);
  }

  public void duplicate(String source) {
    count(DUPLICATE, "Deliveries of an event already stored", "source", source);
  }

  public void rejected(String source, int status) {
    count(REJECTED, "Deliveries refused", "source", source, "status", String.valueOf(status));
  }

  public void applied(String source, String type) {
    count(APPLIED, "Canonical events applied to tickets", "source", source, "type", type);
  }

  public void dead(String source, String type) {
    count(DEAD, "Canonical events that went to the dead letters", "source", source, "type", type);
  }

  public void ignored(String source) {
    count(IGNORED, "Events that changed nothing", "source", source);
  }

  public void ticketWrite(String helpdesk, String action) {
    count(TICKET_WRITES, "Ticket step outcomes per event", "helpdesk", helpdesk, "action", action);
  }

  /**
   * One helpdesk call that went out and how it ended: {@code failure} null is {@code ok}; a 429
   * also counts in {@code bridge_helpdesk_429_total}.
   */
  public void helpdeskCall(String helpdesk, long nanos, Throwable failure) {
    if (registry == null) return;
    String outcome = outcome(failure);
    Timer.builder(HELPDESK_CALLS).description("Helpdesk API calls").tags("helpdesk", tag(helpdesk), "outcome", outcome)
        .serviceLevelObjectives(CALL_BUCKETS).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    if (outcome.equals("rate_limited")) count(HELPDESK_429, "Helpdesk answers 429", "helpdesk", helpdesk);
  }

  /** The {@code outcome} tag of a call: ok, rate_limited (429), retryable (5xx, timeouts), conflict (409), rejected (other 4xx), error. */
  static String outcome(Throwable failure) {
    if (failure == null) return "ok";
    if (failure instanceof HelpdeskException h) {
      if (h.status() == 429) return "rate_limited";
      return switch (h.kind()) {
        case PERMANENT -> "rejected";
        case CONFLICT -> "conflict";
        case RETRYABLE -> "retryable";
      };
    }
    return "error";
  }

  /**
   * Gauges {@code bridge_inbox_depth{status}} for every inbox status, fed by {@code counts} (status
   * in its db spelling → rows) at most once per {@code cacheFor}: a scrape storm costs one query.
   */
  public void inboxDepth(Supplier<Map<String, Long>> counts, Duration cacheFor) {
    inboxDepth(counts, cacheFor, System::nanoTime);
  }

  void inboxDepth(Supplier<Map<String, Long>> counts, Duration cacheFor, LongSupplier nanoClock) {
    if (registry == null) return;
    CachedCounts cache = new CachedCounts(counts, cacheFor.toNanos(), nanoClock);
    for (InboxStatus status : InboxStatus.values()) {
      Gauge.builder(INBOX_DEPTH, cache, c -> c.get(status.db())).description("Inbox rows per status")
          .tag("status", status.db()).strongReference(true).register(registry);
    }
  }

  private void count(String name, String description, String... tags) {
    if (registry == null) return;
    for (int i = 1; i < tags.length; i += 2) tags[i] = tag(tags[i]);
    Counter.builder(name).description(description).tags(tags).register(registry).increment();
  }

  private static String tag(String value) {
    return value == null || value.isBlank() ? "unknown" : value;
  }

  /** The store's counts, read again only once they are older than the period; the last good ones on failure. */
  static final class CachedCounts {
    private final Supplier<Map<String, Long>> source;
    private final long periodNanos;
    private final LongSupplier clock;
    private Map<String, Long> last = Map.of();
    private long readAt;
    private boolean read;

    CachedCounts(Supplier<Map<String, Long>> source, long periodNanos, LongSupplier clock) {
      this.source = source;
      this.periodNanos = periodNanos;
      this.clock = clock;
    }

    synchronized double get(String status) {
      long now = clock.getAsLong();
      if (!read || now - readAt >= periodNanos) {
        readAt = now;
        read = true;
        try {
          last = Map.copyOf(source.get());
        } catch (RuntimeException e) {
          LOG.warn("inbox depth not read (the gauge shows the last counts): {}", e.getMessage());
        }
      }
      return last.getOrDefault(status, 0L);
    }
  }
}
