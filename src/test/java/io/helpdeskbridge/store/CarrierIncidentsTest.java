package io.helpdeskbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.incident.CarrierIncidents;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CarrierIncidentsTest extends StoreTestSupport {
  private static final Instant T0 = Instant.parse("2026-11-24T02:00:00Z");

  @Test
  void anExceptionCountsOnceAndOnlyInsideTheWindow() {
    CarrierIncidents incidents = new CarrierIncidents(store.dataSource());
    incidents.seen("USPS / TN, US", "zendesk", "10", "easypost/evt_1", T0);
    incidents.seen("USPS / TN, US", "zendesk", "10", "easypost/evt_1", T0);
    incidents.seen("USPS / TN, US", "zendesk", "11", "easypost/evt_2", T0.plusSeconds(600));
    incidents.seen("USPS / TN, US", "zendesk", "11", "easypost/evt_3", T0.plusSeconds(700));
    incidents.seen("UPS", "zendesk", "12", "easypost/evt_4", T0.plusSeconds(700));

    assertThat(incidents.count("USPS / TN, US", T0)).isEqualTo(3);
    assertThat(incidents.count("USPS / TN, US", T0.plusSeconds(1))).isEqualTo(2);
    assertThat(incidents.tickets("USPS / TN, US", "zendesk", T0)).containsExactly("10", "11");
  }

  @Test
  void oneOpenIncidentPerGroupUntilItIsClosed() {
    CarrierIncidents incidents = new CarrierIncidents(store.dataSource());
    long id = incidents.openNew("USPS", "zendesk", T0).orElseThrow();
    assertThat(incidents.openNew("USPS", "zendesk", T0)).as("a second lane crossing the threshold").isEmpty();
    incidents.problemCreated(id, "900");
    assertThat(incidents.open("USPS")).hasValueSatisfying(i -> {
      assertThat(i.id()).isEqualTo(id);
      assertThat(i.problemTicketId()).isEqualTo("900");
    });
    assertThat(incidents.join(id, "10", T0)).isTrue();
    assertThat(incidents.join(id, "10", T0)).isFalse();
    assertThat(incidents.members(id)).isEqualTo(1);

    incidents.touch(id, T0.plusSeconds(60));
    incidents.touch(id, T0.plusSeconds(30));
    assertThat(incidents.open("USPS").orElseThrow().lastSeenAt()).isEqualTo(T0.plusSeconds(60));

    incidents.close(id);
    assertThat(incidents.open("USPS")).isEmpty();
    assertThat(incidents.openNew("USPS", "zendesk", T0.plusSeconds(90000))).isPresent();
  }
}
