package io.helpdeskbridge.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class CorrelationTest {

  @AfterEach
  void clear() {
    MDC.clear();
  }

  @Test
  void aScopeLeavesNothingBehind() {
    try (Correlation ids = Correlation.open()) {
      Correlation.put(Correlation.EVENT_ID, "evt_1");
      Correlation.put(Correlation.INBOX_ID, 42L);
      assertThat(MDC.get("eventId")).isEqualTo("evt_1");
      assertThat(MDC.get("inboxId")).isEqualTo("42");
    }
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void anInnerScopePutsBackWhatTheOuterOneHad() {
    try (Correlation outer = Correlation.open()) {
      Correlation.put(Correlation.ORDER_KEY, "order:1001");
      try (Correlation inner = Correlation.open()) {
        Correlation.put(Correlation.ORDER_KEY, "order:1002");
        Correlation.put(Correlation.TICKET_ID, "7");
      }
      assertThat(MDC.get("orderKey")).isEqualTo("order:1001");
      assertThat(MDC.get("ticketId")).isNull();
    }
  }

  @Test
  void aNullOrBlankValueRemovesTheKey() {
    try (Correlation ids = Correlation.open()) {
      Correlation.put(Correlation.SOURCE, "stripe");
      Correlation.put(Correlation.SOURCE, null);
      assertThat(MDC.get("source")).isNull();
      Correlation.put(Correlation.SOURCE, " ");
      assertThat(MDC.get("source")).isNull();
    }
  }
}
