package dev.logdex.core.dialect;

import dev.logdex.core.model.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Writes foreign-key DDL that is safe on a live database, and the query that finds rows blocking it. */
public final class ConstraintDdl {
  private ConstraintDdl() {}

  /** A constraint name as PostgreSQL would choose it ({@code <table>_<cols>_fkey}), within the length limit. */
  public static String foreignKeyName(Dialect dialect, String table, List<String> columns) {
    String full = IndexDdl.name(dialect, table, columns, "").substring("idx_".length()) + "_fkey";
    int max = dialect == Dialect.MYSQL ? IndexDdl.MYSQL_MAX_NAME : IndexDdl.POSTGRES_MAX_NAME;
    if (full.length() <= max) {
      return full;
    }
    String hash = IndexDdl.hash(full);
    return full.substring(0, max - hash.length() - "__fkey".length()) + "_" + hash + "_fkey";
  }

  /**
   * The statements that add a foreign key. PostgreSQL: {@code NOT VALID} first (no long lock while old rows are
   * checked), then {@code VALIDATE CONSTRAINT}. MySQL and MariaDB: one {@code ALTER TABLE}.
   */
  public static List<String> addForeignKey(Dialect d, String schema, String table, String name,
      List<String> columns, String parentSchema, String parent, List<String> parentColumns, String onDelete) {
    return addForeignKey(d, schema, table, name, columns, parentSchema, parent, parentColumns, onDelete, false);
  }

  /**
   * The same from a table that may be partitioned: PostgreSQL cannot add a foreign key NOT VALID on a partitioned
   * table, so there it is one statement that checks every row as it adds the key.
   */
  public static List<String> addForeignKey(Dialect d, String schema, String table, String name,
      List<String> columns, String parentSchema, String parent, List<String> parentColumns, String onDelete,
      boolean partitioned) {
    String child = Identifiers.qualified(d, schema, table);
    String fk = "ALTER TABLE " + child + " ADD CONSTRAINT " + q(d, name) + " FOREIGN KEY (" + cols(d, columns)
        + ") REFERENCES " + Identifiers.qualified(d, parentSchema, parent) + " (" + cols(d, parentColumns) + ")"
        + (onDelete.isEmpty() ? "" : " ON DELETE " + onDelete);
    List<String> out = new ArrayList<>();
    if (d == Dialect.POSTGRESQL && partitioned) {
      out.add(fk + ";");
    } else if (d == Dialect.POSTGRESQL) {
      out.add(fk + " NOT VALID;");
      out.add("ALTER TABLE " + child + " VALIDATE CONSTRAINT " + q(d, name) + ";");
    } else {
      out.add(fk + ";");
    }
    return out;
  }

  /** The statement that drops a foreign key. */
  public static String dropForeignKey(Dialect d, String schema, String table, String name) {
    return "ALTER TABLE " + Identifiers.qualified(d, schema, table) + (d == Dialect.MYSQL ? " DROP FOREIGN KEY " : " DROP CONSTRAINT IF EXISTS ")
        + q(d, name) + ";";
  }

  /** Counts the child rows whose key has no parent: they would make the constraint fail. */
  public static String orphanCount(Dialect d, String schema, String table, List<String> columns,
      String parentSchema, String parent, List<String> parentColumns) {
    StringBuilder join = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      join.append(i == 0 ? "" : " AND ").append("p.").append(q(d, parentColumns.get(i))).append(" = c.")
          .append(q(d, columns.get(i)));
    }
    String notNull = columns.stream().map(c -> "c." + q(d, c) + " IS NOT NULL").collect(Collectors.joining(" AND "));
    return "SELECT count(*) FROM " + Identifiers.qualified(d, schema, table) + " c WHERE " + notNull
        + " AND NOT EXISTS (SELECT 1 FROM " + Identifiers.qualified(d, parentSchema, parent) + " p WHERE " + join
        + ");";
  }

  private static String cols(Dialect d, List<String> columns) {
    return columns.stream().map(c -> q(d, c)).collect(Collectors.joining(", "));
  }

  private static String q(Dialect d, String name) {
    return Identifiers.quote(d, name);
  }
}
