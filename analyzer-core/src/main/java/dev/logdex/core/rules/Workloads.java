package dev.logdex.core.rules;

import dev.logdex.core.model.ColumnUse;
import dev.logdex.core.model.StatementKind;
import dev.logdex.core.model.StatementProfile;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/** Small questions rules ask of a workload. */
final class Workloads {
  private Workloads() {}

  /** A query class with its profile. */
  record Profiled(QueryStats stats, StatementProfile profile) {}

  static List<Profiled> profiled(Workload w) {
    List<Profiled> out = new ArrayList<>();
    for (QueryStats q : w.queries()) {
      q.profile().ifPresent(p -> out.add(new Profiled(q, p)));
    }
    return out;
  }

  /**
   * The workload's classes by the tables they access, and the calls that delete from each table (names in lower
   * case). Rules ask per table; answering from this keeps a rule's work linear in the schema plus the workload,
   * where a scan of the workload per table would be their product (100,000 tables by 100,000 classes).
   */
  private record ByTable(Map<String, List<Profiled>> accessing, Map<String, Long> deleteCalls) {}

  /** One index per workload, kept while the workload lives (rules run one after another on the same one). */
  private static final Map<Workload, ByTable> INDEXES =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

  private static ByTable byTable(Workload w) {
    return INDEXES.computeIfAbsent(w, x -> {
      Map<String, List<Profiled>> accessing = new HashMap<>();
      Map<String, Long> deletes = new HashMap<>();
      for (Profiled p : profiled(x)) {
        Set<String> tables = new LinkedHashSet<>();
        p.profile().accesses().forEach(a -> tables.add(a.table().toLowerCase(Locale.ROOT)));
        tables.forEach(t -> accessing.computeIfAbsent(t, k -> new ArrayList<>()).add(p));
        if (p.profile().kind() == StatementKind.DELETE) {
          Set<String> written = new LinkedHashSet<>();
          p.profile().tablesWritten().forEach(t -> written.add(t.toLowerCase(Locale.ROOT)));
          written.forEach(t -> deletes.merge(t, p.stats().calls(), Long::sum));
        }
      }
      return new ByTable(accessing, deletes);
    });
  }

  /** The classes that access {@code table} (any case), in the workload's order. */
  static List<Profiled> accessing(Workload w, String table) {
    return byTable(w).accessing().getOrDefault(table.toLowerCase(Locale.ROOT), List.of());
  }

  /** Calls of the DELETE statements on {@code table}. */
  static long deleteCalls(Workload w, String table) {
    return byTable(w).deleteCalls().getOrDefault(table.toLowerCase(Locale.ROOT), 0L);
  }

  /** Calls of the statements with a use on {@code table} that matches {@code test(access, use)}. */
  static long callsUsing(Workload w, String table, BiPredicate<TableAccess, ColumnUse> test) {
    long calls = 0;
    for (Profiled p : accessing(w, table)) {
      boolean hit = false;
      for (TableAccess a : p.profile().accesses()) {
        if (a.table().equalsIgnoreCase(table)) {
          for (ColumnUse u : a.uses()) {
            hit |= test.test(a, u);
          }
        }
      }
      if (hit) {
        calls += p.stats().calls();
      }
    }
    return calls;
  }

  static String calls(long n) {
    return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? "call" : "calls");
  }
}
