package io.helpdeskbridge.enrich;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.Lookup;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connector's lookup with what keeps it polite and quick: a cache (agents open tickets about
 * the same order in bursts), the connector's own rate budget, and a timeout after which the ticket
 * says the part could not be fetched rather than waiting. Settings, per connector file: {@code
 * lookup-timeout-ms} (3000), {@code lookups-per-second} (5), {@code lookups-per-day} (0: no daily
 * quota; DHL's free tier allows 250), {@code lookup-cache-seconds} (60), and {@code
 * rate-limit-delay-seconds} (60): the pause after the vendor refused for its rate limit without
 * saying how long. Enrichment and the sweep share one runner per connector, so one budget.
 */
public final class LookupRunner {

  /** The lookup did not answer usefully; the message is for the ticket and names no secret. */
  public static final class Failed extends Exception {
    public Failed(String message) {
      super(message);
    }
  }

  private final Lookup lookup;
  private final ConnectorSettings settings;
  private final Duration timeout;
  private final RateLimiter budget;
  private final Cache<Lookup.Known, Lookup.Found> cache;
  private final int perSecond;
  private final RateLimiter daily;
  private final int perDay;
  private final Duration defaultPause;
  private final java.time.Clock clock;
  /** Until when the vendor said it is rate limited (epoch millis); 0 when it did not. */
  private volatile long pausedUntil;

  public LookupRunner(Lookup lookup, ConnectorSettings settings) {
    this(lookup, settings, java.time.Clock.systemUTC());
  }

  public LookupRunner(Lookup lookup, ConnectorSettings settings, java.time.Clock clock) {
    this.lookup = lookup;
    this.clock = clock;
    this.settings = settings;
    this.timeout = Duration.ofMillis(settings.integer("lookup-timeout-ms", 3000));
    this.perSecond = Math.max(1, settings.integer("lookups-per-second", 5));
    this.budget = RateLimiter.of(settings.id() + "-lookups", RateLimiterConfig.custom()
        .limitForPeriod(perSecond).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(timeout).build());
    this.perDay = Math.max(0, settings.integer("lookups-per-day", 0));
    this.daily = perDay == 0 ? null : RateLimiter.of(settings.id() + "-lookups-daily", RateLimiterConfig.custom()
        .limitForPeriod(perDay).limitRefreshPeriod(Duration.ofDays(1)).timeoutDuration(Duration.ZERO).build());
    this.defaultPause = Duration.ofSeconds(Math.max(1, settings.integer("rate-limit-delay-seconds", 60)));
    this.cache = Caffeine.newBuilder().maximumSize(10_000)
        .expireAfterWrite(Duration.ofSeconds(Math.max(0, settings.integer("lookup-cache-seconds", 60)))).build();
  }

  public Lookup lookup() {
    return lookup;
  }

  public String describes() {
    return lookup.describes();
  }

  /** Answers from the cache, or asks the vendor within the budget and the timeout. */
  public Lookup.Found run(Lookup.Known known, ExecutorService pool) throws Failed {
    Lookup.Found cached = cache.getIfPresent(known);
    if (cached != null) return cached;
    if (!lookup.applies(known)) return Lookup.Found.nothing();
    long paused = pausedUntil - clock.millis();
    if (paused > 0) {
      throw new Failed("rate limited by the vendor: no calls for " + Math.max(1, (paused + 999) / 1000) + " s more");
    }
    if (!budget.acquirePermission()) {
      throw new Failed("the budget of " + perSecond + " lookups per second was spent for " + timeout.toMillis() + " ms");
    }
    if (daily != null && !daily.acquirePermission()) {
      throw new Failed("the daily quota of " + perDay + " lookups is used up");
    }
    Future<Lookup.Found> call = pool.submit(() -> lookup.lookUp(known, settings));
    try {
      Lookup.Found found = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      cache.put(known, found);
      return found;
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new Failed("no answer within " + seconds(timeout));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Lookup.RateLimited limited) {
        Duration wait = limited.retryAfter() == null || limited.retryAfter().isNegative() ? defaultPause : limited.retryAfter();
        pausedUntil = clock.millis() + wait.toMillis();
      }
      throw new Failed(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      throw new Failed("interrupted");
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
