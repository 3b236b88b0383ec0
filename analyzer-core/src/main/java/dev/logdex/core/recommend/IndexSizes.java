package dev.logdex.core.recommend;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import java.util.Locale;
import java.util.Optional;

/**
 * How big an index would be on disk, from the table's row estimate and its columns' types and statistics: the size
 * model the budgeted selection weighs benefit against.
 */
final class IndexSizes {
  private IndexSizes() {}

  /**
   * The estimated size of an index: rows × (key widths + per-entry overhead) / fill factor, or -1 when the table's
   * rows are unknown. An estimate for budgeting, not a measurement.
   */
  static long estimatedBytes(Schema schema, IndexCandidate c) {
    Dialect dialect = schema.dialect();
    Optional<Table> t = schema.table(c.table());
    if (t.isEmpty() || t.get().rowEstimate() < 0) {
      return -1;
    }
    double rows = t.get().rowEstimate();
    int width = 0;
    double distinct = 1;
    boolean dedup = dialect == Dialect.POSTGRESQL;
    for (int i = 0; i < c.keys().size(); i++) {
      Optional<dev.logdex.core.schema.Column> col = t.get().column(c.column(i));
      width += col.map(x -> width(x.type())).orElse(16);
      distinct *= col.map(dev.logdex.core.schema.Column::distinct).filter(d -> d > 0).orElse(rows);
      dedup &= col.map(x -> deduplicates(x.type())).orElse(false);
    }
    for (String inc : c.include()) {
      // Stored in every tuple, and PostgreSQL does not deduplicate an index with INCLUDE columns.
      width += t.get().column(inc).map(x -> width(x.type())).orElse(16);
      dedup = false;
    }
    if (dialect == Dialect.MYSQL) {
      // InnoDB: the key, the primary key appended to it, and the record header; at least one 16 kB page.
      return 16_384 + (long) Math.ceil(rows * (width + 8 + 8) / 0.9);
    }
    // PostgreSQL: a MAXALIGNed index tuple (8-byte header and the key) and a 4-byte line pointer per entry, leaf
    // pages 90% full. Since version 13 equal keys share one tuple with a list of 6-byte row pointers
    // (deduplication), which makes an index on a column with few distinct values several times smaller.
    long tuple = (8 + width + 7) / 8 * 8 + 4;
    double keys = Math.min(rows, distinct);
    double bytes = dedup && keys < rows ? keys * tuple + rows * 6 : rows * tuple;
    // Plus the metapage and the first leaf page, which even an empty index has.
    return 2 * 8192 + (long) Math.ceil(bytes / 0.9);
  }

  /**
   * Whether PostgreSQL's B-tree deduplication works for the type: not for numeric, floats, json, arrays, ranges, or
   * blank-padded char(n).
   */
  private static boolean deduplicates(String type) {
    String x = type.toLowerCase(Locale.ROOT);
    return !(x.startsWith("numeric") || x.startsWith("decimal") || x.startsWith("float") || x.startsWith("real")
        || x.startsWith("double") || x.startsWith("json") || x.endsWith("[]") || x.contains("range")
        || isFixedChar(x));
  }

  private static int width(String type) {
    String x = type.toLowerCase(Locale.ROOT);
    if (x.startsWith("bigint") || x.startsWith("timestamp") || x.startsWith("double") || x.startsWith("datetime")
        || x.startsWith("bigserial")) {
      return 8;
    }
    if (x.startsWith("int") || x.startsWith("serial") || x.startsWith("date") || x.startsWith("real")
        || x.startsWith("float")) {
      return 4;
    }
    if (x.startsWith("smallint") || x.startsWith("bool") || x.startsWith("tinyint")) {
      return 2;
    }
    if (x.startsWith("uuid")) {
      return 16;
    }
    if (x.startsWith("numeric") || x.startsWith("decimal")) {
      return 8; // a short header and a few base-10000 digits
    }
    int declared = declaredLength(x);
    if (isFixedChar(x) && declared > 0) {
      return declared + 1; // padded to its length, with a one-byte header
    }
    return declared > 0 ? Math.min(24, declared + 1) : 24; // text and varchar: a typical short value
  }

  /** {@code char(n)}: blank-padded, and without B-tree deduplication in PostgreSQL (no equality image). */
  private static boolean isFixedChar(String x) {
    return (x.startsWith("char") || x.startsWith("character") || x.startsWith("bpchar") || x.startsWith("nchar"))
        && !x.contains("varying") && !x.startsWith("varchar");
  }

  /** The n of {@code type(n)}, or -1. */
  private static int declaredLength(String x) {
    int open = x.indexOf('(');
    int close = x.indexOf(')', open + 1);
    if (open < 0 || close < 0) {
      return -1;
    }
    try {
      return Integer.parseInt(x.substring(open + 1, close).strip());
    } catch (NumberFormatException e) {
      return -1; // numeric(15,2) and the like
    }
  }
}
