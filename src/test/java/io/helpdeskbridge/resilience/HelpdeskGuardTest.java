package io.helpdeskbridge.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.helpdeskbridge.spi.HelpdeskException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HelpdeskGuardTest {
  private final AtomicInteger calls = new AtomicInteger();

  private String ok() {
    calls.incrementAndGet();
    return "ok";
  }

  private String fail(int status) throws HelpdeskException {
    calls.incrementAndGet();
    throw HelpdeskException.retryable(status, "stand-in " + status, null);
  }

  @Test
  void theBudgetIsSpreadOverTheMinuteAndARefusalSaysWhenTheNextCallMayGo() throws Exception {
    // 3 a minute: one call every 20 s, never three at once
    HelpdeskGuard guard = new HelpdeskGuard("zendesk", 3, Duration.ofSeconds(30), Duration.ZERO);
    guard.call(this::ok);

    Throwable refused = catchThrowable(() -> guard.call(this::ok));

    assertThat(calls).hasValue(1);
    assertThat(refused).isInstanceOf(HelpdeskGuard.BudgetExhausted.class);
    HelpdeskException e = (HelpdeskException) refused;
    assertThat(e.kind()).isEqualTo(HelpdeskException.Kind.RETRYABLE);
    assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(20)));
    assertThat(e.getMessage()).contains("3 requests/minute");
  }

  @Test
  void aCallWaitsItsTurnInsteadOfFailing() throws Exception {
    // 1,200 a minute: one call every 50 ms; ten calls take about half a second and none is refused
    HelpdeskGuard guard = new HelpdeskGuard("zendesk", 1200, Duration.ofSeconds(30), Duration.ofSeconds(5));
    long t0 = System.nanoTime();
    for (int i = 0; i < 10; i++) guard.call(this::ok);
    long ms = (System.nanoTime() - t0) / 1_000_000;

    assertThat(calls).hasValue(10);
    assertThat(ms).as("spread, not bunched").isGreaterThanOrEqualTo(400);
  }

  @Test
  void repeatedOutagesOpenTheBreakerAndTheHelpdeskIsLeftAlone() {
    HelpdeskGuard guard = new HelpdeskGuard("zendesk", 0, Duration.ofSeconds(30));
    for (int i = 0; i < 5; i++) catchThrowable(() -> guard.call(() -> fail(503)));

    Throwable refused = catchThrowable(() -> guard.call(this::ok));

    assertThat(guard.state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(calls).as("the sixth call never reached the helpdesk").hasValue(5);
    assertThat(refused).isInstanceOf(HelpdeskGuard.CircuitOpen.class).hasMessageContaining("circuit open");
  }

  @Test
  void rateLimitsAndRefusalsDoNotOpenTheBreaker() {
    HelpdeskGuard guard = new HelpdeskGuard("zendesk", 0, Duration.ofSeconds(30));
    for (int i = 0; i < 10; i++) catchThrowable(() -> guard.call(() -> fail(429)));
    for (int i = 0; i < 10; i++) {
      catchThrowable(() -> guard.call(() -> {
        calls.incrementAndGet();
        throw HelpdeskException.permanent(422, "invalid");
      }));
    }

    assertThat(guard.state()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void anOpenBreakerIsNotRetriedInTheLaneButLeftForRedelivery() {
    HelpdeskGuard guard = new HelpdeskGuard("zendesk", 0, Duration.ofSeconds(30));
    for (int i = 0; i < 5; i++) catchThrowable(() -> guard.call(() -> fail(503)));
    HelpdeskRetry retry = new HelpdeskRetry("zendesk", new HelpdeskRetry.Policy(5, Duration.ofMillis(1), Duration.ZERO), guard);

    Throwable e = catchThrowable(() -> retry.call(this::ok));

    assertThat(e).isInstanceOf(HelpdeskRetry.GaveUp.class);
    assertThat(((HelpdeskRetry.GaveUp) e).attempts()).isEqualTo(1);
    assertThat(((HelpdeskRetry.GaveUp) e).last()).isInstanceOf(HelpdeskGuard.CircuitOpen.class);
  }

  @Test
  void whenTheHelpdeskSaysItsBudgetIsNearlySpentNoCallGoesOutUntilItsWindowResets() throws Exception {
    HelpdeskGuard guard = new HelpdeskGuard("zendesk", 0, Duration.ofSeconds(30));
    guard.remaining(400, 150, Duration.ofSeconds(20));
    guard.call(this::ok); // plenty left: not slowed

    guard.remaining(400, 8, Duration.ofSeconds(20)); // 2 % of 400 is the reserve
    Throwable refused = catchThrowable(() -> guard.call(this::ok));

    assertThat(calls).hasValue(1);
    assertThat(refused).isInstanceOf(HelpdeskGuard.BudgetExhausted.class).hasMessageContaining("says its request budget is used up");
    assertThat(((HelpdeskException) refused).retryAfter())
        .hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(20)));
  }

  @Test
  void aPauseEndsWhenTheHelpdesksWindowHasReset() throws Exception {
    HelpdeskGuard guard = new HelpdeskGuard("freshdesk", 0, Duration.ofSeconds(30));
    guard.remaining(-1, 0, Duration.ofMillis(50));
    Duration left = guard.budget().pausedFor();
    assertThat(left).isLessThanOrEqualTo(Duration.ofMillis(50));
    // the pause ends on the guard's own (monotonic) clock; the bound only stops a pause that never ends
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> guard.budget().pausedFor().isZero());
    assertThat(guard.call(this::ok)).isEqualTo("ok");
    assertThat(calls).hasValue(1);
  }
}
