package io.helpdeskbridge.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

  @Test
  void itIsOneLightPageWithALanguageATitleAndNoScript() {
    String html = HtmlReport.render(SampleReports.night());

    assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">")
        .contains("<meta charset=\"utf-8\">")
        .contains("<title>Shift report: Sat 14 Mar 22:00 to Sun 15 Mar 06:00 (Europe/Paris)</title>")
        .contains("<h1>Shift report: Sat 14 Mar 22:00 to Sun 15 Mar 06:00 (Europe/Paris)</h1>")
        .doesNotContain("<script").doesNotContain("src=\"http").doesNotContain("href=\"http")
        .endsWith("</html>\n");
    assertThat(html.length()).isLessThan(20_000);
  }

  @Test
  void theSummaryAndEverySectionAreTablesWithHeaders() {
    String html = HtmlReport.render(SampleReports.night());

    assertThat(html)
        .contains("<tr><th scope=\"row\">Deliveries received</th><td class=\"n\">27</td></tr>")
        .contains("<tr><th scope=\"row\">Refunds issued</th><td class=\"n\">3 (75.50 USD)</td></tr>")
        .contains("<tr><th scope=\"row\">Dead letters open</th><td class=\"n\">5 (2 new)</td></tr>")
        .contains("<tr><th scope=\"row\">Helpdesk errors</th><td class=\"n\">4 (2 rate limited)</td></tr>")
        .contains("<th scope=\"col\">Source</th><th scope=\"col\" class=\"n\">Received</th>")
        .contains("<tr><td>stripe</td><td class=\"n\">20</td><td class=\"n\">17</td><td class=\"n\">1</td><td class=\"n\">2</td>"
            + "<td class=\"n\">0</td></tr>")
        .contains("<td>UPS / FR-75</td><td>zendesk</td><td>#900</td><td>Sun 15 Mar 01:10</td><td class=\"n\">4</td><td>open</td>")
        .contains("<td>refused</td><td>USD</td><td class=\"n\">2</td><td class=\"n\">900.00 USD</td>")
        .contains("<td>UPS / FR-75</td><td class=\"n\">6</td><td class=\"n\">5</td>")
        .contains("Inspect with <code>dead list</code>, replay with <code>replay</code>.");
    for (String id : new String[] {"summary", "per-hour", "sources", "types", "tickets", "problems", "refunds", "dead", "carriers",
        "helpdesk-errors"}) {
      assertThat(html).contains("<section aria-labelledby=\"" + id + "\">").contains("<h2 id=\"" + id + "\">");
    }
    assertThat(count(html, "<table>")).isEqualTo(count(html, "<thead>") + 1); // the summary has row headers only
  }

  @Test
  void errorTextIsEscaped() {
    String html = HtmlReport.render(SampleReports.night());

    assertThat(html).contains("Zendesk 422 &lt;Unprocessable&gt; | Entity").doesNotContain("<Unprocessable>");
  }

  @Test
  void theChartIsAnSvgFigureThatNamesItselfWithItsNumbersBeside() {
    String html = HtmlReport.render(SampleReports.night());

    assertThat(html).contains("<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"")
        .contains("aria-labelledby=\"chart-title chart-desc\"")
        .contains("<title id=\"chart-title\">Deliveries received per hour, Sat 14 Mar 22:00 to Sun 15 Mar 06:00 (Europe/Paris)</title>")
        .contains("<desc id=\"chart-desc\">22:00: 12, 23:00: 4, 00:00: 0, 01:00: 1, 02:00: 3, 03:00: 0, 04:00: 2, 05:00: 5</desc>")
        .contains("<figcaption>Deliveries received per hour, Sat 14 Mar 22:00 to Sun 15 Mar 06:00 (Europe/Paris)</figcaption>\n</figure>")
        .contains("<tr><td>22:00</td><td class=\"n\">12</td></tr>")
        .contains("<tr><td>05:00</td><td class=\"n\">5</td></tr>");
    assertThat(count(html, "<rect ")).isEqualTo(8);
  }

  @Test
  void aQuietNightHasNoChart() {
    String html = HtmlReport.render(SampleReports.quiet());

    assertThat(html).contains("<p>No deliveries in this period.</p>").contains("<p>No dead letters.</p>").doesNotContain("<svg");
  }

  private static int count(String s, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
    int n = 0;
    while (m.find()) n++;
    return n;
  }
}
