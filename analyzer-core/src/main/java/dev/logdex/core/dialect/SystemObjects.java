package dev.logdex.core.dialect;

import dev.logdex.core.model.Dialect;
import java.util.Locale;
import java.util.Set;

/**
 * The database's own objects, which no index or lint fix may touch: PostgreSQL's {@code pg_catalog},
 * {@code information_schema}, {@code pg_toast} (and {@code pg_temp_N}, {@code pg_toast_temp_N}); MySQL's and
 * MariaDB's {@code mysql}, {@code sys}, {@code performance_schema} and {@code information_schema}.
 */
public final class SystemObjects {
  private SystemObjects() {}

  private static final Set<String> POSTGRES = Set.of("pg_catalog", "information_schema", "pg_toast");
  private static final Set<String> MYSQL = Set.of("mysql", "sys", "performance_schema", "information_schema");

  /** Whether {@code schema} (PostgreSQL) or database (MySQL) is one of the system's own. */
  public static boolean isSystemSchema(Dialect dialect, String schema) {
    String s = schema.toLowerCase(Locale.ROOT);
    if (dialect == Dialect.MYSQL) {
      return MYSQL.contains(s);
    }
    return POSTGRES.contains(s) || s.startsWith("pg_temp_") || s.startsWith("pg_toast_temp_");
  }

  /**
   * Whether the table {@code qualifier.name} as a statement names it may be a system object: in a system schema,
   * or on PostgreSQL an unqualified {@code pg_*} name, which the search path resolves in {@code pg_catalog} before
   * any schema of the user's (the caller checks that the user's schema does not hold a table of that name). Both
   * dialects are tried for the qualifier, since a log's dialect may be a guess.
   */
  public static boolean isSystem(Dialect dialect, String qualifier, String name) {
    if (!qualifier.isEmpty()) {
      return isSystemSchema(dialect, qualifier)
          || isSystemSchema(dialect == Dialect.MYSQL ? Dialect.POSTGRESQL : Dialect.MYSQL, qualifier)
              && !qualifier.equalsIgnoreCase("sys") && !qualifier.equalsIgnoreCase("mysql");
    }
    return dialect == Dialect.POSTGRESQL && name.toLowerCase(Locale.ROOT).startsWith("pg_");
  }
}
