package dev.logdex.core.sql;

/**
 * Rewrites bind parameters ({@code $1}, {@code :name}) as {@code ?}, which both parsers read as a parameter (Calcite
 * reads {@code $1} as a column named "$1"). Quoted text and comments are left alone.
 */
final class Parameters {
  private Parameters() {}

  static String toQuestionMarks(String sql) {
    StringBuilder out = null;
    int n = sql.length();
    int i = 0;
    int copied = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = skipQuoted(sql, i, c);
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c == '$' && i + 1 < n && Character.isDigit(sql.charAt(i + 1)) && !wordBefore(sql, i)) {
        int j = i + 1;
        while (j < n && Character.isDigit(sql.charAt(j))) {
          j++;
        }
        out = replace(sql, out, copied, i);
        copied = j;
        i = j;
      } else if (c == ':' && i + 1 < n && Character.isLetter(sql.charAt(i + 1)) && (i == 0
          || sql.charAt(i - 1) != ':') && !wordBefore(sql, i)) {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
          j++;
        }
        out = replace(sql, out, copied, i);
        copied = j;
        i = j;
      } else {
        i++;
      }
    }
    if (out == null) {
      return sql;
    }
    out.append(sql, copied, n);
    return out.toString();
  }

  private static StringBuilder replace(String sql, StringBuilder out, int copied, int at) {
    StringBuilder b = out == null ? new StringBuilder(sql.length()) : out;
    b.append(sql, copied, at).append('?');
    return b;
  }

  /** {@code a$1} is part of a name and {@code arr[1:2]} a slice, not parameters. */
  private static boolean wordBefore(String sql, int i) {
    if (i == 0) {
      return false;
    }
    char p = sql.charAt(i - 1);
    return Character.isLetterOrDigit(p) || p == '_' || p == '$' || p == '[' || p == ']';
  }

  private static int skipQuoted(String sql, int i, char q) {
    int k = i + 1;
    while (k < sql.length()) {
      char c = sql.charAt(k);
      if (c == q) {
        if (k + 1 < sql.length() && sql.charAt(k + 1) == q) {
          k += 2;
          continue;
        }
        return k + 1;
      }
      k++;
    }
    return sql.length();
  }

  /**
   * MySQL (without ANSI_QUOTES) reads {@code "text"} as a string; both parsers read it as a name. Rewrites each
   * double-quoted string as a single-quoted one, so that both parsers see a literal. Backslash escapes inside
   * strings are MySQL's default, so they are honoured while scanning.
   */
  static String mysqlDoubleQuotedStrings(String sql) {
    if (sql.indexOf('"') < 0) {
      return sql;
    }
    StringBuilder out = new StringBuilder(sql.length() + 8);
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '`') {
        int end = skipQuotedWithEscapes(sql, i, c);
        out.append(sql, i, end);
        i = end;
      } else if (c == '"') {
        int end = skipQuotedWithEscapes(sql, i, '"');
        String inner = sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\"").replace("\\\"", "\"");
        out.append('\'').append(inner.replace("\\'", "'").replace("'", "''")).append('\'');
        i = end;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(sql, i, end);
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static int skipQuotedWithEscapes(String sql, int i, char q) {
    int k = i + 1;
    while (k < sql.length()) {
      char c = sql.charAt(k);
      if (c == '\\' && q != '`') {
        k += 2;
      } else if (c == q) {
        if (k + 1 < sql.length() && sql.charAt(k + 1) == q) {
          k += 2;
          continue;
        }
        return k + 1;
      } else {
        k++;
      }
    }
    return sql.length();
  }
}
