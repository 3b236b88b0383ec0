package dev.logdex.core.recommend;

import java.util.List;
import java.util.Objects;

/**
 * A ranked index proposal with its evidence.
 *
 * @param rank 1 for the best
 * @param index the index
 * @param name the index name used in {@code ddl}
 * @param ddl the statement that creates it, valid for the schema's dialect
 * @param benefit estimated benefit: the time of the queries it serves, weighted by how fully it serves them, less
 *     the estimated cost of maintaining it on writes (milliseconds over the workload)
 * @param reason one line saying why
 * @param queries the query classes it serves, by total time
 */
public record Recommendation(
    int rank, IndexCandidate index, String name, String ddl, double benefit, String reason,
    List<ServedQuery> queries) {
  public Recommendation {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ddl, "ddl");
    Objects.requireNonNull(reason, "reason");
    queries = List.copyOf(queries);
  }
}
