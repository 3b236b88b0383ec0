package dev.logdex.core.rules;

import dev.logdex.core.schema.Index;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/** A B-tree index whose keys are a left prefix of another B-tree index of the same table: the longer one serves it. */
public final class RedundantIndexRule implements Rule {

  @Override
  public String id() {
    return "redundant-index";
  }

  @Override
  public String title() {
    return "Redundant index";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.WARNING;
  }

  @Override
  public String help() {
    return "A B-tree index whose key columns are the leading columns of a longer B-tree index of the same table,"
        + " with the same predicate. Every lookup it serves, the longer index serves too; it still costs every"
        + " write and its space. Unique, primary-key, partial indexes and expression keys the longer index does"
        + " not repeat are never flagged. Fix: drop the shorter index (keep it only if its smaller size matters"
        + " to a very hot query, and measure first).";
  }

  @Override
  public List<Finding> findings(Schema schema, Workload workload) {
    List<Finding> out = new ArrayList<>();
    for (Table t : schema.tables()) {
      java.util.List<Index> duplicates = IndexDuplicationRules.duplicates(t).stream()
          .map(IndexDuplicationRules.Duplicate::drop).toList();
      for (Index shorter : t.indexes()) {
        if (!IndexDuplicationRules.droppable(shorter) || !shorter.isBtree()
            || duplicates.stream().anyMatch(d -> d == shorter)) {
          continue; // a duplicate is the duplicate-index rule's to drop, once
        }
        for (Index longer : t.indexes()) {
          if (longer == shorter || !longer.isBtree() || longer.isPartial()
              || longer.keys().size() <= shorter.keys().size()
              || !longer.keys().subList(0, shorter.keys().size()).equals(shorter.keys())) {
            continue;
          }
          String by = longer.primary() ? "the primary key" : longer.name().isEmpty() ? "another index" : longer.name();
          out.add(Finding.of(id(), defaultSeverity(), t.qualifiedName(), shorter.keys(),
              "index " + shorter.name() + " (" + IndexDuplicationRules.keys(shorter) + ") is a prefix of " + by
                  + " (" + IndexDuplicationRules.keys(longer) + ")",
              IndexDuplicationRules.dropFix(t, shorter), schema.dialect()));
          break;
        }
      }
    }
    return out;
  }
}
