package dev.logdex.core.recommend;

import dev.logdex.core.model.ColumnUse;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.model.UseKind;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Without a schema nothing says which columns are primary keys, and an index on one is a wasted duplicate that a
 * DBA spots at once. These are the columns with strong reason to be one: {@code id}; the table's own name with
 * {@code _id} or {@code id} ({@code users.user_id}, {@code pgbench_tellers.tid}); and the column a {@code *_id}
 * column is joined to ({@code users.uid} in {@code orders.user_id = users.uid}).
 */
final class LikelyKeys {
  /** How a rejection for this reason begins; the reports count them. */
  static final String REASON = "likely the table's primary key (no schema to check)";

  private final Set<String> joinTargets = new HashSet<>();

  private LikelyKeys() {}

  static LikelyKeys of(Workload workload) {
    LikelyKeys k = new LikelyKeys();
    for (QueryStats q : workload.queries()) {
      q.profile().ifPresent(p -> {
        for (TableAccess a : p.accesses()) {
          for (ColumnUse u : a.uses()) {
            if (u.kind() == UseKind.JOIN && column(u.detail()).endsWith("_id")
                && !u.column().column().toLowerCase(Locale.ROOT).endsWith("_id")) {
              k.joinTargets.add(key(a.table(), u.column().column()));
            }
          }
        }
      });
    }
    return k;
  }

  /** Whether {@code table.column} is likely the table's primary key. */
  boolean isLikelyKey(String table, String column) {
    String c = column.toLowerCase(Locale.ROOT);
    if (c.equals("id") || joinTargets.contains(key(table, column))) {
      return true;
    }
    String t = table.toLowerCase(Locale.ROOT);
    String last = t.substring(t.lastIndexOf('_') + 1);
    for (String base : java.util.List.of(t, last, singular(t), singular(last))) {
      if (!base.isEmpty() && (c.equals(base + "_id") || c.equals(base + "id"))) {
        return true;
      }
    }
    return !last.isEmpty() && c.length() == 3 && c.equals(last.charAt(0) + "id");
  }

  private static String singular(String s) {
    if (s.endsWith("ies") && s.length() > 3) {
      return s.substring(0, s.length() - 3) + "y";
    }
    if (s.endsWith("ses") || s.endsWith("xes")) {
      return s.substring(0, s.length() - 2);
    }
    return s.endsWith("s") ? s.substring(0, s.length() - 1) : s;
  }

  private static String column(String qualified) {
    return qualified.substring(qualified.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }

  private static String key(String table, String column) {
    return table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT);
  }
}
