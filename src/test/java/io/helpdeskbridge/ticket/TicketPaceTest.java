package io.helpdeskbridge.ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TicketPaceTest {
  private final Store store = Store.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  private Instant now = Instant.parse("2026-11-24T03:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private final TicketPace pace = new TicketPace(store.dataSource(), clock);
  private final TicketPace.Limit zendesk = new TicketPace.Limit(3, Duration.ofMinutes(10));

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void theBudgetIsPerTicketAndRefillsAsOldWritesLeaveTheWindow() throws Exception {
    for (int i = 0; i < 3; i++) {
      pace.check("zendesk", "42", zendesk);
      pace.record("zendesk", "42", zendesk);
      now = now.plusSeconds(60);
    }
    // 3 writes at 03:00, 03:01, 03:02; at 03:03 the fourth must wait until 03:10 (the first leaves the window)
    assertThatThrownBy(() -> pace.check("zendesk", "42", zendesk))
        .isInstanceOf(TicketPace.Spent.class)
        .satisfies(e -> assertThat(((TicketPace.Spent) e).retryAfter()).contains(Duration.ofMinutes(7)))
        .hasMessageContaining("ticket 42 had 3 updates in the last 10 min");
    pace.check("zendesk", "43", zendesk); // another ticket is not held back
    pace.check("freshdesk", "42", zendesk); // nor the same id on another helpdesk

    now = Instant.parse("2026-11-24T03:10:01Z");
    pace.check("zendesk", "42", zendesk);
  }

  @Test
  void noLimitMeansNoCountingAtAll() throws Exception {
    for (int i = 0; i < 100; i++) {
      pace.check("zendesk", "42", TicketPace.Limit.none());
      pace.record("zendesk", "42", TicketPace.Limit.none());
    }
    pace.check("zendesk", "42", zendesk);
  }
}
