package dev.logdex.core.dialect;

import dev.logdex.core.model.Dialect;
import java.util.Set;

/**
 * Quotes identifiers for generated SQL exactly when they need it: reserved words, names the database would fold
 * differently (mixed case on PostgreSQL), and any character outside a plain name. Quote characters inside a name are
 * doubled, so no table or column name taken from a log or a schema can change the statement it is written into.
 */
public final class Identifiers {
  private Identifiers() {}

  // PostgreSQL's reserved key words (SQL Key Words appendix: "reserved" and "reserved (can be function or type)").
  private static final Set<String> POSTGRES_RESERVED = Set.of(
      "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary",
      "both", "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create",
      "cross", "current_catalog", "current_date", "current_role", "current_schema", "current_time",
      "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end",
      "except", "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike",
      "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral", "leading", "left", "like",
      "limit", "localtime", "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or",
      "order", "outer", "overlaps", "placing", "primary", "references", "returning", "right", "select",
      "session_user", "similar", "some", "symmetric", "system_user", "table", "tablesample", "then", "to",
      "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when", "where", "window",
      "with");

  // MySQL 8.0 and MariaDB reserved words.
  private static final Set<String> MYSQL_RESERVED = Set.of(
      "accessible", "add", "all", "alter", "analyze", "and", "as", "asc", "asensitive", "before", "between",
      "bigint", "binary", "blob", "both", "by", "call", "cascade", "case", "change", "char", "character", "check",
      "collate", "column", "condition", "constraint", "continue", "convert", "create", "cross", "cube", "cume_dist",
      "current_date", "current_role", "current_time", "current_timestamp", "current_user", "cursor", "database",
      "databases", "day_hour", "day_microsecond", "day_minute", "day_second", "dec", "decimal", "declare",
      "default", "delayed", "delete", "dense_rank", "desc", "describe", "deterministic", "distinct", "distinctrow",
      "div", "double", "drop", "dual", "each", "else", "elseif", "empty", "enclosed", "escaped", "except", "exists",
      "exit", "explain", "false", "fetch", "first_value", "float", "float4", "float8", "for", "force", "foreign",
      "from", "fulltext", "function", "generated", "get", "grant", "group", "grouping", "groups", "having",
      "high_priority", "hour_microsecond", "hour_minute", "hour_second", "if", "ignore", "in", "index", "infile",
      "inner", "inout", "insensitive", "insert", "int", "int1", "int2", "int3", "int4", "int8", "integer",
      "intersect", "interval", "into", "io_after_gtids", "io_before_gtids", "is", "iterate", "join", "json_table",
      "key", "keys", "kill", "lag", "last_value", "lateral", "lead", "leading", "leave", "left", "like", "limit",
      "linear", "lines", "load", "localtime", "localtimestamp", "lock", "long", "longblob", "longtext", "loop",
      "low_priority", "master_bind", "master_ssl_verify_server_cert", "match", "maxvalue", "mediumblob",
      "mediumint", "mediumtext", "middleint", "minute_microsecond", "minute_second", "mod", "modifies", "natural",
      "not", "no_write_to_binlog", "nth_value", "ntile", "null", "numeric", "of", "offset", "on", "optimize",
      "optimizer_costs", "option", "optionally", "or", "order", "out", "outer", "outfile", "over", "partition",
      "percent_rank", "precision", "primary", "procedure", "purge", "range", "rank", "read", "reads", "read_write",
      "real", "recursive", "references", "regexp", "release", "rename", "repeat", "replace", "require",
      "resignal", "restrict", "return", "returning", "revoke", "right", "rlike", "row", "row_number", "rows",
      "schema", "schemas", "second_microsecond", "select", "sensitive", "separator", "set", "show", "signal",
      "smallint", "spatial", "specific", "sql", "sqlexception", "sqlstate", "sqlwarning", "sql_big_result",
      "sql_calc_found_rows", "sql_small_result", "ssl", "starting", "stored", "straight_join", "system", "table",
      "terminated", "then", "tinyblob", "tinyint", "tinytext", "to", "trailing", "trigger", "true", "undo",
      "union", "unique", "unlock", "unsigned", "update", "usage", "use", "using", "utc_date", "utc_time",
      "utc_timestamp", "values", "varbinary", "varchar", "varcharacter", "varying", "virtual", "when", "where",
      "while", "window", "with", "write", "xor", "year_month", "zerofill");

  /**
   * {@code name} in {@code schema} (PostgreSQL) or database (MySQL), each part quoted where it must be; unqualified
   * when the schema is empty or PostgreSQL's default {@code public}, which the search path finds.
   */
  public static String qualified(Dialect dialect, String schema, String name) {
    boolean bare = schema.isEmpty() || dialect == Dialect.POSTGRESQL && schema.equals("public");
    return bare ? quote(dialect, name) : quote(dialect, schema) + "." + quote(dialect, name);
  }

  /**
   * {@code name} as it must be written in {@code dialect}'s SQL to mean exactly that name. On PostgreSQL a name
   * holding a character no writer shows as it is (a control, a bidirectional override: {@link
   * dev.logdex.core.lex.ShownText}) is written with Unicode escapes ({@code U&"Ord\\001B[31mers"}), so that the
   * statement a DBA reads is the one that runs, not one an override shows in another order. MySQL has no such
   * form for names: there the characters stay, and the comments above the statement show them escaped.
   */
  public static String quote(Dialect dialect, String name) {
    return dialect == Dialect.MYSQL ? quoteMysql(name) : quotePostgres(name);
  }

  /** Whether {@code name} must be quoted in {@code dialect}. */
  public static boolean needsQuoting(Dialect dialect, String name) {
    return !quote(dialect, name).equals(name);
  }

  private static String quotePostgres(String name) {
    boolean plain = !name.isEmpty() && (isLower(name.charAt(0)) || name.charAt(0) == '_');
    for (int i = 0; plain && i < name.length(); i++) {
      char c = name.charAt(i);
      plain = isLower(c) || c == '_' || c >= '0' && c <= '9' || c == '$';
    }
    if (plain && !POSTGRES_RESERVED.contains(name)) {
      return name;
    }
    if (name.chars().anyMatch(c -> dev.logdex.core.lex.ShownText.unsafe((char) c))) {
      StringBuilder b = new StringBuilder("U&\"");
      for (int i = 0; i < name.length(); i++) {
        char c = name.charAt(i);
        if (dev.logdex.core.lex.ShownText.unsafe(c)) {
          b.append(String.format(java.util.Locale.ROOT, "\\%04X", (int) c));
        } else {
          b.append(c == '\\' ? "\\\\" : c == '"' ? "\"\"" : String.valueOf(c));
        }
      }
      return b.append('"').toString();
    }
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static String quoteMysql(String name) {
    // A name that starts with $ is deprecated unquoted (MySQL 8.0.32), and one that starts with a digit may read
    // as a number (1e5): quote both.
    boolean plain = !name.isEmpty() && name.charAt(0) != '$' && !(name.charAt(0) >= '0' && name.charAt(0) <= '9');
    boolean allDigits = true;
    for (int i = 0; plain && i < name.length(); i++) {
      char c = name.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      allDigits &= digit;
      plain = isLower(c) || c >= 'A' && c <= 'Z' || digit || c == '_' || c == '$';
    }
    if (plain && !allDigits && !MYSQL_RESERVED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
      return name;
    }
    return "`" + name.replace("`", "``") + "`";
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }
}
