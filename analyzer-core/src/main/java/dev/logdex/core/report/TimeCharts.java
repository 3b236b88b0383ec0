package dev.logdex.core.report;

import static dev.logdex.core.report.Html.esc;
import static dev.logdex.core.report.Html.fmt;

import dev.logdex.core.analysis.Activity;
import dev.logdex.core.analysis.TopQuery;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The workload over time as inline SVG: the time of each bucket stacked by class, statements per second, and p95
 * latency, each with its axes labelled; hovering a bucket names it and its values. And a latency histogram per
 * query class. No script: the hover text is each shape's SVG title.
 */
final class TimeCharts {
  private TimeCharts() {}

  /** The palette of the classes drawn on their own; "other" is grey. */
  private static final String[] COLORS = {"#2f6fde", "#e07b00", "#2e9e5b", "#b03a8c", "#7a5cd6"};
  private static final String OTHER = "#b8bfcc";

  private static final int LEFT = 64;
  private static final int PLOT_W = 800;
  private static final int PLOT_H = 170;
  private static final int TOP = 10;
  private static final int BOTTOM = 34;

  /** The section: the busiest bucket named, then the charts. Empty when the logs carry no times. */
  static String section(Activity a, boolean timed, List<TopQuery> top) {
    if (a.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder("<section id=\"activity\"><h2>Over time</h2>");
    b.append("<p class=\"muted\">").append(a.points().size()).append(" buckets of ").append(duration(a.widthSeconds()))
        .append(", times in UTC.");
    a.busiest().ifPresent(p -> b.append(" Busiest: <strong id=\"busiest\">").append(esc(label(p, a)))
        .append("</strong>, ").append(esc(values(p, timed))).append('.'));
    b.append("</p>");
    if (timed) {
      b.append(stacked(a, top));
    }
    b.append(line("chart-rate", "Statements per second", a, Activity.Point::perSecond, "/s"));
    if (timed && a.latencyOfAll() && a.points().stream().anyMatch(p -> p.p95Millis() >= 0)) {
      b.append(line("chart-p95", "p95 latency of the statements timed one by one", a,
          p -> Math.max(0, p.p95Millis()), "ms"));
    }
    return b.append("</section>\n").toString();
  }

  /** Each bucket's time as a bar, split by the costliest classes and the rest. */
  private static String stacked(Activity a, List<TopQuery> top) {
    List<Activity.Point> points = a.points();
    double max = points.stream().mapToDouble(Activity.Point::millis).max().orElse(0);
    StringBuilder b = open("chart-time", "Total time per bucket, by query class", max, "ms");
    double w = (double) PLOT_W / points.size();
    for (int i = 0; i < points.size(); i++) {
      Activity.Point p = points.get(i);
      double x = LEFT + i * w;
      double y = TOP + PLOT_H;
      b.append("<g class=\"bucket\"><title>").append(esc(label(p, a) + ": " + values(p, true)));
      for (int c = 0; c < a.classes().size(); c++) {
        b.append(esc("\n" + a.classes().get(c).substring(0, 8) + ": " + fmt(p.classMillis().get(c)) + " ms"));
      }
      b.append(esc("\nother: " + fmt(p.otherMillis()) + " ms")).append("</title>");
      for (int c = 0; c <= a.classes().size(); c++) {
        double v = c < a.classes().size() ? p.classMillis().get(c) : p.otherMillis();
        double h = max <= 0 ? 0 : PLOT_H * v / max;
        if (h <= 0) {
          continue;
        }
        y -= h;
        b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
            x, y, Math.max(0.5, w - 1), h, c < a.classes().size() ? COLORS[c] : OTHER));
      }
      b.append("</g>");
    }
    close(b, a);
    b.append("<p class=\"legend\">");
    for (int c = 0; c < a.classes().size(); c++) {
      String id = a.classes().get(c);
      String sample = top.stream().filter(q -> q.fingerprint().equals(id)).findFirst()
          .map(q -> TextReport.cut(TextReport.oneLine(q.sample()), 70)).orElse("");
      b.append("<span><i style=\"background:").append(COLORS[c]).append("\"></i><code>").append(esc(id.substring(0, 8)))
          .append("</code> ").append(esc(sample)).append("</span> ");
    }
    return b.append("<span><i style=\"background:").append(OTHER).append("\"></i>other classes</span></p></figure>\n")
        .toString();
  }

  /** One value per bucket as a line with a dot per bucket, each dot naming its bucket and value. */
  private static String line(String id, String title, Activity a, ToDoubleFunction<Activity.Point> value,
      String unit) {
    List<Activity.Point> points = a.points();
    double max = points.stream().mapToDouble(value).max().orElse(0);
    StringBuilder b = open(id, title, max, unit);
    double w = (double) PLOT_W / points.size();
    List<String> xy = new ArrayList<>();
    StringBuilder dots = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      double v = value.applyAsDouble(points.get(i));
      double x = LEFT + (i + 0.5) * w;
      double y = TOP + PLOT_H - (max <= 0 ? 0 : PLOT_H * v / max);
      xy.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
      dots.append(String.format(Locale.ROOT, "<circle class=\"dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\">", x, y,
          Math.min(3.0, Math.max(1.2, w / 3)))).append("<title>").append(esc(label(points.get(i), a) + ": "
          + fmt(v) + " " + unit)).append("</title></circle>");
    }
    b.append("<polyline class=\"line\" points=\"").append(String.join(" ", xy)).append("\"/>").append(dots);
    close(b, a);
    return b.append("</figure>\n").toString();
  }

  /** The figure, its caption, and the y axis from 0 to {@code max} with three labelled ticks. */
  private static StringBuilder open(String id, String title, double max, String unit) {
    StringBuilder b = new StringBuilder();
    b.append("<figure class=\"chart\" id=\"").append(esc(id)).append("\"><figcaption>").append(esc(title))
        .append("</figcaption><svg role=\"img\" aria-label=\"").append(esc(title)).append("\" viewBox=\"0 0 ")
        .append(LEFT + PLOT_W + 16).append(' ').append(TOP + PLOT_H + BOTTOM).append("\" width=\"100%\">");
    for (int t = 0; t <= 2; t++) {
      double v = max * t / 2;
      double y = TOP + PLOT_H - PLOT_H * t / 2.0;
      b.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>", LEFT,
          LEFT + PLOT_W, y, y));
      b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%d\" y=\"%.1f\" text-anchor=\"end\">", LEFT - 6,
          y + 4)).append(esc(fmt(v) + " " + unit)).append("</text>");
    }
    return b;
  }

  /** The x axis: a line and up to six time labels. */
  private static void close(StringBuilder b, Activity a) {
    List<Activity.Point> points = a.points();
    int y = TOP + PLOT_H;
    b.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>", LEFT,
        LEFT + PLOT_W, y, y));
    int ticks = Math.min(6, points.size());
    double w = (double) PLOT_W / points.size();
    boolean days = points.get(points.size() - 1).start().getEpochSecond() - points.get(0).start().getEpochSecond()
        >= 86_400;
    for (int t = 0; t < ticks; t++) {
      int i = ticks == 1 ? 0 : (int) Math.round((points.size() - 1) * t / (double) (ticks - 1));
      double x = LEFT + (i + 0.5) * w;
      // The first and last labels lean inwards, so that neither runs off the chart.
      String anchor = ticks > 1 && t == 0 ? "start" : ticks > 1 && t == ticks - 1 ? "end" : "middle";
      b.append(String.format(Locale.ROOT, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">", x,
          y + 16, anchor)).append(esc(clock(points.get(i), a.widthSeconds(), days))).append("</text>");
    }
    b.append("</svg>");
  }

  private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private static String clock(Activity.Point p, long width, boolean days) {
    return (days ? DAY_TIME : width < 60 ? SECONDS : TIME).format(p.start());
  }

  /** A bucket as a reader names it: its start and length. */
  static String label(Activity.Point p, Activity a) {
    return FULL.format(p.start()) + " UTC (" + duration(a.widthSeconds()) + ")";
  }

  /** A bucket's values in one phrase. */
  static String values(Activity.Point p, boolean timed) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%,d statements, %s/s", p.calls(),
        fmt(p.perSecond())));
    if (timed) {
      s.append(", ").append(fmt(p.millis())).append(" ms total");
      if (p.p95Millis() >= 0) {
        s.append(", p95 ").append(fmt(p.p95Millis())).append(" ms");
      }
    }
    return s.toString();
  }

  static String duration(long seconds) {
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + (seconds == 86_400 ? " day" : " days");
    }
    if (seconds % 3600 == 0) {
      return seconds / 3600 + " h";
    }
    if (seconds % 60 == 0) {
      return seconds / 60 + " min";
    }
    return seconds + " s";
  }

  /** A class's latency histogram: one bar per band, its height the share of executions, with the count on hover. */
  static String histogram(TopQuery q) {
    if (q.histogram().isEmpty()) {
      return "-";
    }
    long max = q.histogram().stream().mapToLong(Long::longValue).max().orElse(0);
    int barW = 11;
    int h = 28;
    StringBuilder b = new StringBuilder("<svg class=\"histogram\" role=\"img\" aria-label=\"latency histogram\" "
        + "viewBox=\"0 0 " + (barW * q.histogram().size()) + " " + (h + 10) + "\" width=\""
        + (barW * q.histogram().size()) + "\" height=\"" + (h + 10) + "\">");
    for (int i = 0; i < q.histogram().size(); i++) {
      long n = q.histogram().get(i);
      double bh = max == 0 || n == 0 ? 0 : Math.max(1.5, h * n / (double) max);
      b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" class=\"hbar\">",
          i * barW + 1, h - bh, barW - 2, Math.max(bh, 0.01)))
          .append("<title>").append(esc(TopQuery.HISTOGRAM_BANDS.get(i) + ": " + String.format(Locale.ROOT, "%,d", n)))
          .append("</title></rect>");
    }
    b.append("<text x=\"0\" y=\"").append(h + 9).append("\" class=\"tick\">1us</text><text x=\"")
        .append(barW * q.histogram().size()).append("\" y=\"").append(h + 9)
        .append("\" class=\"tick\" text-anchor=\"end\">10s+</text>");
    return b.append("</svg>").toString();
  }
}
