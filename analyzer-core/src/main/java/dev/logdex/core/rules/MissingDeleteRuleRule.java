package dev.logdex.core.rules;

import dev.logdex.core.dialect.ConstraintDdl;
import dev.logdex.core.schema.ForeignKey;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;

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
        + " the right order, in every code path. Fix: say what should happen: ON DELETE CASCADE when the children"
        + " belong to the parent, ON DELETE SET NULL when they outlive it (the column must be nullable).";
  }

  @Override
  public List<Finding> findings(Schema schema, Workload workload) {
    List<Finding> out = new ArrayList<>();
    for (Table t : schema.tables()) {
      for (ForeignKey fk : t.foreignKeys()) {
        String action = fk.onDelete();
        if (!action.isEmpty() && !action.equals("NO ACTION") && !action.equals("RESTRICT")) {
          continue;
        }
        long deletes = Workloads.deleteCalls(workload, fk.referencedTable());
        if (deletes == 0) {
          continue;
        }
        boolean nullable = fk.columns().stream().allMatch(c -> t.column(c).map(x -> x.nullable()).orElse(false));
        String proposed = nullable ? "SET NULL" : "CASCADE";
        String name = fk.name().isEmpty()
            ? ConstraintDdl.foreignKeyName(schema.dialect(), t.name(), fk.columns()) : fk.name();
        List<String> parentCols = fk.referencedColumns().isEmpty()
            ? schema.table(fk.referencedTable()).flatMap(Table::primaryKey).map(ix -> ix.keys())
                .orElse(List.of("id"))
            : fk.referencedColumns();
        String fix = "-- " + proposed + (nullable ? " (the column is nullable; CASCADE if children belong to it)"
            : " (or SET NULL after making the column nullable, if children outlive their parent)") + "\n"
            + ConstraintDdl.dropForeignKey(schema.dialect(), t.name(), name) + "\n"
            + String.join("\n", ConstraintDdl.addForeignKey(schema.dialect(), t.name(), name, fk.columns(),
                fk.referencedTable(), parentCols, proposed));
        out.add(new Finding(id(), defaultSeverity(), t.name(), fk.columns(),
            "the workload deletes from " + fk.referencedTable() + " (" + Workloads.calls(deletes) + ") but "
                + t.name() + "(" + String.join(", ", fk.columns()) + ") has no ON DELETE rule", fix));
      }
    }
    return out;
  }
}
