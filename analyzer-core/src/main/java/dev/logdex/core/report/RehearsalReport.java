package dev.logdex.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logdex.core.rehearse.Rehearsal;
import dev.logdex.core.rehearse.Rehearsal.ClassResult;
import dev.logdex.core.rehearse.Rehearsal.IndexResult;
import dev.logdex.core.rehearse.Rehearsal.Timing;
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
  public static void text(Rehearsal.Result r, Writer out) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "Rehearsal on %s, a copy of %s (%s, %s, %.1f s)%s%n", r.copy(), r.source(),
        r.method(), dev.logdex.core.rehearse.Space.human(r.sourceBytes()), r.copySeconds(), r.kept() ? ", kept" : ", dropped afterwards"));
    b.append(String.format(Locale.ROOT, "%d rounds after %d warm-up, %d s limit per statement%n%n", r.rounds(),
        r.warmup(), r.timeoutSeconds()));
    b.append("Migration:\n");
    if (r.migration().isEmpty()) {
      b.append("  nothing to apply\n");
    }
    for (Rehearsal.Applied a : r.migration()) {
      b.append(String.format(Locale.ROOT, "  %10.1f ms  %s:%d  %s%n", a.millis(), a.step().source(), a.step().line(),
          TextReport.cut(TextReport.oneLine(a.step().sql()), 90)));
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
  public static void markdown(Rehearsal.Result r, Writer out) throws IOException {
    StringBuilder b = new StringBuilder("# logdex rehearsal\n\n");
    b.append(String.format(Locale.ROOT, "On `%s`, a copy of `%s` (%s, %s, %.1f s), %d rounds after %d warm-up, "
        + "%d s limit per statement.%n%n", MarkdownReport.cell(r.copy()), MarkdownReport.cell(r.source()), r.method(),
        dev.logdex.core.rehearse.Space.human(r.sourceBytes()), r.copySeconds(), r.rounds(), r.warmup(), r.timeoutSeconds()));
    b.append(String.format(Locale.ROOT, "Replayed reads: %,.1f → %,.1f ms%s; writes: %,.1f → %,.1f ms%s "
        + "(calls × median).%n%n", r.readMs(false), r.readMs(true), percent(r.readMs(false), r.readMs(true)),
        r.writeMs(false), r.writeMs(true), percent(r.writeMs(false), r.writeMs(true))));
    b.append("## Indexes\n\n| verdict | index | table | build ms | size | gain ms | classes |\n|---|---|---|---:|---:|---:|---:|\n");
    for (IndexResult i : r.indexes()) {
      b.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.1f | %s | %+,.1f | %d |%n", i.verdict().label,
          MarkdownReport.cell(i.name()), MarkdownReport.cell(i.table()), i.buildMs(),
          i.bytes() < 0 ? "?" : dev.logdex.core.rehearse.Space.human(i.bytes()), i.gainMs(), i.classes().size()));
    }
    b.append("\n## Migration\n\n| ms | statement | source | error |\n|---:|---|---|---|\n");
    for (Rehearsal.Applied a : r.migration()) {
      b.append(String.format(Locale.ROOT, "| %,.1f | %s | %s:%d | %s |%n", a.millis(),
          MarkdownReport.cell(TextReport.cut(TextReport.oneLine(a.step().sql()), 120)),
          MarkdownReport.cell(a.step().source()), a.step().line(), MarkdownReport.cell(a.error())));
    }
    b.append("\n## Query classes\n\n| class | calls | before ms (p95) | after ms (p95) | change | plan | statement |\n"
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
    out.write(b.toString());
    out.flush();
  }

  /** The report as JSON: the same numbers, unrounded. */
  public static void json(Rehearsal.Result r, Writer out) throws IOException {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    root.put("source", r.source()).put("copy", r.copy()).put("method", r.method())
        .put("source_bytes", r.sourceBytes()).put("copy_seconds", r.copySeconds()).put("kept", r.kept())
        .put("rounds", r.rounds()).put("warmup", r.warmup()).put("timeout_seconds", r.timeoutSeconds());
    ObjectNode totals = root.putObject("totals");
    totals.put("read_ms_before", r.readMs(false)).put("read_ms_after", r.readMs(true))
        .put("write_ms_before", r.writeMs(false)).put("write_ms_after", r.writeMs(true));
    ArrayNode mig = root.putArray("migration");
    for (Rehearsal.Applied a : r.migration()) {
      ObjectNode o = mig.addObject().put("source", a.step().source()).put("line", a.step().line())
          .put("sql", a.step().sql()).put("ms", a.millis());
      if (a.failed()) {
        o.put("error", a.error());
      }
    }
    ArrayNode idx = root.putArray("indexes");
    for (IndexResult i : r.indexes()) {
      ObjectNode o = idx.addObject().put("name", i.name()).put("table", i.table()).put("source", i.source())
          .put("build_ms", i.buildMs()).put("bytes", i.bytes()).put("gain_ms", i.gainMs())
          .put("verdict", i.verdict().label);
      i.classes().forEach(o.putArray("classes")::add);
    }
    ArrayNode cls = root.putArray("classes");
    for (ClassResult c : r.classes()) {
      ObjectNode o = cls.addObject().put("fingerprint", c.fingerprint()).put("kind", c.kind().name().toLowerCase(
          Locale.ROOT)).put("calls", c.calls()).put("sample", c.sample());
      if (!c.skipped().isEmpty()) {
        o.put("not_replayed", c.skipped());
      }
      c.before().ifPresent(t -> timingJson(o.putObject("before"), t));
      c.after().ifPresent(t -> timingJson(o.putObject("after"), t));
      if (c.before().isPresent() && c.after().isPresent()) {
        o.put("gain_ms", c.gainMs()).put("faster", c.faster()).put("slower", c.slower());
      }
    }
    r.notes().forEach(root.putArray("notes")::add);
    m.writeValue(new NonClosing(out), root);
    out.write('\n');
    out.flush();
  }

  /** The report as an HTML page. */
  public static void html(Rehearsal.Result r, Writer out) throws IOException {
    StringBuilder b = new StringBuilder();
    b.append("<h1>logdex rehearsal</h1><p>On <code>").append(Html.esc(r.copy())).append("</code>, a copy of <code>")
        .append(Html.esc(r.source())).append("</code> (").append(Html.esc(r.method())).append(", ")
        .append(dev.logdex.core.rehearse.Space.human(r.sourceBytes())).append(String.format(Locale.ROOT, "), %d rounds after %d warm-up.</p>",
            r.rounds(), r.warmup()));
    b.append(String.format(Locale.ROOT, "<p>Replayed reads: %,.1f → %,.1f ms%s; writes: %,.1f → %,.1f ms%s.</p>",
        r.readMs(false), r.readMs(true), percent(r.readMs(false), r.readMs(true)), r.writeMs(false), r.writeMs(true),
        percent(r.writeMs(false), r.writeMs(true))));
    b.append("<h2>Indexes</h2><table><tr><th>verdict</th><th>index</th><th>table</th><th>build ms</th><th>size</th>"
        + "<th>gain ms</th></tr>");
    for (IndexResult i : r.indexes()) {
      b.append("<tr><td>").append(i.verdict().label).append("</td><td><code>").append(Html.esc(i.name()))
          .append("</code></td><td>").append(Html.esc(i.table())).append("</td><td class=\"num\">")
          .append(Html.fmt(i.buildMs())).append("</td><td class=\"num\">")
          .append(i.bytes() < 0 ? "?" : dev.logdex.core.rehearse.Space.human(i.bytes())).append("</td><td class=\"num\">")
          .append(Html.fmt(i.gainMs())).append("</td></tr>");
    }
    b.append("</table><h2>Query classes</h2><table><tr><th>class</th><th>calls</th><th>before ms</th>"
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
    out.write(Html.page("logdex rehearsal", b.toString()));
    out.flush();
  }

  private static void timingJson(ObjectNode o, Timing t) {
    o.put("median_ms", t.medianMs()).put("p95_ms", t.p95Ms()).put("timed_out", t.timedOut());
    if (!t.error().isEmpty()) {
      o.put("error", t.error());
    }
    t.indexes().forEach(o.putArray("indexes")::add);
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
