package dev.logdex.core.snapshot;

import dev.logdex.core.analysis.Analysis;
import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.model.InputSummary;
import dev.logdex.core.rules.LintConfig;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Making snapshots, and adding snapshots of one schema together. */
public final class Snapshots {
  private Snapshots() {}

  /** The snapshot of an analysis. */
  public static Snapshot of(String version, Schema schema, Workload workload, AnalysisReport report) {
    return new Snapshot(version, schema, workload, report.inputs(), report.statements(), report.recommendations(),
        report.findings(), report.rehearsal(), report.leftOut());
  }

  /**
   * Adds snapshots of one schema together (one per server, per hour): calls, times and usage add up, and the
   * recommendations and findings are made again from the sum, so the result is the same as analysing all the
   * logs at once, in any order.
   *
   * @throws IllegalArgumentException when the snapshots describe different schemas
   */
  public static Snapshot merge(String version, List<Snapshot> snapshots, LintConfig config) {
    if (snapshots.isEmpty()) {
      throw new IllegalArgumentException("nothing to merge");
    }
    Schema schema = snapshots.get(0).schema();
    var shape = SnapshotJson.schema(schema);
    Workload workload = Workload.empty();
    List<InputSummary> inputs = new ArrayList<>();
    long statements = 0;
    java.util.Set<String> filters = new java.util.TreeSet<>();
    Groups groups = Groups.NONE;
    for (int i = 0; i < snapshots.size(); i++) {
      Snapshot s = snapshots.get(i);
      if (!SnapshotJson.schema(s.schema()).equals(shape)) {
        throw new IllegalArgumentException("snapshot " + (i + 1) + " describes another schema than snapshot 1;"
            + " merge adds up snapshots of one schema");
      }
      workload = Workload.merge(workload, s.workload());
      inputs.addAll(s.inputs());
      statements += s.statements();
      filters.addAll(s.classFilters());
      if (i > 0 && s.groups().isEmpty() != groups.isEmpty()) {
        throw new IllegalArgumentException("snapshot " + (i + 1) + (s.groups().isEmpty() ? " keeps no groups" : " keeps "
            + "groups") + " and snapshot 1 " + (groups.isEmpty() ? "none" : "does") + "; merge adds up snapshots of "
            + "one kind");
      }
      groups = groups.plus(s.groups());
    }
    inputs.sort(Comparator.comparing(InputSummary::path).thenComparing(InputSummary::format));
    // A part narrowed by class filters stays narrowed in the sum, and says so.
    AnalysisReport report = Analysis.run(version, schema, workload, inputs, statements, List.of(), config)
        .withLeftOut(List.copyOf(filters));
    return of(version, schema, workload, report).withGroups(groups);
  }
}
