package dev.logdex.cli;

import static dev.logdex.core.report.TextReport.shares;

import dev.logdex.core.model.ColumnUse;
import dev.logdex.core.model.StatementProfile;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.plan.Plans;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.rules.Finding;
import dev.logdex.core.snapshot.Snapshot;
import dev.logdex.core.sql.StatementAnalysis;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** One query class in full, as {@code explain} and {@code analyze --detail} print it. */
final class ClassDetail {
  private ClassDetail() {}

  /** The class whose id starts with {@code prefix} (4 digits or more), or a user error naming what matched. */
  static QueryStats find(Workload w, String prefix) {
    if (prefix.length() < 4) {
      throw new UserError("give at least 4 digits of the fingerprint, not '" + prefix + "'");
    }
    List<QueryStats> matches = w.queries().stream()
        .filter(q -> q.fingerprint().id().startsWith(prefix.toLowerCase(Locale.ROOT))).toList();
    if (matches.isEmpty()) {
      throw new UserError("no query class " + prefix + " in the workload");
    }
    if (matches.size() > 1) {
      throw new UserError(prefix + " matches " + matches.size() + " query classes ("
          + String.join(", ", matches.stream().map(q -> q.fingerprint().id()).toList()) + "); give more digits");
    }
    return matches.get(0);
  }

  /** Prints {@code q} in full: what explain shows, and analyze --detail after its report. */
  static void print(Snapshot s, QueryStats q, Optional<java.sql.Connection> live, PrintWriter out) {
    // Samples, names and plans come from logs and databases: every byte is escaped for the terminal.
    String id = q.fingerprint().id();
    out.println("query class " + id);
    out.println("  normalized: " + q.fingerprint().normalized());
    out.println("  sample:     " + q.sample().replace("\n", "\n              "));
    out.printf(Locale.ROOT, "  calls %,d, total %,.1f ms, mean %,.3f ms%s%s%s%n", q.calls(), q.totalMillis(),
        q.meanMillis(), q.rows() < 0 ? "" : String.format(Locale.ROOT, ", rows %,d", q.rows()),
        q.rowsExamined() < 0 ? "" : String.format(Locale.ROOT, ", rows examined %,d (%,.0f per call)",
            q.rowsExamined(), (double) q.rowsExamined() / q.calls()),
        q.lockMillis() <= 0 ? "" : String.format(Locale.ROOT, ", lock %,.1f ms", q.lockMillis()));
    dev.logdex.core.analysis.TopQuery detail = dev.logdex.core.analysis.TopQuery.of(q);
    if (detail.hasPercentiles()) {
      out.printf(Locale.ROOT, "  latency:    p50 %,.3f, p95 %,.3f, p99 %,.3f, max %,.3f, stddev %,.3f ms (%,d timed "
          + "one by one)%n", detail.p50Millis(), detail.p95Millis(), detail.p99Millis(), detail.maxMillis(),
          detail.stddevMillis(), detail.timedCalls());
      dev.logdex.core.report.TextReport.histogramLines(detail).forEach(line -> out.print("  " + line));
    }
    if (detail.firstSeen().isPresent()) {
      out.printf(Locale.ROOT, "  seen:       %s to %s, %,.3f per second%n", detail.firstSeen().get(),
          detail.lastSeen().orElseThrow(), detail.perSecond().orElse(0));
    }
    if (!q.origins().databases().isEmpty()) {
      out.println("  databases:  " + shares(q.origins().databases(), q.origins().otherDatabases(), q.calls()));
    }
    if (!q.origins().users().isEmpty()) {
      out.println("  users:      " + shares(q.origins().users(), q.origins().otherUsers(), q.calls()));
    }
    if (!q.origins().hosts().isEmpty()) {
      out.println("  hosts:      " + shares(q.origins().hosts(), q.origins().otherHosts(), q.calls()));
    }
    if (!q.origins().applications().isEmpty()) {
      out.println("  apps:       " + shares(q.origins().applications(), q.origins().otherApplications(),
          q.calls()));
    }
    if (q.analysis() instanceof StatementAnalysis.Unparsed u) {
      out.println("  not parsed: " + u.reason());
    } else if (q.analysis() instanceof StatementAnalysis.SystemCatalog sc) {
      out.println("  reads the database's own catalog (" + sc.object() + "): left out of recommendations and lint");
    } else {
      StatementAnalysis.Parsed p = (StatementAnalysis.Parsed) q.analysis();
      StatementProfile pr = p.profile();
      out.println("  " + pr.kind() + ", read by " + p.parser() + (pr.tablesRead().isEmpty() ? ""
          : "; reads " + String.join(", ", new java.util.TreeSet<>(pr.tablesRead())))
          + (pr.tablesWritten().isEmpty() ? "" : "; writes " + String.join(", ",
              new java.util.TreeSet<>(pr.tablesWritten()))));
      out.println("column uses:");
      for (TableAccess a : pr.accesses()) {
        StringBuilder b = new StringBuilder("  " + a.table() + ":");
        for (ColumnUse u : a.uses()) {
          b.append(' ').append(u.column().column()).append('=').append(u.kind().name().toLowerCase(Locale.ROOT))
              .append(u.descending() ? " desc" : "").append(u.detail().isEmpty() ? "" : "(" + u.detail() + ")")
              .append(';');
        }
        out.println(b);
      }
      if (!pr.unresolved().isEmpty()) {
        out.println("  unresolved: " + String.join(", ", pr.unresolved()));
      }
    }
    List<Recommendation> recs = s.recommendations().stream()
        .filter(r -> r.queries().stream().anyMatch(x -> x.fingerprint().equals(id))).toList();
    out.println(recs.isEmpty() ? "no recommendation serves it" : "served by:");
    recs.forEach(r -> out.println("  #" + r.rank() + " " + r.shortDdl()));
    List<Finding> findings = s.findings().stream().filter(f -> f.message().contains(id)).toList();
    findings.forEach(f -> out.println("finding " + f.rule() + ": " + f.message()));
    live.ifPresent(c -> {
      out.println("plan:");
      for (String line : Plans.explain(c, s.schema().dialect(), q.sample()).split("\n")) {
        out.println("  " + line);
      }
    });
    out.flush();
  }
}
