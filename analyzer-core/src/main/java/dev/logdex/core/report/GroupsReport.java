package dev.logdex.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logdex.core.snapshot.Groups;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/**
 * The logs kept apart by server or database, after the report of their sum: each group's statements, classes and
 * time, its share of the whole, and its costliest classes. Text, Markdown and a JSON node for the JSON report.
 */
public final class GroupsReport {
  private GroupsReport() {}

  /** The costliest classes shown for each group. */
  static final int TOP = 3;

  /** The section in plain text (terminal-escaped: names and samples come from the logs) or Markdown. */
  public static void write(Groups groups, Workload whole, Writer out, boolean markdown) throws IOException {
    PrintWriter w = new PrintWriter(markdown ? out : Escape.writer(out));
    double all = Math.max(whole.totalMillis(), 0);
    long calls = Math.max(whole.totalCalls(), 1);
    w.println();
    String title = "By " + groups.by() + " (" + groups.members().size() + ")";
    w.println(markdown ? "## " + title : title + ":");
    if (markdown) {
      w.println();
      w.println("| " + groups.by() + " | statements | classes | total ms | share | costliest classes |");
      w.println("|---|---:|---:|---:|---:|---|");
    }
    for (Groups.Group g : groups.members()) {
      Workload wl = g.workload();
      double share = all > 0 ? wl.totalMillis() / all : (double) wl.totalCalls() / calls;
      StringBuilder top = new StringBuilder();
      for (QueryStats q : costliest(wl)) {
        top.append(top.length() > 0 ? "; " : "").append(q.fingerprint().id()).append(String.format(Locale.ROOT,
            " (%,d calls, %,.1f ms)", q.calls(), q.totalMillis()));
      }
      String name = g.name().isEmpty() ? "(not said)" : g.name();
      if (markdown) {
        w.printf(Locale.ROOT, "| %s | %,d | %,d | %,.1f | %.1f%% | %s |%n", MarkdownReport.cell(name), g.statements(),
            wl.queries().size(), wl.totalMillis(), share * 100, top);
      } else {
        w.printf(Locale.ROOT, "  %-24s %,12d statements %,7d classes %,14.1f ms %5.1f%%  %s%n", name, g.statements(),
            wl.queries().size(), wl.totalMillis(), share * 100, top);
      }
    }
    w.flush();
  }

  /** The section as a JSON array, for the JSON report's {@code groups}. */
  public static ObjectNode json(Groups groups, ObjectMapper mapper) {
    ObjectNode o = mapper.createObjectNode();
    o.put("by", groups.by());
    ArrayNode members = o.putArray("members");
    for (Groups.Group g : groups.members()) {
      ObjectNode m = members.addObject();
      m.put("name", g.name());
      m.put("statements", g.statements());
      m.put("classes", g.workload().queries().size());
      m.put("total_ms", g.workload().totalMillis());
      ArrayNode top = m.putArray("costliest");
      for (QueryStats q : costliest(g.workload())) {
        top.addObject().put("fingerprint", q.fingerprint().id()).put("calls", q.calls())
            .put("total_ms", q.totalMillis()).put("sample", q.sample());
      }
    }
    return o;
  }

  private static List<QueryStats> costliest(Workload w) {
    return (w.totalMillis() > 0 ? w.byTotalTime() : w.queries().stream()
        .sorted((a, b) -> Long.compare(b.calls(), a.calls())).toList()).stream().limit(TOP).toList();
  }
}
