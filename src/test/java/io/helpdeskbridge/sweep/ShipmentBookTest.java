package io.helpdeskbridge.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import io.helpdeskbridge.spi.ShipmentState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ShipmentBookTest extends SweepStoreTestSupport {

  private static final Duration QUIET = Duration.ofHours(72);
  private static final Duration POLL = Duration.ofMinutes(60);

  private final MutableClock clock = new MutableClock("2026-03-02T09:00:00Z");
  private ShipmentBook book;

  @BeforeEach
  void book() {
    book = new ShipmentBook(jdbc(), clock);
  }

  private static ShipmentState state(String tracking, String status, boolean delivered, String estimate, String lastEvent) {
    return new ShipmentState("easypost", tracking, "USPS", "trk_" + tracking, status, delivered,
        estimate == null ? null : Instant.parse(estimate), lastEvent == null ? null : Instant.parse(lastEvent), null);
  }

  @Test
  void aFirstReportIsStoredWithTheMomentItsEstimatedDayIsOver() {
    book.record(new ShipmentState("easypost-eu", "EZ1", "USPS", "trk_1", "in_transit", false,
        Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-02-28T10:00:00Z"), "https://track/EZ1"), "order:1001");

    ShipmentBook.Entry e = book.find("EZ1").orElseThrow();
    assertThat(e.state()).isEqualTo(new ShipmentState("easypost-eu", "EZ1", "USPS", "trk_1", "in_transit", false,
        Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-02-28T10:00:00Z"), "https://track/EZ1"));
    assertThat(e.orderKey()).isEqualTo("order:1001");
    assertThat(e.overdueAt()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
    assertThat(e.createdAt()).isEqualTo(clock.instant());
    assertThat(e.lastPolledAt()).isNull();
    assertThat(e.raisedFor()).isNull();
    // a date-time estimate is overdue once its UTC day is over, not at the hour
    assertThat(ShipmentBook.overdueAt(Instant.parse("2026-03-10T11:00:00Z"))).isEqualTo(Instant.parse("2026-03-11T00:00:00Z"));
    assertThat(book.find("nothing")).isEmpty();
  }

  @Test
  void theLaterCarrierEventWinsAndAnOlderReportOnlyFillsGaps() {
    book.record(state("EZ2", "in_transit", false, "2026-03-05T00:00:00Z", "2026-03-01T10:00:00Z"), "tracking:EZ2");
    // arrives late, says less recent things, but has a link the row lacked
    book.record(new ShipmentState("easypost", "EZ2", "USPS", null, "pre_transit", false,
        Instant.parse("2026-03-04T00:00:00Z"), Instant.parse("2026-02-28T10:00:00Z"), "https://track/EZ2"), "tracking:EZ2");

    ShipmentBook.Entry e = book.find("EZ2").orElseThrow();
    assertThat(e.state().status()).isEqualTo("in_transit");
    assertThat(e.state().estimatedDelivery()).isEqualTo(Instant.parse("2026-03-05T00:00:00Z"));
    assertThat(e.state().lastEventAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    assertThat(e.state().trackingUrl()).isEqualTo("https://track/EZ2");
    assertThat(e.state().trackerId()).isEqualTo("trk_EZ2");

    // newer, without an estimate: the estimate is kept, the rest moves on
    book.record(state("EZ2", "out_for_delivery", false, null, "2026-03-02T07:00:00Z"), "tracking:EZ2");
    e = book.find("EZ2").orElseThrow();
    assertThat(e.state().status()).isEqualTo("out_for_delivery");
    assertThat(e.state().lastEventAt()).isEqualTo(Instant.parse("2026-03-02T07:00:00Z"));
    assertThat(e.state().estimatedDelivery()).isEqualTo(Instant.parse("2026-03-05T00:00:00Z"));
    assertThat(e.overdueAt()).isEqualTo(Instant.parse("2026-03-06T00:00:00Z"));
  }

  @Test
  void aDeliveredParcelIsNeverUndelivered() {
    book.record(state("EZ3", "delivered", true, null, "2026-03-01T16:00:00Z"), "order:1003");
    // a stale in-transit report with a later scan time (a carrier's "delivery confirmation recorded")
    book.record(state("EZ3", "in_transit", false, "2026-03-04T00:00:00Z", "2026-03-01T18:00:00Z"), "order:1003");

    ShipmentBook.Entry e = book.find("EZ3").orElseThrow();
    assertThat(e.state().delivered()).isTrue();
    assertThat(e.state().status()).isEqualTo("delivered");
    assertThat(e.state().lastEventAt()).isEqualTo(Instant.parse("2026-03-01T18:00:00Z"));

    // and the report of the end counts even when it arrives after a newer one
    book.record(state("EZ4", "in_transit", false, null, "2026-03-01T18:00:00Z"), "order:1004");
    book.record(state("EZ4", "return_to_sender", true, null, "2026-03-01T12:00:00Z"), "order:1004");
    assertThat(book.find("EZ4").orElseThrow().state())
        .extracting(ShipmentState::delivered, ShipmentState::status).containsExactly(true, "return_to_sender");
  }

  @Test
  void theOrderKeyOnlyGetsStronger() {
    book.record(state("EZ5", "in_transit", false, null, "2026-03-01T10:00:00Z"), "tracking:EZ5");
    assertThat(book.find("EZ5").orElseThrow().orderKey()).isEqualTo("tracking:EZ5");

    book.record(state("EZ5", "in_transit", false, null, "2026-03-01T11:00:00Z"), "order:1005");
    assertThat(book.find("EZ5").orElseThrow().orderKey()).isEqualTo("order:1005");

    book.record(state("EZ5", "in_transit", false, null, "2026-03-01T12:00:00Z"), "tracking:EZ5");
    book.record(state("EZ5", "in_transit", false, null, "2026-03-01T12:00:00Z"), "unknown");
    assertThat(book.find("EZ5").orElseThrow().orderKey()).isEqualTo("order:1005");
  }

  @Test
  void recordAllFilesEachParcelUnderTheOrderItsTrackingNumberResolvesTo() {
    store.aliases().remember("tracking:EZ6", "order:1006", "shopify/evt_1");

    book.recordAll(List.of(state("EZ6", "in_transit", false, null, null), state("EZ7", "in_transit", false, null, null),
        new ShipmentState("easypost", " ", null, null, null, false, null, null, null)), store.aliases(), "easypost/evt_2");

    assertThat(book.find("EZ6").orElseThrow().orderKey()).isEqualTo("order:1006");
    assertThat(book.find("EZ7").orElseThrow().orderKey()).isEqualTo("tracking:EZ7");
    assertThat(jdbc().query("select count(*) from shipments", rs -> rs.getLong(1))).containsExactly(2L);
  }

  @Test
  void candidatesArePastTheirDayOrQuietNotEndedNotJustPolledAndNotAbandoned() {
    Instant now = clock.instant(); // 2026-03-02T09:00Z
    book.record(state("OVERDUE", "in_transit", false, "2026-03-01T00:00:00Z", "2026-03-01T20:00:00Z"), "order:1");
    book.record(state("TODAY", "in_transit", false, "2026-03-02T00:00:00Z", "2026-03-02T06:00:00Z"), "order:2");
    book.record(state("QUIET", "in_transit", false, "2026-03-20T00:00:00Z", "2026-02-27T08:00:00Z"), "order:3");
    book.record(state("LIVELY", "in_transit", false, null, "2026-03-01T08:00:00Z"), "order:4");
    book.record(state("DELIVERED", "delivered", true, "2026-02-20T00:00:00Z", "2026-02-20T08:00:00Z"), "order:5");
    book.record(state("ABANDONED", "in_transit", false, "2026-01-20T00:00:00Z", "2026-01-25T08:00:00Z"), "order:6");
    book.record(state("POLLED", "in_transit", false, "2026-02-28T00:00:00Z", "2026-02-28T08:00:00Z"), "order:7");
    book.polled("POLLED", now.minus(Duration.ofMinutes(30)));
    book.record(state("POLLED_LONG_AGO", "in_transit", false, "2026-02-28T00:00:00Z", "2026-02-28T08:00:00Z"), "order:8");
    book.polled("POLLED_LONG_AGO", now.minus(Duration.ofMinutes(61)));
    // never reported an event: quiet since the bridge first heard of it
    clock.set("2026-02-26T09:00:00Z");
    book.record(state("NO_SCAN", "pre_transit", false, null, null), "order:9");
    clock.set("2026-03-02T09:00:00Z");

    List<String> due = book.candidates(now, QUIET, POLL, 10).stream().map(ShipmentBook.Entry::trackingNumber).toList();

    // never polled first, then the least recently polled
    assertThat(due).containsExactly("NO_SCAN", "OVERDUE", "QUIET", "POLLED_LONG_AGO");
    assertThat(book.candidates(now, QUIET, POLL, 2)).hasSize(2);
    // the estimated day itself is not late yet; the next morning it is
    assertThat(book.candidates(Instant.parse("2026-03-03T00:00:00Z"), QUIET, POLL, 10))
        .extracting(ShipmentBook.Entry::trackingNumber).contains("TODAY");
  }

  @Test
  void aRaiseIsNotedOncePerKey() {
    book.record(state("EZ8", "in_transit", false, "2026-03-01T00:00:00Z", null), "order:1008");

    assertThat(book.markRaised("EZ8", "overdue:EZ8:2026-03-01")).isTrue();
    assertThat(book.markRaised("EZ8", "overdue:EZ8:2026-03-01")).isFalse();
    assertThat(book.find("EZ8").orElseThrow().raisedFor()).isEqualTo("overdue:EZ8:2026-03-01");
    assertThat(book.markRaised("EZ8", "overdue:EZ8:2026-03-04")).isTrue();
    assertThat(book.markRaised("unknown", "overdue:x:2026-03-04")).isFalse();
  }

  @Test
  void concurrentReportsOfOneParcelAllLandAndTheNewestWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String at = "2026-03-01T1" + i + ":00:00Z";
        writes.add(pool.submit(() -> book.record(state("EZ9", "in_transit_" + at, false, null, at), "tracking:EZ9")));
      }
      for (Future<?> w : writes) w.get();
    } finally {
      pool.shutdownNow();
    }

    ShipmentBook.Entry e = book.find("EZ9").orElseThrow();
    assertThat(e.state().lastEventAt()).isEqualTo(Instant.parse("2026-03-01T15:00:00Z"));
    assertThat(e.state().status()).isEqualTo("in_transit_2026-03-01T15:00:00Z");
    assertThat(e.version()).isEqualTo(5);
  }
}
