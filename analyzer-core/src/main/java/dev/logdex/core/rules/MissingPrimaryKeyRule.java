package dev.logdex.core.rules;

import dev.logdex.core.dialect.Identifiers;
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
      String table = Identifiers.quote(d, t.name());
      Optional<Index> candidate = t.indexes().stream()
          .filter(ix -> ix.unique() && !ix.isPartial() && ix.keys().stream().noneMatch(k -> k.startsWith("("))
              && ix.keys().stream().allMatch(k -> t.column(k.replace(" DESC", "")).map(c -> !c.nullable())
                  .orElse(false)))
          .findFirst();
      String fix;
      List<String> cols;
      if (candidate.isPresent()) {
        cols = candidate.get().keys();
        fix = "ALTER TABLE " + table + " ADD PRIMARY KEY (" + String.join(", ",
            cols.stream().map(c -> Identifiers.quote(d, c)).toList()) + ");";
      } else if (t.column("id").filter(c -> !c.nullable()).isPresent()) {
        cols = List.of(t.column("id").map(Column::name).orElse("id"));
        fix = "ALTER TABLE " + table + " ADD PRIMARY KEY (" + Identifiers.quote(d, cols.get(0)) + ");";
      } else {
        cols = List.of();
        fix = d == Dialect.MYSQL
            ? "ALTER TABLE " + table + " ADD COLUMN id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;"
            : "ALTER TABLE " + table + " ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;";
      }
      out.add(new Finding(id(), defaultSeverity(), t.name(), cols,
          "table " + t.name() + " has no primary key" + (cols.isEmpty() ? "" : "; " + String.join(", ", cols)
              + " could be one"), fix));
    }
    return out;
  }
}
