package io.helpdeskbridge.resilience;

import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.helpdeskbridge.spi.HelpdeskException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Resilience4j retry around helpdesk calls. Retries only what the helpdesk plugin marked retryable;
 * waits the helpdesk's own {@code Retry-After} when it gave one (capped), else backs off
 * exponentially. After the last attempt the caller gets the last error, with the attempt count.
 */
public final class HelpdeskRetry {

  /** A blocking helpdesk call. */
  @FunctionalInterface
  public interface Call<T> {
    T run() throws HelpdeskException;
  }

  /** Tuning, from BRIDGE_WRITE_ATTEMPTS / BRIDGE_RETRY_BACKOFF_MS / BRIDGE_RETRY_AFTER_MAX_S. */
  public record Policy(int maxAttempts, Duration initialBackoff, Duration maxRetryAfter) {
    public static Policy defaults() {
      return new Policy(5, Duration.ofSeconds(1), Duration.ofSeconds(120));
    }
  }

  /** Thrown when every attempt failed or the error was permanent. */
  public static final class GaveUp extends Exception {
    private final transient HelpdeskException last;
    private final int attempts;

    GaveUp(HelpdeskException last, int attempts) {
      super(last.getMessage() + (attempts > 1 ? " (after " + attempts + " attempts)" : ""), last);
      this.last = last;
      this.attempts = attempts;
    }

    public HelpdeskException last() {
      return last;
    }

    public int attempts() {
      return attempts;
    }
  }

  private final Retry retry;
  private final HelpdeskGuard guard;

  public HelpdeskRetry(String name, Policy policy) {
    this(name, policy, HelpdeskGuard.unlimited(name));
  }

  /** Retries around the helpdesk's budget and breaker: each attempt spends budget, an open breaker is not retried here. */
  public HelpdeskRetry(String name, Policy policy, HelpdeskGuard guard) {
    this.guard = guard;
    RetryConfig config =
        RetryConfig.custom()
            .maxAttempts(Math.max(1, policy.maxAttempts()))
            // an open breaker is not retried in the lane: the event waits in the inbox instead
            .retryOnException(e -> e instanceof HelpdeskException h && h.kind() != HelpdeskException.Kind.PERMANENT
                && !(e instanceof HelpdeskGuard.CircuitOpen))
            .intervalBiFunction((Integer attempt, Either<Throwable, Object> result) -> {
              if (result.isLeft() && result.getLeft() instanceof HelpdeskException h && h.retryAfter().isPresent()) {
                Duration wait = h.retryAfter().get();
                return Math.max(0, Math.min(wait.toMillis(), policy.maxRetryAfter().toMillis()));
              }
              long base = policy.initialBackoff().toMillis();
              return base * (1L << Math.min(attempt - 1, 10));
            })
            .build();
    this.retry = Retry.of(name, config);
  }

  /** The budget and breaker these retries go through (read by the ops console). */
  public HelpdeskGuard guard() {
    return guard;
  }

  public <T> T call(Call<T> call) throws GaveUp {
    AtomicInteger attempts = new AtomicInteger();
    try {
      return Retry.decorateCheckedSupplier(retry, () -> {
        attempts.incrementAndGet();
        return guard.call(call);
      }).get();
    } catch (HelpdeskException e) {
      throw new GaveUp(e, attempts.get());
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
