package dev.logdex.core.sql;

/**
 * Rewrites bind parameters ({@code $1}, {@code :name}) as {@code ?}, which both parsers read as a parameter (Calcite
 * reads {@code $1} as a column named "$1"). Quoted text and comments are left alone.
 */
final class Parameters {
  private Parameters() {}

  /** {@code a$1} is part of a name and {@code arr[1:2]} a slice, not parameters. */
  private static boolean wordBefore(String sql, int i) {
    if (i == 0) {
      return false;
    }
    char p = sql.charAt(i - 1);
    return Character.isLetterOrDigit(p) || p == '_' || p == '$' || p == '[' || p == ']';
  }

  /**
   * {@code sql} with each bind parameter ({@code $1}, {@code :name}) written as {@code ?}, read by the dialect's
   * lexer: what stands in quotes, dollar quotes or comments stays, {@code a::int} is a cast and {@code arr[1:2]} a
   * slice. Text the lexer cannot read to its end comes back as it was.
   */
  static String toQuestionMarks(String sql, dev.logdex.core.lex.SqlScanner scanner) {
    java.util.List<dev.logdex.core.lex.SqlScanner.Token> tokens = tokensOrNone(sql, scanner);
    StringBuilder out = null;
    int copied = 0;
    for (int i = 0; i < tokens.size(); i++) {
      dev.logdex.core.lex.SqlScanner.Token t = tokens.get(i);
      // Read in place: this runs over every token of every new statement class.
      int end;
      if (t.kind() == dev.logdex.core.lex.SqlScanner.Kind.PARAMETER && sql.charAt(t.start()) == '$'
          || t.kind() == dev.logdex.core.lex.SqlScanner.Kind.WORD && dollarNumber(sql, t.start(), t.end())) {
        end = t.end();
      } else if (t.kind() == dev.logdex.core.lex.SqlScanner.Kind.SYMBOL && t.end() - t.start() == 1
          && sql.charAt(t.start()) == ':' && i + 1 < tokens.size()
          && tokens.get(i + 1).kind() == dev.logdex.core.lex.SqlScanner.Kind.WORD
          && tokens.get(i + 1).start() == t.end() && Character.isLetter(sql.charAt(t.end()))
          && (t.start() == 0 || sql.charAt(t.start() - 1) != ':') && !wordBefore(sql, t.start())) {
        end = tokens.get(++i).end();
      } else {
        continue;
      }
      out = out == null ? new StringBuilder(sql.length()) : out;
      out.append(sql, copied, t.start()).append('?');
      copied = end;
    }
    return out == null ? sql : out.append(sql, copied, sql.length()).toString();
  }

  /** Whether {@code sql[from, to)} is {@code $} and one or more ASCII digits ({@code \$\d+}). */
  private static boolean dollarNumber(String sql, int from, int to) {
    if (to - from < 2 || sql.charAt(from) != '$') {
      return false;
    }
    for (int i = from + 1; i < to; i++) {
      char c = sql.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * MySQL (without ANSI_QUOTES) reads {@code "text"} as a string; both parsers read it as a name. Rewrites each
   * double-quoted string as a single-quoted one, so that both parsers see a literal.
   */
  static String mysqlDoubleQuotedStrings(String sql) {
    if (sql.indexOf('"') < 0) {
      return sql;
    }
    java.util.List<dev.logdex.core.lex.SqlScanner.Token> tokens = tokensOrNone(sql,
        dev.logdex.core.lex.SqlScanner.mysql());
    StringBuilder out = new StringBuilder(sql.length() + 8);
    int copied = 0;
    for (dev.logdex.core.lex.SqlScanner.Token t : tokens) {
      if (t.kind() != dev.logdex.core.lex.SqlScanner.Kind.STRING || sql.charAt(t.start()) != '"') {
        continue;
      }
      String inner = sql.substring(t.start() + 1, t.end() - 1).replace("\"\"", "\"").replace("\\\"", "\"");
      out.append(sql, copied, t.start()).append('\'').append(inner.replace("\\'", "'").replace("'", "''"))
          .append('\'');
      copied = t.end();
    }
    return out.append(sql, copied, sql.length()).toString();
  }

  /**
   * MySQL's older shared lock, {@code SELECT ... LOCK IN SHARE MODE}, written as the {@code FOR SHARE} MySQL 8 and
   * MariaDB 10.6+ also read: neither parser reads the older form, and the lock changes no column's use. Only as
   * four words outside quotes and comments.
   */
  static String mysqlShareLock(String sql, dev.logdex.core.lex.SqlScanner scanner) {
    if (!SHARE.matcher(sql).find()) {
      return sql; // most statements: no copy of the text made to find out
    }
    java.util.List<dev.logdex.core.lex.SqlScanner.Token> tokens = tokensOrNone(sql, scanner);
    String[] words = {"LOCK", "IN", "SHARE", "MODE"};
    StringBuilder out = new StringBuilder(sql.length());
    int copied = 0;
    for (int i = 0; i + words.length <= tokens.size(); i++) {
      boolean match = true;
      for (int j = 0; j < words.length && match; j++) {
        dev.logdex.core.lex.SqlScanner.Token t = tokens.get(i + j);
        match = t.kind() == dev.logdex.core.lex.SqlScanner.Kind.WORD && t.text(sql).equalsIgnoreCase(words[j]);
      }
      if (match) {
        out.append(sql, copied, tokens.get(i).start()).append("FOR SHARE");
        copied = tokens.get(i + words.length - 1).end();
        i += words.length - 1;
      }
    }
    return copied == 0 ? sql : out.append(sql, copied, sql.length()).toString();
  }

  private static final java.util.regex.Pattern SHARE = java.util.regex.Pattern.compile("(?i)share");

  private static final java.util.regex.Pattern INTO_USER_VARIABLES = java.util.regex.Pattern.compile(
      "\\s+@[A-Za-z0-9_$.]+(?:\\s*,\\s*@[A-Za-z0-9_$.]+)*");

  /**
   * MySQL's {@code SELECT ... INTO @a, @b}, before FROM or at the end, without its {@code INTO} clause: neither
   * parser reads user variables there, and where the row goes changes no column's use. Only an {@code INTO} word
   * outside quotes and comments followed by {@code @} names ({@code INSERT INTO t} is left alone).
   */
  static String mysqlWithoutIntoVariables(String sql, dev.logdex.core.lex.SqlScanner scanner) {
    if (sql.indexOf('@') < 0) {
      return sql;
    }
    StringBuilder out = new StringBuilder(sql.length());
    int copied = 0;
    java.util.regex.Matcher m = INTO_USER_VARIABLES.matcher(sql);
    for (dev.logdex.core.lex.SqlScanner.Token t : tokensOrNone(sql, scanner)) {
      if (t.start() < copied || t.kind() != dev.logdex.core.lex.SqlScanner.Kind.WORD || t.end() - t.start() != 4
          || !sql.regionMatches(true, t.start(), "INTO", 0, 4)) {
        continue;
      }
      m.region(t.end(), sql.length());
      if (m.lookingAt()) {
        out.append(sql, copied, t.start()).append(' ');
        copied = m.end();
      }
    }
    return copied == 0 ? sql : out.append(sql, copied, sql.length()).toString();
  }

  private static final java.util.regex.Pattern QUALIFIED_OPERATOR = java.util.regex.Pattern.compile(
      "(?i)OPERATOR\\s*\\(\\s*(?:\"?pg_catalog\"?\\s*\\.\\s*)?(<>|<=|>=|=|<|>)\\s*\\)");

  /**
   * PostgreSQL's {@code OPERATOR(pg_catalog.=)} written as {@code =}: its own foreign-key checks, which
   * pg_stat_statements records ({@code SELECT 1 FROM ONLY "public"."users" x WHERE "id" OPERATOR(pg_catalog.=) $1
   * FOR KEY SHARE OF x}), and pg_dump's views write comparisons so; neither parser reads the form. Only the
   * comparison operators, only outside quotes and comments.
   */
  static String unqualifiedOperators(String sql, dev.logdex.core.lex.SqlScanner scanner) {
    if (sql.indexOf("OPERATOR") < 0 && sql.indexOf("operator") < 0) {
      return sql;
    }
    java.util.List<dev.logdex.core.lex.SqlScanner.Token> tokens = tokensOrNone(sql, scanner);
    StringBuilder out = new StringBuilder(sql.length());
    int copied = 0;
    java.util.regex.Matcher m = QUALIFIED_OPERATOR.matcher(sql);
    for (dev.logdex.core.lex.SqlScanner.Token t : tokens) {
      if (t.start() < copied || t.kind() != dev.logdex.core.lex.SqlScanner.Kind.WORD
          || !sql.regionMatches(true, t.start(), "OPERATOR", 0, 8) || t.end() - t.start() != 8) {
        continue;
      }
      m.region(t.start(), sql.length());
      if (m.lookingAt()) {
        out.append(sql, copied, t.start()).append(' ').append(m.group(1)).append(' ');
        copied = m.end();
      }
    }
    return copied == 0 ? sql : out.append(sql, copied, sql.length()).toString();
  }

  /**
   * The tokens of {@code sql}, or none where a quote or comment is left open: then nothing in it is rewritten, and
   * the parsers say what they make of it.
   */
  private static java.util.List<dev.logdex.core.lex.SqlScanner.Token> tokensOrNone(String sql,
      dev.logdex.core.lex.SqlScanner scanner) {
    try {
      return scanner.tokens(sql);
    } catch (dev.logdex.core.lex.SqlScanner.UnterminatedException e) {
      return java.util.List.of();
    }
  }
}
