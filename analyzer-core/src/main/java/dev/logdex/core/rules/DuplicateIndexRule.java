package dev.logdex.core.rules;

import dev.logdex.core.schema.Index;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/** Two indexes of a table with the same keys, method and predicate: one does the work, both cost writes. */
public final class DuplicateIndexRule implements Rule {

  @Override
  public String id() {
    return "duplicate-index";
  }

  @Override
  public String title() {
    return "Duplicate index";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.WARNING;
  }

  @Override
  public String help() {
    return "Two indexes of one table with the same key columns in the same order, the same method and the same"
        + " predicate. The planner uses one; every INSERT, UPDATE and DELETE maintains both, and both take space."
        + " An index that backs a primary key or a unique constraint is never the one proposed for dropping."
        + " Fix: drop the duplicate.";
  }

  @Override
  public List<Finding> findings(Schema schema, Workload workload) {
    List<Finding> out = new ArrayList<>();
    for (Table t : schema.tables()) {
      for (IndexDuplicationRules.Duplicate dup : IndexDuplicationRules.duplicates(t)) {
        Index drop = dup.drop();
        Index keep = dup.keep();
        out.add(Finding.of(id(), defaultSeverity(), t.qualifiedName(), drop.keys(),
            "index " + drop.name() + " (" + IndexDuplicationRules.keys(drop) + ") duplicates "
                + (keep.primary() ? "the primary key" : keep.name().isEmpty() ? "another index" : keep.name()),
            IndexDuplicationRules.dropFix(t, drop), schema.dialect()));
      }
    }
    return out;
  }
}
