package io.helpdeskbridge.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HourlyChartTest {
  private static final Instant T = Instant.parse("2026-03-14T21:00:00Z");

  private static ShiftReport.Bucket bucket(String label, long n) {
    return new ShiftReport.Bucket(T, T.plusSeconds(3600), label, n);
  }

  @Test
  void barsScaleToTheBusiestBucketAndAnyEventShowsAtLeastOneBlock() {
    assertThat(HourlyChart.blocks(12, 12)).isEqualTo(30);
    assertThat(HourlyChart.blocks(6, 12)).isEqualTo(15);
    assertThat(HourlyChart.blocks(1, 1000)).isEqualTo(1);
    assertThat(HourlyChart.blocks(0, 12)).isZero();
    assertThat(HourlyChart.blocks(0, 0)).isZero();
  }

  @Test
  void textBarsAreLabelBarAndCount() {
    String text = HourlyChart.text(List.of(bucket("22:00", 12), bucket("23:00", 0), bucket("00:00", 6)));

    assertThat(text).isEqualTo("22:00 " + "█".repeat(30) + " 12\n23:00 0\n00:00 " + "█".repeat(15) + " 6\n");
  }

  @Test
  void longerLabelsLineUp() {
    String text = HourlyChart.text(List.of(bucket("2026-03-14", 2), bucket("2026-03-15", 1)));

    assertThat(text.lines()).containsExactly("2026-03-14 " + "█".repeat(30) + " 2", "2026-03-15 " + "█".repeat(15) + " 1");
  }

  @Test
  void theSvgHasABarPerBucketWithHeightsToScale() {
    String svg = HourlyChart.svg(List.of(bucket("22:00", 10), bucket("23:00", 5), bucket("00:00", 0)), "c", "Per hour");

    assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"")
        .contains("<title id=\"c-title\">Per hour</title>")
        .contains("<desc id=\"c-desc\">22:00: 10, 23:00: 5, 00:00: 0</desc>")
        .contains("height=\"120\" fill=")
        .contains("height=\"60\" fill=")
        .contains("height=\"0\" fill=")
        .contains(">22h</text>")
        .endsWith("</svg>");
  }
}
