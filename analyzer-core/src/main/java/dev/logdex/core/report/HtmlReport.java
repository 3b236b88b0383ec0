package dev.logdex.core.report;

import static dev.logdex.core.report.Html.esc;

import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.analysis.TopQuery;
import dev.logdex.core.analysis.UnparsedStatement;
import dev.logdex.core.model.InputSummary;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.recommend.ServedQuery;
import dev.logdex.core.rules.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML report: one self-contained file (inline CSS, charts as inline SVG, no network), readable on a laptop and
 * printable. Every piece of log text, name and message is escaped.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /**
   * Writes the report of {@code r}: its charts show what the analysis found (the workload over time, the time by
   * table, the benefit of each recommendation), nothing computed here again.
   */
  public static void write(AnalysisReport r, Writer out) throws IOException {
    write(r, r.timeByTable(), r.period(), out);
  }

  /**
   * Writes the report.
   *
   * @param timeByTable the workload's time by table (the time of the queries that touch each table)
   * @param period the time the logs cover, or {@code ""} when they carry no times
   */
  public static void write(AnalysisReport r, Map<String, Double> timeByTable, String period, Writer out)
      throws IOException {
    StringBuilder b = new StringBuilder();
    summary(b, r, period);
    b.append(TimeCharts.section(r.activity(), r.timed(), r.topQueries()));
    charts(b, r, timeByTable);
    recommendations(b, r);
    r.rehearsal().ifPresent(x -> b.append(RehearsalReport.htmlBody(x, 2)));
    findings(b, r);
    unparsed(b, r);
    inputs(b, r);
    out.write(Html.page("logdex report", b.toString()));
    out.flush();
  }

  /** The totals, the inputs, the period and the dialect. */
  private static void summary(StringBuilder b, AnalysisReport r, String period) {
    b.append("<section id=\"summary\"><h2>Summary</h2>");
    for (String c : Caveats.of(r)) {
      b.append("<p class=\"caveat\"><strong>Note:</strong> ").append(esc(c)).append("</p>");
    }
    b.append("<div class=\"stats\">");
    stat(b, String.format(Locale.ROOT, "%,d", r.statements()), "statements");
    stat(b, String.format(Locale.ROOT, "%,d", r.fingerprints()), "distinct queries");
    stat(b, r.fingerprints() == 0 ? "–" : String.format(Locale.ROOT, "%.0f%%", 100.0 * r.parsed() / r.fingerprints()),
        "parsed");
    stat(b, String.format(Locale.ROOT, "%,.1f ms", r.totalMillis()), "total time");
    stat(b, String.valueOf(r.recommendations().size()), "recommendations");
    stat(b, String.valueOf(r.findings().size()), "findings");
    b.append("</div><p class=\"muted\">Inputs: ");
    List<String> ins = new ArrayList<>();
    for (InputSummary in : r.inputs()) {
      ins.add(esc(in.path()) + " (" + esc(in.format()) + ", " + String.format(Locale.ROOT, "%,d", in.events())
          + " events)");
    }
    b.append(ins.isEmpty() ? "none" : String.join("; ", ins)).append(". Period: ")
        .append(period.isEmpty() ? "not in the logs" : esc(period)).append(". Dialect: ").append(esc(r.dialect()))
        .append(". logdex ").append(esc(r.version())).append(".</p></section>\n");
  }

  /** Where the time goes: the tables and the benefit of each recommendation, then the top queries table. */
  private static void charts(StringBuilder b, AnalysisReport r, Map<String, Double> timeByTable) {
    b.append("<section id=\"charts\"><h2>Where the time goes</h2>");
    // The top queries are the table below: a chart of the same numbers would say nothing more.
    List<Map.Entry<String, Double>> tables = new ArrayList<>(timeByTable.entrySet());
    tables.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    tables = tables.subList(0, Math.min(12, tables.size()));
    b.append(Html.bars("chart-tables", "Time of the queries touching each table (a join counts for each of its "
        + "tables, so the bars add up to more than the total)",
        tables.stream().map(Map.Entry::getKey).toList(), tables.stream().map(Map.Entry::getValue).toList(), "ms"));
    b.append(Html.bars("chart-benefit", "Estimated benefit per recommendation",
        r.recommendations().stream().map(x -> x.index().table() + " (" + String.join(", ", x.index().keys()) + ")")
            .toList(), r.recommendations().stream().map(Recommendation::benefit).toList(), "ms"));
    if (!r.topQueries().isEmpty()) {
      b.append("<h3>").append(r.timed() ? "Top queries by total time" : "Top queries by calls (the logs have no "
          + "timings)").append("</h3><table id=\"top-queries\"><thead><tr><th>fingerprint</th>"
          + "<th>calls</th><th>total ms</th><th>mean ms</th><th>p50 ms</th><th>p95 ms</th><th>p99 ms</th>"
          + "<th>max ms</th><th>latency histogram</th><th>statement</th></tr></thead><tbody>");
      for (TopQuery q : r.topQueries()) {
        b.append("<tr><td><code>").append(esc(q.fingerprint())).append("</code></td>")
            .append(String.format(Locale.ROOT, "<td class=\"num\">%,d</td><td class=\"num\">%,.1f</td>"
                + "<td class=\"num\">%,.2f</td>", q.calls(), q.totalMillis(), q.meanMillis()));
        for (double v : new double[] {q.p50Millis(), q.p95Millis(), q.p99Millis(), q.maxMillis()}) {
          b.append("<td class=\"num\">").append(q.hasPercentiles() ? String.format(Locale.ROOT, "%,.2f", v) : "-")
              .append("</td>");
        }
        b.append("<td>").append(TimeCharts.histogram(q)).append("</td>");
        b.append("<td><code>").append(esc(TextReport.cut(TextReport.oneLine(q.sample()), 160)))
            .append("</code>").append(detail(q)).append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    b.append("</section>\n");
  }

  /** A class's detail under its statement: when it ran, how fast it came, its spread, and where it came from. */
  private static String detail(TopQuery q) {
    List<String> parts = new ArrayList<>();
    q.firstSeen().ifPresent(f -> parts.add("seen " + f + " to " + q.lastSeen().orElseThrow()
        + String.format(Locale.ROOT, ", %,.3f calls/s", q.perSecond().orElse(0))));
    if (q.hasPercentiles()) {
      parts.add(String.format(Locale.ROOT, "stddev %,.2f ms", q.stddevMillis()));
    }
    if (q.rows() >= 0) {
      parts.add(String.format(Locale.ROOT, "rows %,d", q.rows()));
    }
    if (q.rowsExamined() >= 0) {
      parts.add(String.format(Locale.ROOT, "rows examined %,d", q.rowsExamined()));
    }
    if (q.lockMillis() > 0) {
      parts.add(String.format(Locale.ROOT, "lock %,.1f ms", q.lockMillis()));
    }
    dev.logdex.core.workload.Origins o = q.origins();
    shares(parts, "databases", o.databases(), o.otherDatabases(), q.calls());
    shares(parts, "users", o.users(), o.otherUsers(), q.calls());
    shares(parts, "hosts", o.hosts(), o.otherHosts(), q.calls());
    shares(parts, "applications", o.applications(), o.otherApplications(), q.calls());
    if (parts.isEmpty()) {
      return "";
    }
    return "<details><summary>detail</summary><p class=\"muted\">" + esc(String.join("; ", parts))
        + "</p></details>";
  }

  private static void shares(List<String> parts, String what, Map<String, Long> names, long other, long calls) {
    if (!names.isEmpty() || other > 0) {
      parts.add(what + " " + TextReport.shares(names, other, calls));
    }
  }

  /** Each recommendation with its DDL and the queries it serves. */
  private static void recommendations(StringBuilder b, AnalysisReport r) {
    b.append("<section id=\"recommendations\"><h2>Recommendations</h2>");
    r.verification().ifPresent(v -> b.append("<p id=\"verification\">").append(esc(TextReport.verificationLine(v)))
        .append("</p>"));
    r.rehearsal().ifPresent(x -> b.append("<p id=\"rehearsal-summary\">").append(esc(RehearsalReport.line(x)))
        .append(" (<a href=\"#rehearsal\">measurements</a>)</p>"));
    if (r.recommendations().isEmpty()) {
      b.append("<p>No index recommendations.</p>");
    }
    for (Recommendation rec : r.recommendations()) {
      String ddlId = "ddl-" + rec.rank();
      b.append("<div class=\"rec\"><h3>").append(rec.rank()).append(". ").append(esc(rec.index().table()))
          .append(" (").append(esc(String.join(", ", rec.index().keys()))).append(")")
          .append(rec.index().where().isEmpty() ? "" : " WHERE " + esc(rec.index().where()))
          .append(String.format(Locale.ROOT, " <span class=\"muted\">benefit %,.1f ms</span></h3>", rec.benefit()))
          .append("<p>").append(esc(rec.reason())).append("</p>")
          .append("<button class=\"copy\" type=\"button\" data-target=\"").append(ddlId).append("\">Copy DDL</button>")
          .append("<pre id=\"").append(ddlId).append("\">").append(esc(rec.ddl())).append("</pre>")
          .append("<details><summary>").append(rec.queries().size()).append(rec.queries().size() == 1 ? " query" : " queries")
          .append(" served</summary><table><thead><tr><th>fingerprint</th><th>calls</th><th>total ms</th><th>sample</th>"
              + "</tr></thead><tbody>");
      for (ServedQuery q : rec.queries()) {
        b.append("<tr><td><code>").append(esc(q.fingerprint())).append("</code></td><td class=\"num\">")
            .append(String.format(Locale.ROOT, "%,d", q.calls())).append("</td><td class=\"num\">")
            .append(String.format(Locale.ROOT, "%,.1f", q.totalMillis())).append("</td><td><code>")
            .append(esc(q.sample())).append("</code></td></tr>");
      }
      b.append("</tbody></table></details></div>");
    }
    b.append("</section>\n");
  }

  /** The findings, grouped by rule. */
  private static void findings(StringBuilder b, AnalysisReport r) {
    b.append("<section id=\"findings\"><h2>Findings</h2>");
    Map<String, List<Finding>> byRule = new LinkedHashMap<>();
    r.findings().forEach(f -> byRule.computeIfAbsent(f.rule(), k -> new ArrayList<>()).add(f));
    if (byRule.isEmpty()) {
      b.append("<p>No findings.</p>");
    }
    for (Map.Entry<String, List<Finding>> e : byRule.entrySet()) {
      b.append("<h3><code>").append(esc(e.getKey())).append("</code> (").append(e.getValue().size()).append(")</h3>")
          .append("<table><thead><tr><th>severity</th><th>table</th><th>message</th><th>fix</th></tr></thead><tbody>");
      for (Finding f : e.getValue()) {
        b.append("<tr><td class=\"sev-").append(f.severity().label()).append("\">").append(f.severity().label())
            .append("</td><td>").append(esc(f.table())).append("</td><td>").append(esc(f.message()))
            .append("</td><td><pre>").append(esc(f.fix())).append("</pre></td></tr>");
      }
      b.append("</tbody></table>");
    }
    b.append("</section>\n");
  }

  /** The statements that could not be parsed, with the reason. */
  private static void unparsed(StringBuilder b, AnalysisReport r) {
    b.append("<section id=\"unparsed\"><h2>Not parsed</h2>");
    if (r.unparsed().isEmpty()) {
      b.append("<p>Every statement was parsed.</p>");
    } else {
      b.append("<table><thead><tr><th>fingerprint</th><th>calls</th><th>sample</th><th>reason</th></tr></thead><tbody>");
      for (UnparsedStatement u : r.unparsed()) {
        b.append("<tr><td><code>").append(esc(u.fingerprint())).append("</code></td><td class=\"num\">")
            .append(u.calls()).append("</td><td><code>").append(esc(u.sample())).append("</code></td><td>")
            .append(esc(u.reason())).append("</td></tr>");
      }
      b.append("</tbody></table>");
    }
    b.append("</section>\n");
  }

  /** What each input gave: events, skips with their reasons, lines passed over; and the schema's warnings. */
  private static void inputs(StringBuilder b, AnalysisReport r) {
    b.append("<section id=\"inputs\"><h2>Input account</h2><table><thead><tr><th>input</th><th>format</th>"
        + "<th>events</th><th>skipped</th><th>passed over</th></tr></thead><tbody>");
    for (InputSummary in : r.inputs()) {
      b.append("<tr><td>").append(esc(in.path())).append("</td><td>").append(esc(in.format()))
          .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%,d", in.events())).append("</td><td>")
          .append(counts(in.skipped(), in.firstSkipAt())).append("</td><td>").append(counts(in.passedOver(), Map.of()))
          .append("</td></tr>");
    }
    b.append("</tbody></table>");
    for (String w : r.warnings()) {
      b.append("<p class=\"sev-warning\">").append(esc(w)).append("</p>");
    }
    b.append("</section>");
  }


  private static void stat(StringBuilder b, String value, String label) {
    b.append("<div class=\"stat\"><b>").append(esc(value)).append("</b><span>").append(esc(label))
        .append("</span></div>");
  }

  private static String counts(Map<String, Long> counts, Map<String, String> where) {
    if (counts.isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%,d × %s", v, esc(k))
        + (where.containsKey(k) ? " <span class=\"muted\">(first at " + esc(where.get(k)) + ")</span>" : "")));
    return String.join("<br>", parts);
  }
}
