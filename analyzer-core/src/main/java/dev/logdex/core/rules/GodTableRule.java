package dev.logdex.core.rules;

import dev.logdex.core.dialect.Identifiers;
import dev.logdex.core.model.ColumnUse;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.model.UseKind;
import dev.logdex.core.schema.Column;
import dev.logdex.core.schema.Index;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A wide table whose columns fall into groups that are never read together: several concepts in one table. The
 * evidence is the workload (which columns each query touches) and, without one, prefix families
 * ({@code billing_*}, {@code pref_*}).
 */
public final class GodTableRule implements Rule {

  private final int minColumns;
  private final int minGroup;

  /** With the defaults: tables of 20 columns or more, groups of 3 columns or more. */
  public GodTableRule() {
    this(20, 3);
  }

  public GodTableRule(int minColumns, int minGroup) {
    this.minColumns = minColumns;
    this.minGroup = minGroup;
  }

  @Override
  public String id() {
    return "god-table";
  }

  @Override
  public String title() {
    return "Table holding several concepts";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.INFO;
  }

  @Override
  public String help() {
    return "A table with many columns (min-columns, default 20) that fall into groups (min-group columns or more,"
        + " default 3) the workload never reads together, or into prefix families such as subscription_* and"
        + " pref_*. Every row carries every group, so rows are wide, hot groups share pages with cold ones, and"
        + " each group's writes lock the others. Fix: move each group into its own table keyed by the primary"
        + " key (1:1), starting with the groups read least often. Groups are the prefix families, joined where a"
        + " statement names columns of two of them together; SELECT * and an ORM's list of every column join"
        + " nothing, since they read whatever belongs together. A table whose columns are named together, even"
        + " 40 of them, is not flagged.";
  }

  @Override
  public List<Finding> findings(Schema schema, Workload workload) {
    List<Finding> out = new ArrayList<>();
    for (Table t : schema.tables()) {
      if (t.columns().size() < minColumns) {
        continue;
      }
      Set<String> key = new LinkedHashSet<>();
      t.primaryKey().ifPresent(pk -> pk.keys().forEach(k -> key.add(k.toLowerCase())));
      Map<String, String> parent = new HashMap<>();
      for (Column c : t.columns()) {
        parent.put(c.name().toLowerCase(), c.name().toLowerCase());
      }
      for (Set<String> family : prefixFamilies(t, key)) {
        String first = family.iterator().next().toLowerCase();
        family.forEach(c -> union(parent, first, c.toLowerCase()));
      }
      boolean named = readTogether(t, workload, key, parent);
      List<Set<String>> groups = components(t, parent, key);
      String evidence = named ? "its columns fall into groups (prefix families, and the columns statements name "
          + "together) that the workload never reads together" : "its columns fall into prefix families";
      List<Set<String>> big = groups.stream().filter(g -> g.size() >= minGroup).toList();
      if (big.size() < 2) {
        continue;
      }
      StringBuilder msg = new StringBuilder("table " + t.name() + " has " + t.columns().size() + " columns; "
          + evidence + ":");
      for (Set<String> g : big) {
        msg.append(" [").append(String.join(", ", g)).append("]");
      }
      out.add(new Finding(id(), defaultSeverity(), t.qualifiedName(), List.copyOf(big.get(big.size() - 1)), msg.toString(),
          split(schema.dialect(), t, big)));
    }
    return out;
  }

  /**
   * Joins the groups of the columns each statement names together, and says whether any statement named any.
   * What a statement reads with {@code SELECT *}, or with a list of (nearly) every column as ORMs write it, is no
   * evidence: it reads everything whatever belongs together. Filters, joins, sorts and writes are.
   */
  private static boolean readTogether(Table t, Workload workload, Set<String> key, Map<String, String> parent) {
    boolean named = false;
    for (Workloads.Profiled p : Workloads.accessing(workload, t.qualifiedName())) {
      for (TableAccess a : p.profile().accesses()) {
        if (!a.table().equalsIgnoreCase(t.qualifiedName())) {
          continue;
        }
        long selected = a.uses().stream().filter(u -> u.kind() == UseKind.SELECT)
            .map(u -> u.column().column().toLowerCase()).distinct().count();
        boolean everything = selected >= ORM_READ_SHARE * t.columns().size();
        String first = null;
        for (ColumnUse u : a.uses()) {
          String c = u.column().column().toLowerCase();
          boolean wholeRow = u.kind() == UseKind.SELECT && (u.detail().equals("*") || everything);
          if (key.contains(c) || wholeRow || !parent.containsKey(c)) {
            continue; // the key is read with everything; a whole-row read says nothing of groups
          }
          named = true;
          if (first == null) {
            first = c;
          } else {
            union(parent, first, c);
          }
        }
      }
    }
    return named;
  }

  /** A read of at least this share of a table's columns is a whole-row read (an ORM's column list). */
  static final double ORM_READ_SHARE = 0.9;

  /** The groups, each in the table's column order, the key left out. */
  private static List<Set<String>> components(Table t, Map<String, String> parent, Set<String> key) {
    Map<String, Set<String>> byRoot = new LinkedHashMap<>();
    for (Column c : t.columns()) {
      String name = c.name().toLowerCase();
      if (!key.contains(name)) {
        byRoot.computeIfAbsent(find(parent, name), r -> new LinkedHashSet<>()).add(c.name());
      }
    }
    return new ArrayList<>(byRoot.values());
  }

  private static List<Set<String>> prefixFamilies(Table t, Set<String> key) {
    Map<String, Set<String>> families = new TreeMap<>();
    for (Column c : t.columns()) {
      int u = c.name().indexOf('_');
      if (u > 0 && !key.contains(c.name().toLowerCase())) {
        families.computeIfAbsent(c.name().substring(0, u).toLowerCase(), k -> new LinkedHashSet<>()).add(c.name());
      }
    }
    return new ArrayList<>(families.values());
  }

  private static void union(Map<String, String> parent, String a, String b) {
    String ra = find(parent, a);
    String rb = find(parent, b);
    if (!ra.equals(rb)) {
      parent.put(rb, ra);
    }
  }

  private static String find(Map<String, String> parent, String x) {
    String r = x;
    while (!parent.get(r).equals(r)) {
      r = parent.get(r);
    }
    return r;
  }

  /** A 1:1 table per group but the largest, keyed by the table's primary key. */
  private static String split(Dialect d, Table t, List<Set<String>> groups) {
    List<String> pk = t.primaryKey().map(Index::keys).orElse(List.of());
    StringBuilder b = new StringBuilder("-- move each group into a table of its own, keyed by " + t.name() + "'s key:");
    Set<String> largest = groups.stream().max((x, y) -> Integer.compare(x.size(), y.size())).orElseThrow();
    for (Set<String> g : groups) {
      if (g == largest) {
        continue;
      }
      String name = t.name() + "_" + prefix(g);
      b.append("\nCREATE TABLE ").append(Identifiers.qualified(d, t.schema(), name)).append(" (");
      List<String> defs = new ArrayList<>();
      for (String k : pk) {
        t.column(k).ifPresent(c -> defs.add(Identifiers.quote(d, c.name()) + " " + c.type()));
      }
      for (String c : g) {
        t.column(c).ifPresent(col -> defs.add(Identifiers.quote(d, col.name()) + " " + col.type()));
      }
      if (!pk.isEmpty()) {
        String cols = String.join(", ", pk.stream().map(k -> Identifiers.quote(d, k)).toList());
        defs.add("PRIMARY KEY (" + cols + ")");
        defs.add("FOREIGN KEY (" + cols + ") REFERENCES " + Identifiers.qualified(d, t.schema(), t.name()) + " ("
            + cols + ")");
      }
      b.append(String.join(", ", defs)).append(");");
    }
    return b.toString();
  }

  private static String prefix(Set<String> group) {
    String first = group.iterator().next();
    int u = first.indexOf('_');
    return u > 0 ? first.substring(0, u) : first;
  }
}
