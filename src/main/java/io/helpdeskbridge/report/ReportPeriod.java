package io.helpdeskbridge.report;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stretch of time a shift report covers, {@code [since, until)}, and the zone its hours are
 * read in. Both ends are written as ops say them: a time of day ({@code 22:00}: the most recent one
 * before now; for the end, the first one after the start), an ISO date or date-time (local to the
 * zone unless it names an offset), or a duration ({@code 8h}, {@code 90m}, {@code 1d2h},
 * {@code PT8H}: back from now for the start, on from the start for the end). A report never reaches
 * past now.
 */
public record ReportPeriod(Instant since, Instant until, ZoneId zone) {

  /** Reports longer than this are refused: the chart's buckets and the SQL stay small. */
  public static final Duration LONGEST = Duration.ofDays(92);

  /** The variable that names the report's zone when {@code --zone} does not. */
  public static final String ZONE_VARIABLE = "BRIDGE_REPORT_ZONE";

  private static final String HELP =
      "give a time of day (22:00), an ISO date-time (2026-03-14T22:00, 2026-03-14T21:00Z) or a duration (8h, 90m, 1d)";
  private static final Pattern TIME_OF_DAY = Pattern.compile("\\d{1,2}:\\d{2}(:\\d{2})?");
  private static final Pattern SHORT_DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?");

  public ReportPeriod {
    if (!since.isBefore(until)) throw new IllegalArgumentException("the period ends (" + until + ") before it starts (" + since + ")");
  }

  /** One end of a period as written, before it is placed on the time line. */
  public sealed interface Point {
    /** The text as the user wrote it, for messages. */
    String text();
  }

  /** {@code 22:00}. */
  public record TimeOfDay(String text, LocalTime time) implements Point {}

  /** {@code 2026-03-14T22:00} or {@code 2026-03-14}: read in the report's zone. */
  public record Local(String text, LocalDateTime at) implements Point {}

  /** {@code 2026-03-14T21:00Z}, {@code 2026-03-14T22:00+01:00}. */
  public record Absolute(String text, Instant at) implements Point {}

  /** {@code 8h}. */
  public record Span(String text, Duration length) implements Point {}

  /** Reads one end; the message says what is accepted. */
  public static Point parse(String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) throw new IllegalArgumentException("empty: " + HELP);
    if (TIME_OF_DAY.matcher(t).matches()) {
      try {
        return new TimeOfDay(t, LocalTime.parse(t.length() == 4 || t.length() == 7 ? "0" + t : t));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + t + "' is not a time of day (00:00 to 23:59)");
      }
    }
    Matcher m = SHORT_DURATION.matcher(t.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      Duration d = Duration.ofDays(num(m.group(1))).plusHours(num(m.group(2))).plusMinutes(num(m.group(3)));
      return span(t, d);
    }
    if (t.startsWith("P") || t.startsWith("p")) {
      try {
        return span(t, Duration.parse(t));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("cannot read '" + t + "': " + HELP);
      }
    }
    try {
      return new Absolute(t, OffsetDateTime.parse(t).toInstant());
    } catch (DateTimeParseException notOffset) {
      // a local date-time or date, read in the zone below
    }
    try {
      return new Local(t, LocalDateTime.parse(t));
    } catch (DateTimeParseException notLocal) {
      // maybe a date
    }
    try {
      return new Local(t, LocalDate.parse(t).atStartOfDay());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("cannot read '" + t + "': " + HELP);
    }
  }

  /**
   * Places both ends on the time line. {@code until} null means now.
   *
   * @throws IllegalArgumentException naming {@code --since} or {@code --until} when the ends make no period
   */
  public static ReportPeriod resolve(Point since, Point until, ZoneId zone, Instant now) {
    Instant start = since instanceof TimeOfDay t ? lastBefore(t.time(), zone, now)
        : since instanceof Span s ? now.minus(s.length())
        : at(since, zone);
    if (!start.isBefore(now)) {
      throw new IllegalArgumentException("--since " + since.text() + " (" + describe(start, zone) + ") is not in the past");
    }
    Instant end = until == null ? now
        : until instanceof TimeOfDay t ? firstAfter(t.time(), zone, start)
        : until instanceof Span s ? start.plus(s.length())
        : at(until, zone);
    if (end.isAfter(now)) end = now;
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("--until " + until.text() + " (" + describe(end, zone) + ") is not after --since "
          + since.text() + " (" + describe(start, zone) + ")");
    }
    if (Duration.between(start, end).compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException("--since " + since.text() + ": a report covers at most " + LONGEST.toDays() + " days");
    }
    return new ReportPeriod(start, end, zone);
  }

  /** The zone: the one given, else {@value #ZONE_VARIABLE}, else the machine's. */
  public static ZoneId zone(String given, Map<String, String> env) {
    if (given != null && !given.isBlank()) return zoneOf(given, "--zone");
    String fromEnv = env.get(ZONE_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) return zoneOf(fromEnv, ZONE_VARIABLE);
    return ZoneId.systemDefault();
  }

  private static ZoneId zoneOf(String text, String where) {
    try {
      return ZoneId.of(text.strip());
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(where + ": unknown time zone '" + text.strip()
          + "' (give a region such as Europe/Paris, or UTC, or an offset such as +01:00)");
    }
  }

  /** The most recent {@code time} strictly before {@code now} in the zone. */
  public static Instant lastBefore(LocalTime time, ZoneId zone, Instant now) {
    ZonedDateTime local = now.atZone(zone);
    Instant today = ZonedDateTime.of(local.toLocalDate(), time, zone).toInstant();
    return today.isBefore(now) ? today : ZonedDateTime.of(local.toLocalDate().minusDays(1), time, zone).toInstant();
  }

  /** The first {@code time} strictly after {@code start} in the zone. */
  public static Instant firstAfter(LocalTime time, ZoneId zone, Instant start) {
    ZonedDateTime local = start.atZone(zone);
    Instant sameDay = ZonedDateTime.of(local.toLocalDate(), time, zone).toInstant();
    return sameDay.isAfter(start) ? sameDay : ZonedDateTime.of(local.toLocalDate().plusDays(1), time, zone).toInstant();
  }

  private static Instant at(Point p, ZoneId zone) {
    return p instanceof Local l ? l.at().atZone(zone).toInstant() : ((Absolute) p).at();
  }

  /** {@code Sat 14 Mar 22:00 to Sun 15 Mar 06:00 (Europe/Paris)}. */
  public String describe() {
    return ReportText.period(this);
  }

  /** The length of the period. */
  public Duration length() {
    return Duration.between(since, until);
  }

  private static String describe(Instant at, ZoneId zone) {
    return ReportText.dateTime(at, zone);
  }

  private static Span span(String text, Duration d) {
    if (d.isZero() || d.isNegative()) throw new IllegalArgumentException("'" + text + "' is not a positive duration");
    return new Span(text, d);
  }

  private static long num(String group) {
    return group == null ? 0 : Long.parseLong(group);
  }
}
