package dev.logdex.core.rules;

import dev.logdex.core.dialect.IndexDdl;
import dev.logdex.core.model.ColumnUse;
import dev.logdex.core.model.Fix;
import dev.logdex.core.model.UseKind;
import dev.logdex.core.schema.ForeignKey;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A foreign key whose columns lead no index: joins on it scan, and deletes on the parent scan the child. */
public final class UnindexedForeignKeyRule implements Rule {

  @Override
  public String id() {
    return "unindexed-foreign-key";
  }

  @Override
  public String title() {
    return "Foreign key without an index";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.WARNING;
  }

  @Override
  public String help() {
    return "A foreign key whose columns are not the leading columns of any index. Joins from the parent to the"
        + " child scan the child table, and every DELETE (or key UPDATE) on the parent scans it to check for"
        + " referencing rows, holding locks meanwhile. Fix: create an index on the foreign key columns, in"
        + " their order.";
  }

  @Override
  public List<Finding> findings(Schema schema, Workload workload) {
    record Ranked(Finding finding, long calls) {}
    List<Ranked> ranked = new ArrayList<>();
    // The indexes on a partitioned table's partitions need names no object has.
    dev.logdex.core.dialect.ObjectNames partitionNames = new dev.logdex.core.dialect.ObjectNames(schema.dialect(),
        schema.objectNames());
    for (Table t : schema.tables()) {
      for (ForeignKey fk : t.foreignKeys()) {
        if (t.hasIndexLeadingWith(fk.columns())) {
          continue;
        }
        long useCalls = 0;
        for (Workloads.Profiled p : Workloads.accessing(workload, t.qualifiedName())) {
          boolean used = false;
          for (ColumnUse u : p.profile().uses()) {
            if (u.column().table().equals(t.name()) && fk.columns().contains(u.column().column())
                && (u.kind() == UseKind.JOIN || u.kind().isEqualityLike())) {
              used = true;
            }
          }
          if (used) {
            useCalls += p.stats().calls();
          }
        }
        long parentDeletes = Workloads.deleteCalls(workload, fk.referencedTable());
        String cols = String.join(", ", fk.columns());
        String evidence = useCalls + parentDeletes == 0 ? "not used by the workload read"
            : String.format(Locale.ROOT, "joined or filtered by %,d calls; %,d deletes on %s", useCalls,
                parentDeletes, fk.referencedTable());
        String name = IndexDdl.name(schema.dialect(), t.name(), fk.columns(), "");
        String qualifier = t.schema().equals("public") ? "" : t.schema();
        ranked.add(new Ranked(Finding.of(id(), useCalls + parentDeletes > 0 ? Severity.WARNING : Severity.INFO,
            t.qualifiedName(), fk.columns(),
            "foreign key " + t.name() + "(" + cols + ") -> " + fk.referencedTable() + " has no index ("
                + evidence + ")",
            new Fix.CreateIndex(qualifier, t.name(), name, fk.columns(), "", t.isPartitioned(), List.of(), Map.of(),
                partitionNames.onPartitions(t.partitions(), fk.columns(), "")), schema.dialect()),
            useCalls + parentDeletes));
      }
    }
    // Ranked by how much the workload leans on the missing index.
    return ranked.stream().sorted(java.util.Comparator.comparingLong(Ranked::calls).reversed())
        .map(Ranked::finding).toList();
  }
}
