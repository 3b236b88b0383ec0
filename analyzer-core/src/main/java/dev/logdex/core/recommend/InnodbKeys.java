package dev.logdex.core.recommend;

import dev.logdex.core.dialect.IndexDdl;
import dev.logdex.core.dialect.PatternKey;
import dev.logdex.core.schema.Index;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * What InnoDB makes of a candidate's keys, on MySQL and MariaDB: which columns it can key whole and how long a key
 * it builds, and what a second lookup in the primary key costs an index that does not hold what its queries read.
 */
final class InnodbKeys {
  private final Schema schema;

  InnodbKeys(Schema schema) {
    this.schema = schema;
  }

  /**
   * The candidates with no TEXT, BLOB, JSON or spatial column among their keys: MySQL and MariaDB index such a
   * column only by a prefix whose length the DBA chooses (MySQL: "BLOB/TEXT column used in key specification
   * without a key length"; MariaDB: "max key length is 3072 bytes"), and logdex does not choose one. Such an
   * equality column is left out and a range or sort key on one ends the keys; the candidate keeps what its other
   * columns serve, counted in proportion to the keys it keeps (as without statistics), or is rejected when none is
   * left. Either way the reason names the column. A candidate whose keys could take more than InnoDB's longest key
   * ({@link IndexDdl#MYSQL_MAX_KEY_BYTES}) loses its last keys until the rest fit.
   */
  Map<IndexCandidate, Evidence> keyable(Map<IndexCandidate, Evidence> candidates,
      List<Recommender.Rejection> rejections) {
    Map<IndexCandidate, Evidence> out = new LinkedHashMap<>();
    candidates.forEach((c, e) -> {
      Optional<Table> t = schema.table(c.table());
      List<String> keys = new ArrayList<>();
      List<String> dropped = new ArrayList<>();
      int eq = 0;
      for (int i = 0; i < c.keys().size(); i++) {
        String name = c.column(i);
        Optional<dev.logdex.core.schema.Column> col = t.flatMap(x -> x.column(name));
        if (col.isPresent() && IndexDdl.mysqlKeysOnlyByPrefix(col.get().type())) {
          dropped.add(col.get().name() + " (" + IndexDdl.typeName(col.get().type()) + ")");
          if (i >= c.equalityPrefix()) {
            break; // the keys after a range or sort key serve only behind it
          }
          continue;
        }
        keys.add(c.keys().get(i));
        eq += i < c.equalityPrefix() ? 1 : 0;
      }
      String prefixOnly = "MySQL and MariaDB index " + String.join(" and ", dropped) + " only by a prefix, whose "
          + "length logdex does not choose";
      String why = dropped.isEmpty() ? "" : prefixOnly;
      String kept = dropped.isEmpty() ? "" : prefixOnly + (dropped.size() == 1 ? ", so it is" : ", so they are")
          + " left out";
      long bytes = t.map(x -> keyBytes(x, keys)).orElse(0L);
      if (bytes > IndexDdl.MYSQL_MAX_KEY_BYTES) {
        // The last keys serve least: cut them until the rest fit.
        List<String> cut = new ArrayList<>();
        while (!keys.isEmpty() && keyBytes(t.get(), keys) > IndexDdl.MYSQL_MAX_KEY_BYTES) {
          cut.add(0, keys.remove(keys.size() - 1));
        }
        eq = Math.min(eq, keys.size());
        String tooLong = String.format(Locale.ROOT, "an InnoDB key is at most %,d bytes, and these keys take up to "
            + "%,d (4 bytes a character), without %s", IndexDdl.MYSQL_MAX_KEY_BYTES, bytes, String.join(", ", cut));
        why = (why.isEmpty() ? "" : why + "; ") + tooLong;
        kept = (kept.isEmpty() ? "" : kept + "; ") + tooLong;
      } else if (dropped.isEmpty()) {
        out.merge(c, e, InnodbKeys::absorbed);
        return;
      }
      if (keys.isEmpty()) {
        rejections.add(new Recommender.Rejection(c, why
            + " (index a prefix, or a generated column of its hash, by hand)"));
        return;
      }
      rejections.add(new Recommender.Rejection(c, why + ": (" + String.join(", ", keys)
          + ") is proposed in its place"));
      out.merge(new IndexCandidate(c.table(), keys, eq, c.where(), c.include()),
          e.discounted((double) keys.size() / c.keys().size(), kept), InnodbKeys::absorbed);
    });
    return out;
  }

  /**
   * On MySQL and MariaDB, each candidate that reads many rows for queries that read only a few other columns of its
   * table, with those columns as its last keys: InnoDB finds each row an index entry points to by a second lookup
   * in the table's primary key, and an index that holds every column a query reads answers it alone. Measured on
   * MariaDB (2 M reservations, a table larger than its buffer pool): a day's count by status, {@code created_at
   * BETWEEN ... GROUP BY status}, took 390 ms through {@code (created_at)}, no faster than the scan it replaced, and
   * 3 ms through {@code (created_at, status)}.
   *
   * <p>Only where the candidate reads many rows: a range or sort key and a query that returns every row it finds
   * (no LIMIT), or equalities the statistics say leave more than {@link Recommender#FEW_ROWS}; a lookup of a few
   * rows saves a few lookups. Only columns that can be keys (no TEXT or BLOB), at most {@link
   * Recommender#MAX_INCLUDE}, never the primary key's (InnoDB stores them in every index already), and never where
   * a query writes the table. MySQL has no INCLUDE: they are keys. PostgreSQL's planner weighs INCLUDE columns
   * itself ({@link Recommender#candidates}).
   */
  Map<IndexCandidate, Evidence> covering(Map<IndexCandidate, Evidence> candidates,
      BiFunction<IndexCandidate, Evidence, Optional<List<String>>> coveringColumns) {
    Map<IndexCandidate, Evidence> out = new LinkedHashMap<>();
    candidates.forEach((c, e) -> {
      Optional<List<String>> extra = c.include().isEmpty() && c.where().isEmpty() && readsManyRows(c, e)
          ? coveringColumns.apply(c, e).flatMap(cols -> keyableBesidePrimaryKey(c.table(), cols)) : Optional.empty();
      if (extra.isEmpty()) {
        out.merge(c, e, InnodbKeys::absorbed);
        return;
      }
      List<String> keys = new ArrayList<>(c.keys());
      keys.addAll(extra.get());
      if (schema.table(c.table()).map(t -> keyBytes(t, keys)).orElse(0L)
          > IndexDdl.MYSQL_MAX_KEY_BYTES) {
        out.merge(c, e, InnodbKeys::absorbed); // too long a key to hold them
        return;
      }
      Evidence covering = e.discounted(1, "holds " + String.join(", ", extra.get())
          + " too: its queries read the index alone");
      out.merge(new IndexCandidate(c.table(), keys, c.equalityPrefix(), c.where()), covering, InnodbKeys::absorbed);
    });
    return out;
  }

  /** Whether {@code c} reads many rows for one of its queries at least (see {@link #covering}). */
  private boolean readsManyRows(IndexCandidate c, Evidence e) {
    if (c.keys().size() > c.equalityPrefix()) {
      return e.queries().values().stream().anyMatch(q -> q.profile().stream()
          .flatMap(p -> p.accesses().stream()).anyMatch(a -> a.table().equals(c.table()) && !a.limited()));
    }
    Optional<Table> t = schema.table(c.table());
    double left = t.map(x -> Recommender.fractionLeft(x, c.keys())).orElse(-1.0);
    return left >= 0 && left * t.get().rowEstimate() > Recommender.FEW_ROWS;
  }

  /** {@code cols} less the primary key's, if every one can be a key and some are left. */
  private Optional<List<String>> keyableBesidePrimaryKey(String table, List<String> cols) {
    Optional<Table> t = schema.table(table);
    List<String> primary = t.flatMap(Table::primaryKey).map(Index::keys).orElse(List.of());
    List<String> out = new ArrayList<>();
    for (String col : cols) {
      Optional<dev.logdex.core.schema.Column> column = t.flatMap(x -> x.column(col));
      if (column.isEmpty() || column.get().type().isEmpty() || IndexDdl.mysqlKeysOnlyByPrefix(column.get().type())) {
        return Optional.empty();
      }
      if (primary.stream().noneMatch(k -> k.equalsIgnoreCase(col))) {
        out.add(col);
      }
    }
    return out.isEmpty() ? Optional.empty() : Optional.of(out);
  }

  /** The most bytes a MySQL key on {@code keys} of {@code t} may take ({@link IndexDdl#mysqlKeyBytes}). */
  private static long keyBytes(Table t, List<String> keys) {
    List<String> types = new ArrayList<>(keys.size());
    for (String k : keys) {
      t.column(PatternKey.column(k)).ifPresent(c -> types.add(c.type()));
    }
    return IndexDdl.mysqlKeyBytes(types);
  }

  private static Evidence absorbed(Evidence a, Evidence b) {
    Evidence e = a.copy();
    e.absorb(b);
    return e;
  }
}
