package dev.logdex.core.recommend;

import dev.logdex.core.model.StatementProfile;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.model.UseKind;
import dev.logdex.core.schema.ForeignKey;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Index candidates for the foreign keys that have no index and that the workload leans on. */
final class ForeignKeyCandidates {
  private ForeignKeyCandidates() {}

  /**
   * Unindexed foreign keys that the workload joins or filters on, or whose parent rows it deletes. The queries are
   * indexed by the tables they access and delete from first, so that each key looks at its own table's queries only.
   */
  static void add(Schema schema, Workload workload, Map<IndexCandidate, Evidence> candidates) {
    Map<String, List<QueryStats>> byTable = new java.util.HashMap<>();
    Map<String, List<QueryStats>> deletesFrom = new java.util.HashMap<>();
    Map<QueryStats, Integer> position = new java.util.IdentityHashMap<>();
    for (QueryStats q : workload.queries()) {
      position.put(q, position.size());
      Optional<StatementProfile> p = q.profile();
      if (p.isEmpty()) {
        continue;
      }
      Set<String> tables = new LinkedHashSet<>();
      p.get().accesses().forEach(a -> tables.add(a.table()));
      tables.forEach(t -> byTable.computeIfAbsent(t, k -> new ArrayList<>()).add(q));
      if (p.get().kind() == dev.logdex.core.model.StatementKind.DELETE) {
        Set<String> written = new LinkedHashSet<>();
        p.get().tablesWritten().forEach(w -> written.add(w.toLowerCase(Locale.ROOT)));
        written.forEach(w -> deletesFrom.computeIfAbsent(w, k -> new ArrayList<>()).add(q));
      }
    }
    for (Table t : schema.tables()) {
      for (ForeignKey fk : t.foreignKeys()) {
        List<QueryStats> reading = byTable.getOrDefault(t.qualifiedName(), List.of());
        List<QueryStats> deleting = deletesFrom.getOrDefault(fk.referencedTable().toLowerCase(Locale.ROOT),
            List.of());
        if (reading.isEmpty() && deleting.isEmpty()) {
          continue;
        }
        if (t.hasIndexLeadingWith(fk.columns())) {
          continue;
        }
        IndexCandidate c = new IndexCandidate(t.qualifiedName(), fk.columns(), fk.columns().size(), "");
        String why = "foreign key " + t.name() + "(" + String.join(", ", fk.columns()) + ") -> "
            + fk.referencedTable() + " has no index";
        Set<QueryStats> deletes = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        deletes.addAll(deleting);
        Set<QueryStats> queries = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        queries.addAll(reading);
        queries.addAll(deleting);
        // In the workload's order: the evidence lists its queries as they come.
        List<QueryStats> ordered = new ArrayList<>(queries);
        ordered.sort(Comparator.comparingInt(position::get));
        for (QueryStats q : ordered) {
          StatementProfile p = q.profile().orElseThrow();
          boolean filters = false;
          boolean joins = false;
          double share = 1; // how much of the query's filtering and sorting on the table the key's columns do
          for (TableAccess a : p.accesses()) {
            if (!a.table().equals(t.qualifiedName())) {
              continue;
            }
            boolean onFk = a.uses().stream().anyMatch(u -> fk.columns().contains(u.column().column())
                && u.kind().isEqualityLike());
            boolean otherFilter = a.uses().stream().anyMatch(u -> !fk.columns().contains(u.column().column())
                && u.kind().isEqualityLike());
            filters |= onFk;
            if (onFk) {
              share = Math.min(share, keyShare(a, fk.columns()));
            }
            // A join on the key helps only where this table has no filter of its own to be found by.
            joins |= !otherFilter && a.uses().stream().anyMatch(u -> fk.columns().contains(u.column().column())
                && u.kind() == UseKind.JOIN);
          }
          boolean deletesParent = deletes.contains(q);
          if (filters || joins || deletesParent) {
            // A join alone helps only when the planner drives it from the parent side: weigh it as a join.
            // A filter on the key and on more columns is served in part: the query's own candidate serves it whole.
            double weight = deletesParent ? 1.0 : filters ? share : Recommender.JOIN_ONLY_WEIGHT;
            candidates.computeIfAbsent(c, k -> new Evidence())
                .add(q, weight, deletesParent ? why + "; deletes on " + fk.referencedTable() + " scan it" : why);
          }
        }
      }
    }
  }

  /** The key's share of the columns an index could use for this access: its filters, and its sort when served. */
  private static double keyShare(TableAccess a, List<String> key) {
    Set<String> usable = new LinkedHashSet<>();
    for (dev.logdex.core.model.ColumnUse u : a.uses()) {
      if (u.kind().isEqualityLike() || u.kind() == UseKind.RANGE || u.kind() == UseKind.ORDER_BY && a.sortServed()) {
        usable.add(u.column().column());
      }
    }
    long mine = usable.stream().filter(key::contains).count();
    return usable.isEmpty() ? 1 : Math.max(mine, 1) / (double) usable.size();
  }
}
