package dev.logdex.core.report;

import dev.logdex.core.analysis.Activity;
import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.analysis.TopQuery;
import dev.logdex.core.analysis.UnparsedStatement;
import dev.logdex.core.model.InputSummary;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.recommend.ServedQuery;
import dev.logdex.core.rules.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** Markdown for a pull-request or issue comment. Log text is escaped so it cannot break the table or the page. */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static void write(AnalysisReport r, Writer out) throws IOException {
    StringBuilder b = new StringBuilder("# logdex report\n\n");
    for (String c : Caveats.of(r)) {
      b.append("> **Note:** ").append(cell(c)).append("\n\n");
    }
    b.append(String.format(Locale.ROOT, "%,d statements, %,d distinct query classes (%,d parsed), %,.1f ms total.%n%n",
        r.statements(), r.fingerprints(), r.parsed(), r.totalMillis()));
    b.append("## Index recommendations\n\n");
    r.verification().ifPresent(v -> b.append(cell(TextReport.verificationLine(v))).append("\n\n"));
    r.rehearsal().ifPresent(x -> b.append(cell(RehearsalReport.line(x))).append("\n\n"));
    if (r.recommendations().isEmpty()) {
      b.append("None.\n");
    } else {
      b.append("| # | table | columns | " + (r.timed() ? "benefit (ms)" : "calls served (untimed logs)")
          + " | queries | why |\n|---|---|---|---:|---:|---|\n");
      for (Recommendation rec : r.recommendations()) {
        String cols = String.join(", ", rec.index().keys())
            + (rec.index().where().isEmpty() ? "" : " WHERE " + rec.index().where());
        b.append(String.format(Locale.ROOT, "| %d | %s | %s | %,.1f | %d | %s |%n", rec.rank(),
            cell(rec.index().table()), cell(cols), rec.benefit(), rec.queries().size(), cell(rec.reason())));
      }
      b.append('\n');
      for (Recommendation rec : r.recommendations()) {
        b.append("### ").append(rec.rank()).append(". ").append(cell(rec.name())).append("\n\n");
        b.append(fence(rec.ddl()));
        b.append("Serves:\n\n");
        for (ServedQuery q : rec.queries()) {
          b.append(String.format(Locale.ROOT, "- `%s`, %,d calls, %,.1f ms: %s%n", q.fingerprint(), q.calls(),
              q.totalMillis(), code(TextReport.cut(TextReport.oneLine(q.sample()), 160))));
        }
        b.append('\n');
      }
    }
    if (!r.findings().isEmpty()) {
      b.append("## Findings\n\n| severity | rule | table | message |\n|---|---|---|---|\n");
      for (Finding f : r.findings()) {
        b.append("| ").append(f.severity().label()).append(" | ").append(cell(f.rule())).append(" | ")
            .append(cell(f.table())).append(" | ").append(cell(f.message())).append(" |\n");
      }
      b.append('\n');
    }
    if (!r.topQueries().isEmpty()) {
      b.append(r.timed() ? "## Top queries by total time\n\n" : "## Top queries by calls (the logs have no timings)\n\n")
          .append("| fingerprint | calls | total ms | mean ms | p50 ms | p95 ms | p99 ms | max ms | statement |\n")
          .append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
      for (TopQuery q : r.topQueries()) {
        b.append("| `").append(q.fingerprint()).append("` | ").append(String.format(Locale.ROOT, "%,d | %,.1f | %,.2f | ",
            q.calls(), q.totalMillis(), q.meanMillis()));
        if (q.hasPercentiles()) {
          b.append(String.format(Locale.ROOT, "%,.2f | %,.2f | %,.2f | %,.2f | ", q.p50Millis(), q.p95Millis(),
              q.p99Millis(), q.maxMillis()));
        } else {
          b.append("- | - | - | - | ");
        }
        b.append(cellCode(TextReport.cut(TextReport.oneLine(q.sample()), 100))).append(" |\n");
      }
      b.append("\nPercentiles come from executions timed one by one (slow and server logs); a pg_stat_statements "
          + "export has totals only, shown as -.\n\n");
      histograms(b, r.topQueries());
    }
    activity(b, r);
    if (!r.unparsed().isEmpty()) {
      b.append("## Not parsed\n\n");
      for (UnparsedStatement u : r.unparsed()) {
        b.append("- `").append(u.fingerprint()).append("`: ")
            .append(code(TextReport.cut(TextReport.oneLine(u.sample()), 120))).append(" (")
            .append(cell(u.reason())).append(")\n");
      }
      b.append('\n');
    }
    b.append("## Inputs\n\n");
    for (InputSummary in : r.inputs()) {
      b.append("- ").append(cell(in.path())).append(" (").append(in.format()).append("): ")
          .append(in.events()).append(" events");
      if (in.skippedTotal() > 0) {
        b.append(", skipped: ").append(cell(in.skipped().toString()));
      }
      b.append('\n');
    }
    r.rehearsal().ifPresent(x -> b.append('\n').append(RehearsalReport.markdownBody(x, "##")));
    out.write(b.toString());
    out.flush();
  }

  /**
   * Text for a table cell or a line: control characters shown as escapes, and nothing that Markdown or the HTML it
   * becomes would act on ({@code |} ends a cell, {@code <} starts a tag, and so on).
   */
  static String cell(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : Escape.terminalLine(TextReport.oneLine(s)).toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '|' -> b.append("\\|");
        case '\\', '`', '[', ']' -> b.append('\\').append(c); // no code span, link or image can start
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** A code span in a table cell: GFM ends the cell at a | even inside code, unless it is written \\|. */
  /** Each top class's latency histogram, drawn as pt-query-digest draws it: one row per band, bars of #. */
  private static void histograms(StringBuilder b, List<TopQuery> top) {
    List<TopQuery> drawn = top.stream().filter(q -> !q.histogram().isEmpty()).toList();
    if (drawn.isEmpty()) {
      return;
    }
    b.append("### Latency histograms\n\n");
    for (TopQuery q : drawn) {
      b.append("`").append(q.fingerprint()).append("`\n\n```\n");
      TextReport.histogramLines(q).forEach(b::append);
      b.append("```\n\n");
    }
  }

  /** The workload over time: the busiest bucket, then every bucket in a table a reader can open. */
  private static void activity(StringBuilder b, AnalysisReport r) {
    Activity a = r.activity();
    if (a.isEmpty()) {
      return;
    }
    b.append("## Over time\n\n").append(a.points().size()).append(" buckets of ")
        .append(TimeCharts.duration(a.widthSeconds())).append(", times in UTC.");
    a.busiest().ifPresent(p -> b.append(" Busiest: **").append(cell(TimeCharts.label(p, a))).append("**, ")
        .append(cell(TimeCharts.values(p, r.timed()))).append('.'));
    b.append("\n\n<details><summary>Every bucket</summary>\n\n| start (UTC) | statements | per second |");
    if (r.timed()) {
      b.append(" total ms | p95 ms |");
      a.classes().forEach(id -> b.append(" `").append(id, 0, 8).append("` ms |"));
      b.append(" other ms |");
    }
    b.append("\n|---|---:|---:|");
    if (r.timed()) {
      b.append("---:|---:|").append("---:|".repeat(a.classes().size() + 1));
    }
    b.append('\n');
    for (Activity.Point p : a.points()) {
      b.append("| ").append(p.start()).append(String.format(Locale.ROOT, " | %,d | %,.2f |", p.calls(), p.perSecond()));
      if (r.timed()) {
        b.append(String.format(Locale.ROOT, " %,.1f | %s |", p.millis(),
            p.p95Millis() < 0 ? "-" : String.format(Locale.ROOT, "%,.2f", p.p95Millis())));
        p.classMillis().forEach(ms -> b.append(String.format(Locale.ROOT, " %,.1f |", ms)));
        b.append(String.format(Locale.ROOT, " %,.1f |", p.otherMillis()));
      }
      b.append('\n');
    }
    b.append("\n</details>\n\n");
  }

  private static String cellCode(String text) {
    return code(Escape.terminalLine(text).replace("|", "\\|"));
  }

  /** A code span: inside it nothing is markup or HTML. */
  static String code(String text) {
    String s = Escape.terminalLine(text);
    // Inline code ends at the first run of backticks as long as its fence: use a longer fence than any inside.
    int longest = 0;
    int run = 0;
    for (char c : s.toCharArray()) {
      run = c == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(longest + 1);
    return fence + " " + s + " " + fence;
  }

  private static String fence(String sql) {
    return "```sql\n" + Escape.terminal(sql).replace("```", "` ` `") + "\n```\n\n";
  }
}
