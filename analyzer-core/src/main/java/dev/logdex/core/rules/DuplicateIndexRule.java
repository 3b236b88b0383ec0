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
      List<Index> ix = t.indexes();
      for (int j = 0; j < ix.size(); j++) {
        Index later = ix.get(j);
        for (int i = 0; i < j; i++) {
          Index earlier = ix.get(i);
          if (!earlier.keys().equals(later.keys()) || !IndexDuplicationRules.sameKind(earlier, later)) {
            continue;
          }
          // Keep the one that enforces something; of two plain ones, keep the first declared. Two partial indexes
          // with the same predicate are duplicates too (sameKind compared the predicates).
          Index drop = plain(later) ? later : plain(earlier) ? earlier : null;
          if (drop == null) {
            continue;
          }
          Index keep = drop == later ? earlier : later;
          out.add(Finding.of(id(), defaultSeverity(), t.name(), drop.keys(),
              "index " + drop.name() + " (" + IndexDuplicationRules.keys(drop) + ") duplicates "
                  + (keep.primary() ? "the primary key" : keep.name().isEmpty() ? "another index" : keep.name()),
              IndexDuplicationRules.dropFix(t, drop), schema.dialect()));
          break;
        }
      }
    }
    return out;
  }

  private static boolean plain(Index ix) {
    return !ix.primary() && !ix.unique() && !ix.implicit() && !ix.name().isEmpty();
  }
}
