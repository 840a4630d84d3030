package io.helpdeskbridge.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Reports built by hand, for the renderers' tests: the numbers are known without a store. */
final class SampleReports {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final Instant SINCE = Instant.parse("2026-03-14T21:00:00Z");
  static final Instant UNTIL = Instant.parse("2026-03-15T05:00:00Z");

  private SampleReports() {}

  /** 22:00 to 06:00 in Paris with one of everything. */
  static ShiftReport night() {
    long[] perHour = {12, 4, 0, 1, 3, 0, 2, 5};
    List<ShiftReport.Bucket> hourly = new ArrayList<>();
    for (int i = 0; i < perHour.length; i++) {
      Instant start = SINCE.plusSeconds(3600L * i);
      hourly.add(new ShiftReport.Bucket(start, start.plusSeconds(3600), ReportText.hour(start, PARIS), perHour[i]));
    }
    return new ShiftReport(
        new ReportPeriod(SINCE, UNTIL, PARIS),
        Instant.parse("2026-03-15T05:00:30Z"),
        List.of(new ShiftReport.SourceCount("stripe", 20, 17, 1, 2, 0), new ShiftReport.SourceCount("easypost", 7, 6, 0, 0, 1)),
        List.of(new ShiftReport.TypeCount("RefundIssued", 11, 10), new ShiftReport.TypeCount("ShipmentException", 6, 6)),
        List.of(new ShiftReport.HelpdeskTickets("zendesk", 13, 2)),
        List.of(new ShiftReport.ProblemTicket("UPS / FR-75", "zendesk", "900", Instant.parse("2026-03-15T00:10:00Z"), 4, true)),
        List.of(new ShiftReport.RefundLine("issued", "USD", 3, 7550), new ShiftReport.RefundLine("failed", "EUR", 1, 1200),
            new ShiftReport.RefundLine("refused", "USD", 2, 90000)),
        new ShiftReport.DeadLetters(5, 2, List.of(new ShiftReport.SourceDead("stripe", 5, 2)),
            List.of(new ShiftReport.ErrorCount("zendesk: update ticket 42: Zendesk 422 <Unprocessable> | Entity", 3))),
        List.of(new ShiftReport.CarrierCount("UPS / FR-75", 6, 5)),
        List.of(new ShiftReport.HelpdeskErrors("zendesk", 4, 1, 3, 2,
            List.of(new ShiftReport.ErrorCount("zendesk: update ticket 7: Zendesk 429 rate limited", 2)))),
        hourly);
  }

  /** The same hours with nothing in them. */
  static ShiftReport quiet() {
    return new ShiftReport(new ReportPeriod(SINCE, UNTIL, PARIS), UNTIL, List.of(), List.of(), List.of(), List.of(), List.of(),
        new ShiftReport.DeadLetters(0, 0, List.of(), List.of()), List.of(), List.of(),
        List.of(new ShiftReport.Bucket(SINCE, UNTIL, "22:00", 0)));
  }
}
