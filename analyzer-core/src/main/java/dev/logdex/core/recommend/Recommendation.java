package dev.logdex.core.recommend;

import dev.logdex.core.model.Fix;
import java.util.List;
import java.util.Objects;

/**
 * A ranked index proposal with its evidence.
 *
 * @param rank 1 for the best
 * @param index the index
 * @param schema the table's schema when it is not the default one ({@code public}, the connection's database), else
 *     {@code ""}
 * @param name the index name used in {@code ddl}
 * @param ddl the statement that creates it, valid for the schema's dialect
 * @param benefit estimated benefit: the time of the queries it serves, weighted by how fully it serves them, less
 *     the estimated cost of maintaining it on writes (milliseconds over the workload)
 * @param reason one line saying why
 * @param queries the query classes it serves, by total time
 */
public record Recommendation(
    int rank, IndexCandidate index, String schema, String name, String ddl, double benefit, String reason,
    List<ServedQuery> queries) {
  public Recommendation {
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ddl, "ddl");
    Objects.requireNonNull(reason, "reason");
    queries = List.copyOf(queries);
  }

  /** A recommendation on a table of the default schema. */
  public Recommendation(int rank, IndexCandidate index, String name, String ddl, double benefit, String reason,
      List<ServedQuery> queries) {
    this(rank, index, "", name, ddl, benefit, reason, queries);
  }

  /** The change it proposes, as a value: what the migration writer and the dialect's renderer take. */
  public Fix.CreateIndex fix() {
    return new Fix.CreateIndex(schema, index.table(), name, index.keys(), index.where());
  }

  /** The same recommendation at another rank with another reason (a verification's verdict added to it). */
  public Recommendation reranked(int newRank, String newReason) {
    return new Recommendation(newRank, index, schema, name, ddl, benefit, newReason, queries);
  }
}
