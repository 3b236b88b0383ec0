package dev.logdex.core.report;

import dev.logdex.core.analysis.AnalysisReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What every report format says first, before any recommendation: what the analysis did not know or left out. */
final class Caveats {
  private Caveats() {}

  /** How the inputs' counts of events a filter left out begin (the readers' EventFilter.PREFIX). */
  static final String LEFT_OUT = "left out by ";

  static final String NO_SCHEMA = "No schema given (--schema FILE or --db URL): no existing index or key is known, "
      + "so each recommendation is unchecked against them; indexes on columns likely to be primary keys are left out.";

  /** One sentence each, most important first; empty when there is nothing to say. */
  static List<String> of(AnalysisReport r) {
    List<String> out = new ArrayList<>();
    if (!r.schemaGiven()) {
      List<String> keys = r.rejections().stream().filter(x -> x.likelyPrimaryKey())
          .map(x -> x.candidate().table() + "(" + x.candidate().keys().get(0) + ")").distinct().toList();
      out.add(NO_SCHEMA + (keys.isEmpty() ? "" : " Left out as likely primary keys: "
          + String.join(", ", keys.size() > 8 ? keys.subList(0, 8) : keys) + (keys.size() > 8 ? ", ..." : "")
          + "."));
    }
    long unread = r.warnings().stream().filter(w -> w.contains(dev.logdex.core.schema.DdlSchemaLoader.UNREAD))
        .count();
    if (unread > 0) {
      out.add(String.format(Locale.ROOT, "The schema is incomplete: %,d of its statements could not be read (listed "
          + "with their lines below), so their tables, indexes or keys are unknown to this analysis.", unread));
    }
    java.util.Map<String, Long> leftOut = new java.util.TreeMap<>();
    for (dev.logdex.core.model.InputSummary in : r.inputs()) {
      in.passedOver().forEach((kind, n) -> {
        if (kind.startsWith(LEFT_OUT) || kind.startsWith("kept with no time")) {
          leftOut.merge(kind, n, Long::sum);
        }
      });
    }
    if (!leftOut.isEmpty()) {
      List<String> parts = new ArrayList<>();
      leftOut.forEach((kind, n) -> parts.add(String.format(Locale.ROOT, "%,d %s", n, kind)));
      out.add("Filtered while reading: " + String.join("; ", parts) + ". What follows is the part kept.");
    }
    out.addAll(r.leftOut());
    AnalysisReport.SystemQueries s = r.systemQueries();
    if (s.classes() > 0) {
      out.add(String.format(Locale.ROOT, "System queries (%,d distinct, %,d calls, %,.1f ms) read the database's own "
          + "catalog; they are left out of recommendations, findings and top queries.", s.classes(), s.calls(),
          s.totalMillis()));
    }
    return out;
  }
}
