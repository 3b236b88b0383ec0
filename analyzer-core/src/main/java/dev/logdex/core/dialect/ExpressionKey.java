package dev.logdex.core.dialect;

import dev.logdex.core.model.Dialect;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An index key on an expression of one column, such as {@code lower(email)}: written that way in a proposal's key
 * list, and turned into SQL here, with the column quoted as a name. Only a few forms are read as expressions, each
 * with its argument checked against a closed list or a strict pattern, so no text from a log or a schema is ever
 * copied into a statement unchecked:
 *
 * <ul>
 *   <li>{@code lower(c)}, {@code upper(c)}
 *   <li>{@code date_trunc('day', c)}, the unit one PostgreSQL knows
 *   <li>{@code coalesce(c, 0)}, {@code coalesce(c, 'x')}: a number, or a short string of letters, digits and
 *       {@code _ .:@-}
 *   <li>{@code c::date}, a cast to {@code date}, {@code integer}, {@code bigint}, {@code smallint} or
 *       {@code numeric}
 *   <li>{@code c ->> 'key'}, a JSON field as text, the key of letters, digits and {@code _ .:@-}
 * </ul>
 *
 * @param function {@code lower}, {@code upper}, {@code date_trunc}, {@code coalesce}, {@code cast} or {@code ->>}
 * @param argument the unit, fallback literal (as SQL), type or key; {@code ""} for lower and upper
 * @param column the column's name as the database stores it
 */
public record ExpressionKey(String function, String argument, String column) {

  /** The functions an expression key may apply. */
  public static final Set<String> FUNCTIONS = Set.of("lower", "upper", "date_trunc", "coalesce", "cast", "->>");

  private static final Set<String> UNITS = Set.of("microseconds", "milliseconds", "second", "minute", "hour", "day",
      "week", "month", "quarter", "year", "decade", "century", "millennium");

  /** Cast targets, by the names PostgreSQL accepts for them, to the name it writes back. */
  private static final Map<String, String> CASTS = Map.of("date", "date", "integer", "integer", "int", "integer",
      "int4", "integer", "bigint", "bigint", "int8", "bigint", "smallint", "smallint", "int2", "smallint",
      "numeric", "numeric", "decimal", "numeric");

  private static final Pattern SAFE_TEXT = Pattern.compile("[A-Za-z0-9_ .:@-]{0,63}");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,18}(\\.[0-9]{1,18})?");

  private static final Pattern CALL = Pattern.compile("(lower|upper)\\((.+)\\)", Pattern.DOTALL);
  private static final Pattern DATE_TRUNC = Pattern.compile("date_trunc\\('([a-z]+)', (.+)\\)", Pattern.DOTALL);
  private static final Pattern COALESCE = Pattern.compile(
      "coalesce\\((.+), (-?[0-9]{1,18}(?:\\.[0-9]{1,18})?|'[A-Za-z0-9_ .:@-]{0,63}')\\)", Pattern.DOTALL);
  private static final Pattern CAST = Pattern.compile("(.+)::([a-z0-9]+)", Pattern.DOTALL);
  private static final Pattern JSON_FIELD = Pattern.compile("(.+) ->> '([A-Za-z0-9_ .:@-]{1,63})'", Pattern.DOTALL);

  public ExpressionKey {
    if (!accepts(function, argument)) {
      throw new IllegalArgumentException("not an indexable expression: " + function + " " + argument);
    }
    if (function.equals("cast")) {
      argument = CASTS.get(argument);
    }
  }

  /** A lower or upper key. */
  public ExpressionKey(String function, String column) {
    this(function, "", column);
  }

  /** Whether {@code function} with {@code argument} is a form a key may have. */
  public static boolean accepts(String function, String argument) {
    return switch (function) {
      case "lower", "upper" -> argument.isEmpty();
      case "date_trunc" -> UNITS.contains(argument);
      case "coalesce" -> NUMBER.matcher(argument).matches() || argument.length() >= 2 && argument.startsWith("'")
          && argument.endsWith("'") && SAFE_TEXT.matcher(argument.substring(1, argument.length() - 1)).matches();
      case "cast" -> CASTS.containsKey(argument);
      case "->>" -> !argument.isEmpty() && SAFE_TEXT.matcher(argument).matches();
      default -> false;
    };
  }

  /**
   * The form as a column use records it: {@code lower}, {@code date_trunc:day}, {@code coalesce:0},
   * {@code cast:date}, {@code ->>:tenant}.
   */
  public String detail() {
    return argument.isEmpty() ? function : function + ":" + argument;
  }

  /**
   * What a column use's detail says in place of the argument when the calls of its query class write different
   * literals there ({@code date_trunc:?}): no one index serves them all.
   */
  public static final String VARIES = "?";

  /** The detail of {@code function} whose literal differs between the calls of a class: {@code date_trunc:?}. */
  public static String varyingDetail(String function) {
    return function + ":" + VARIES;
  }

  /**
   * The key a proposal would show for a detail whose literal varies ({@code date_trunc(?, created_at)}), if
   * {@code detail} is one. Never valid SQL, never parsed back by {@link #parse}: a candidate with it is rejected.
   */
  public static Optional<String> varyingKey(String detail, String column) {
    if (!detail.endsWith(":" + VARIES)) {
      return Optional.empty();
    }
    return switch (detail.substring(0, detail.length() - VARIES.length() - 1)) {
      case "date_trunc" -> Optional.of("date_trunc(" + VARIES + ", " + column + ")");
      case "coalesce" -> Optional.of("coalesce(" + column + ", " + VARIES + ")");
      case "->>" -> Optional.of(column + " ->> " + VARIES);
      default -> Optional.empty();
    };
  }

  private static final Pattern VARYING_KEY = Pattern.compile(
      "date_trunc\\(\\?, .+\\)|coalesce\\(.+, \\?\\)|.+ ->> \\?", Pattern.DOTALL);

  /** Whether {@code key} is one {@link #varyingKey} writes. */
  public static boolean isVarying(String key) {
    return VARYING_KEY.matcher(key).matches();
  }

  /**
   * What a range use's detail ends with when the range is a LIKE prefix ({@code lower(email) LIKE 'ab%'}): on
   * PostgreSQL its index needs a pattern operator class (see {@link PatternKey}).
   */
  public static final String LIKE = " LIKE";

  /** The detail of a LIKE prefix on the expression {@code detail} names. */
  public static String likeDetail(String detail) {
    return detail + LIKE;
  }

  /** Whether {@code detail} is one {@link #likeDetail} wrote. */
  public static boolean isLikeDetail(String detail) {
    return detail.endsWith(LIKE);
  }

  /** The key of a column use's {@link #detail()} (or {@link #likeDetail}) on {@code column}, if it is one. */
  public static Optional<ExpressionKey> ofDetail(String detail, String column) {
    if (isLikeDetail(detail)) {
      detail = detail.substring(0, detail.length() - LIKE.length());
    }
    int colon = detail.indexOf(':');
    String function = colon < 0 ? detail : detail.substring(0, colon);
    String argument = colon < 0 ? "" : detail.substring(colon + 1);
    return accepts(function, argument) ? Optional.of(new ExpressionKey(function, argument, column))
        : Optional.empty();
  }

  /** The key as a proposal writes it: {@code lower(email)}, {@code created_at::date}. */
  public String key() {
    return switch (function) {
      case "date_trunc" -> "date_trunc('" + argument + "', " + column + ")";
      case "coalesce" -> "coalesce(" + column + ", " + argument + ")";
      case "cast" -> column + "::" + argument;
      case "->>" -> column + " ->> '" + argument + "'";
      default -> function + "(" + column + ")";
    };
  }

  /**
   * The literal the key was built with, as SQL ({@code 'day'}, {@code 0}, {@code 'tenant'}), if it has one. A query
   * class groups calls that differ only in literals, so the literal is kept only where every call of the class
   * writes it ({@code Constants.settle}); elsewhere the use's detail says it {@link #VARIES}.
   */
  public Optional<String> literal() {
    return switch (function) {
      case "date_trunc", "->>" -> Optional.of("'" + argument + "'");
      case "coalesce" -> Optional.of(argument);
      default -> Optional.empty();
    };
  }

  /** The key read back from a proposal's key list, if it is an expression key. */
  public static Optional<ExpressionKey> parse(String key) {
    // Every form has a parenthesis, "->>" or "::": a plain column name, which most keys are, needs no matcher (the
    // analysis asks this of every key of every candidate; five matchers each were a third of what it allocated).
    if (key.indexOf('(') < 0 && key.indexOf('>') < 0 && key.indexOf(':') < 0) {
      return Optional.empty();
    }
    Matcher m = CALL.matcher(key);
    if (m.matches()) {
      return Optional.of(new ExpressionKey(m.group(1), "", m.group(2)));
    }
    m = DATE_TRUNC.matcher(key);
    if (m.matches() && UNITS.contains(m.group(1))) {
      return Optional.of(new ExpressionKey("date_trunc", m.group(1), m.group(2)));
    }
    m = COALESCE.matcher(key);
    if (m.matches()) {
      return Optional.of(new ExpressionKey("coalesce", m.group(2), m.group(1)));
    }
    m = JSON_FIELD.matcher(key);
    if (m.matches()) {
      return Optional.of(new ExpressionKey("->>", m.group(2), m.group(1)));
    }
    m = CAST.matcher(key);
    if (m.matches() && CASTS.containsKey(m.group(2))) {
      return Optional.of(new ExpressionKey("cast", m.group(2), m.group(1)));
    }
    return Optional.empty();
  }

  /**
   * The expression in SQL as an index key: {@code lower("Email")}, {@code ("data" ->> 'tenant')}. Forms that are not
   * a plain function call are in parentheses, which PostgreSQL requires of an index expression.
   */
  public String sql(Dialect dialect) {
    String c = Identifiers.quote(dialect, column);
    if (dialect == Dialect.MYSQL) {
      mysqlUnsupported().ifPresent(why -> {
        throw new IllegalArgumentException(why);
      });
    }
    return switch (function) {
      case "date_trunc" -> "date_trunc('" + argument + "', " + c + ")";
      case "coalesce" -> "COALESCE(" + c + ", " + argument + ")";
      case "cast" -> "CAST(" + c + " AS " + argument + ")";
      case "->>" -> "(" + c + " ->> '" + argument + "')";
      default -> function + "(" + c + ")";
    };
  }

  /**
   * Why MySQL and MariaDB have no form of this key, if they have none: {@code date_trunc} is PostgreSQL's, a JSON
   * field is read with a path there ({@code ->> '$.key'}), and their casts to integer types are to SIGNED.
   */
  public Optional<String> mysqlUnsupported() {
    return switch (function) {
      case "lower", "upper", "coalesce" -> Optional.empty();
      case "cast" -> argument.equals("date") ? Optional.empty()
          : Optional.of("MySQL and MariaDB cast to SIGNED or DECIMAL, not " + argument + ": logdex writes no index on "
              + key() + " there");
      case "date_trunc" -> Optional.of("MySQL and MariaDB have no date_trunc: logdex writes no index on " + key()
          + " there");
      default -> Optional.of("MySQL and MariaDB read a JSON field with a path ($.key): logdex writes no index on "
          + key() + " there");
    };
  }

  private static final Pattern MYSQL_STRING = Pattern.compile(
      "(var)?char\\s*\\(\\s*([0-9]{1,5})\\s*\\).*", Pattern.DOTALL);
  private static final Pattern MYSQL_INTEGER = Pattern.compile(
      "(tinyint|smallint|mediumint|int|integer|bigint)(?:\\s*\\([0-9]{1,3}\\))?(\\s+unsigned)?.*", Pattern.DOTALL);
  private static final Pattern MYSQL_DECIMAL = Pattern.compile(
      "(?:decimal|numeric)\\s*\\(\\s*([0-9]{1,2})\\s*(?:,\\s*([0-9]{1,2})\\s*)?\\).*", Pattern.DOTALL);
  private static final Pattern MYSQL_TIME = Pattern.compile("(date|datetime|timestamp)(?:\\s*\\([0-6]\\))?.*",
      Pattern.DOTALL);

  /**
   * The type of the generated column MySQL and MariaDB index this key through, for a column of {@code type} as the
   * schema declares it, if logdex can tell it: the column's own type for {@code lower}, {@code upper} and
   * {@code coalesce}, and {@code date} for a cast to date. Written by logdex from the parts it recognises, never
   * copied. A string column's own collation is not known (the schema's type leaves it out): the generated column
   * takes the table's, and MySQL matches the expression to it only when they are the same.
   */
  public Optional<String> mysqlColumnType(String type) {
    String t = type.toLowerCase(Locale.ROOT).trim();
    Matcher string = MYSQL_STRING.matcher(t);
    Matcher integer = MYSQL_INTEGER.matcher(t);
    Matcher decimal = MYSQL_DECIMAL.matcher(t);
    String asString = string.matches() ? (string.group(1) == null ? "char(" : "varchar(") + string.group(2) + ")"
        : null;
    return switch (function) {
      case "lower", "upper" -> Optional.ofNullable(asString);
      case "coalesce" -> {
        if (argument.startsWith("'")) {
          yield asString != null && argument.length() - 2 <= Integer.parseInt(string.group(2))
              ? Optional.of(asString) : Optional.empty();
        }
        if (integer.matches() && !argument.contains(".") && !(integer.group(2) != null && argument.startsWith("-"))) {
          yield Optional.of(integer.group(1).replace("integer", "int") + (integer.group(2) == null ? "" : " unsigned"));
        }
        yield decimal.matches() ? Optional.of("decimal(" + decimal.group(1) + ","
            + (decimal.group(2) == null ? "0" : decimal.group(2)) + ")") : Optional.empty();
      }
      case "cast" -> argument.equals("date") && MYSQL_TIME.matcher(t).matches() ? Optional.of("date")
          : Optional.empty();
      default -> Optional.empty();
    };
  }

  /**
   * Why PostgreSQL cannot build this key on a column of {@code type} (as the schema declares it, {@code ""} when
   * unknown), if it cannot: an index expression must be immutable, and {@code date_trunc} or a cast to
   * {@code date} on a {@code timestamptz} depends on the session's time zone.
   */
  public Optional<String> unbuildable(String type) {
    String t = type.toLowerCase(Locale.ROOT).trim();
    boolean unknown = t.isEmpty();
    boolean timestamp = t.startsWith("timestamp") && !t.contains("with time zone") && !t.startsWith("timestamptz");
    boolean text = t.equals("text") || t.startsWith("character") || t.startsWith("varchar") || t.startsWith("char")
        || t.equals("citext") || t.equals("name");
    boolean integer = List.of("integer", "int", "int2", "int4", "int8", "smallint", "bigint", "serial",
        "bigserial", "smallserial").contains(t);
    boolean number = integer || t.startsWith("numeric") || t.startsWith("decimal") || t.equals("real")
        || t.startsWith("double") || t.startsWith("float");
    String needsType = "logdex needs the column's type to know PostgreSQL can index " + key()
        + " (give the schema with --schema or --db)";
    return switch (function) {
      case "date_trunc" -> unknown ? Optional.of(needsType) : timestamp ? Optional.empty()
          : Optional.of("date_trunc on a column of type " + t + " depends on the session's time zone, so "
              + "PostgreSQL cannot index it; a query on date_trunc('" + argument + "', " + column
              + " AT TIME ZONE 'UTC') could use an index on that expression");
      case "cast" -> {
        if (unknown) {
          yield Optional.of(needsType);
        }
        boolean ok = argument.equals("date") ? timestamp : text || number;
        yield ok ? Optional.empty() : Optional.of("a cast of a column of type " + t + " to " + argument
            + " depends on the session's settings, so PostgreSQL cannot index it");
      }
      case "->>" -> unknown || t.startsWith("json") ? Optional.empty()
          : Optional.of(column + " is of type " + t + ", not json or jsonb");
      default -> Optional.empty();
    };
  }
}
