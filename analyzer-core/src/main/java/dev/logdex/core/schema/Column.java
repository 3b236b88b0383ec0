package dev.logdex.core.schema;

import java.util.Objects;

/**
 * A column of a table.
 *
 * @param name the column name as the database stores it
 * @param type the declared type, as written in the DDL (lower case), or {@code ""} when unknown
 * @param nullable whether NULL is allowed
 * @param distinct the database's estimate of distinct values, or -1 when unknown (no live statistics)
 * @param equalityMatch the fraction of the table's rows that {@code column = v} matches, on average, when {@code v}
 *     is drawn as the rows' values are: what an equality on this column leaves to read. From the null fraction,
 *     the most common values' frequencies and the number of distinct values (PostgreSQL's pg_stats); -1 when
 *     unknown. A skewed column matches far more than 1/distinct.
 */
public record Column(String name, String type, boolean nullable, double distinct, double equalityMatch) {
  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  /** A column with a distinct-value estimate only. */
  public Column(String name, String type, boolean nullable, double distinct) {
    this(name, type, nullable, distinct, -1);
  }

  /** A column with no statistics. */
  public Column(String name, String type, boolean nullable) {
    this(name, type, nullable, -1, -1);
  }

  /**
   * The expected fraction of rows an equality matches: the sum of the squared frequencies of the most common
   * values, plus the rest of the non-null rows spread evenly over the other distinct values.
   *
   * @param nullFraction the fraction of rows that are NULL (an equality never matches them)
   * @param commonFrequencies the frequencies of the most common values
   * @param distinct the number of distinct non-null values
   */
  public static double equalityMatch(double nullFraction, double[] commonFrequencies, double distinct) {
    double common = 0;
    double squares = 0;
    for (double f : commonFrequencies) {
      common += f;
      squares += f * f;
    }
    double rest = Math.max(0, 1 - nullFraction - common);
    double others = Math.max(1, distinct - commonFrequencies.length);
    return squares + (rest > 0 ? rest * rest / others : 0);
  }
}
