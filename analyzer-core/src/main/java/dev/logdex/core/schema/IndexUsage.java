package dev.logdex.core.schema;

import java.util.Objects;

/**
 * What a live database says about one index's use.
 *
 * @param table the table
 * @param index the index name
 * @param scans index scans since the statistics were last reset
 * @param sizeBytes the index's size on disk
 * @param since when the statistics were last reset, as the database wrote it, or {@code ""} when unknown
 */
public record IndexUsage(String table, String index, long scans, long sizeBytes, String since) {
  public IndexUsage {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(since, "since");
  }
}
