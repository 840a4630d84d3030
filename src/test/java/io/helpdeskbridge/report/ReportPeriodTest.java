package io.helpdeskbridge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportPeriodTest {
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  /** 09:00 in Paris. */
  private static final Instant MORNING = Instant.parse("2026-03-15T08:00:00Z");

  private static ReportPeriod resolve(String since, String until, ZoneId zone, Instant now) {
    return ReportPeriod.resolve(ReportPeriod.parse(since), until == null ? null : ReportPeriod.parse(until), zone, now);
  }

  @Test
  void aTimeOfDayIsTheMostRecentOneBeforeNowInTheZone() {
    ReportPeriod p = resolve("22:00", null, PARIS, MORNING);

    assertThat(p.since()).isEqualTo(Instant.parse("2026-03-14T21:00:00Z"));
    assertThat(p.until()).isEqualTo(MORNING);
    // at 23:30 the same words mean tonight
    assertThat(resolve("22:00", null, PARIS, Instant.parse("2026-03-15T22:30:00Z")).since())
        .isEqualTo(Instant.parse("2026-03-15T21:00:00Z"));
    // the zone changes the instant
    assertThat(resolve("22:00", null, ZoneOffset.UTC, MORNING).since()).isEqualTo(Instant.parse("2026-03-14T22:00:00Z"));
    assertThat(resolve("22:00", null, ZoneId.of("America/New_York"), MORNING).since())
        .isEqualTo(Instant.parse("2026-03-15T02:00:00Z"));
  }

  @Test
  void untilAsATimeOfDayIsTheFirstOneAfterTheStartAndNeverPastNow() {
    assertThat(resolve("22:00", "06:00", PARIS, MORNING).until()).isEqualTo(Instant.parse("2026-03-15T05:00:00Z"));
    // at 04:00 the night is not over: the report runs to now
    Instant night = Instant.parse("2026-03-15T03:00:00Z");
    assertThat(resolve("22:00", "06:00", PARIS, night).until()).isEqualTo(night);
    assertThat(resolve("08:00", "8:30", PARIS, MORNING).length()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void durationsCountBackFromNowForTheStartAndOnFromTheStartForTheEnd() {
    assertThat(resolve("8h", null, PARIS, MORNING).since()).isEqualTo(MORNING.minus(Duration.ofHours(8)));
    assertThat(resolve("90m", null, PARIS, MORNING).since()).isEqualTo(MORNING.minus(Duration.ofMinutes(90)));
    assertThat(resolve("1d2h", null, PARIS, MORNING).since()).isEqualTo(MORNING.minus(Duration.ofHours(26)));
    assertThat(resolve("PT8H", null, PARIS, MORNING).since()).isEqualTo(MORNING.minus(Duration.ofHours(8)));
    ReportPeriod p = resolve("10h", "4h", PARIS, MORNING);
    assertThat(p.since()).isEqualTo(MORNING.minus(Duration.ofHours(10)));
    assertThat(p.until()).isEqualTo(MORNING.minus(Duration.ofHours(6)));
  }

  @Test
  void isoDateTimesAreLocalToTheZoneUnlessTheyNameAnOffset() {
    assertThat(resolve("2026-03-14T22:00", "2026-03-15T06:00", PARIS, MORNING))
        .isEqualTo(new ReportPeriod(Instant.parse("2026-03-14T21:00:00Z"), Instant.parse("2026-03-15T05:00:00Z"), PARIS));
    assertThat(resolve("2026-03-14T22:00Z", null, PARIS, MORNING).since()).isEqualTo(Instant.parse("2026-03-14T22:00:00Z"));
    assertThat(resolve("2026-03-14T22:00+01:00", null, ZoneOffset.UTC, MORNING).since())
        .isEqualTo(Instant.parse("2026-03-14T21:00:00Z"));
    assertThat(resolve("2026-03-14", null, PARIS, MORNING).since()).isEqualTo(Instant.parse("2026-03-13T23:00:00Z"));
  }

  @Test
  void aNightAcrossAClockChangeIsAsLongAsItReallyWas() {
    assertThat(resolve("22:00", "06:00", PARIS, Instant.parse("2026-03-29T08:00:00Z")).length()).isEqualTo(Duration.ofHours(7));
    assertThat(resolve("22:00", "06:00", PARIS, Instant.parse("2026-10-25T08:00:00Z")).length()).isEqualTo(Duration.ofHours(9));
  }

  @Test
  void whatCannotBeReadSaysWhatIsAccepted() {
    assertThatThrownBy(() -> ReportPeriod.parse("yesterday")).hasMessage(
        "cannot read 'yesterday': give a time of day (22:00), an ISO date-time (2026-03-14T22:00, 2026-03-14T21:00Z)"
            + " or a duration (8h, 90m, 1d)");
    assertThatThrownBy(() -> ReportPeriod.parse("25:00")).hasMessage("'25:00' is not a time of day (00:00 to 23:59)");
    assertThatThrownBy(() -> ReportPeriod.parse("0h")).hasMessage("'0h' is not a positive duration");
    assertThatThrownBy(() -> ReportPeriod.parse(" ")).hasMessageStartingWith("empty: give a time of day");
    assertThat(ReportPeriod.parse("6:05")).isEqualTo(new ReportPeriod.TimeOfDay("6:05", LocalTime.of(6, 5)));
  }

  @Test
  void endsThatMakeNoPeriodNameTheirOption() {
    assertThatThrownBy(() -> resolve("2026-03-16T00:00", null, PARIS, MORNING))
        .hasMessage("--since 2026-03-16T00:00 (Mon 16 Mar 00:00) is not in the past");
    assertThatThrownBy(() -> resolve("22:00", "2026-03-14T20:00", PARIS, MORNING))
        .hasMessage("--until 2026-03-14T20:00 (Sat 14 Mar 20:00) is not after --since 22:00 (Sat 14 Mar 22:00)");
    assertThatThrownBy(() -> resolve("100d", null, PARIS, MORNING)).hasMessage("--since 100d: a report covers at most 92 days");
  }

  @Test
  void theZoneIsTheOptionElseTheVariableElseTheMachines() {
    Map<String, String> env = Map.of(ReportPeriod.ZONE_VARIABLE, "America/New_York");
    assertThat(ReportPeriod.zone("Europe/Paris", env)).isEqualTo(PARIS);
    assertThat(ReportPeriod.zone(null, env)).isEqualTo(ZoneId.of("America/New_York"));
    assertThat(ReportPeriod.zone(null, Map.of())).isEqualTo(ZoneId.systemDefault());
    assertThat(ReportPeriod.zone("+02:00", Map.of())).isEqualTo(ZoneOffset.ofHours(2));
    assertThatThrownBy(() -> ReportPeriod.zone("Europe/Pariss", Map.of())).hasMessageStartingWith(
        "--zone: unknown time zone 'Europe/Pariss'");
    assertThatThrownBy(() -> ReportPeriod.zone(null, Map.of(ReportPeriod.ZONE_VARIABLE, "Mars/Olympus")))
        .hasMessageStartingWith("BRIDGE_REPORT_ZONE: unknown time zone 'Mars/Olympus'");
  }
}
