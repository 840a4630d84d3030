package io.helpdeskbridge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helpdeskbridge.resilience.HelpdeskRetry;
import io.helpdeskbridge.spi.HelpdeskConnection;
import io.helpdeskbridge.spi.HelpdeskException;
import io.helpdeskbridge.spi.NewTicket;
import io.helpdeskbridge.spi.TicketChange;
import io.helpdeskbridge.spi.TicketRef;
import io.helpdeskbridge.store.InboxStatus;
import io.helpdeskbridge.store.StoreTestSupport;
import io.helpdeskbridge.ticket.Helpdesks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daily job on a clock the test moves: once per day across instances, its note posted once. */
class ShiftReportJobTest extends StoreTestSupport {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @TempDir Path home;
  private final MovingClock clock = new MovingClock(Instant.parse("2026-03-15T05:00:30Z")); // 06:00:30 in Paris
  private final Desk desk = new Desk();
  private Helpdesks helpdesks;

  @BeforeEach
  void aNight() {
    helpdesks = new Helpdesks(Map.of("desk", new Helpdesks.Entry("desk", desk,
        new HelpdeskRetry("desk", new HelpdeskRetry.Policy(1, Duration.ZERO, Duration.ZERO)))), "desk");
    received("evt_1", "2026-03-14T21:30:00Z");
    received("evt_2", "2026-03-15T04:30:00Z");
    received("evt_0", "2026-03-14T20:30:00Z"); // 21:30 in Paris, before the night
  }

  private ShiftReportJob.Settings settings(String at, String since, String ticket) {
    Map<String, String> env = new HashMap<>();
    env.put("BRIDGE_REPORT_ZONE", "Europe/Paris");
    if (at != null) env.put(ShiftReportJob.Settings.AT, at);
    if (since != null) env.put(ShiftReportJob.Settings.SINCE, since);
    if (ticket != null) env.put(ShiftReportJob.Settings.TICKET, ticket);
    return ShiftReportJob.Settings.from(env, home);
  }

  private ShiftReportJob job() {
    return new ShiftReportJob(store, settings("06:00", null, "4242"), helpdesks, clock);
  }

  @Test
  void itMakesTheNightsReportOnceADayAndPostsItOnce() throws Exception {
    ShiftReportJob job = job();

    assertThat(job.tick()).isEqualTo(ShiftReportJob.Result.DONE);
    assertThat(desk.notes).hasSize(1);
    Desk.Note note = desk.notes.get(0);
    assertThat(note.ticket()).isEqualTo(new TicketRef("desk", "4242"));
    assertThat(note.marker()).isEqualTo("[helpdesk-bridge shift-report 2026-03-15]");
    assertThat(note.change().publicNote()).isFalse();
    assertThat(note.change().note()).startsWith("# Shift report: Sat 14 Mar 22:00 to Sun 15 Mar 06:00 (Europe/Paris)")
        .contains("| Deliveries received | 2 |");
    assertThat(Files.readString(home.resolve("data/reports/shift-report-2026-03-15.md"))).isEqualTo(note.change().note());
    assertThat(Files.readString(home.resolve("data/reports/shift-report-2026-03-15.html"))).contains("<svg");

    // later that day, on this instance and on another one
    clock.set("2026-03-15T09:00:00Z");
    assertThat(job.tick()).isEqualTo(ShiftReportJob.Result.SKIPPED);
    assertThat(job().tick()).isEqualTo(ShiftReportJob.Result.HELD);
    // the next morning, a minute before it is due: still the day before's, done and long past
    clock.set("2026-03-16T04:59:00Z");
    assertThat(job().tick()).isEqualTo(ShiftReportJob.Result.SKIPPED);
    assertThat(desk.notes).hasSize(1);

    clock.set("2026-03-16T05:00:00Z");
    assertThat(job.tick()).isEqualTo(ShiftReportJob.Result.DONE);
    assertThat(desk.notes).extracting(Desk.Note::marker)
        .containsExactly("[helpdesk-bridge shift-report 2026-03-15]", "[helpdesk-bridge shift-report 2026-03-16]");
    assertThat(desk.notes.get(1).change().note()).startsWith("# Shift report: Sun 15 Mar 22:00 to Mon 16 Mar 06:00")
        .contains("| Deliveries received | 0 |");
  }

  @Test
  void whileAnotherInstanceHoldsTheDaysLockNothingIsMade() {
    SimpleLock held = io.helpdeskbridge.store.ClusterLocks.provider(store.dataSource())
        .lock(new LockConfiguration(Instant.now(), "shift-report 2026-03-15", Duration.ofMinutes(5), Duration.ZERO))
        .orElseThrow();
    try {
      assertThat(job().tick()).isEqualTo(ShiftReportJob.Result.HELD);
      assertThat(desk.notes).isEmpty();
      assertThat(Files.exists(home.resolve("data/reports"))).isFalse();
    } finally {
      held.unlock();
    }
    assertThat(job().tick()).isEqualTo(ShiftReportJob.Result.DONE);
    assertThat(desk.notes).hasSize(1);
  }

  @Test
  void aDayMadeTwiceIsPostedOnce() {
    assertThat(job().tick()).isEqualTo(ShiftReportJob.Result.DONE);
    // the lock is gone (a very slow run lost it): another instance makes the day again
    jdbc().update("delete from shedlock");

    assertThat(job().tick()).isEqualTo(ShiftReportJob.Result.DONE);
    assertThat(desk.notes).hasSize(1);
  }

  @Test
  void aPostInterruptedByACrashIsLookedForOnTheTicketFirst() {
    store.writeLog().pending("desk [helpdesk-bridge shift-report 2026-03-15]", "desk", "4242");
    desk.markers.add("[helpdesk-bridge shift-report 2026-03-15]");

    assertThat(job().tick()).isEqualTo(ShiftReportJob.Result.DONE);
    assertThat(desk.notes).isEmpty();
    assertThat(store.writeLog().state("desk [helpdesk-bridge shift-report 2026-03-15]"))
        .contains(io.helpdeskbridge.store.WriteLog.State.WRITTEN);
  }

  @Test
  void aFailedPostIsTriedAgainLaterNotAtOnce() {
    desk.failing = true;

    assertThat(job().tick()).isEqualTo(ShiftReportJob.Result.FAILED);
    assertThat(job().tick()).as("the lock keeps the retry back").isEqualTo(ShiftReportJob.Result.HELD);
    assertThat(desk.notes).isEmpty();

    desk.failing = false;
    jdbc().update("delete from shedlock"); // RETRY_AFTER has passed
    assertThat(job().tick()).isEqualTo(ShiftReportJob.Result.DONE);
    assertThat(desk.notes).hasSize(1);
  }

  @Test
  void anInstanceThatComesUpLateCatchesUpUntilTwelveHoursAfter() {
    clock.set("2026-03-15T16:59:00Z"); // 17:59 in Paris
    assertThat(job().tick()).isEqualTo(ShiftReportJob.Result.DONE);

    jdbc().update("delete from shedlock");
    clock.set("2026-03-15T17:01:00Z");
    assertThat(job().tick()).isEqualTo(ShiftReportJob.Result.SKIPPED);
    assertThat(desk.notes).hasSize(1);
  }

  @Test
  void withoutATicketTheReportIsOnlyWrittenToFiles() throws Exception {
    ShiftReportJob job = new ShiftReportJob(store, settings("06:00", null, null), helpdesks, clock);

    assertThat(job.tick()).isEqualTo(ShiftReportJob.Result.DONE);
    assertThat(desk.notes).isEmpty();
    assertThat(Files.readString(home.resolve("data/reports/shift-report-2026-03-15.md"))).contains("| Deliveries received | 2 |");
  }

  @Test
  void offWithoutATime() {
    ShiftReportJob job = new ShiftReportJob(store, settings(null, null, "4242"), helpdesks, clock);

    assertThat(job.tick()).isEqualTo(ShiftReportJob.Result.OFF);
    job.start();
    job.close();
    assertThat(desk.notes).isEmpty();
  }

  @Test
  void theShiftEndsAtTheLastDueTimeAndStartsAtSince() {
    ShiftReportJob job = job();

    assertThat(job.due(Instant.parse("2026-03-15T05:00:00Z"))).isEqualTo(Instant.parse("2026-03-15T05:00:00Z"));
    assertThat(job.due(Instant.parse("2026-03-15T04:59:59Z"))).isEqualTo(Instant.parse("2026-03-14T05:00:00Z"));
    assertThat(job.period(Instant.parse("2026-03-15T05:00:00Z")))
        .isEqualTo(new ReportPeriod(Instant.parse("2026-03-14T21:00:00Z"), Instant.parse("2026-03-15T05:00:00Z"), PARIS));
    // the night the clocks go forward is an hour shorter; due at 06:00 summer time
    assertThat(job.due(Instant.parse("2026-03-29T05:00:00Z"))).isEqualTo(Instant.parse("2026-03-29T04:00:00Z"));
    assertThat(job.period(Instant.parse("2026-03-29T04:00:00Z")).length()).isEqualTo(Duration.ofHours(7));
    // a duration counts back from the due time
    ShiftReportJob eightHours = new ShiftReportJob(store, settings("07:30", "8h", null), helpdesks, clock);
    assertThat(eightHours.period(Instant.parse("2026-03-15T06:30:00Z")).since()).isEqualTo(Instant.parse("2026-03-14T22:30:00Z"));
    assertThat(ShiftReportJob.marker(LocalDate.of(2026, 3, 15))).isEqualTo("[helpdesk-bridge shift-report 2026-03-15]");
  }

  @Test
  void settingsAreReadFromTheEnvironmentAndBadOnesNamed() {
    ShiftReportJob.Settings s = settings("6:00", null, "zendesk:4242");
    assertThat(s.at()).isEqualTo(LocalTime.of(6, 0));
    assertThat(s.since().text()).isEqualTo("22:00");
    assertThat(s.zone()).isEqualTo(PARIS);
    assertThat(s.helpdesk()).isEqualTo("zendesk");
    assertThat(s.ticketId()).isEqualTo("4242");
    assertThat(s.folder()).isEqualTo(home.resolve("data").resolve("reports"));
    assertThat(settings("06:00", "8h", "500Hn00001XyZ")).satisfies(t -> {
      assertThat(t.helpdesk()).isNull();
      assertThat(t.ticketId()).isEqualTo("500Hn00001XyZ");
      assertThat(t.since()).isInstanceOf(ReportPeriod.Span.class);
    });
    assertThat(settings(null, null, null).enabled()).isFalse();
    assertThat(settings(" ", null, null).enabled()).isFalse();

    assertThatThrownBy(() -> settings("6am", null, null)).hasMessage("BRIDGE_SHIFT_REPORT_AT=6am is not a time of day such as 06:00");
    assertThatThrownBy(() -> settings("06:00", "yesterday", null)).hasMessageStartingWith("BRIDGE_SHIFT_REPORT_SINCE=yesterday: cannot read");
    assertThatThrownBy(() -> settings("06:00", "2026-03-14T22:00", null)).hasMessageStartingWith(
        "BRIDGE_SHIFT_REPORT_SINCE=2026-03-14T22:00 is a fixed date");
    assertThatThrownBy(() -> settings("06:00", null, "zendesk:")).hasMessageStartingWith("BRIDGE_SHIFT_REPORT_TICKET=zendesk: is not");
    assertThatThrownBy(() -> ShiftReportJob.Settings.from(Map.of("BRIDGE_REPORT_ZONE", "Nowhere/Town"), home))
        .hasMessageStartingWith("BRIDGE_REPORT_ZONE: unknown time zone");
  }

  @Test
  void aTicketOnAHelpdeskThatIsNotEnabledStopsStartUp() {
    assertThatThrownBy(() -> new ShiftReportJob(store, settings("06:00", null, "zendesk:1"), helpdesks, clock))
        .hasMessage("BRIDGE_SHIFT_REPORT_TICKET names helpdesk 'zendesk', which is not enabled (enabled: [desk])");
  }

  private void received(String eventId, String at) {
    long id = store.inbox().accept("stripe", eventId, "charge.refunded", "order:1", "{}", "{}", InboxStatus.RECEIVED, null,
        Instant.parse(at)).id();
    store.inbox().finish(id, InboxStatus.DONE, "applied", null, Instant.parse(at));
  }

  /** A helpdesk that keeps the notes it is given and can be told to fail. */
  static final class Desk implements HelpdeskConnection {
    record Note(TicketRef ticket, TicketChange change, String marker) {}

    final List<Note> notes = new CopyOnWriteArrayList<>();
    final List<String> markers = new CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public Optional<TicketRef> find(Lookup lookup) {
      return Optional.empty();
    }

    @Override
    public void apply(TicketRef ticket, TicketChange change, String marker) throws HelpdeskException {
      if (failing) throw HelpdeskException.permanent(403, "desk says no");
      notes.add(new Note(ticket, change, marker));
      markers.add(marker);
    }

    @Override
    public boolean hasMarker(TicketRef ticket, String marker) {
      return markers.contains(marker);
    }

    @Override
    public TicketRef create(NewTicket ticket, String idempotencyKey) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String describe() {
      return "test desk";
    }
  }

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    private volatile Instant now;

    MovingClock(Instant start) {
      now = start;
    }

    void set(String at) {
      now = Instant.parse(at);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
