package dev.logdex.core.snapshot;

import dev.logdex.core.model.InputSummary;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.rules.Finding;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.workload.Workload;
import java.util.List;
import java.util.Objects;

/**
 * Everything a later comparison or merge needs from one analysis: the workload (per query class its calls, times,
 * rows and column usage), the schema, the recommendations and findings, and what was read.
 *
 * @param logdexVersion the version that wrote it
 * @param statements statements read
 * @param rehearsal what a rehearsal measured of the recommendations, when {@code analyze --rehearse} ran one
 * @param classFilters what filters of query classes left out before the analysis (--min-calls, --table, ...),
 *     one sentence each: the workload is the part they kept
 * @param groups the logs kept apart by server or database, each with its workload, when they were
 */
public record Snapshot(String logdexVersion, Schema schema, Workload workload, List<InputSummary> inputs,
    long statements, List<Recommendation> recommendations, List<Finding> findings,
    java.util.Optional<dev.logdex.core.analysis.Rehearsed> rehearsal, List<String> classFilters, Groups groups) {

  /** The snapshot format this logdex writes; it reads this one and every older one. */
  public static final int FORMAT_VERSION = 1;

  public Snapshot {
    Objects.requireNonNull(logdexVersion, "logdexVersion");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(workload, "workload");
    inputs = List.copyOf(inputs);
    recommendations = List.copyOf(recommendations);
    findings = List.copyOf(findings);
    Objects.requireNonNull(rehearsal, "rehearsal");
    classFilters = List.copyOf(classFilters);
    Objects.requireNonNull(groups, "groups");
  }

  /** A snapshot of logs not kept apart by server or database. */
  public Snapshot(String logdexVersion, Schema schema, Workload workload, List<InputSummary> inputs,
      long statements, List<Recommendation> recommendations, List<Finding> findings,
      java.util.Optional<dev.logdex.core.analysis.Rehearsed> rehearsal, List<String> classFilters) {
    this(logdexVersion, schema, workload, inputs, statements, recommendations, findings, rehearsal, classFilters,
        Groups.NONE);
  }

  /** The same snapshot with the logs' groups kept (see {@link Groups}). */
  public Snapshot withGroups(Groups g) {
    return new Snapshot(logdexVersion, schema, workload, inputs, statements, recommendations, findings, rehearsal,
        classFilters, g);
  }

  /** A snapshot of a workload no class filter narrowed. */
  public Snapshot(String logdexVersion, Schema schema, Workload workload, List<InputSummary> inputs,
      long statements, List<Recommendation> recommendations, List<Finding> findings,
      java.util.Optional<dev.logdex.core.analysis.Rehearsed> rehearsal) {
    this(logdexVersion, schema, workload, inputs, statements, recommendations, findings, rehearsal, List.of());
  }

  /** A snapshot with no rehearsal. */
  public Snapshot(String logdexVersion, Schema schema, Workload workload, List<InputSummary> inputs,
      long statements, List<Recommendation> recommendations, List<Finding> findings) {
    this(logdexVersion, schema, workload, inputs, statements, recommendations, findings, java.util.Optional.empty());
  }
}
