package dev.logdex.core.sql.tree;

import java.util.List;
import java.util.Objects;

/**
 * A scalar expression in the neutral statement form that both parsers translate into. Only what column usage needs
 * is kept: column references, values, calls (functions, operators, casts), subqueries, and everything else as an
 * opaque node that still carries its children, so no column reference is lost.
 */
public sealed interface Expr {

  /**
   * A column reference as written: {@code qualifier.name} or a bare {@code name}.
   *
   * @param qualifier the table name or alias before the column, {@code ""} when unqualified
   * @param name the column name, folded as the database folds it
   * @param maybeFunction whether the parser read it as a niladic function ({@code user}, {@code current_date}):
   *     then it is a column only where the schema has such a column
   */
  record Column(String qualifier, String name, boolean maybeFunction) implements Expr {
    public Column {
      Objects.requireNonNull(qualifier, "qualifier");
      Objects.requireNonNull(name, "name");
    }

    public Column(String qualifier, String name) {
      this(qualifier, name, false);
    }

    /**
     * Whether an unqualified {@code name} (lower case) may be an SQL function called without parentheses
     * ({@code CURRENT_DATE}, {@code USER}): a column only where the schema has one of that name. Parsers give
     * them as names, Calcite's before its validator, which logdex does not run, turns them into calls.
     */
    public static boolean niladic(String qualifier, String name) {
      return qualifier.isEmpty() && switch (name) {
        case "current_date", "current_time", "current_timestamp", "localtime", "localtimestamp", "current_user",
            "current_role", "current_schema", "current_catalog", "session_user", "system_user", "user", "true",
            "false" -> true;
        default -> false;
      };
    }
  }

  /**
   * A literal or a bind parameter.
   *
   * @param kind what sort of value it is
   * @param text a string literal's value (for LIKE prefixes and expression keys), a number literal as written,
   *     {@code ""} for the others
   */
  record Value(Kind kind, String text) implements Expr {
    public Value {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(text, "text");
    }

    /** The kinds of value an index key can tell apart: a bound parameter is unknown, a literal is fixed. */
    public enum Kind { PARAMETER, NULL, STRING, NUMBER, OTHER_LITERAL }

    public static Value parameter() {
      return new Value(Kind.PARAMETER, "");
    }

    public boolean isNull() {
      return kind == Kind.NULL;
    }
  }

  /** The target type of a cast, as written, lower case: {@code date}, {@code bigint}. */
  record TypeName(String name) implements Expr {
    public TypeName {
      Objects.requireNonNull(name, "name");
    }
  }

  /** A function, operator or cast applied to arguments. */
  record Call(String name, List<Expr> args) implements Expr {
    public Call {
      Objects.requireNonNull(name, "name");
      args = List.copyOf(args);
    }
  }

  /** {@code *} or {@code t.*} in a select list. */
  record Star(String qualifier) implements Expr {
    public Star {
      Objects.requireNonNull(qualifier, "qualifier");
    }
  }

  /** An UPDATE's {@code SET target = value}: the target is written, the value's columns are read. */
  record Assignment(Column target, Expr value) implements Expr {
    public Assignment {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(value, "value");
    }
  }

  /** A subquery used as a value, in IN, or under EXISTS. */
  record Subquery(Query query) implements Expr {
    public Subquery {
      Objects.requireNonNull(query, "query");
    }
  }

  /** Anything else (CASE, row constructors, arrays, ...), with its children. */
  record Opaque(List<Expr> children) implements Expr {
    public Opaque {
      children = List.copyOf(children);
    }
  }
}
