package dev.logdex.readers;

import dev.logdex.core.lex.SqlScanner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The values PostgreSQL logs for an extended-protocol statement ({@code $1 = '42', $2 = NULL}), put in place. */
final class ParameterValues {
  private ParameterValues() {}

  /** Longer values (a document, a blob) are left as {@code $n}: a sample should stay readable. */
  static final int MAX_VALUE = 1000;

  /**
   * {@code sql} with each {@code $n} that {@code values} gives replaced by its value, as written in the log (a quoted
   * literal or NULL). {@code $n} inside quotes, quoted names, dollar quotes and comments stays. When {@code values}
   * cannot be read, or a value is over {@value #MAX_VALUE} characters, {@code sql} comes back as it was.
   */
  static String bind(String sql, String values) {
    Map<Integer, String> byNumber = parse(values);
    if (byNumber == null || byNumber.isEmpty()) {
      return sql;
    }
    // PostgreSQL's own lexing: $n inside strings (E'...' too), quoted names, dollar quotes and nested comments is
    // text, and a$1 is a name; a statement the lexer cannot read to its end keeps its $n.
    List<SqlScanner.Token> tokens;
    try {
      tokens = SqlScanner.postgres().tokens(sql);
    } catch (SqlScanner.UnterminatedException e) {
      return sql;
    }
    StringBuilder out = new StringBuilder(sql.length() + 16 * byNumber.size());
    int copied = 0;
    for (SqlScanner.Token t : tokens) {
      if (t.kind() != SqlScanner.Kind.PARAMETER || sql.charAt(t.start()) != '$' || t.end() - t.start() > 10) {
        continue;
      }
      String value = byNumber.get(Integer.parseInt(sql.substring(t.start() + 1, t.end())));
      if (value != null) {
        out.append(sql, copied, t.start()).append(value);
        copied = t.end();
      }
    }
    return out.append(sql, copied, sql.length()).toString();
  }

  /** Where the quoted text or comment starting at {@code i} ends, or {@code i} when none starts there. */
  private static int skipQuoted(String s, int i) {
    char c = s.charAt(i);
    int n = s.length();
    if (c == '\'' || c == '"') {
      int j = i + 1;
      while (j < n) {
        if (s.charAt(j) == c) {
          if (j + 1 < n && s.charAt(j + 1) == c) {
            j += 2;
            continue;
          }
          return j + 1;
        }
        j++;
      }
      return n;
    }
    if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
      int end = s.indexOf('\n', i);
      return end < 0 ? n : end;
    }
    if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
      int end = s.indexOf("*/", i + 2);
      return end < 0 ? n : end + 2;
    }
    if (c == '$' && i + 1 < n && !Character.isDigit(s.charAt(i + 1))) {
      int close = s.indexOf('$', i + 1);
      if (close > i) {
        String tag = s.substring(i, close + 1);
        if (tag.chars().skip(1).limit(tag.length() - 2L).allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
          int end = s.indexOf(tag, close + 1);
          return end < 0 ? n : end + tag.length();
        }
      }
    }
    return i;
  }

  /** {@code $1 = 'a', $2 = NULL} as number to literal; null when the text is not in that form. */
  private static Map<Integer, String> parse(String values) {
    Map<Integer, String> out = new HashMap<>();
    int n = values.length();
    int i = 0;
    while (i < n) {
      if (values.charAt(i) != '$') {
        return null;
      }
      int j = i + 1;
      while (j < n && Character.isDigit(values.charAt(j))) {
        j++;
      }
      if (j == i + 1 || j - i > 10 || !values.startsWith(" = ", j)) {
        return null;
      }
      int number = Integer.parseInt(values.substring(i + 1, j));
      int v = j + 3;
      int end;
      if (values.startsWith("NULL", v)) {
        end = v + 4;
      } else if (v < n && values.charAt(v) == '\'') {
        end = skipQuoted(values, v);
        if (end > n || values.charAt(end - 1) != '\'' || end == v + 1) {
          return null;
        }
      } else {
        return null;
      }
      if (end - v > MAX_VALUE) {
        return null;
      }
      out.put(number, values.substring(v, end));
      if (end == n) {
        break;
      }
      if (!values.startsWith(", ", end)) {
        return null;
      }
      i = end + 2;
    }
    return out;
  }
}
