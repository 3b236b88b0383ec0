package dev.logdex.core.rules;

import dev.logdex.core.dialect.ConstraintDdl;
import dev.logdex.core.schema.ForeignKey;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A foreign key with no ON DELETE action whose parent rows the workload deletes. */
public final class MissingDeleteRuleRule implements Rule {

  @Override
  public String id() {
    return "missing-delete-rule";
  }

  @Override
  public String title() {
    return "Foreign key without an ON DELETE rule, parent rows deleted";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.WARNING;
  }

  @Override
  public String help() {
    return "A foreign key with no ON DELETE action (so NO ACTION) whose parent table the workload deletes from."
        + " Each such DELETE fails while child rows exist, so the application must delete children first, in"
        + " the right order, in every code path. Fix: say what should happen. The proposal is ON DELETE RESTRICT,"
        + " which never destroys data: the rule is then written down, and a delete with children fails at once."
        + " ON DELETE CASCADE is proposed only where the child is owned by the parent: a join table (its key is"
        + " made of foreign keys), or a table whose primary key starts with the foreign key (line items of an"
        + " order); ON DELETE SET NULL fits children that outlive their parent (the column must be nullable).";
  }

  @Override
  public List<Finding> findings(Schema schema, Workload workload) {
    List<Finding> out = new ArrayList<>();
    for (Table t : schema.tables()) {
      for (ForeignKey fk : t.foreignKeys()) {
        String action = fk.onDelete();
        if (!action.isEmpty() && !action.equals("NO ACTION")) {
          continue; // a rule is written down: RESTRICT (what this rule proposes), CASCADE, SET NULL, SET DEFAULT
        }
        long deletes = Workloads.deleteCalls(workload, fk.referencedTable());
        if (deletes == 0) {
          continue;
        }
        boolean nullable = fk.columns().stream().allMatch(c -> t.column(c).map(x -> x.nullable()).orElse(false));
        Optional<String> owned = ownedBy(t, fk);
        String proposed = owned.isPresent() ? "CASCADE" : "RESTRICT";
        String why = owned.map(o -> "-- CASCADE: " + o + ", so deleting the parent deletes them")
            .orElse("-- RESTRICT: nothing is deleted by it; a delete with children fails at once. CASCADE only if "
                + t.name() + "'s rows mean nothing without their " + fk.referencedTable() + " row"
                + (nullable ? "; SET NULL if they outlive it" : "; SET NULL (after making the column nullable) if "
                    + "they outlive it"));
        String name = fk.name().isEmpty()
            ? ConstraintDdl.foreignKeyName(schema.dialect(), t.name(), fk.columns()) : fk.name();
        List<String> parentCols = fk.referencedColumns().isEmpty()
            ? schema.table(fk.referencedTable()).flatMap(Table::primaryKey).map(ix -> ix.keys())
                .orElse(List.of("id"))
            : fk.referencedColumns();
        String parentSchema = schema.table(fk.referencedTable()).map(Table::schema).orElse("");
        boolean mysql = schema.dialect() == dev.logdex.core.model.Dialect.MYSQL;
        String message = "the workload deletes from " + fk.referencedTable() + " (" + Workloads.calls(deletes)
            + ") but " + t.name() + "(" + String.join(", ", fk.columns()) + ") has no ON DELETE rule"
            + (mysql ? " (or ON DELETE RESTRICT: MySQL and MariaDB store the two alike, as RESTRICT)" : "");
        if (mysql && proposed.equals("RESTRICT")) {
          // Writing RESTRICT down changes nothing MySQL keeps: the finding would stay. Say what to decide instead.
          out.add(new Finding(id(), defaultSeverity(), t.qualifiedName(), fk.columns(), message,
              "-- deletes from " + fk.referencedTable() + " fail while " + t.name() + " rows reference them (RESTRICT)."
                  + " If that is intended, suppress this finding in .logdex.yml (suppress: - {rule: " + id()
                  + ", table: " + t.name() + "}); CASCADE only if " + t.name() + "'s rows mean nothing without their "
                  + fk.referencedTable() + " row; SET NULL" + (nullable ? "" : " (after making the column nullable)")
                  + " if they outlive it"));
          continue;
        }
        String fix = why + "\n"
            + ConstraintDdl.dropForeignKey(schema.dialect(), t.schema(), t.name(), name) + "\n"
            + String.join("\n", ConstraintDdl.addForeignKey(schema.dialect(), t.schema(), t.name(), name,
                fk.columns(), parentSchema, schema.table(fk.referencedTable()).map(Table::name)
                    .orElse(fk.referencedTable()), parentCols, proposed));
        out.add(new Finding(id(), defaultSeverity(), t.qualifiedName(), fk.columns(), message, fix));
      }
    }
    return out;
  }

  /**
   * Why the child's rows belong to the parent, when they do: it is a join table (its primary key is made of its
   * foreign keys' columns, two or more keys), or its primary key starts with this foreign key (an order's line
   * items keyed by order and line number). Anything else may outlive the parent or be history: never cascaded.
   */
  static Optional<String> ownedBy(Table child, ForeignKey fk) {
    Optional<List<String>> pk = child.primaryKey().map(ix -> ix.keys());
    if (pk.isEmpty()) {
      return Optional.empty();
    }
    List<String> key = pk.get();
    java.util.Set<String> fkColumns = new java.util.HashSet<>();
    child.foreignKeys().forEach(f -> f.columns().forEach(c -> fkColumns.add(c.toLowerCase(java.util.Locale.ROOT))));
    if (child.foreignKeys().size() >= 2 && key.size() >= 2
        && key.stream().allMatch(c -> fkColumns.contains(c.toLowerCase(java.util.Locale.ROOT)))) {
      return Optional.of(child.name() + " is a join table (its key is made of foreign keys)");
    }
    if (key.size() > fk.columns().size() && Table.leadWith(key, fk.columns())) {
      return Optional.of(child.name() + "'s primary key starts with " + String.join(", ", fk.columns())
          + ": its rows are parts of their " + fk.referencedTable() + " row");
    }
    return Optional.empty();
  }
}
