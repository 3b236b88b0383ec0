package dev.logdex.core.report;

import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.analysis.TopQuery;
import dev.logdex.core.analysis.UnparsedStatement;
import dev.logdex.core.analysis.Verification;
import dev.logdex.core.model.InputSummary;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.rules.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text view: a ranked table, then findings, then one line of totals; on a terminal every line fits 100 columns.
 */
public final class TextReport {
  private TextReport() {}

  public static void write(AnalysisReport r, Writer out) throws IOException {
    write(r, out, false);
  }

  /**
   * Writes the report; with {@code color}, ANSI colours for a terminal (the caller checks for one, and for
   * {@code NO_COLOR}). Colour codes take no columns: the table still fits 100.
   */
  public static void write(AnalysisReport r, Writer out, boolean color) throws IOException {
    write(r, out, color, true);
  }

  /**
   * Writes the report; with {@code fit}, long names, reasons and statements are cut so that every line fits 100
   * columns (for a terminal); without, they are written whole (for a file or a pipe, read by a program or later).
   */
  public static void write(AnalysisReport r, Writer out, boolean color, boolean fit) throws IOException {
    java.util.function.IntUnaryOperator width = n -> fit ? n : Integer.MAX_VALUE;
    StringBuilder b = new StringBuilder();
    for (String c : Caveats.of(r)) {
      b.append(bold("note: ", color)).append(Escape.terminal(c)).append('\n');
    }
    if (r.recommendations().isEmpty()) {
      b.append("No index recommendations.\n");
    } else {
      b.append(bold(String.format(Locale.ROOT, "%-4s %-18s %-40s %12s %7s", "#", "table", "columns",
          r.timed() ? "benefit ms" : "calls served",
          "queries"), color)).append('\n');
      for (Recommendation rec : r.recommendations()) {
        String cols = String.join(", ", rec.index().keys())
            + (rec.index().where().isEmpty() ? "" : " WHERE " + rec.index().where());
        b.append(String.format(Locale.ROOT, "%-4d %-18s %-40s %,12.1f %7d%n", rec.rank(),
            cut(rec.index().table(), width.applyAsInt(18)), cut(cols, width.applyAsInt(40)), rec.benefit(),
            rec.queries().size()));
        b.append("     ").append(cut(rec.reason(), width.applyAsInt(95))).append('\n');
        String ddl = Escape.terminal(rec.shortDdl());
        b.append("     ").append(color ? "\u001b[36m" + ddl + "\u001b[0m" : ddl).append('\n');
      }
    }
    if (!r.findings().isEmpty()) {
      b.append('\n').append(bold("Findings:", color)).append('\n');
      for (Finding f : r.findings()) {
        String sev = String.format(Locale.ROOT, "%-7s", f.severity().label());
        b.append("  ").append(severity(sev, f.severity(), color))
            .append(String.format(Locale.ROOT, " %-22s %s%n", f.rule(), cut(f.message(), width.applyAsInt(67))));
      }
    }
    if (!r.topQueries().isEmpty()) {
      b.append('\n').append(bold(r.timed() ? "Top queries by total time:"
          : "Top queries by calls (the logs have no timings):", color)).append('\n');
      b.append(String.format(Locale.ROOT, "  %-8s %9s %11s %8s %8s %8s  %s%n", "id", "calls", "total ms", "mean ms",
          "p95 ms", "p99 ms", "statement"));
      for (TopQuery q : r.topQueries().subList(0, Math.min(TEXT_TOP_QUERIES, r.topQueries().size()))) {
        b.append(String.format(Locale.ROOT, "  %-8s %9s %11s %8s %8s %8s  %s%n", q.fingerprint().substring(0, 8),
            compact(q.calls()), r.timed() ? String.format(Locale.ROOT, "%,.1f", q.totalMillis()) : "-",
            r.timed() ? millis(q.meanMillis()) : "-", q.hasPercentiles() ? millis(q.p95Millis()) : "-",
            q.hasPercentiles() ? millis(q.p99Millis()) : "-", cut(oneLine(q.sample()), width.applyAsInt(38))));
      }
    }
    if (!r.unparsed().isEmpty()) {
      b.append('\n').append("Not parsed (").append(r.unparsed().size()).append("):\n");
      for (UnparsedStatement u : r.unparsed()) {
        b.append("  ").append(u.fingerprint()).append("  ").append(cut(oneLine(u.sample()), width.applyAsInt(60)))
            .append('\n');
        b.append("      ").append(cut(u.reason(), width.applyAsInt(92))).append('\n');
      }
    }
    for (String w : r.warnings()) {
      b.append("warning: ").append(Escape.terminal(w)).append('\n');
    }
    long skipped = r.inputs().stream().mapToLong(InputSummary::skippedTotal).sum();
    b.append('\n').append(String.format(Locale.ROOT,
        "%,d statements, %,d distinct, %,d parsed, %s; %d recommendations, %d findings%s%n",
        r.statements(), r.fingerprints(), r.parsed(), r.timed() ? String.format(Locale.ROOT, "%,.1f ms total",
            r.totalMillis()) : "untimed", r.recommendations().size(),
        r.findings().size(), skipped == 0 ? "" : String.format(Locale.ROOT, "; %,d input lines skipped", skipped)));
    r.activity().busiest().ifPresent(p -> b.append("busiest ").append(TimeCharts.duration(r.activity().widthSeconds()))
        .append(": ").append(TimeCharts.label(p, r.activity()).replaceFirst(" \\(.*\\)$", "")).append(", ")
        .append(TimeCharts.values(p, r.timed())).append('\n'));
    r.verification().ifPresent(v -> b.append(verificationLine(v)).append('\n'));
    r.rehearsal().ifPresent(x -> b.append(Escape.terminal(RehearsalReport.line(x))).append('\n'));
    out.write(b.toString());
    out.flush();
  }

  /**
   * A class's latency histogram as pt-query-digest draws it: one line per band ({@code "   1ms  ####... 2,293"}),
   * bars of up to 40 {@code #} scaled to the fullest band, each line ended by a newline.
   */
  public static List<String> histogramLines(TopQuery q) {
    List<String> out = new ArrayList<>();
    long max = q.histogram().stream().mapToLong(Long::longValue).max().orElse(1);
    for (int i = 0; i < q.histogram().size(); i++) {
      long n = q.histogram().get(i);
      int bar = n == 0 ? 0 : (int) Math.max(1, Math.round(40.0 * n / max));
      out.add(String.format(Locale.ROOT, "%6s  %-40s %,d%n", TopQuery.HISTOGRAM_BANDS.get(i), "#".repeat(bar), n));
    }
    return out;
  }

  /** Names by their calls, most first, each with its share of the class's calls: {@code shop 80%, crm 20%}. */
  public static String shares(Map<String, Long> names, long other, long calls) {
    List<String> parts = new ArrayList<>();
    names.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> parts.add(String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / calls)));
    if (other > 0) {
      parts.add(String.format(Locale.ROOT, "others %.0f%%", 100.0 * other / calls));
    }
    return String.join(", ", parts);
  }

  /** One line on what the planner said, for the text and Markdown views. */
  static String verificationLine(Verification v) {
    return String.format(Locale.ROOT, "verified on the database (%s): workload estimated cost %,.0f -> %,.0f "
        + "(%+.1f%%); %d used by the planner, %d demoted, %d not verified; %d query classes not planned",
        v.method(), v.costBefore(), v.costAfter(), v.changePercent(), v.used(), v.demoted(), v.unverified(),
        v.unplanned());
  }

  /** Query classes the terminal view lists (the other formats list all of the report's). */
  static final int TEXT_TOP_QUERIES = 10;

  /** A count in at most 9 columns. */
  private static String compact(long n) {
    return n < 100_000_000 ? String.format(Locale.ROOT, "%,d", n) : String.format(Locale.ROOT, "%.1fM", n / 1e6);
  }

  /** Milliseconds in at most 8 columns. */
  private static String millis(double ms) {
    return ms < 1000 ? String.format(Locale.ROOT, "%.2f", ms) : ms < 10_000_000 ? String.format(Locale.ROOT, "%,.0f",
        ms) : String.format(Locale.ROOT, "%.1e", ms);
  }

  static String bold(String s, boolean color) {
    return color ? "\u001b[1m" + s + "\u001b[0m" : s;
  }

  /** A severity label in its colour: red errors, yellow warnings, cyan information. */
  static String severity(String text, dev.logdex.core.rules.Severity s, boolean color) {
    if (!color) {
      return text;
    }
    String code = switch (s) {
      case ERROR -> "\u001b[31;1m";
      case WARNING -> "\u001b[33m";
      case INFO -> "\u001b[36m";
    };
    return code + text + "\u001b[0m";
  }

  /** {@code s} escaped for a terminal line (it comes from a log, a schema or a catalog), cut to {@code width}. */
  static String cut(String s, int width) {
    String e = Escape.terminalLine(s);
    return e.length() <= width ? e : e.substring(0, width - 1) + "…";
  }

  static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }
}
