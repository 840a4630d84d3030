package io.helpdeskbridge.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ShiftReport} as Markdown: a summary table, the hourly chart as text bars in a code
 * block, and one table per section. It reads as plain text too, which is how most helpdesks show
 * an internal note.
 */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static String render(ShiftReport r) {
    StringBuilder md = new StringBuilder();
    md.append("# Shift report: ").append(ReportText.period(r.period())).append("\n\n");

    md.append("## Summary\n\n");
    List<String[]> summary = new ArrayList<>();
    for (ReportSections.Line line : ReportSections.summary(r)) summary.add(new String[] {line.label(), line.value()});
    table(md, new ReportSections.Table(null, new String[] {"What", "Count"}, "lr", summary));

    md.append("## Events per ").append(ReportSections.bucketUnit(r)).append("\n\n");
    if (r.received() == 0) {
      md.append("No deliveries in this period.\n\n");
    } else {
      md.append("Deliveries received per ").append(ReportSections.bucketUnit(r)).append(" (").append(r.period().zone().getId())
          .append("):\n\n```text\n").append(HourlyChart.text(r.hourly())).append("```\n\n");
    }

    for (ReportSections.Section s : ReportSections.sections(r)) {
      md.append("## ").append(s.title()).append("\n\n");
      if (s.intro() != null) md.append(s.intro()).append("\n\n");
      if (s.table().rows().isEmpty()) {
        md.append(s.empty()).append("\n\n");
      } else {
        table(md, s.table());
      }
      if (s.more() != null) {
        md.append(s.more().title()).append(":\n\n");
        table(md, s.more());
      }
    }
    md.append("_Generated ").append(ReportText.dateTime(r.generatedAt(), r.period().zone()))
        .append(" by Helpdesk Bridge._\n");
    return md.toString();
  }

  private static void table(StringBuilder md, ReportSections.Table t) {
    md.append('|');
    for (String h : t.headers()) md.append(' ').append(cell(h)).append(" |");
    md.append("\n|");
    for (int i = 0; i < t.headers().length; i++) md.append(t.align().charAt(i) == 'r' ? " ---: |" : " --- |");
    md.append('\n');
    for (String[] row : t.rows()) {
      md.append('|');
      for (String c : row) md.append(' ').append(cell(c)).append(" |");
      md.append('\n');
    }
    md.append('\n');
  }

  private static String cell(String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("|", "\\|").replaceAll("\\s*\\R\\s*", " ");
  }
}
