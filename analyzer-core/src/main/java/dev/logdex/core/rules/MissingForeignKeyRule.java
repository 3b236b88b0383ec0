package dev.logdex.core.rules;

import dev.logdex.core.model.ColumnRef;
import dev.logdex.core.model.ColumnUse;
import dev.logdex.core.model.Fix;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.model.UseKind;
import dev.logdex.core.schema.ForeignKey;
import dev.logdex.core.schema.Index;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A column the workload joins to another table's key, with no foreign key saying so: nothing stops orphans, and
 * the planner and every reader of the schema lack the fact.
 */
public final class MissingForeignKeyRule implements Rule {

  @Override
  public String id() {
    return "missing-foreign-key";
  }

  @Override
  public String title() {
    return "Join on a key without a foreign key";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.WARNING;
  }

  @Override
  public String help() {
    return "A column that the workload joins to another table's primary or unique key, with no foreign key"
        + " constraint. Nothing stops rows that point at nothing (orphans), deletes of the parent leave them"
        + " behind, and tools that read the schema miss the relation. Fix: count the orphan rows first (the query"
        + " is in the fix), clean them up, then add the constraint; on PostgreSQL NOT VALID first and VALIDATE"
        + " after, so the table is not locked while old rows are checked.";
  }

  /**
   * A join on a key that no constraint backs.
   *
   * @param child the joined column that should reference
   * @param parent the key it is joined to
   * @param calls calls of the statements that join them
   */
  public record Missing(ColumnRef child, ColumnRef parent, long calls) {}

  /** Every column the workload joins to another table's key without a foreign key. */
  public static List<Missing> missing(Schema schema, Workload workload) {
    Map<ColumnRef, ColumnRef> parents = new LinkedHashMap<>();
    Map<ColumnRef, Long> calls = new LinkedHashMap<>();
    for (Workloads.Profiled p : Workloads.profiled(workload)) {
      java.util.Set<ColumnRef> seen = new java.util.HashSet<>();
      for (TableAccess a : p.profile().accesses()) {
        for (ColumnUse u : a.uses()) {
          // A join is recorded on both of its columns; a correlated subquery's only on the outer one (the inner
          // column is an equality with it): so either side may be the key.
          String partner = u.kind() == UseKind.JOIN ? u.detail()
              : u.kind() == UseKind.EQUALITY && u.detail().startsWith(ColumnUse.CORRELATED)
                  ? u.detail().substring(ColumnUse.CORRELATED.length()) : "";
          Optional<ColumnRef> other = parse(partner);
          if (other.isEmpty()) {
            continue;
          }
          ColumnRef child;
          ColumnRef parent;
          if (isKey(schema, other.get()) && !isKey(schema, u.column())) {
            child = u.column();
            parent = other.get();
          } else if (isKey(schema, u.column()) && !isKey(schema, other.get())) {
            child = other.get();
            parent = u.column();
          } else {
            continue;
          }
          if (schema.table(child.table()).isEmpty() || hasForeignKey(schema, child)) {
            continue;
          }
          parents.putIfAbsent(child, parent);
          if (seen.add(child)) {
            calls.merge(child, p.stats().calls(), Long::sum);
          }
        }
      }
    }
    List<Missing> out = new ArrayList<>();
    parents.forEach((child, parent) -> out.add(new Missing(child, parent, calls.get(child))));
    return out;
  }

  @Override
  public List<Finding> findings(Schema schema, Workload workload) {
    List<Finding> out = new ArrayList<>();
    for (Missing m : missing(schema, workload)) {
      ColumnRef child = m.child();
      ColumnRef parent = m.parent();
      String message = child + " is joined to " + parent + " (" + Workloads.calls(m.calls()) + ") but has no foreign key";
      boolean childPartitioned = partitioned(schema, child.table());
      if (schema.dialect() == dev.logdex.core.model.Dialect.MYSQL
          && (childPartitioned || partitioned(schema, parent.table()))) {
        // InnoDB has no foreign keys on partitioned tables: say so rather than propose what cannot run.
        out.add(Finding.of(id(), defaultSeverity(), child.table(), List.of(child.column()), message,
            new Fix.Review("-- InnoDB does not support foreign keys on partitioned tables: keep " + child
                + " consistent with " + parent + " in the application, or check it with a periodic query"),
            schema.dialect()));
        continue;
      }
      Optional<String> refused = schema.dialect() == dev.logdex.core.model.Dialect.MYSQL
          ? innodbRefuses(type(schema, child), type(schema, parent)) : Optional.empty();
      if (refused.isPresent()) {
        // errno 150, "Foreign key constraint is incorrectly formed": say what to change rather than print it.
        out.add(Finding.of(id(), defaultSeverity(), child.table(), List.of(child.column()), message + "; "
            + refused.get(), new Fix.Review("-- MySQL and MariaDB refuse this foreign key until " + child
            + " has the type of " + parent + " (" + type(schema, parent) + "): change the column first (on a large"
            + " table a copy that blocks writes; an online schema change tool avoids that), then add the foreign"
            + " key"), schema.dialect()));
        continue;
      }
      out.add(Finding.of(id(), defaultSeverity(), child.table(), List.of(child.column()), message,
          new Fix.AddForeignKey(schemaOf(schema, child.table()), nameOf(schema, child.table()),
              List.of(child.column()), schemaOf(schema, parent.table()), nameOf(schema, parent.table()),
              List.of(parent.column()), childPartitioned),
          schema.dialect()));
    }
    return out;
  }

  /** The column's declared type, reduced to what InnoDB compares (see {@link #innodbRefuses}), or {@code ""}. */
  private static String type(Schema schema, ColumnRef c) {
    return schema.table(c.table()).flatMap(t -> t.column(c.column())).map(col -> comparedType(col.type()))
        .orElse("");
  }

  /**
   * A MySQL or MariaDB type as InnoDB compares a foreign key's columns: lower case, without an integer's display
   * width ({@code int(11)}) or ZEROFILL, {@code integer} as {@code int}, {@code numeric} as {@code decimal} with
   * its default precision; {@code ""} for anything else than a plain word and its size, which is not compared (and
   * never printed: a catalog's type can hold an ENUM's values).
   */
  static String comparedType(String declared) {
    String t = declared.toLowerCase(java.util.Locale.ROOT).strip().replaceAll("\\s+", " ").replace(" zerofill", "");
    if (!t.matches("[a-z]+(\\([0-9]+(,[0-9]+)?\\))?( unsigned| signed)?")) {
      return "";
    }
    t = t.replace(" signed", "").replaceFirst("^integer", "int").replaceFirst("^numeric", "decimal");
    if (t.matches("(tinyint|smallint|mediumint|int|bigint)\\([0-9]+\\).*")) {
      t = t.replaceFirst("\\([0-9]+\\)", "");
    }
    if (t.matches("decimal( unsigned)?")) {
      t = t.replaceFirst("decimal", "decimal(10,0)");
    } else if (t.matches("decimal\\([0-9]+\\).*")) {
      t = t.replaceFirst("\\)", ",0)");
    }
    return t;
  }

  /**
   * Why InnoDB would refuse a foreign key from a column of type {@code child} to one of type {@code parent}, if
   * it would: integers of another size or sign, decimals of another precision or scale, a number and a string
   * (the MySQL manual: "the size and sign of fixed precision types such as INTEGER and DECIMAL must be the same").
   * Nothing is said where a type is unknown or not a plain one.
   */
  static Optional<String> innodbRefuses(String child, String parent) {
    if (child.isEmpty() || parent.isEmpty() || child.equals(parent)) {
      return Optional.empty();
    }
    boolean integers = isInteger(child) && isInteger(parent);
    boolean decimals = child.startsWith("decimal") && parent.startsWith("decimal");
    boolean numbers = isNumber(child) || isNumber(parent);
    if (!integers && !decimals && !numbers) {
      return Optional.empty(); // strings of other lengths are allowed
    }
    return Optional.of("its type, " + child + ", is not " + parent + ", as MySQL and MariaDB require of a foreign "
        + "key" + (integers && width(child) < width(parent) ? " (and " + parent + " values past the "
        + child + " range would not fit in it)" : ""));
  }

  private static boolean isInteger(String t) {
    return t.matches("(tinyint|smallint|mediumint|int|bigint)( unsigned)?");
  }

  private static boolean isNumber(String t) {
    return isInteger(t) || t.startsWith("decimal") || t.matches("(float|double|real|bit)\\b.*");
  }

  private static int width(String integer) {
    return List.of("tinyint", "smallint", "mediumint", "int", "bigint").indexOf(integer.replace(" unsigned", ""));
  }

  private static Optional<ColumnRef> parse(String detail) {
    int dot = detail.lastIndexOf('.');
    return dot <= 0 ? Optional.empty()
        : Optional.of(new ColumnRef(detail.substring(0, dot), detail.substring(dot + 1)));
  }

  /** The column is by itself the primary key or a unique key of its table. */
  private static boolean isKey(Schema schema, ColumnRef c) {
    Optional<Table> t = schema.table(c.table());
    if (t.isEmpty()) {
      return false;
    }
    for (Index ix : t.get().indexes()) {
      if ((ix.primary() || ix.unique()) && !ix.isPartial() && ix.keys().size() == 1
          && ix.column(0).equalsIgnoreCase(c.column())) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasForeignKey(Schema schema, ColumnRef child) {
    Table t = schema.table(child.table()).orElseThrow();
    for (ForeignKey fk : t.foreignKeys()) {
      if (fk.columns().size() == 1 && fk.columns().get(0).equalsIgnoreCase(child.column())) {
        return true; // it references something already; a different target is not this rule's concern
      }
    }
    return false;
  }

  private static boolean partitioned(Schema schema, String table) {
    return schema.table(table).map(dev.logdex.core.schema.Table::isPartitioned).orElse(false);
  }

  /** The table's own name (the workload knows it as app.users; DDL wants users in schema app). */
  private static String nameOf(Schema schema, String table) {
    return schema.table(table).map(Table::name).orElse(table);
  }

  private static String schemaOf(Schema schema, String table) {
    return schema.table(table).map(dev.logdex.core.schema.Table::schema).orElse("");
  }
}
