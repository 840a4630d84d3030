package io.helpdeskbridge.report;

import io.helpdeskbridge.ops.Html;
import java.util.List;
import java.util.Locale;

/**
 * The deliveries-per-hour picture of a report, two ways: text bars for Markdown and plain-text
 * notes ({@code 22:00 ████████ 12}), and an inline SVG bar chart for HTML that names itself for
 * screen readers ({@code role="img"}, {@code <title>}, {@code <desc>}).
 */
public final class HourlyChart {

  /** Characters of the longest text bar. */
  static final int TEXT_WIDTH = 30;
  private static final int BAR = 22;
  private static final int GAP = 6;
  private static final int PLOT_HEIGHT = 120;
  private static final int TOP = 18;
  private static final int BOTTOM = 22;
  private static final int LEFT = 8;

  private HourlyChart() {}

  /**
   * One line per bucket: label, bar, count. A bucket with any delivery gets at least one block, so
   * a quiet hour with one event still shows.
   */
  public static String text(List<ShiftReport.Bucket> buckets) {
    long max = buckets.stream().mapToLong(ShiftReport.Bucket::events).max().orElse(0);
    int labelWidth = buckets.stream().mapToInt(b -> b.label().length()).max().orElse(5);
    StringBuilder out = new StringBuilder();
    for (ShiftReport.Bucket b : buckets) {
      String bar = "█".repeat(blocks(b.events(), max));
      out.append(String.format(Locale.ROOT, "%-" + labelWidth + "s %s%s%d%n", b.label(), bar, bar.isEmpty() ? "" : " ",
          b.events()));
    }
    return out.toString();
  }

  static int blocks(long n, long max) {
    if (n <= 0 || max <= 0) return 0;
    return (int) Math.max(1, Math.round((double) n * TEXT_WIDTH / max));
  }

  /**
   * An SVG bar chart, one bar per bucket with its count above and its label below.
   *
   * @param id prefix of the ids the title and description get (for {@code aria-labelledby})
   * @param title what the chart shows, spoken first
   */
  public static String svg(List<ShiftReport.Bucket> buckets, String id, String title) {
    long max = buckets.stream().mapToLong(ShiftReport.Bucket::events).max().orElse(0);
    int width = LEFT * 2 + Math.max(1, buckets.size()) * (BAR + GAP);
    int height = TOP + PLOT_HEIGHT + BOTTOM;
    StringBuilder desc = new StringBuilder();
    for (ShiftReport.Bucket b : buckets) {
      desc.append(desc.length() == 0 ? "" : ", ").append(b.label()).append(": ").append(b.events());
    }
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width).append("\" height=\"")
        .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
        .append("\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\">\n");
    svg.append("<title id=\"").append(id).append("-title\">").append(Html.esc(title)).append("</title>\n");
    svg.append("<desc id=\"").append(id).append("-desc\">").append(Html.esc(desc.length() == 0 ? "no buckets" : desc.toString()))
        .append("</desc>\n");
    int baseline = TOP + PLOT_HEIGHT;
    svg.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(baseline).append("\" x2=\"").append(width - LEFT)
        .append("\" y2=\"").append(baseline).append("\" stroke=\"#767676\"/>\n");
    for (int i = 0; i < buckets.size(); i++) {
      ShiftReport.Bucket b = buckets.get(i);
      int h = max == 0 ? 0 : (int) Math.round((double) b.events() * PLOT_HEIGHT / max);
      if (b.events() > 0) h = Math.max(h, 1);
      int x = LEFT + i * (BAR + GAP) + GAP / 2;
      int mid = x + BAR / 2;
      svg.append("<g><rect x=\"").append(x).append("\" y=\"").append(baseline - h).append("\" width=\"").append(BAR)
          .append("\" height=\"").append(h).append("\" fill=\"#1f5fa8\"/>");
      svg.append("<text x=\"").append(mid).append("\" y=\"").append(baseline - h - 4)
          .append("\" font-size=\"10\" text-anchor=\"middle\">").append(b.events()).append("</text>");
      svg.append("<text x=\"").append(mid).append("\" y=\"").append(baseline + 14)
          .append("\" font-size=\"9\" text-anchor=\"middle\">").append(Html.esc(shortLabel(b.label()))).append("</text></g>\n");
    }
    svg.append("</svg>");
    return svg.toString();
  }

  /** Hours print as {@code 22h} under a narrow bar; days as {@code 03-14}. */
  private static String shortLabel(String label) {
    if (label.length() == 5 && label.charAt(2) == ':') return label.endsWith(":00") ? label.substring(0, 2) + "h" : label;
    return label.length() == 10 ? label.substring(5) : label;
  }
}
