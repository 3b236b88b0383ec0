package dev.logdex.core.recommend;

import dev.logdex.core.dialect.FixSql;
import dev.logdex.core.model.Fix;
import java.util.List;
import java.util.Objects;

/**
 * A ranked index proposal with its evidence.
 *
 * @param rank 1 for the best
 * @param index the index
 * @param fix the index as a change: its table's schema ({@code ""} for the default one), its name (the one used in
 *     {@code ddl}), keys and predicate, and whether the table is partitioned
 * @param ddl the statement that creates it, valid for the schema's dialect
 * @param benefit estimated benefit: the time of the queries it serves, weighted by how fully it serves them, less
 *     the estimated cost of maintaining it on writes (milliseconds over the workload)
 * @param reason one line saying why
 * @param queries the query classes it serves, by total time
 */
public record Recommendation(
    int rank, IndexCandidate index, Fix.CreateIndex fix, String ddl, double benefit, String reason,
    List<ServedQuery> queries) {
  public Recommendation {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(ddl, "ddl");
    Objects.requireNonNull(reason, "reason");
    queries = List.copyOf(queries);
  }

  /** A recommendation on a table of the default schema that is not partitioned. */
  public Recommendation(int rank, IndexCandidate index, String name, String ddl, double benefit, String reason,
      List<ServedQuery> queries) {
    this(rank, index, new Fix.CreateIndex("", index.table(), name, index.keys(), index.where()), ddl, benefit,
        reason, queries);
  }

  /** The name of the index it creates. */
  public String name() {
    return fix.name();
  }

  /** The table's schema when it is not the default one, else {@code ""}. */
  public String schema() {
    return fix.schema();
  }

  /**
   * {@link #ddl} as a terminal shows it: on a table of many partitions, the statements for the parent and its first
   * partition and a count of the rest ({@link FixSql#shortened}).
   */
  public String shortDdl() {
    return FixSql.shortened(fix, ddl);
  }

  /** The same recommendation with another benefit (as the planner measured it). */
  public Recommendation withBenefit(double newBenefit) {
    return new Recommendation(rank, index, fix, ddl, newBenefit, reason, queries);
  }

  /** The same recommendation at another rank with another reason (a verification's verdict added to it). */
  public Recommendation reranked(int newRank, String newReason) {
    return new Recommendation(newRank, index, fix, ddl, benefit, newReason, queries);
  }
}
