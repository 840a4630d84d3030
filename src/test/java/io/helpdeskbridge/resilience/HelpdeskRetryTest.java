package io.helpdeskbridge.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.helpdeskbridge.spi.HelpdeskException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HelpdeskRetryTest {

  private static final HelpdeskRetry.Policy FAST = new HelpdeskRetry.Policy(3, Duration.ofMillis(10), Duration.ofSeconds(120));

  private static HelpdeskException conflict() {
    return new HelpdeskException(HelpdeskException.Kind.CONFLICT, 409, "ticket changed meanwhile", null, null);
  }

  @Test
  void waitsTheHelpdesksRetryAfterThenSucceeds() throws Exception {
    HelpdeskRetry retry = new HelpdeskRetry("t", new HelpdeskRetry.Policy(5, Duration.ofMillis(10), Duration.ofSeconds(120)));
    AtomicInteger calls = new AtomicInteger();

    long start = System.nanoTime();
    String result = retry.call(() -> {
      if (calls.incrementAndGet() == 1) throw HelpdeskException.retryable(429, "slow down", Duration.ofSeconds(1));
      return "ok";
    });
    long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(2);
    assertThat(elapsedMs).isGreaterThanOrEqualTo(900);
  }

  @Test
  void retryAfterIsCappedByThePolicy() throws Exception {
    HelpdeskRetry retry = new HelpdeskRetry("t", new HelpdeskRetry.Policy(5, Duration.ofMillis(10), Duration.ofMillis(50)));
    AtomicInteger calls = new AtomicInteger();

    long start = System.nanoTime();
    String result = retry.call(() -> {
      if (calls.incrementAndGet() == 1) throw HelpdeskException.retryable(503, "down", Duration.ofSeconds(60));
      return "ok";
    });

    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(2);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void permanentErrorIsNotRetried() {
    HelpdeskRetry retry = new HelpdeskRetry("t", FAST);
    AtomicInteger calls = new AtomicInteger();
    HelpdeskException permanent = HelpdeskException.permanent(422, "invalid field");

    HelpdeskRetry.GaveUp e = catchThrowableOfType(HelpdeskRetry.GaveUp.class, () -> retry.call(() -> {
      calls.incrementAndGet();
      throw permanent;
    }));

    assertThat(e).isNotNull();
    assertThat(calls).hasValue(1);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.last()).isSameAs(permanent);
    assertThat(e).hasCause(permanent);
    assertThat(e.getMessage()).isEqualTo("invalid field");
  }

  @Test
  void retryableErrorIsRetriedUpToMaxAttempts() {
    HelpdeskRetry retry = new HelpdeskRetry("t", FAST);
    AtomicInteger calls = new AtomicInteger();

    HelpdeskRetry.GaveUp e = catchThrowableOfType(HelpdeskRetry.GaveUp.class, () -> retry.call(() -> {
      throw HelpdeskException.retryable(503, "unavailable #" + calls.incrementAndGet(), null);
    }));

    assertThat(e).isNotNull();
    assertThat(calls).hasValue(3);
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.getMessage()).contains("after 3 attempts").startsWith("unavailable #3");
    assertThat(e.last().kind()).isEqualTo(HelpdeskException.Kind.RETRYABLE);
    assertThat(e.last().status()).isEqualTo(503);
  }

  @Test
  void withoutRetryAfterTheBackoffDoubles() {
    HelpdeskRetry retry = new HelpdeskRetry("t", new HelpdeskRetry.Policy(3, Duration.ofMillis(150), Duration.ofSeconds(120)));
    AtomicInteger calls = new AtomicInteger();

    long start = System.nanoTime();
    HelpdeskRetry.GaveUp e = catchThrowableOfType(HelpdeskRetry.GaveUp.class, () -> retry.call(() -> {
      calls.incrementAndGet();
      throw HelpdeskException.retryable(500, "boom", null);
    }));
    long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

    assertThat(e.attempts()).isEqualTo(3);
    assertThat(calls).hasValue(3);
    // 150 ms before the 2nd attempt, 300 ms before the 3rd
    assertThat(elapsedMs).isGreaterThanOrEqualTo(420);
  }

  @Test
  void conflictIsRetried() throws Exception {
    HelpdeskRetry retry = new HelpdeskRetry("t", FAST);
    AtomicInteger calls = new AtomicInteger();

    Integer result = retry.call(() -> {
      if (calls.incrementAndGet() < 3) throw conflict();
      return 42;
    });

    assertThat(result).isEqualTo(42);
    assertThat(calls).hasValue(3);
  }

  @Test
  void conflictThatNeverClearsGivesUpAfterMaxAttempts() {
    HelpdeskRetry retry = new HelpdeskRetry("t", FAST);
    AtomicInteger calls = new AtomicInteger();

    HelpdeskRetry.GaveUp e = catchThrowableOfType(HelpdeskRetry.GaveUp.class, () -> retry.call(() -> {
      calls.incrementAndGet();
      throw conflict();
    }));

    assertThat(calls).hasValue(3);
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.last().kind()).isEqualTo(HelpdeskException.Kind.CONFLICT);
  }

  @Test
  void successOnTheFirstTryCallsOnce() throws Exception {
    HelpdeskRetry retry = new HelpdeskRetry("t", FAST);
    AtomicInteger calls = new AtomicInteger();

    assertThat(retry.call(() -> "t-" + calls.incrementAndGet())).isEqualTo("t-1");
    assertThat(calls).hasValue(1);
  }

  @Test
  void maxAttemptsBelowOneStillTriesOnce() {
    HelpdeskRetry retry = new HelpdeskRetry("t", new HelpdeskRetry.Policy(0, Duration.ofMillis(10), Duration.ofSeconds(1)));
    AtomicInteger calls = new AtomicInteger();

    HelpdeskRetry.GaveUp e = catchThrowableOfType(HelpdeskRetry.GaveUp.class, () -> retry.call(() -> {
      calls.incrementAndGet();
      throw HelpdeskException.retryable(500, "boom", null);
    }));

    assertThat(calls).hasValue(1);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.getMessage()).isEqualTo("boom");
  }

  @Test
  void runtimeExceptionsPassThroughUnwrappedAndUnretried() {
    HelpdeskRetry retry = new HelpdeskRetry("t", FAST);
    AtomicInteger calls = new AtomicInteger();
    IllegalStateException bug = new IllegalStateException("bug");

    Throwable thrown = catchThrowableOfType(IllegalStateException.class, () -> retry.call(() -> {
      calls.incrementAndGet();
      throw bug;
    }));

    assertThat(thrown).isSameAs(bug);
    assertThat(calls).hasValue(1);
  }

  @Test
  void eachCallCountsItsOwnAttempts() {
    HelpdeskRetry retry = new HelpdeskRetry("t", FAST);

    for (int i = 0; i < 2; i++) {
      HelpdeskRetry.GaveUp e = catchThrowableOfType(HelpdeskRetry.GaveUp.class,
          () -> retry.call(() -> { throw HelpdeskException.retryable(500, "x", null); }));
      assertThat(e.attempts()).isEqualTo(3);
    }
  }
}
