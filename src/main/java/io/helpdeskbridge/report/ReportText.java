package io.helpdeskbridge.report;

import io.helpdeskbridge.mapping.Redactor;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Wording shared by the report's parts: dates in the report's zone, and error texts made fit for a
 * handover (one line, class name and attempt counters dropped, card numbers and anything that looks
 * like a credential masked).
 */
final class ReportText {
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
  private static final Pattern CLASS_PREFIX = Pattern.compile("^[A-Z][A-Za-z0-9$]*(Exception|Failed|Error|Refused|Rejected): ");
  private static final Pattern COUNTERS = Pattern.compile("( \\((after \\d+ attempts|delivery \\d+ of \\d+)\\))+$");
  private static final Pattern CREDENTIAL = Pattern.compile(
      "(?i)\\b(?:(?:sk|rk|pk)_(?:live|test)_|whsec_|shpat_|shpss_|xox[abp]-)[A-Za-z0-9_-]+|(?<=bearer |basic |token[=:] ?)\\S+");
  static final int MAX_ERROR = 160;

  private ReportText() {}

  /** {@code Sat 14 Mar 22:00}. */
  static String dateTime(Instant at, ZoneId zone) {
    return DATE_TIME.format(at.atZone(zone));
  }

  /** {@code 2026-03-14}. */
  static String day(Instant at, ZoneId zone) {
    return DAY.format(at.atZone(zone));
  }

  /** {@code 22:00}. */
  static String hour(Instant at, ZoneId zone) {
    return HOUR.format(at.atZone(zone));
  }

  /** {@code Sat 14 Mar 22:00 to Sun 15 Mar 06:00 (Europe/Paris)}. */
  static String period(ReportPeriod p) {
    return dateTime(p.since(), p.zone()) + " to " + dateTime(p.until(), p.zone()) + " (" + p.zone().getId() + ")";
  }

  /**
   * An error as the handover shows it, and the key under which alike errors are counted together:
   * the first line, without the exception's class or the attempt counters, masked, cut short.
   */
  static String error(String raw) {
    if (raw == null || raw.isBlank()) return "(no error recorded)";
    String s = raw.strip().lines().findFirst().orElse("").strip();
    s = CLASS_PREFIX.matcher(s).replaceFirst("");
    s = COUNTERS.matcher(s).replaceFirst("");
    s = CREDENTIAL.matcher(Redactor.mask(s)).replaceAll("[masked]");
    return s.length() <= MAX_ERROR ? s : s.substring(0, MAX_ERROR - 1) + "…";
  }
}
