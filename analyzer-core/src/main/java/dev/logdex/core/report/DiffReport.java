package dev.logdex.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.snapshot.SnapshotDiff;
import dev.logdex.core.snapshot.SnapshotDiff.QueryChange;
import dev.logdex.core.snapshot.SnapshotDiff.Status;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** Renders a {@link SnapshotDiff}: text for a terminal, Markdown for a pull-request comment, JSON for tools. */
public final class DiffReport {
  private DiffReport() {}

  public static void text(SnapshotDiff d, Writer out) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "total time %,.1f ms -> %,.1f ms (%+.1f%%)%n", d.beforeMillis(),
        d.afterMillis(), pct(d.beforeMillis(), d.afterMillis())));
    for (Status s : List.of(Status.SLOWER, Status.NEW, Status.FASTER, Status.GONE)) {
      List<QueryChange> list = d.queries().stream().filter(q -> q.status() == s).toList();
      if (list.isEmpty()) {
        continue;
      }
      b.append('\n').append(s.name().toLowerCase(Locale.ROOT)).append(" (").append(list.size()).append("):\n");
      for (QueryChange q : list) {
        b.append(String.format(Locale.ROOT, "  %s %s%n      %s%n", q.fingerprint(), line(q),
            TextReport.cut(TextReport.oneLine(q.sample()), 90)));
      }
    }
    if (!d.applied().isEmpty()) {
      b.append("\napplied recommendations:\n");
      for (SnapshotDiff.Applied a : d.applied()) {
        b.append("  ").append(Escape.terminalLine(a.recommendation().ddl())).append('\n');
        for (QueryChange q : a.served()) {
          b.append(String.format(Locale.ROOT, "      %s mean %,.3f -> %,.3f ms%n", q.fingerprint(), q.meanBefore(),
              q.meanAfter()));
        }
      }
    }
    recs(b, "still open", d.open());
    recs(b, "new recommendations", d.added());
    out.write(b.toString());
    out.flush();
  }

  public static void markdown(SnapshotDiff d, Writer out) throws IOException {
    StringBuilder b = new StringBuilder("## logdex: before / after\n\n");
    b.append(String.format(Locale.ROOT, "Total time %,.1f ms → %,.1f ms (%+.1f%%).%n%n", d.beforeMillis(),
        d.afterMillis(), pct(d.beforeMillis(), d.afterMillis())));
    List<QueryChange> moved = d.queries().stream().filter(q -> q.status() != Status.SAME).toList();
    if (!moved.isEmpty()) {
      b.append("| change | query | calls | mean ms | share of time |\n|---|---|---:|---:|---:|\n");
      for (QueryChange q : moved) {
        b.append(String.format(Locale.ROOT, "| %s | `%s` %s | %,d → %,d | %,.3f → %,.3f | %.1f%% → %.1f%% |%n",
            label(q), q.fingerprint(), MarkdownReport.cell(TextReport.cut(TextReport.oneLine(q.sample()), 80)),
            q.callsBefore(), q.callsAfter(), q.meanBefore(), q.meanAfter(), 100 * q.shareBefore(),
            100 * q.shareAfter()));
      }
      b.append('\n');
    }
    if (!d.applied().isEmpty()) {
      b.append("### Applied recommendations\n\n");
      for (SnapshotDiff.Applied a : d.applied()) {
        b.append("- `").append(MarkdownReport.cell(a.recommendation().name())).append("`: ");
        b.append(String.join(", ", a.served().stream().map(q -> String.format(Locale.ROOT,
            "`%s` %,.3f → %,.3f ms", q.fingerprint(), q.meanBefore(), q.meanAfter())).toList())).append('\n');
      }
      b.append('\n');
    }
    mdRecs(b, "Still open", d.open());
    mdRecs(b, "New recommendations", d.added());
    out.write(b.toString());
    out.flush();
  }

  /** One self-contained page: before/after bars for the classes that changed, and the lists of the text view. */
  public static void html(SnapshotDiff d, Writer out) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "<p>Total time %,.1f ms → %,.1f ms (%+.1f%%).</p>", d.beforeMillis(),
        d.afterMillis(), pct(d.beforeMillis(), d.afterMillis())));
    List<QueryChange> moved = d.queries().stream()
        .filter(q -> q.status() == Status.SLOWER || q.status() == Status.FASTER).limit(10).toList();
    java.util.List<String> labels = new java.util.ArrayList<>();
    java.util.List<Double> values = new java.util.ArrayList<>();
    for (QueryChange q : moved) {
      labels.add(q.fingerprint().substring(0, 8) + " before");
      values.add(q.meanBefore());
      labels.add(q.fingerprint().substring(0, 8) + " after");
      values.add(q.meanAfter());
    }
    b.append(Html.bars("chart-diff", "Mean time before and after, per query class that changed", labels, values,
        "ms"));
    b.append("<table><thead><tr><th>change</th><th>query</th><th>calls</th><th>mean ms</th><th>share of time</th>"
        + "</tr></thead><tbody>");
    for (QueryChange q : d.queries()) {
      if (q.status() == Status.SAME) {
        continue;
      }
      b.append("<tr><td>").append(Html.esc(label(q))).append("</td><td><code>").append(Html.esc(q.fingerprint()))
          .append("</code> ").append(Html.esc(TextReport.oneLine(q.sample()))).append("</td><td class=\"num\">")
          .append(String.format(Locale.ROOT, "%,d → %,d", q.callsBefore(), q.callsAfter()))
          .append("</td><td class=\"num\">")
          .append(String.format(Locale.ROOT, "%,.3f → %,.3f", q.meanBefore(), q.meanAfter()))
          .append("</td><td class=\"num\">")
          .append(String.format(Locale.ROOT, "%.1f%% → %.1f%%", 100 * q.shareBefore(), 100 * q.shareAfter()))
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
    for (var a : d.applied()) {
      b.append("<p>Applied: <code>").append(Html.esc(a.recommendation().ddl())).append("</code></p>");
    }
    for (Recommendation r : d.open()) {
      b.append("<p>Still open: <code>").append(Html.esc(r.ddl())).append("</code></p>");
    }
    for (Recommendation r : d.added()) {
      b.append("<p>New: <code>").append(Html.esc(r.ddl())).append("</code></p>");
    }
    out.write(Html.page("logdex: before / after", b.toString()));
    out.flush();
  }

  public static void json(SnapshotDiff d, Writer out) throws IOException {
    ObjectMapper m = dev.logdex.core.json.JsonOutput.mapper();
    ObjectNode root = m.createObjectNode();
    root.put("total_ms_before", d.beforeMillis());
    root.put("total_ms_after", d.afterMillis());
    root.put("worst_regression_pct", d.worstRegressionPct());
    ArrayNode qs = root.putArray("queries");
    for (QueryChange q : d.queries()) {
      ObjectNode o = qs.addObject();
      o.put("fingerprint", q.fingerprint());
      o.put("status", q.status().name().toLowerCase(Locale.ROOT));
      o.put("sample", q.sample());
      o.put("calls_before", q.callsBefore());
      o.put("calls_after", q.callsAfter());
      o.put("mean_ms_before", q.meanBefore());
      o.put("mean_ms_after", q.meanAfter());
      o.put("share_before", q.shareBefore());
      o.put("share_after", q.shareAfter());
      o.put("change_pct", q.changePct());
      if (q.hasP95()) {
        o.put("p95_ms_before", q.p95Before());
        o.put("p95_ms_after", q.p95After());
        o.put("p95_change_pct", q.p95ChangePct());
      }
    }
    ArrayNode applied = root.putArray("applied");
    for (SnapshotDiff.Applied a : d.applied()) {
      ObjectNode o = applied.addObject();
      o.put("name", a.recommendation().name());
      o.put("ddl", a.recommendation().ddl());
      ArrayNode served = o.putArray("queries");
      a.served().forEach(q -> served.addObject().put("fingerprint", q.fingerprint())
          .put("mean_ms_before", q.meanBefore()).put("mean_ms_after", q.meanAfter()));
    }
    ArrayNode open = root.putArray("open");
    d.open().forEach(r -> open.addObject().put("name", r.name()).put("ddl", r.ddl()));
    ArrayNode added = root.putArray("new");
    d.added().forEach(r -> added.addObject().put("name", r.name()).put("ddl", r.ddl()));
    m.writeValue(out, root);
    out.write("\n");
    out.flush();
  }

  private static String line(QueryChange q) {
    return switch (q.status()) {
      case NEW -> String.format(Locale.ROOT, "%,d calls, mean %,.3f ms", q.callsAfter(), q.meanAfter());
      case GONE -> String.format(Locale.ROOT, "was %,d calls, mean %,.3f ms", q.callsBefore(), q.meanBefore());
      default -> String.format(Locale.ROOT, "mean %,.3f -> %,.3f ms (%+.1f%%)%s, calls %,d -> %,d, share %.1f%% -> "
          + "%.1f%%", q.meanBefore(), q.meanAfter(), q.changePct(), p95(q), q.callsBefore(), q.callsAfter(),
          100 * q.shareBefore(), 100 * q.shareAfter());
    };
  }

  /** ", p95 a -> b ms (+x%)" when both snapshots have it, else nothing. */
  private static String p95(QueryChange q) {
    return q.hasP95() ? String.format(Locale.ROOT, ", p95 %,.3f -> %,.3f ms (%+.1f%%)", q.p95Before(), q.p95After(),
        q.p95ChangePct()) : "";
  }

  private static String label(QueryChange q) {
    return switch (q.status()) {
      case SLOWER -> q.p95ChangePct() > q.changePct()
          ? String.format(Locale.ROOT, "slower %+.0f%% at p95", q.p95ChangePct())
          : String.format(Locale.ROOT, "slower %+.0f%%", q.changePct());
      case FASTER -> String.format(Locale.ROOT, "faster %+.0f%%", q.changePct());
      default -> q.status().name().toLowerCase(Locale.ROOT);
    };
  }

  private static void recs(StringBuilder b, String title, List<Recommendation> list) {
    if (!list.isEmpty()) {
      b.append('\n').append(title).append(":\n");
      list.forEach(r -> b.append("  ").append(Escape.terminalLine(r.ddl())).append('\n'));
    }
  }

  private static void mdRecs(StringBuilder b, String title, List<Recommendation> list) {
    if (!list.isEmpty()) {
      b.append("### ").append(title).append("\n\n");
      // A code span long enough for the DDL's own backticks (MySQL's quoted names), escaped for a terminal.
      list.forEach(r -> b.append("- ").append(MarkdownReport.code(r.ddl())).append('\n'));
      b.append('\n');
    }
  }

  private static double pct(double before, double after) {
    return before == 0 ? 0 : 100.0 * (after - before) / before;
  }
}
