package dev.logdex.core.report;

import dev.logdex.core.model.InputSummary;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.rules.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/** The terminal view: a ranked table that fits 100 columns, then findings, then one line of totals. */
public final class TextReport {
  private TextReport() {}

  public static void write(AnalysisReport r, Writer out) throws IOException {
    StringBuilder b = new StringBuilder();
    if (r.recommendations().isEmpty()) {
      b.append("No index recommendations.\n");
    } else {
      b.append(String.format(Locale.ROOT, "%-4s %-18s %-40s %12s %7s%n", "#", "table", "columns", "benefit ms",
          "queries"));
      for (Recommendation rec : r.recommendations()) {
        String cols = String.join(", ", rec.index().keys())
            + (rec.index().where().isEmpty() ? "" : " WHERE " + rec.index().where());
        b.append(String.format(Locale.ROOT, "%-4d %-18s %-40s %,12.1f %7d%n", rec.rank(),
            cut(rec.index().table(), 18), cut(cols, 40), rec.benefit(), rec.queries().size()));
        b.append("     ").append(cut(rec.reason(), 95)).append('\n');
        b.append("     ").append(rec.ddl()).append('\n');
      }
    }
    if (!r.findings().isEmpty()) {
      b.append('\n').append("Findings:\n");
      for (Finding f : r.findings()) {
        b.append(String.format(Locale.ROOT, "  %-7s %-22s %s%n", f.severity().label(), f.rule(),
            cut(f.message(), 67)));
      }
    }
    if (!r.unparsed().isEmpty()) {
      b.append('\n').append("Not parsed (").append(r.unparsed().size()).append("):\n");
      for (UnparsedStatement u : r.unparsed()) {
        b.append("  ").append(u.fingerprint()).append("  ").append(cut(oneLine(u.sample()), 60)).append('\n');
        b.append("      ").append(cut(u.reason(), 92)).append('\n');
      }
    }
    for (String w : r.warnings()) {
      b.append("warning: ").append(w).append('\n');
    }
    long skipped = r.inputs().stream().mapToLong(InputSummary::skippedTotal).sum();
    b.append('\n').append(String.format(Locale.ROOT,
        "%,d statements, %,d distinct, %,d parsed, %,.1f ms total; %d recommendations, %d findings%s%n",
        r.statements(), r.fingerprints(), r.parsed(), r.totalMillis(), r.recommendations().size(),
        r.findings().size(), skipped == 0 ? "" : String.format(Locale.ROOT, "; %,d input lines skipped", skipped)));
    out.write(b.toString());
    out.flush();
  }

  static String cut(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }

  static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }
}
