package io.helpdeskbridge.report;

import io.helpdeskbridge.ops.Html;
import java.util.regex.Pattern;

/**
 * A {@link ShiftReport} as one self-contained HTML page: no script, no external resource, a few
 * lines of CSS. Each section is a heading and a table with column headers ({@code scope}); the
 * hourly chart is an inline SVG in a {@code <figure>} with a caption, a title and a description, and
 * its numbers are in a table beside it.
 */
public final class HtmlReport {
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");
  private static final String STYLE = """
      body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1b1b;background:#fff;margin:0}
      main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 3rem}
      h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #d0d0d0}
      table{border-collapse:collapse;margin:.5rem 0 1rem}
      th,td{padding:.3rem .7rem;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}
      th{background:#f3f4f6}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
      figure{margin:1rem 0}figcaption{font-size:.9rem;color:#4a4a4a}svg text{fill:#1b1b1b}
      details{margin:.5rem 0}footer{color:#4a4a4a;font-size:.85rem;margin-top:2rem}
      """;

  private HtmlReport() {}

  public static String render(ShiftReport r) {
    String period = ReportText.period(r.period());
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Shift report: ").append(Html.esc(period)).append("</title>\n")
        .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<main>\n");
    h.append("<h1>Shift report: ").append(Html.esc(period)).append("</h1>\n");

    h.append("<section aria-labelledby=\"summary\">\n<h2 id=\"summary\">Summary</h2>\n<table>\n<tbody>\n");
    for (ReportSections.Line line : ReportSections.summary(r)) {
      h.append("<tr><th scope=\"row\">").append(Html.esc(line.label())).append("</th><td class=\"n\">")
          .append(Html.esc(line.value())).append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n</section>\n");

    String unit = ReportSections.bucketUnit(r);
    h.append("<section aria-labelledby=\"per-hour\">\n<h2 id=\"per-hour\">Events per ").append(unit).append("</h2>\n");
    if (r.received() == 0) {
      h.append("<p>No deliveries in this period.</p>\n");
    } else {
      String caption = "Deliveries received per " + unit + ", " + period;
      h.append("<figure>\n").append(HourlyChart.svg(r.hourly(), "chart", caption)).append("\n<figcaption>")
          .append(Html.esc(caption)).append("</figcaption>\n</figure>\n");
      h.append("<details><summary>The chart's numbers</summary>\n<table>\n<thead><tr><th scope=\"col\">")
          .append("hour".equals(unit) ? "Hour" : "Day").append("</th><th scope=\"col\" class=\"n\">Deliveries</th></tr></thead>\n<tbody>\n");
      for (ShiftReport.Bucket b : r.hourly()) {
        h.append("<tr><td>").append(Html.esc(b.label())).append("</td><td class=\"n\">").append(b.events()).append("</td></tr>\n");
      }
      h.append("</tbody>\n</table>\n</details>\n");
    }
    h.append("</section>\n");

    for (ReportSections.Section s : ReportSections.sections(r)) {
      h.append("<section aria-labelledby=\"").append(s.id()).append("\">\n<h2 id=\"").append(s.id()).append("\">")
          .append(Html.esc(s.title())).append("</h2>\n");
      if (s.intro() != null) h.append("<p>").append(prose(s.intro())).append("</p>\n");
      if (s.table().rows().isEmpty()) h.append("<p>").append(prose(s.empty())).append("</p>\n");
      else table(h, s.table());
      if (s.more() != null) {
        h.append("<h3>").append(Html.esc(s.more().title())).append("</h3>\n");
        table(h, s.more());
      }
      h.append("</section>\n");
    }
    h.append("<footer>Generated ").append(Html.esc(ReportText.dateTime(r.generatedAt(), r.period().zone())))
        .append(" by Helpdesk Bridge.</footer>\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void table(StringBuilder h, ReportSections.Table t) {
    h.append("<table>\n<thead><tr>");
    for (int i = 0; i < t.headers().length; i++) {
      h.append("<th scope=\"col\"").append(numeric(t, i)).append('>').append(Html.esc(t.headers()[i])).append("</th>");
    }
    h.append("</tr></thead>\n<tbody>\n");
    for (String[] row : t.rows()) {
      h.append("<tr>");
      for (int i = 0; i < row.length; i++) {
        h.append("<td").append(numeric(t, i)).append('>').append(Html.esc(row[i])).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private static String numeric(ReportSections.Table t, int column) {
    return t.align().charAt(column) == 'r' ? " class=\"n\"" : "";
  }

  /** Text with {@code `command`} spans as {@code <code>}. */
  private static String prose(String s) {
    return CODE.matcher(Html.esc(s)).replaceAll("<code>$1</code>");
  }
}
