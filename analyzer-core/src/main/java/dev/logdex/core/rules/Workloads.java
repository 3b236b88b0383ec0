package dev.logdex.core.rules;

import dev.logdex.core.model.ColumnUse;
import dev.logdex.core.model.StatementKind;
import dev.logdex.core.model.StatementProfile;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  /** Calls of the DELETE statements on {@code table}. */
  static long deleteCalls(Workload w, String table) {
    return profiled(w).stream().filter(p -> p.profile().kind() == StatementKind.DELETE
        && p.profile().tablesWritten().stream().anyMatch(t -> t.equalsIgnoreCase(table)))
        .mapToLong(p -> p.stats().calls()).sum();
  }

  /** Calls of the statements with a use on {@code table} that matches {@code test(access, use)}. */
  static long callsUsing(Workload w, String table, BiPredicate<TableAccess, ColumnUse> test) {
    long calls = 0;
    for (Profiled p : profiled(w)) {
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
