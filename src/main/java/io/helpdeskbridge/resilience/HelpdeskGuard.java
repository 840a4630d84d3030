package io.helpdeskbridge.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.helpdeskbridge.observe.BridgeMeters;
import io.helpdeskbridge.spi.HelpdeskException;
import java.time.Duration;

/**
 * The shared budget and the circuit breaker of one helpdesk account, used by every route. The
 * budget is the plan's requests per minute (Zendesk: 200, 400, 700, 2500), spread evenly over the
 * minute, so the bridge slows down before the helpdesk refuses; the breaker stops calling a helpdesk that keeps failing (5xx,
 * timeouts) and lets a probe through after a pause, while the events wait in the inbox.
 */
public final class HelpdeskGuard implements io.helpdeskbridge.spi.RateSignal {

  /** The breaker is open: the call was not made. A passing failure: the event waits and retries. */
  public static final class CircuitOpen extends HelpdeskException {
    CircuitOpen(String helpdesk, Duration wait) {
      super(Kind.RETRYABLE, 0, helpdesk + " keeps failing: not calling it for " + wait.toSeconds() + " s (circuit open)", wait, null);
    }
  }

  /** No budget left this minute; retry once the budget refills. */
  public static final class BudgetExhausted extends HelpdeskException {
    BudgetExhausted(String helpdesk, int perMinute, Duration wait) {
      super(Kind.RETRYABLE, 0, helpdesk + (perMinute > 0 ? " budget of " + perMinute + " requests/minute used up"
          : " says its request budget is used up") + ": waiting " + Math.max(1, wait.toSeconds()) + " s", wait, null);
    }
  }

  private final String name;
  private final RateLimiter budget;
  private final int perMinute;
  private final CircuitBreaker breaker;
  private final Duration openFor;
  /** Until when the helpdesk's own headers said the budget is (nearly) spent; 0 when not. */
  private volatile long pausedUntilNanos;
  /** The window's limit and what was left of it, as the helpdesk last announced them; -1 until it does. */
  private volatile int reportedLimit = -1;
  private volatile int reportedRemaining = -1;

  /**
   * What the ops console shows of the budget: the plan's requests per minute (0: none), whether a
   * call may go now (-1 without a plan), the limit and remainder the helpdesk last announced (-1
   * when it never did), and how long calls still pause because it said the window is spent.
   */
  public record Budget(int perMinute, int permitsNow, int reportedLimit, int reportedRemaining, Duration pausedFor) {}

  /**
   * @param requestsPerMinute the plan's limit; 0 means no budget
   * @param openFor how long the breaker stays open before a probe call
   */
  public HelpdeskGuard(String name, int requestsPerMinute, Duration openFor) {
    this(name, requestsPerMinute, openFor, Duration.ofSeconds(10));
  }

  /**
   * The budget hands out one call every {@code 60 s / requestsPerMinute}, never a minute's worth at
   * once: whatever 60 seconds the helpdesk counts, the bridge stays inside the plan. A call waits
   * up to {@code queueFor} for its turn, then gives up as a passing failure.
   */
  public HelpdeskGuard(String name, int requestsPerMinute, Duration openFor, Duration queueFor) {
    this.name = name;
    this.perMinute = requestsPerMinute;
    this.openFor = openFor;
    this.budget = requestsPerMinute <= 0 ? null : RateLimiter.of(name, RateLimiterConfig.custom()
        .limitRefreshPeriod(Duration.ofNanos(Math.max(1_000_000L, 60_000_000_000L / requestsPerMinute)))
        .limitForPeriod(1).timeoutDuration(queueFor).build());
    this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(10)
        .minimumNumberOfCalls(5)
        .failureRateThreshold(50)
        .waitDurationInOpenState(openFor)
        .permittedNumberOfCallsInHalfOpenState(2)
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        // an outage, not a refusal: 429s and 4xx do not open the breaker
        .recordException(e -> e instanceof HelpdeskException h && h.kind() == HelpdeskException.Kind.RETRYABLE
            && (h.status() == 0 || h.status() >= 500) && !(e instanceof BudgetExhausted))
        .ignoreExceptions(CircuitOpen.class, BudgetExhausted.class)
        .build());
  }

  public static HelpdeskGuard unlimited(String name) {
    return new HelpdeskGuard(name, 0, Duration.ofSeconds(30));
  }

  public <T> T call(HelpdeskRetry.Call<T> call) throws HelpdeskException {
    long pause = pausedUntilNanos - System.nanoTime();
    if (pausedUntilNanos != 0 && pause > 0) throw new BudgetExhausted(name, perMinute, Duration.ofNanos(pause));
    if (!breaker.tryAcquirePermission()) throw new CircuitOpen(name, openFor);
    if (budget != null && !budget.acquirePermission()) {
      breaker.releasePermission();
      throw new BudgetExhausted(name, perMinute, untilRefill());
    }
    long start = System.nanoTime();
    // only calls that went out are timed: an open breaker or a spent budget made none
    try {
      T result = call.run();
      breaker.onSuccess(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
      BridgeMeters.global().helpdeskCall(name, System.nanoTime() - start, null);
      return result;
    } catch (HelpdeskException e) {
      breaker.onError(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS, e);
      BridgeMeters.global().helpdeskCall(name, System.nanoTime() - start, e);
      throw e;
    } catch (RuntimeException e) {
      breaker.onError(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS, e);
      BridgeMeters.global().helpdeskCall(name, System.nanoTime() - start, e);
      throw e;
    }
  }

  /**
   * The helpdesk's own count beats ours (agents, other apps and other instances spend the same
   * account): when it says the window is nearly spent, no call goes out until it refills.
   */
  @Override
  public void remaining(int limit, int remaining, Duration resetIn) {
    reportedLimit = limit;
    reportedRemaining = remaining;
    int reserve = limit > 0 ? Math.max(1, limit / 50) : 1;
    if (remaining > reserve) return;
    Duration wait = resetIn != null && !resetIn.isNegative() && !resetIn.isZero() ? resetIn : Duration.ofSeconds(60);
    pausedUntilNanos = System.nanoTime() + wait.toNanos();
  }

  public CircuitBreaker.State state() {
    return breaker.getState();
  }

  /** A read-only look at the budget (see {@link Budget}). */
  public Budget budget() {
    long until = pausedUntilNanos;
    long pause = until == 0 ? 0 : Math.max(0, until - System.nanoTime());
    return new Budget(perMinute, budget == null ? -1 : Math.max(0, budget.getMetrics().getAvailablePermissions()),
        reportedLimit, reportedRemaining, Duration.ofNanos(pause));
  }

  /** Time until the budget refills (at least a second). */
  private Duration untilRefill() {
    long nanos = budget instanceof io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter atomic
        ? atomic.getDetailedMetrics().getNanosToWait() : Duration.ofSeconds(1).toNanos();
    return Duration.ofNanos(Math.max(nanos, Duration.ofSeconds(1).toNanos()));
  }
}
