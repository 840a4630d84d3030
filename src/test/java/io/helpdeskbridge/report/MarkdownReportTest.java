package io.helpdeskbridge.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarkdownReportTest {

  @Test
  void theSummaryCarriesEveryHeadlineNumber() {
    String md = MarkdownReport.render(SampleReports.night());

    assertThat(md).startsWith("# Shift report: Sat 14 Mar 22:00 to Sun 15 Mar 06:00 (Europe/Paris)\n")
        .contains("| What | Count |\n| --- | ---: |\n")
        .contains("| Deliveries received | 27 |")
        .contains("| Events handled | 17 |")
        .contains("| Tickets touched | 13 (2 created) |")
        .contains("| New problem tickets | 1 |")
        .contains("| Refunds issued | 3 (75.50 USD) |")
        .contains("| Refunds failed or refused | 3 |")
        .contains("| Dead letters open | 5 (2 new) |")
        .contains("| Helpdesk errors | 4 (2 rate limited) |")
        .endsWith("_Generated Sun 15 Mar 06:00 by Helpdesk Bridge._\n");
  }

  @Test
  void theChartIsTextBarsScaledToTheBusiestHour() {
    String md = MarkdownReport.render(SampleReports.night());

    assertThat(md).contains("## Events per hour\n\nDeliveries received per hour (Europe/Paris):\n\n```text\n"
        + "22:00 " + "█".repeat(30) + " 12\n"
        + "23:00 " + "█".repeat(10) + " 4\n"
        + "00:00 0\n"
        + "01:00 " + "█".repeat(3) + " 1\n"
        + "02:00 " + "█".repeat(8) + " 3\n"
        + "03:00 0\n"
        + "04:00 " + "█".repeat(5) + " 2\n"
        + "05:00 " + "█".repeat(13) + " 5\n```\n");
  }

  @Test
  void eachSectionIsATableWithItsNumbers() {
    String md = MarkdownReport.render(SampleReports.night());

    assertThat(md)
        .contains("## Deliveries by source\n\n| Source | Received | Done | Ignored | Dead | Waiting |\n"
            + "| --- | ---: | ---: | ---: | ---: | ---: |\n| stripe | 20 | 17 | 1 | 2 | 0 |\n| easypost | 7 | 6 | 0 | 0 | 1 |\n")
        .contains("| RefundIssued | 11 | 10 |")
        .contains("| zendesk | 13 | 2 |")
        .contains("| UPS / FR-75 | zendesk | #900 | Sun 15 Mar 01:10 | 4 | open |")
        .contains("| issued | USD | 3 | 75.50 USD |\n| failed | EUR | 1 | 12.00 EUR |\n| refused | USD | 2 | 900.00 USD |")
        .contains("5 open now, 2 of them died in this period.")
        .contains("| stripe | 5 | 2 |")
        // a pipe in an error would end the cell
        .contains("| zendesk: update ticket 42: Zendesk 422 <Unprocessable> \\| Entity | 3 |")
        .contains("## Top carriers with exceptions\n\n| Carrier | Exceptions | Tickets |\n| --- | ---: | ---: |\n| UPS / FR-75 | 6 | 5 |")
        .contains("| zendesk | 4 | 1 | 3 | 2 |")
        .contains("| zendesk | zendesk: update ticket 7: Zendesk 429 rate limited | 2 |");
  }

  @Test
  void aQuietNightSaysSoInEachSection() {
    String md = MarkdownReport.render(SampleReports.quiet());

    assertThat(md).contains("| Deliveries received | 0 |")
        .contains("No deliveries in this period.")
        .contains("No deliveries.")
        .contains("No event reached a ticket.")
        .contains("No carrier incident was opened.")
        .contains("No refund was asked for.")
        .contains("No dead letters.")
        .contains("No shipment exceptions.")
        .contains("No helpdesk errors.")
        .doesNotContain("```");
  }
}
