package dev.logdex.core.rules;

import dev.logdex.core.dialect.Identifiers;
import dev.logdex.core.dialect.IndexDdl;
import dev.logdex.core.model.ColumnUse;
import dev.logdex.core.model.StatementKind;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.model.UseKind;
import dev.logdex.core.schema.Column;
import dev.logdex.core.schema.ForeignKey;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.SoftDelete;
import dev.logdex.core.schema.Table;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Soft deletes (a {@code deleted_at}-style column) mixed with hard deletes: DELETEs on a soft-delete table, queries
 * that forget its filter, and soft-deleted parents whose children have no way to follow.
 */
public final class MixedDeleteStrategyRule implements Rule {

  @Override
  public String id() {
    return "mixed-delete-strategy";
  }

  @Override
  public String title() {
    return "Soft and hard deletes mixed";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.WARNING;
  }

  @Override
  public String help() {
    return "Tables that soft-delete (deleted_at, is_deleted, deleted) next to code that hard-deletes: a DELETE on"
        + " a soft-delete table loses the history the column was meant to keep; a query on a soft-delete table"
        + " that does not filter the column returns deleted rows (listed with their calls); a soft-deleted"
        + " parent whose child table has no soft-delete column leaves live children under a dead parent. Fix:"
        + " one strategy per table: UPDATE ... SET deleted_at = now() instead of DELETE, the filter in every"
        + " query (a partial index WHERE deleted_at IS NULL makes the hot ones fast), and a soft-delete column on"
        + " the children, or hard deletes throughout.";
  }

  @Override
  public List<Finding> findings(Schema schema, Workload workload) {
    List<Finding> out = new ArrayList<>();
    var d = schema.dialect();
    // Each parent's children, once: asked for every soft-deleted table.
    Map<String, List<Table>> childrenOf = new java.util.HashMap<>();
    for (Table child : schema.tables()) {
      for (ForeignKey fk : child.foreignKeys()) {
        List<Table> kids = childrenOf.computeIfAbsent(fk.referencedTable().toLowerCase(java.util.Locale.ROOT),
            k -> new ArrayList<>());
        if (!kids.contains(child)) {
          kids.add(child);
        }
      }
    }
    for (Table t : schema.tables()) {
      Optional<Column> marker = SoftDelete.of(t);
      if (marker.isEmpty()) {
        continue;
      }
      String col = marker.get().name();
      long deletes = Workloads.deleteCalls(workload, t.qualifiedName());
      if (deletes > 0) {
        out.add(new Finding(id(), defaultSeverity(), t.qualifiedName(), List.of(col),
            t.name() + " soft-deletes with " + col + " but the workload hard-deletes from it ("
                + Workloads.calls(deletes) + ")",
            "-- instead of DELETE FROM " + Identifiers.qualified(d, t.schema(), t.name()) + " WHERE ...:\nUPDATE "
                + Identifiers.qualified(d, t.schema(), t.name()) + " SET " + Identifiers.quote(d, col) + " = "
                + (marker.get().type().contains("bool") ? "true" : "now()") + " WHERE ...;"));
      }
      forgottenFilters(schema, workload, t, col).ifPresent(out::add);
      for (Table child : childrenOf.getOrDefault(t.qualifiedName().toLowerCase(java.util.Locale.ROOT), List.of())) {
        for (ForeignKey fk : child.foreignKeys()) {
          if (fk.referencedTable().equalsIgnoreCase(t.qualifiedName()) && child != t && SoftDelete.of(child).isEmpty()) {
            out.add(new Finding(id(), Severity.INFO, child.qualifiedName(), fk.columns(),
                t.name() + " is soft-deleted but its child " + child.name() + " has no soft-delete column: its rows"
                    + " stay live under a deleted " + t.name() + " row",
                "ALTER TABLE " + Identifiers.quote(d, child.name()) + " ADD COLUMN " + Identifiers.quote(d, col) + " "
                    + marker.get().type() + ";"));
          }
        }
      }
    }
    return out;
  }

  /** Queries reading the table without filtering the marker, when other queries do filter it. */
  private Optional<Finding> forgottenFilters(Schema schema, Workload workload, Table t, String col) {
    Map<String, Long> forgetting = new LinkedHashMap<>();
    Map<String, Long> filteredEq = new LinkedHashMap<>();
    long filteredCalls = 0;
    for (Workloads.Profiled p : Workloads.accessing(workload, t.qualifiedName())) {
      if (p.profile().kind() != StatementKind.SELECT) {
        continue;
      }
      for (TableAccess a : p.profile().accesses()) {
        if (!a.table().equalsIgnoreCase(t.qualifiedName())) {
          continue;
        }
        boolean filters = a.uses().stream().anyMatch(u -> u.column().column().equalsIgnoreCase(col)
            && u.kind() != UseKind.SELECT);
        if (filters) {
          filteredCalls += p.stats().calls();
          for (ColumnUse u : a.uses()) {
            if (u.kind() == UseKind.EQUALITY || u.kind() == UseKind.IN) {
              filteredEq.merge(u.column().column(), p.stats().calls(), Long::sum);
            }
          }
        } else {
          forgetting.merge(p.stats().fingerprint().id(), p.stats().calls(), Long::sum);
        }
      }
    }
    if (forgetting.isEmpty() || filteredCalls == 0) {
      return Optional.empty();
    }
    StringBuilder msg = new StringBuilder(forgetting.size() == 1
        ? "1 query on " + t.name() + " does not filter " + col + " while others do:"
        : forgetting.size() + " queries on " + t.name() + " do not filter " + col + " while others do:");
    forgetting.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> msg.append(" ").append(e.getKey()).append(" (").append(Workloads.calls(e.getValue()))
            .append(")"));
    var d = schema.dialect();
    String fix = "-- add \"AND " + col + " IS NULL\" to those queries";
    Optional<String> hot = filteredEq.entrySet().stream().max(Comparator.comparingLong(Map.Entry::getValue))
        .map(Map.Entry::getKey);
    if (hot.isPresent() && d == dev.logdex.core.model.Dialect.POSTGRESQL) {
      String where = Identifiers.quote(d, col) + " IS NULL";
      String qualifier = t.schema().equals("public") ? "" : t.schema();
      fix += "; the filtered ones are served by a partial index:\n" + IndexDdl.create(d, qualifier, t.name(),
          IndexDdl.name(d, t.name(), List.of(hot.get()), where), List.of(hot.get()), where, t.isPartitioned());
    }
    return Optional.of(new Finding(id(), defaultSeverity(), t.qualifiedName(), List.of(col), msg.toString(), fix));
  }
}
