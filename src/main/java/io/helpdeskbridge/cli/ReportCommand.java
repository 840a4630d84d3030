package io.helpdeskbridge.cli;

import io.helpdeskbridge.config.BridgeSettings;
import io.helpdeskbridge.report.HtmlReport;
import io.helpdeskbridge.report.MarkdownReport;
import io.helpdeskbridge.report.ReportPeriod;
import io.helpdeskbridge.report.ShiftReport;
import io.helpdeskbridge.report.ShiftReportQuery;
import io.helpdeskbridge.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code report --since 22:00}: the shift report (the overnight handover) from the store, as
 * Markdown or HTML, to stdout or a file. Public, with a constructor taking the environment and a
 * clock, so tests run it in-process on a store of their own.
 */
@Command(name = "report", sortOptions = false,
    description = {"The shift report: what came in, what it did to tickets, refunds, problem tickets, dead letters and",
        "helpdesk errors over a period, with a chart of events per hour. Reads the store only."})
public final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--since", required = true, paramLabel = "WHEN",
      description = {"Start: a time of day (22:00: the most recent one), an ISO date-time (2026-03-14T22:00, local to",
          "--zone unless it has an offset) or a duration back from now (8h, 90m, 1d)."})
  String since;

  @Option(names = "--until", paramLabel = "WHEN",
      description = {"End: a time of day (06:00: the first one after the start), an ISO date-time or a duration after",
          "the start. Default: now; never later than now."})
  String until;

  @Option(names = "--zone", paramLabel = "ZONE",
      description = "Time zone of the times and of the chart's hours, e.g. Europe/Paris (default: BRIDGE_REPORT_ZONE, else this machine's).")
  String zone;

  @Option(names = "--format", paramLabel = "md|html", defaultValue = "md", description = "md (default) or html.")
  String format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the report to this file instead of stdout.")
  Path out;

  private final Map<String, String> env;
  private final Clock clock;

  public ReportCommand() {
    this(System.getenv(), Clock.systemUTC());
  }

  public ReportCommand(Map<String, String> env, Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  @Override
  public Integer call() throws IOException {
    String fmt = format.strip().toLowerCase(Locale.ROOT);
    if (!fmt.equals("md") && !fmt.equals("markdown") && !fmt.equals("html")) {
      throw bad("--format: '" + format + "' is not md or html");
    }
    ZoneId z = attempt(() -> ReportPeriod.zone(zone, env));
    ReportPeriod.Point from = attempt("--since", () -> ReportPeriod.parse(since));
    ReportPeriod.Point to = until == null ? null : attempt("--until", () -> ReportPeriod.parse(until));
    Instant now = clock.instant();
    ReportPeriod period = attempt(() -> ReportPeriod.resolve(from, to, z, now));
    if (out != null) {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) throw bad("--out: folder " + parent + " does not exist");
      if (Files.isDirectory(out)) throw bad("--out: " + out + " is a folder; give a file name");
    }
    BridgeSettings settings = BridgeSettings.from(env);
    ShiftReport report;
    try (Store store = Store.open(settings.storeUrl())) {
      report = new ShiftReportQuery(store.dataSource()).build(period, now);
    }
    String text = fmt.equals("html") ? HtmlReport.render(report) : MarkdownReport.render(report);
    PrintWriter stdout = spec.commandLine().getOut();
    if (out == null) {
      stdout.print(text);
    } else {
      Files.writeString(out, text, StandardCharsets.UTF_8);
      stdout.printf("shift report %s (%d deliveries, %d dead letters open) written to %s%n", period.describe(),
          report.received(), report.dead().open(), out);
    }
    stdout.flush();
    return 0;
  }

  private <T> T attempt(String option, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw bad(option + ": " + e.getMessage());
    }
  }

  /** For checks whose messages name their option themselves. */
  private <T> T attempt(java.util.function.Supplier<T> check) {
    try {
      return check.get();
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage());
    }
  }

  private CommandLine.ParameterException bad(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
