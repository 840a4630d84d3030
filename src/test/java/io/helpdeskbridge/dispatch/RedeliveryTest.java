package io.helpdeskbridge.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.resilience.HelpdeskRetry;
import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.store.StoreException;
import io.helpdeskbridge.ticket.TicketWriteFailed;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RedeliveryTest {
  private final Redelivery policy = new Redelivery(5, Duration.ofSeconds(5), Duration.ofSeconds(30));
  private final Instant now = Instant.parse("2026-11-24T10:00:00Z");

  @Test
  void backsOffExponentiallyUpToTheCapThenGivesUp() {
    assertThat(policy.next(1, now)).isEqualTo(now.plusSeconds(5));
    assertThat(policy.next(2, now)).isEqualTo(now.plusSeconds(10));
    assertThat(policy.next(3, now)).isEqualTo(now.plusSeconds(20));
    assertThat(policy.next(4, now)).isEqualTo(now.plusSeconds(30));
    assertThat(policy.next(5, now)).isNull();
  }

  @Test
  void onlyPassingFailuresAreRetried() {
    assertThat(Redelivery.passing(new TicketWriteFailed("zendesk: 503", gaveUp(HelpdeskException.Kind.RETRYABLE)))).isTrue();
    assertThat(Redelivery.passing(new TicketWriteFailed("zendesk: 409", gaveUp(HelpdeskException.Kind.CONFLICT)))).isTrue();
    assertThat(Redelivery.passing(new TicketWriteFailed("zendesk: 422", gaveUp(HelpdeskException.Kind.PERMANENT)))).isFalse();
    assertThat(Redelivery.passing(new TicketWriteFailed("no ticket (mapping says dead-letter)", null))).isFalse();
    assertThat(Redelivery.passing(new IllegalArgumentException("mapping threw"))).isFalse();
    assertThat(Redelivery.passing(new Redelivery.OrderUnknownYet("hubspot",
        new io.helpdeskbridge.spi.EventSource.OrderLookupUnavailable("HubSpot 502", null)))).isTrue();
    assertThat(Redelivery.passing(new RuntimeException(new StoreException("db away", new RuntimeException())))).isTrue();
  }

  /** A real GaveUp, made by the retry itself, as the writer sees it. */
  private static HelpdeskRetry.GaveUp gaveUp(HelpdeskException.Kind kind) {
    HelpdeskRetry retry = new HelpdeskRetry("probe", new HelpdeskRetry.Policy(1, Duration.ZERO, Duration.ZERO));
    try {
      retry.call(() -> {
        throw new HelpdeskException(kind, 503, "stand-in", null, null);
      });
    } catch (HelpdeskRetry.GaveUp g) {
      return g;
    }
    throw new AssertionError("the call should have failed");
  }
}
