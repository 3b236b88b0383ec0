package dev.logdex.core.lex;

import dev.logdex.core.model.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits a SQL script (a dump, a migration, a file of queries) into statements, reading quotes, comments and dollar
 * quotes with the dialect's {@link SqlScanner}, so a {@code ;} inside a string never ends a statement.
 *
 * <p>Comments stay in the statement's text (MySQL runs {@code /*!...*}{@code /} ones, which count as code); a
 * statement of nothing but plain comments is dropped. Two client commands are read, only where a statement may
 * start and at the start of a line: psql's meta-commands ({@code \connect}, {@code \restrict}), which are left out,
 * and the mysql client's {@code DELIMITER}, which mysqldump writes around triggers and routines. Text left open at
 * the end (a quote, a comment) is the last statement, as the client would send it.
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
   * @param mysql whether it is MySQL's or MariaDB's text (backslash escapes, backticks, {@code #} comments) rather
   *     than PostgreSQL's (dollar quotes, nested comments)
   */
  public static List<Statement> split(String script, boolean mysql) {
    return split(script, mysql ? Dialect.MYSQL : Dialect.POSTGRESQL);
  }

  /** Splits {@code script} as {@code dialect}'s client would. */
  public static List<Statement> split(String script, Dialect dialect) {
    SqlScanner scanner = SqlScanner.of(dialect);
    Lines lines = new Lines(script);
    List<Statement> out = new ArrayList<>();
    String delimiter = ";";
    int from = 0; // where the current statement's text starts
    int firstCode = -1; // its first token that is not a comment
    SqlScanner.Cursor cursor = scanner.cursor(script, 0);
    while (true) {
      if (firstCode < 0) {
        int command = clientCommandAt(script, cursor.position());
        if (command >= 0) {
          int end = lineEnd(script, command);
          if (script.charAt(command) != '\\') {
            String d = script.substring(command + "DELIMITER".length(), end).trim();
            delimiter = d.isEmpty() ? delimiter : d;
          }
          from = end;
          cursor = scanner.cursor(script, end);
          continue;
        }
      }
      SqlScanner.Token t;
      try {
        t = cursor.next();
      } catch (SqlScanner.UnterminatedException e) {
        // Left open to the end: the rest is the statement's, as the client would send it.
        firstCode = firstCode < 0 ? e.offset() : firstCode;
        add(out, script, from, script.length(), firstCode, lines);
        return out;
      }
      if (t == null) {
        add(out, script, from, script.length(), firstCode, lines);
        return out;
      }
      int end = delimiterIn(script, t, delimiter);
      if (end >= 0) {
        add(out, script, from, end, firstCode, lines);
        from = end + delimiter.length();
        firstCode = -1;
        cursor = scanner.cursor(script, from);
        continue;
      }
      if (firstCode < 0 && t.kind() != SqlScanner.Kind.COMMENT) {
        firstCode = t.start();
      }
    }
  }

  /** Where {@code delimiter} starts within a code token, or -1; {@code ;} is a token of its own. */
  private static int delimiterIn(String script, SqlScanner.Token t, String delimiter) {
    if (delimiter.equals(";")) {
      return t.kind() == SqlScanner.Kind.SEMICOLON ? t.start() : -1;
    }
    if (t.kind() == SqlScanner.Kind.COMMENT || t.kind() == SqlScanner.Kind.STRING
        || t.kind() == SqlScanner.Kind.QUOTED_NAME) {
      return -1;
    }
    // A delimiter such as $$ or // may be part of a longer token (END$$ is one word to MySQL): the client looks for
    // it anywhere outside quotes and comments.
    int at = script.indexOf(delimiter, t.start());
    return at >= 0 && at < t.end() ? at : -1;
  }

  /** Adds the text {@code [from, to)} when it holds code. */
  private static void add(List<Statement> out, String script, int from, int to, int firstCode, Lines lines) {
    if (firstCode < 0) {
      return; // nothing but comments and white space
    }
    String text = script.substring(from, Math.max(from, to)).trim();
    if (!text.isEmpty()) {
      out.add(new Statement(text, lines.lineOf(firstCode)));
    }
  }

  /**
   * Where a client command starts, when the first thing at or after {@code i} is one at the start of a line: a
   * backslash (psql) or the word DELIMITER (mysql); else -1.
   */
  private static int clientCommandAt(String s, int i) {
    int k = i;
    while (k < s.length() && (s.charAt(k) == ' ' || s.charAt(k) == '\t' || s.charAt(k) == '\r'
        || s.charAt(k) == '\n')) {
      k++;
    }
    if (k >= s.length() || !isLineStart(s, k)) {
      return -1;
    }
    if (s.charAt(k) == '\\') {
      return k;
    }
    int end = k + "DELIMITER".length();
    boolean word = s.regionMatches(true, k, "DELIMITER", 0, "DELIMITER".length())
        && (end >= s.length() || Character.isWhitespace(s.charAt(end)));
    return word ? k : -1;
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

  private static int lineEnd(String s, int i) {
    int end = s.indexOf('\n', i);
    return end < 0 ? s.length() : end;
  }

  /** Line numbers of offsets, counted once as the offsets grow. */
  private static final class Lines {
    private final String text;
    private int offset;
    private int line = 1;

    Lines(String text) {
      this.text = text;
    }

    int lineOf(int at) {
      if (at < offset) {
        offset = 0;
        line = 1;
      }
      for (; offset < at; offset++) {
        if (text.charAt(offset) == '\n') {
          line++;
        }
      }
      return line;
    }
  }
}
