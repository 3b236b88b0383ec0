package dev.logdex.core.report;

import dev.logdex.core.analysis.Rehearsed;
import dev.logdex.core.analysis.Rehearsed.ClassResult;
import dev.logdex.core.analysis.Rehearsed.IndexResult;
import dev.logdex.core.analysis.Rehearsed.Timing;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A rehearsal's report: what the migration cost to apply, what each index weighs and bought, and each query class
 * measured before and after. Text from logs and catalogs (statements, names, errors) is escaped for each medium.
 */
public final class RehearsalReport {
  private RehearsalReport() {}

  /** The terminal's report. */
  public static void text(Rehearsed r, Writer out) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Rehearsal on %s, a copy of %s (%s, %s, %.1f s)%s%n", r.copy(), r.source(),
        r.method(), dev.logdex.core.rehearse.Space.human(r.sourceBytes()), r.copySeconds(), r.kept() ? ", kept" : ", dropped afterwards"));
    b.append(String.format(Locale.ROOT, "%d rounds after %d warm-up, %d s limit per statement%n%n", r.rounds(),
        r.warmup(), r.timeoutSeconds()));
    b.append("Migration:\n");
    if (r.migration().isEmpty()) {
      b.append("  nothing to apply\n");
    }
    for (Rehearsed.Applied a : r.migration()) {
      b.append(String.format(Locale.ROOT, "  %10.1f ms  %s:%d  %s%n", a.millis(), a.step().source(), a.step().line(),
          TextReport.cut(TextReport.oneLine(a.step().sql()), 90)));
      if (a.lockWaitMs() > 0) {
        b.append(String.format(Locale.ROOT, "      waited %,.0f ms for locks%n", a.lockWaitMs()));
      }
      if (a.failed()) {
        b.append("      FAILED: ").append(a.error()).append('\n');
      }
    }
    b.append("\nIndexes made:\n");
    if (r.indexes().isEmpty()) {
      b.append("  none\n");
    }
    for (IndexResult i : r.indexes()) {
      b.append(String.format(Locale.ROOT, "  %-22s %s on %s: built in %,.1f ms, %s, %s%n", i.verdict().label,
          i.name(), i.table(), i.buildMs(), i.bytes() < 0 ? "size unknown" : dev.logdex.core.rehearse.Space.human(i.bytes()), i.classes().isEmpty()
              ? "used by no replayed query" : String.format(Locale.ROOT, "%+,.1f ms over %d classes (calls x median)",
                  i.gainMs(), i.classes().size())));
    }
    b.append("\nQuery classes (median ms before -> after, p95; calls):\n");
    for (ClassResult c : r.classes()) {
      if (!c.skipped().isEmpty()) {
        b.append(String.format(Locale.ROOT, "  %s  not replayed: %s%n      %s%n", c.fingerprint().substring(0, 8),
            c.skipped(), TextReport.cut(TextReport.oneLine(c.sample()), 90)));
        continue;
      }
      b.append(String.format(Locale.ROOT, "  %s  %s -> %s  %,d calls  %s%s%n      %s%n",
          c.fingerprint().substring(0, 8), timing(c.before()), timing(c.after()), c.calls(), change(c),
          c.kind().isWrite() ? " (write, rolled back)" : "", TextReport.cut(TextReport.oneLine(c.sample()), 90)));
      String plans = plans(c);
      if (!plans.isEmpty()) {
        b.append("      plan: ").append(plans).append('\n');
      }
    }
    b.append(String.format(Locale.ROOT, "%nReplayed reads: %,.1f -> %,.1f ms (calls x median)%s%n", r.readMs(false),
        r.readMs(true), percent(r.readMs(false), r.readMs(true))));
    b.append(String.format(Locale.ROOT, "Replayed writes: %,.1f -> %,.1f ms (calls x median)%s%n", r.writeMs(false),
        r.writeMs(true), percent(r.writeMs(false), r.writeMs(true))));
    for (String n : r.notes()) {
      b.append("note: ").append(n).append('\n');
    }
    out.write(Escape.terminal(b.toString()));
    out.flush();
  }

  /** The report as Markdown. */
  public static void markdown(Rehearsed r, Writer out) throws IOException {
    out.write(markdownBody(r, "#"));
    out.flush();
  }

  /** The Markdown of the report, its title at heading level {@code level} ("#", "##"). */
  static String markdownBody(Rehearsed r, String level) {
    StringBuilder b = new StringBuilder(level + " logdex rehearsal\n\n");
    b.append(String.format(Locale.ROOT, "On `%s`, a copy of `%s` (%s, %s, %.1f s), %d rounds after %d warm-up, "
        + "%d s limit per statement.%n%n", MarkdownReport.cell(r.copy()), MarkdownReport.cell(r.source()), r.method(),
        dev.logdex.core.rehearse.Space.human(r.sourceBytes()), r.copySeconds(), r.rounds(), r.warmup(), r.timeoutSeconds()));
    b.append(String.format(Locale.ROOT, "Replayed reads: %,.1f → %,.1f ms%s; writes: %,.1f → %,.1f ms%s "
        + "(calls × median).%n%n", r.readMs(false), r.readMs(true), percent(r.readMs(false), r.readMs(true)),
        r.writeMs(false), r.writeMs(true), percent(r.writeMs(false), r.writeMs(true))));
    b.append(level).append("# Indexes\n\n| verdict | index | table | build ms | size | gain ms | classes |\n|---|---|---|---:|---:|---:|---:|\n");
    for (IndexResult i : r.indexes()) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.1f | %s | %+,.1f | %d |%n", i.verdict().label,
          MarkdownReport.cell(i.name()), MarkdownReport.cell(i.table()), i.buildMs(),
          i.bytes() < 0 ? "?" : dev.logdex.core.rehearse.Space.human(i.bytes()), i.gainMs(), i.classes().size()));
    }
    b.append("\n").append(level).append("# Migration\n\n| ms | lock wait ms | statement | source | error |\n"
        + "|---:|---:|---|---|---|\n");
    for (Rehearsed.Applied a : r.migration()) {
      b.append(String.format(Locale.ROOT, "| %,.1f | %,.0f | %s | %s:%d | %s |%n", a.millis(), a.lockWaitMs(),
          MarkdownReport.cell(TextReport.cut(TextReport.oneLine(a.step().sql()), 120)),
          MarkdownReport.cell(a.step().source()), a.step().line(), MarkdownReport.cell(a.error())));
    }
    b.append("\n").append(level).append("# Query classes\n\n| class | calls | before ms (p95) | after ms (p95) | change | plan | statement |\n"
        + "|---|---:|---:|---:|---:|---|---|\n");
    for (ClassResult c : r.classes()) {
      b.append(String.format(Locale.ROOT, "| `%s` | %,d | %s | %s | %s | %s | %s |%n", c.fingerprint(), c.calls(),
          c.skipped().isEmpty() ? timing(c.before()) : "not replayed", timing(c.after()),
          c.skipped().isEmpty() ? change(c) : MarkdownReport.cell(c.skipped()), MarkdownReport.cell(plans(c)),
          MarkdownReport.cell(TextReport.cut(TextReport.oneLine(c.sample()), 100))));
    }
    if (!r.notes().isEmpty()) {
      b.append('\n');
      r.notes().forEach(n -> b.append("- ").append(MarkdownReport.cell(n)).append('\n'));
    }
    return b.toString();
  }

  /** The report as JSON: the same numbers, unrounded. */
  public static void json(Rehearsed r, Writer out) throws IOException {
    dev.logdex.core.json.JsonOutput.mapper().writeValue(new NonClosing(out),
        dev.logdex.core.json.RehearsedJson.write(r));
    out.write('\n');
    out.flush();
  }

  /** The report as an HTML page. */
  public static void html(Rehearsed r, Writer out) throws IOException {
    out.write(Html.page("logdex rehearsal", htmlBody(r, 1)));
    out.flush();
  }

  /** The HTML of the report, its title a heading of {@code level} (1, 2), sections one below. */
  static String htmlBody(Rehearsed r, int level) {
    String h = "h" + level;
    String h2 = "h" + (level + 1);
    StringBuilder b = new StringBuilder();
    b.append("<section id=\"rehearsal\"><").append(h).append(">logdex rehearsal</").append(h).append("><p>On <code>").append(Html.esc(r.copy())).append("</code>, a copy of <code>")
        .append(Html.esc(r.source())).append("</code> (").append(Html.esc(r.method())).append(", ")
        .append(dev.logdex.core.rehearse.Space.human(r.sourceBytes())).append(String.format(Locale.ROOT, "), %d rounds after %d warm-up.</p>",
            r.rounds(), r.warmup()));
    b.append(String.format(Locale.ROOT, "<p>Replayed reads: %,.1f → %,.1f ms%s; writes: %,.1f → %,.1f ms%s.</p>",
        r.readMs(false), r.readMs(true), percent(r.readMs(false), r.readMs(true)), r.writeMs(false), r.writeMs(true),
        percent(r.writeMs(false), r.writeMs(true))));
    b.append("<").append(h2).append(">Indexes</").append(h2).append("><table><tr><th>verdict</th><th>index</th><th>table</th><th>build ms</th><th>size</th>"
        + "<th>gain ms</th></tr>");
    for (IndexResult i : r.indexes()) {
      b.append("<tr><td>").append(i.verdict().label).append("</td><td><code>").append(Html.esc(i.name()))
          .append("</code></td><td>").append(Html.esc(i.table())).append("</td><td class=\"num\">")
          .append(Html.fmt(i.buildMs())).append("</td><td class=\"num\">")
          .append(i.bytes() < 0 ? "?" : dev.logdex.core.rehearse.Space.human(i.bytes())).append("</td><td class=\"num\">")
          .append(Html.fmt(i.gainMs())).append("</td></tr>");
    }
    b.append("</table><").append(h2).append(">Query classes</").append(h2).append("><table><tr><th>class</th><th>calls</th><th>before ms</th>"
        + "<th>after ms</th><th>change</th><th>statement</th></tr>");
    for (ClassResult c : r.classes()) {
      b.append("<tr><td><code>").append(Html.esc(c.fingerprint())).append("</code></td><td class=\"num\">")
          .append(c.calls()).append("</td><td class=\"num\">").append(Html.esc(timing(c.before())))
          .append("</td><td class=\"num\">").append(Html.esc(timing(c.after()))).append("</td><td>")
          .append(Html.esc(c.skipped().isEmpty() ? change(c) : "not replayed: " + c.skipped()))
          .append("</td><td><code>").append(Html.esc(TextReport.oneLine(c.sample()))).append("</code></td></tr>");
    }
    b.append("</table>");
    if (!r.notes().isEmpty()) {
      b.append("<ul>");
      r.notes().forEach(n -> b.append("<li>").append(Html.esc(n)).append("</li>"));
      b.append("</ul>");
    }
    return b.append("</section>").toString();
  }

  /** One line on what a rehearsal measured, for the analysis's reports. */
  static String line(Rehearsed r) {
    long faster = r.indexes().stream().filter(i -> i.verdict() == Rehearsed.Verdict.MEASURED_FASTER).count();
    return String.format(Locale.ROOT, "rehearsed on a copy (%s, %s): replayed reads %,.1f -> %,.1f ms%s, writes "
        + "%,.1f -> %,.1f ms; %d of %d indexes measured faster%s", r.copy(), r.method(), r.readMs(false),
        r.readMs(true), percent(r.readMs(false), r.readMs(true)), r.writeMs(false), r.writeMs(true), faster,
        r.indexes().size(), r.migrationFailed() ? "; a migration statement FAILED, nothing measured after it" : "");
  }

  private static String timing(Optional<Timing> t) {
    if (t.isEmpty()) {
      return "-";
    }
    if (!t.get().error().isEmpty()) {
      return "error: " + t.get().error();
    }
    return String.format(Locale.ROOT, "%s%,.2f (%,.2f)", t.get().timedOut() ? ">=" : "", t.get().medianMs(),
        t.get().p95Ms());
  }

  private static String change(ClassResult c) {
    if (c.before().isEmpty() || c.after().isEmpty()) {
      return "";
    }
    if (c.failed()) {
      return "failed: not measured";
    }
    double b = c.before().get().medianMs();
    double a = c.after().get().medianMs();
    String word = c.faster() ? "faster" : c.slower() ? "slower" : "same";
    return a > 0 && b > 0 ? String.format(Locale.ROOT, "%s (x%.2f)", word, b / a) : word;
  }

  private static String plans(ClassResult c) {
    List<String> parts = new ArrayList<>();
    c.before().ifPresent(t -> parts.add("before " + (t.indexes().isEmpty() ? "no index" : String.join(", ",
        t.indexes()))));
    c.after().ifPresent(t -> parts.add("after " + (t.indexes().isEmpty() ? "no index" : String.join(", ",
        t.indexes()))));
    return String.join("; ", parts);
  }

  private static String percent(double before, double after) {
    return before > 0 ? String.format(Locale.ROOT, " (%+.1f%%)", 100.0 * (after - before) / before) : "";
  }

  /** Jackson closes the writer it is given; the caller's must stay open. */
  private static final class NonClosing extends java.io.FilterWriter {
    NonClosing(Writer out) {
      super(out);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
