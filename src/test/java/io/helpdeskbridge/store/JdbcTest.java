package io.helpdeskbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JdbcTest extends StoreTestSupport {

  @Test
  void aNulInTextIsStoredAsAReplacementCharacterOnEveryDatabase() {
    String eventId = "evt_\u0000_1";
    Inbox.Accepted first = store.inbox().accept("stripe", eventId, "charge.refunded", "order:\u0000", "{}", "{}",
        InboxStatus.RECEIVED, null, Instant.now());

    Inbox.Accepted again = store.inbox().accept("stripe", eventId, "charge.refunded", "order:\u0000", "{}", "{}",
        InboxStatus.RECEIVED, null, Instant.now());

    assertThat(again.duplicate()).isTrue();
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(store.inbox().find("stripe", eventId)).hasValueSatisfying(r -> {
      assertThat(r.eventId()).isEqualTo("evt_\uFFFD_1");
      assertThat(r.orderKey()).isEqualTo("order:\uFFFD");
    });
  }

  @Test
  void textWithoutNulIsLeftAlone() {
    String s = "order:1001 ✓";

    assertThat(Jdbc.text(s)).isSameAs(s);
    assertThat(Jdbc.text(null)).isNull();
  }
}
