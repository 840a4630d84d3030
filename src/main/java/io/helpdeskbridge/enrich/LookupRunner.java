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
 * lookup-timeout-ms} (3000), {@code lookups-per-second} (5), {@code lookup-cache-seconds} (60).
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

  public LookupRunner(Lookup lookup, ConnectorSettings settings) {
    this.lookup = lookup;
    this.settings = settings;
    this.timeout = Duration.ofMillis(settings.integer("lookup-timeout-ms", 3000));
    this.perSecond = Math.max(1, settings.integer("lookups-per-second", 5));
    this.budget = RateLimiter.of(settings.id() + "-lookups", RateLimiterConfig.custom()
        .limitForPeriod(perSecond).limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(timeout).build());
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
    if (!budget.acquirePermission()) {
      throw new Failed("the budget of " + perSecond + " lookups per second was spent for " + timeout.toMillis() + " ms");
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
