package dev.logdex.core.lex;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a SQL script (a dump, a migration, a file of queries) into statements.
 *
 * <p>Understands quotes, comments (kept in the statement's text, since MySQL runs {@code /*!...*}{@code /} ones;
 * a statement of nothing but plain comments is dropped),
 * PostgreSQL dollar-quoted bodies, psql meta-command lines ({@code \connect}, {@code \restrict}) and the mysql
 * client's {@code DELIMITER} command, which mysqldump writes around triggers and routines.
 */
public final class SqlScript {

  /**
   * One statement of a script.
   *
   * @param text the statement without its terminator, trimmed
   * @param line the 1-based line where it starts
   */
  public record Statement(String text, int line) {
    public Statement {
      Objects.requireNonNull(text, "text");
    }
  }

  private SqlScript() {}

  /**
   * Splits {@code script}.
   *
   * @param backslashEscapes whether a backslash escapes a quote inside {@code '...'} (MySQL) or not (PostgreSQL)
   */
  public static List<Statement> split(String script, boolean backslashEscapes) {
    List<Statement> out = new ArrayList<>();
    String delimiter = ";";
    StringBuilder cur = new StringBuilder();
    int line = 1;
    int startLine = -1;
    int n = script.length();
    int i = 0;
    while (i < n) {
      char c = script.charAt(i);
      boolean atStatementStart = startLine < 0;
      if (atStatementStart && (c == '\\' || startsWordIgnoreCase(script, i, "DELIMITER"))
          && isLineStart(script, i)) {
        int end = script.indexOf('\n', i);
        end = end < 0 ? n : end;
        if (c != '\\') {
          String d = script.substring(i + "DELIMITER".length(), end).trim();
          if (!d.isEmpty()) {
            delimiter = d;
          }
        }
        i = end;
        continue;
      }
      if (script.startsWith(delimiter, i)) {
        flush(out, cur, startLine);
        startLine = -1;
        i += delimiter.length();
        continue;
      }
      int next;
      if (c == '\'' || c == '"' || c == '`') {
        next = endOfQuoted(script, i, c, backslashEscapes && c != '`');
      } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-'
          || c == '#' && backslashEscapes) {
        // Comments stay in the statement's text (MySQL runs /*!...*/ ones), but do not start a statement.
        int end = script.indexOf('\n', i);
        end = end < 0 ? n : end;
        cur.append(script, i, end);
        i = end;
        continue;
      } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
        int end = script.indexOf("*/", i + 2);
        int stop = end < 0 ? n : end + 2;
        line += count(script, i, stop);
        cur.append(script, i, stop);
        if (script.startsWith("/*!", i) && startLine < 0) {
          startLine = line; // an executable comment is a statement of its own
        }
        i = stop;
        continue;
      } else if (c == '$' && (i == 0 || !Character.isLetterOrDigit(script.charAt(i - 1)))) {
        next = endOfDollarQuoted(script, i);
      } else {
        next = i + 1;
      }
      if (startLine < 0 && !Character.isWhitespace(c)) {
        startLine = line;
      }
      line += count(script, i, next);
      cur.append(script, i, next);
      i = next;
    }
    flush(out, cur, startLine);
    return out;
  }

  /** Adds the statement collected in {@code cur}, unless it holds nothing but comments and white space. */
  private static void flush(List<Statement> out, StringBuilder cur, int startLine) {
    String text = cur.toString().trim();
    if (!text.isEmpty() && startLine >= 0) {
      out.add(new Statement(text, startLine));
    }
    cur.setLength(0);
  }

  private static boolean isLineStart(String s, int i) {
    for (int k = i - 1; k >= 0; k--) {
      char c = s.charAt(k);
      if (c == '\n') {
        return true;
      }
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWordIgnoreCase(String s, int i, String word) {
    int end = i + word.length();
    return s.regionMatches(true, i, word, 0, word.length())
        && (end >= s.length() || Character.isWhitespace(s.charAt(end)));
  }

  private static int endOfQuoted(String s, int i, char quote, boolean escapes) {
    int k = i + 1;
    while (k < s.length()) {
      char c = s.charAt(k);
      if (escapes && c == '\\') {
        k += 2;
      } else if (c == quote) {
        if (k + 1 < s.length() && s.charAt(k + 1) == quote) {
          k += 2;
        } else {
          return k + 1;
        }
      } else {
        k++;
      }
    }
    return s.length();
  }

  private static int endOfDollarQuoted(String s, int i) {
    int k = i + 1;
    while (k < s.length() && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_')) {
      k++;
    }
    if (k >= s.length() || s.charAt(k) != '$' || k > i + 1 && Character.isDigit(s.charAt(i + 1))) {
      return i + 1; // $1 parameters and lone dollars are ordinary text
    }
    String tag = s.substring(i, k + 1);
    int end = s.indexOf(tag, k + 1);
    return end < 0 ? s.length() : end + tag.length();
  }

  private static int count(String s, int from, int to) {
    int lines = 0;
    for (int k = from; k < to; k++) {
      if (s.charAt(k) == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
