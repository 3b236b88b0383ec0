package dev.logdex.core.schema;

import java.util.Objects;

/**
 * What a live database says about one index's use.
 *
 * @param table the table
 * @param index the index name
 * @param scans index scans since the statistics were last reset
 * @param sizeBytes the index's size on disk
 * @param since when the statistics begin (their last reset, else the server's start), as the database wrote it,
 *     or {@code ""} when unknown
 * @param days how many days the statistics cover, or -1 when unknown
 */
public record IndexUsage(String table, String index, long scans, long sizeBytes, String since, double days) {
  public IndexUsage {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(since, "since");
  }

  /** Usage whose coverage is not known. */
  public IndexUsage(String table, String index, long scans, long sizeBytes, String since) {
    this(table, index, scans, sizeBytes, since, -1);
  }
}
