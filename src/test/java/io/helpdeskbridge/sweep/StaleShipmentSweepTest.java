package io.helpdeskbridge.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.helpdeskbridge.event.OrderEvent;
import io.helpdeskbridge.event.OrderRef;
import io.helpdeskbridge.event.ShipmentDelayed;
import io.helpdeskbridge.spi.ConnectorSettings;
import io.helpdeskbridge.spi.ShipmentState;
import io.helpdeskbridge.spi.WebhookRequest;
import io.helpdeskbridge.store.InboxRow;
import io.helpdeskbridge.store.InboxStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StaleShipmentSweepTest extends SweepStoreTestSupport {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SweepSettings SETTINGS =
      new SweepSettings(Duration.ofSeconds(900), Duration.ofHours(72), Duration.ofMinutes(60));

  /** The carrier platform as the test scripts it: per tracking number an answer, a failure, or nothing new. */
  private final Map<String, Object> answers = new HashMap<>();
  private final List<String> polls = new CopyOnWriteArrayList<>();
  private final List<Long> submitted = new CopyOnWriteArrayList<>();
  private final List<String> submittedKeys = new CopyOnWriteArrayList<>();
  private final MutableClock clock = new MutableClock("2026-03-02T09:00:00Z");
  private ShipmentBook book;
  private StaleShipmentSweep sweep;

  @BeforeEach
  void sweep() {
    book = new ShipmentBook(jdbc(), clock);
    StaleShipmentSweep.Poller poller = known -> {
      polls.add(known.trackingNumber());
      Object answer = answers.get(known.trackingNumber());
      if (answer instanceof IOException e) throw e;
      return Optional.ofNullable((ShipmentState) answer);
    };
    sweep = new StaleShipmentSweep(book, store, (id, orderKey) -> {
      submitted.add(id);
      submittedKeys.add(orderKey);
    }, poller, SETTINGS, clock);
  }

  @AfterEach
  void stop() {
    sweep.close();
  }

  private static ShipmentState parcel(String tracking, boolean delivered, String estimate, String lastEvent) {
    return new ShipmentState("easypost", tracking, "USPS", "trk_" + tracking, delivered ? "delivered" : "in_transit",
        delivered, estimate == null ? null : Instant.parse(estimate), lastEvent == null ? null : Instant.parse(lastEvent),
        "https://track.easypost.com/" + tracking);
  }

  private List<InboxRow> raised() {
    List<InboxRow> rows = new ArrayList<>();
    for (InboxStatus s : InboxStatus.values()) rows.addAll(store.inbox().find(s, StaleShipmentSource.ID, null, null, 100));
    return rows;
  }

  private static ShipmentDelayed event(InboxRow row) throws IOException {
    WebhookRequest request = new WebhookRequest(row.source(), Map.of(), row.body().getBytes(StandardCharsets.UTF_8),
        row.receivedAt());
    List<OrderEvent> events = new StaleShipmentSource().normalize(request, JSON.readTree(row.body()),
        ConnectorSettings.of(StaleShipmentSource.ID, Map.of()));
    assertThat(events).hasSize(1).first().isInstanceOf(ShipmentDelayed.class);
    return (ShipmentDelayed) events.get(0);
  }

  @Test
  void aParcelPastItsEstimatedDayIsRaisedOnceOverTwoSweeps() throws Exception {
    book.record(parcel("EZ100", false, "2026-03-01T00:00:00Z", "2026-03-01T20:00:00Z"), "order:1001");

    assertThat(sweep.tick()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(61)); // due for another poll
    assertThat(sweep.tick()).isZero();

    assertThat(polls).as("polled in both sweeps").containsExactly("EZ100", "EZ100");
    List<InboxRow> rows = raised();
    assertThat(rows).hasSize(1);
    InboxRow row = rows.get(0);
    assertThat(row.eventId()).isEqualTo("overdue:EZ100:2026-03-01");
    assertThat(row.vendorType()).isEqualTo(StaleShipmentSource.OVERDUE);
    assertThat(row.orderKey()).isEqualTo("order:1001");
    assertThat(row.status()).isEqualTo(InboxStatus.RECEIVED);
    assertThat(submitted).containsExactly(row.id());
    assertThat(submittedKeys).containsExactly("order:1001");

    ShipmentDelayed delayed = event(row);
    assertThat(delayed.source()).isEqualTo(StaleShipmentSource.ID);
    assertThat(delayed.sourceEventId()).isEqualTo("overdue:EZ100:2026-03-01");
    assertThat(delayed.vendorType()).isEqualTo(StaleShipmentSource.OVERDUE);
    assertThat(delayed.order()).isEqualTo(new OrderRef("1001", null, null, null, "EZ100", "USPS"));
    assertThat(delayed.previousEstimate()).isEqualTo("2026-03-01");
    assertThat(delayed.newEstimate()).isNull();
    assertThat(delayed.trackingUrl()).isEqualTo("https://track.easypost.com/EZ100");
    assertThat(delayed.occurredAt()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
  }

  @Test
  void anotherInstanceThatLostTheMemoStillRaisesNothingTwice() {
    book.record(parcel("EZ101", false, "2026-03-01T00:00:00Z", "2026-03-01T20:00:00Z"), "order:1011");
    assertThat(sweep.tick()).isEqualTo(1);

    // a second instance, and the book's note of the raise gone: the inbox key still holds
    jdbc().update("update shipments set raised_for = null, last_polled_at = null");
    StaleShipmentSweep other = new StaleShipmentSweep(book, store, (id, key) -> submitted.add(id),
        StaleShipmentSweep.Poller.NONE, SETTINGS, clock);
    assertThat(other.tick()).isZero();

    assertThat(raised()).hasSize(1).first().extracting(InboxRow::duplicates).isEqualTo(1);
    assertThat(submitted).hasSize(1);
    assertThat(book.find("EZ101").orElseThrow().raisedFor()).isEqualTo("overdue:EZ101:2026-03-01");
  }

  @Test
  void nothingIsRaisedOnTheEstimatedDayItself() {
    clock.set("2026-03-01T22:00:00Z");
    book.record(parcel("EZ102", false, "2026-03-01T00:00:00Z", "2026-03-01T07:00:00Z"), "order:1012");

    assertThat(sweep.tick()).isZero();
    assertThat(polls).isEmpty();

    clock.set("2026-03-02T00:00:00Z");
    assertThat(sweep.tick()).isEqualTo(1);
  }

  @Test
  void aDeliveredParcelIsNeitherPolledNorRaised() {
    book.record(parcel("EZ103", true, "2026-02-20T00:00:00Z", "2026-02-25T08:00:00Z"), "order:1013");

    assertThat(sweep.tick()).isZero();

    assertThat(polls).isEmpty();
    assertThat(raised()).isEmpty();
    assertThat(submitted).isEmpty();
  }

  @Test
  void aParcelWithoutCarrierEventsForTheQuietPeriodIsRaisedAsQuiet() throws Exception {
    book.record(parcel("EZ104", false, "2026-03-20T00:00:00Z", "2026-02-27T08:00:00Z"), "tracking:EZ104");
    book.record(parcel("EZ105", false, "2026-03-20T00:00:00Z", "2026-03-01T08:00:00Z"), "order:1015");
    // an alias learned after the parcel was recorded names its order
    store.aliases().remember("tracking:EZ104", "order:1014", "shopify/evt_9");

    assertThat(sweep.tick()).isEqualTo(1);

    assertThat(polls).containsExactly("EZ104");
    List<InboxRow> rows = raised();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).eventId()).isEqualTo("quiet:EZ104:2026-02-27T08:00:00Z");
    assertThat(rows.get(0).orderKey()).isEqualTo("order:1014");
    ShipmentDelayed delayed = event(rows.get(0));
    assertThat(delayed.vendorType()).isEqualTo(StaleShipmentSource.QUIET);
    assertThat(delayed.order().orderId()).isEqualTo("1014");
    assertThat(delayed.previousEstimate()).isNull();
    assertThat(delayed.newEstimate()).isEqualTo("2026-03-20");
    assertThat(submittedKeys).containsExactly("order:1014");
  }

  @Test
  void aPollThatReportsDeliveryRaisesNothingAndEndsTheSweepingOfIt() {
    book.record(parcel("EZ106", false, "2026-03-01T00:00:00Z", "2026-03-01T20:00:00Z"), "order:1016");
    answers.put("EZ106", parcel("EZ106", true, "2026-03-01T00:00:00Z", "2026-03-02T08:30:00Z"));

    assertThat(sweep.tick()).isZero();
    clock.advance(Duration.ofHours(2));
    assertThat(sweep.tick()).isZero();

    assertThat(raised()).isEmpty();
    assertThat(polls).containsExactly("EZ106");
    assertThat(book.find("EZ106").orElseThrow().state().delivered()).isTrue();
  }

  @Test
  void aPollWithALaterEstimateIsRaisedWithBothEstimates() throws Exception {
    book.record(parcel("EZ107", false, "2026-03-01T00:00:00Z", "2026-03-01T20:00:00Z"), "order:1017");
    answers.put("EZ107", parcel("EZ107", false, "2026-03-05T00:00:00Z", "2026-03-02T06:00:00Z"));

    assertThat(sweep.tick()).isEqualTo(1);

    ShipmentDelayed delayed = event(raised().get(0));
    assertThat(delayed.previousEstimate()).isEqualTo("2026-03-01");
    assertThat(delayed.newEstimate()).isEqualTo("2026-03-05");
    assertThat(book.find("EZ107").orElseThrow().state().estimatedDelivery()).isEqualTo(Instant.parse("2026-03-05T00:00:00Z"));
  }

  @Test
  void aFailedPollIsSkippedUntilItsNextPollIsDue() {
    book.record(parcel("EZ108", false, "2026-03-01T00:00:00Z", "2026-03-01T20:00:00Z"), "order:1018");
    answers.put("EZ108", new IOException("EasyPost answered 503"));

    assertThat(sweep.tick()).isZero();
    assertThat(raised()).isEmpty();
    assertThat(book.find("EZ108").orElseThrow().lastPolledAt()).isEqualTo(clock.instant());

    clock.advance(Duration.ofMinutes(30));
    assertThat(sweep.tick()).as("not due again yet").isZero();
    assertThat(polls).hasSize(1);

    answers.remove("EZ108");
    clock.advance(Duration.ofMinutes(31));
    assertThat(sweep.tick()).isEqualTo(1);
    assertThat(polls).hasSize(2);
  }

  @Test
  void whileAnotherInstanceHoldsTheLockTheSweepDoesNothing() {
    book.record(parcel("EZ109", false, "2026-03-01T00:00:00Z", "2026-03-01T20:00:00Z"), "order:1019");
    SimpleLock held = io.helpdeskbridge.store.ClusterLocks.provider(store.dataSource())
        .lock(new LockConfiguration(Instant.now(), StaleShipmentSweep.LOCK, Duration.ofMinutes(5), Duration.ZERO))
        .orElseThrow();
    try {
      assertThat(sweep.tick()).isEqualTo(-1);
      assertThat(polls).isEmpty();
      assertThat(raised()).isEmpty();
    } finally {
      held.unlock();
    }

    assertThat(sweep.tick()).isEqualTo(1);
  }

  @Test
  void onceStartedItSweepsOnItsOwn() {
    book.record(parcel("EZ110", false, "2026-03-01T00:00:00Z", "2026-03-01T20:00:00Z"), "order:1020");
    StaleShipmentSweep scheduled = new StaleShipmentSweep(book, store, (id, key) -> submitted.add(id),
        StaleShipmentSweep.Poller.NONE, new SweepSettings(Duration.ofSeconds(1), Duration.ofHours(72), Duration.ZERO), clock);
    try {
      scheduled.start();
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(submitted).hasSize(1));
    } finally {
      scheduled.close();
    }
    assertThat(raised()).extracting(InboxRow::eventId).containsExactly("overdue:EZ110:2026-03-01");
  }
}
