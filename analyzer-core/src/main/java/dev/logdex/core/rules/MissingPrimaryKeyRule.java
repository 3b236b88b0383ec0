package dev.logdex.core.rules;

import dev.logdex.core.dialect.Identifiers;
import dev.logdex.core.dialect.PatternKey;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.schema.Column;
import dev.logdex.core.schema.Index;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A table without a primary key: rows cannot be told apart, replication and ORMs suffer. */
public final class MissingPrimaryKeyRule implements Rule {

  @Override
  public String id() {
    return "missing-primary-key";
  }

  @Override
  public String title() {
    return "Table without a primary key";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.WARNING;
  }

  @Override
  public String help() {
    return "A table with no primary key. Duplicate rows cannot be told apart or fixed, ORMs cannot update one"
        + " row, logical replication cannot replicate its updates and deletes (PostgreSQL) and row-based"
        + " replication scans it for every changed row (MySQL). Fix: promote a unique, not-null key to primary"
        + " key, or add an id column as primary key.";
  }

  @Override
  public List<Finding> findings(Schema schema, Workload workload) {
    List<Finding> out = new ArrayList<>();
    Dialect d = schema.dialect();
    for (Table t : schema.tables()) {
      if (t.primaryKey().isPresent()) {
        continue;
      }
      String table = Identifiers.qualified(d, t.schema(), t.name());
      Optional<Index> candidate = t.indexes().stream()
          .filter(ix -> ix.unique() && !ix.isPartial() && ix.keys().stream().noneMatch(k -> k.startsWith("("))
              && ix.keys().stream().allMatch(k -> t.column(PatternKey.column(k)).map(c -> !c.nullable())
                  .orElse(false))
              && includesPartitionKey(t, ix.keys()))
          .findFirst();
      Optional<Column> id = t.column("id");
      String fix;
      List<String> cols;
      if (candidate.isPresent()) {
        cols = candidate.get().keys().stream().map(PatternKey::column).toList();
        fix = "ALTER TABLE " + table + " ADD PRIMARY KEY (" + quoted(d, cols) + ");";
      } else if (id.isPresent() && includesPartitionKey(t, List.of(id.get().name()))) {
        cols = List.of(id.get().name());
        String col = Identifiers.quote(d, cols.get(0));
        if (!id.get().nullable()) {
          fix = "ALTER TABLE " + table + " ADD PRIMARY KEY (" + col + ");";
        } else {
          // The column exists and may hold NULLs or duplicates: the statement is right once the data is.
          fix = "-- " + t.name() + "." + cols.get(0) + " allows NULL: first check that none is NULL or repeated:\n"
              + "-- SELECT " + col + ", count(*) FROM " + table + " GROUP BY " + col + " HAVING count(*) > 1 OR "
              + col + " IS NULL;\n"
              + (d == Dialect.MYSQL
                  ? "ALTER TABLE " + table + " MODIFY " + col + " " + id.get().type() + " NOT NULL, ADD PRIMARY KEY ("
                      + col + ");"
                  : "ALTER TABLE " + table + " ALTER COLUMN " + col + " SET NOT NULL, ADD PRIMARY KEY (" + col
                      + ");");
        }
      } else if (t.isPartitioned()) {
        // A partitioned table's primary key must hold its partition key; which columns make a key is the
        // designer's call, so this is advice, not a statement.
        cols = List.of();
        List<String> part = t.partitionColumns();
        fix = "-- " + t.name() + " is partitioned by " + String.join(", ", t.partitionKey()) + ": its primary key must"
            + " include " + (part.size() == 1 ? "that column" : "those columns") + ", e.g. ("
            + (id.isPresent() ? id.get().name() : "a unique column") + ", " + String.join(", ", part)
            + ") once such columns are NOT NULL and unique together";
      } else {
        cols = List.of();
        fix = d == Dialect.MYSQL
            ? "ALTER TABLE " + table + " ADD COLUMN id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;"
            : "ALTER TABLE " + table + " ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;";
      }
      out.add(new Finding(id(), defaultSeverity(), t.qualifiedName(), cols,
          "table " + t.name() + " has no primary key" + (cols.isEmpty() ? "" : "; " + String.join(", ", cols)
              + " could be one"), fix));
    }
    return out;
  }

  /** Whether a key made of {@code keys} is allowed: on a partitioned table it must hold the partition key. */
  private static boolean includesPartitionKey(Table t, List<String> keys) {
    return t.partitionColumns().stream().allMatch(p -> keys.stream().anyMatch(k -> k.equalsIgnoreCase(p)));
  }

  private static String quoted(Dialect d, List<String> cols) {
    return String.join(", ", cols.stream().map(c -> Identifiers.quote(d, c)).toList());
  }
}
