package dev.logdex.core.lex;

import dev.logdex.core.model.StatementKind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one gate through which text from a log reaches a database: it passes only a single statement of an allowed
 * kind, with nothing after it.
 *
 * <p>A logged statement is written by whoever can send a query to the application, so it is checked as hostile:
 * the text is split by the database's own lexing rules ({@link SqlScanner}), and it is refused when a semicolon
 * outside quotes and comments is followed by anything but comments, when a quote or comment is left open, when its
 * first word is not an allowed kind, when a {@code WITH} hides a data-modifying statement, or when a {@code SELECT}
 * would write ({@code INTO}). JDBC drivers split text at semicolons themselves (pgjdbc does, in every query mode, by
 * rules that differ from the server's in corners), so the driver is no guard: this is, and the text it passes holds
 * no semicolon at all, so that no driver can find a place to split it.
 */
public final class SingleStatement {
  private SingleStatement() {}

  /** What {@code EXPLAIN} of a logged query may plan: reads only. */
  public static final Set<StatementKind> READS = Set.of(StatementKind.SELECT);

  /** What verification plans: reads, and the updates and deletes it plans inside a transaction it rolls back. */
  public static final Set<StatementKind> READS_UPDATES_DELETES =
      Set.of(StatementKind.SELECT, StatementKind.UPDATE, StatementKind.DELETE);

  /** Why a text was refused. */
  public static final class RefusedException extends Exception {
    RefusedException(String reason) {
      super(reason);
    }
  }

  /**
   * A statement that passed the check.
   *
   * @param text the statement without its trailing semicolon and trailing comments, safe to put after
   *     {@code EXPLAIN} or {@code PREPARE name AS}
   * @param kind what it does
   * @param parameters the highest {@code $n} it uses, 0 for none
   * @param placeholders whether it has {@code ?} placeholders
   */
  public record Checked(String text, StatementKind kind, int parameters, boolean placeholders) {}

  /**
   * Words that make a read write: a data-modifying {@code WITH}, {@code SELECT ... INTO} (a new table on PostgreSQL,
   * a file or variables on MySQL). Refused wherever they stand outside quotes, which may refuse a column that is
   * named so without quotes: such a query goes unplanned, with the reason.
   */
  private static final Set<String> WRITING_WORDS = Set.of("insert", "update", "delete", "merge", "into");

  /**
   * Checks {@code sql} as {@code scanner}'s database would read it.
   *
   * @throws RefusedException naming why, when it is not one statement of a kind in {@code allowed}
   */
  public static Checked check(String sql, SqlScanner scanner, Set<StatementKind> allowed) throws RefusedException {
    List<SqlScanner.Token> tokens;
    try {
      tokens = scanner.tokens(sql);
    } catch (SqlScanner.UnterminatedException e) {
      throw new RefusedException("not one complete statement: " + e.getMessage());
    }
    int end = -1; // index of the first semicolon
    for (int i = 0; i < tokens.size(); i++) {
      SqlScanner.Token t = tokens.get(i);
      if (t.kind() == SqlScanner.Kind.SEMICOLON && end < 0) {
        end = i;
      } else if (end >= 0 && t.kind() != SqlScanner.Kind.COMMENT && t.kind() != SqlScanner.Kind.SEMICOLON) {
        throw new RefusedException("more than one statement: text follows the semicolon at offset "
            + tokens.get(end).start());
      }
    }
    List<SqlScanner.Token> code = tokens.subList(0, end < 0 ? tokens.size() : end).stream()
        .filter(t -> t.kind() != SqlScanner.Kind.COMMENT).toList();
    if (code.isEmpty()) {
      throw new RefusedException("no statement");
    }
    // Leading parentheses: (SELECT ...) UNION (SELECT ...).
    String first = code.stream().filter(t -> t.kind() != SqlScanner.Kind.SYMBOL
            || !t.text(sql).equals("(") && !t.text(sql).startsWith("/*") && !t.text(sql).equals("*/"))
        .findFirst().map(t -> t.kind() == SqlScanner.Kind.WORD ? t.text(sql).toLowerCase(Locale.ROOT) : "")
        .orElse("");
    StatementKind kind = switch (first) {
      case "select", "with", "values", "table" -> StatementKind.SELECT;
      case "update" -> StatementKind.UPDATE;
      case "delete" -> StatementKind.DELETE;
      case "insert", "replace" -> StatementKind.INSERT;
      default -> StatementKind.OTHER;
    };
    if (!allowed.contains(kind)) {
      throw new RefusedException("not a statement logdex plans here: it starts with '"
          + (first.isEmpty() ? code.get(0).text(sql) : first) + "'");
    }
    int parameters = 0;
    boolean placeholders = false;
    for (int i = 0; i < code.size(); i++) {
      SqlScanner.Token t = code.get(i);
      if (t.kind() == SqlScanner.Kind.WORD && i > 0 && kind == StatementKind.SELECT
          && WRITING_WORDS.contains(t.text(sql).toLowerCase(Locale.ROOT)) && !isUpdateLock(code, i, sql)) {
        throw new RefusedException("a read that writes: '" + t.text(sql) + "' in a " + first.toUpperCase(Locale.ROOT)
            + " statement");
      }
      if (t.kind() == SqlScanner.Kind.PARAMETER) {
        if (sql.charAt(t.start()) == '?') {
          placeholders = true;
        } else {
          try {
            parameters = Math.max(parameters, Integer.parseInt(t.text(sql).substring(1)));
          } catch (NumberFormatException e) {
            throw new RefusedException("parameter number out of range: " + t.text(sql));
          }
        }
      }
    }
    String text = sql.substring(firstStart(tokens, end), code.get(code.size() - 1).end());
    if (text.indexOf(';') >= 0) {
      // Drivers split at semicolons by their own reading of quotes and comments, which is not always the server's
      // (pgjdbc closes "/*/" as a comment; PostgreSQL does not). Text with none cannot be split by any of them.
      throw new RefusedException("a semicolon inside quotes or a comment at offset "
          + (firstStart(tokens, end) + text.indexOf(';')) + ": not sent, since a driver may split the text there");
    }
    return new Checked(text, kind, parameters, placeholders);
  }

  /** {@code FOR UPDATE} and {@code FOR NO KEY UPDATE} lock rows; under EXPLAIN they lock nothing and write nothing. */
  private static boolean isUpdateLock(List<SqlScanner.Token> code, int i, String sql) {
    if (!code.get(i).text(sql).equalsIgnoreCase("update")) {
      return false;
    }
    for (int j = i - 1; j >= Math.max(0, i - 3); j--) {
      if (code.get(j).text(sql).equalsIgnoreCase("for")) {
        return true;
      }
    }
    return false;
  }

  /** Where the statement's text starts: its first token that is not a comment. */
  private static int firstStart(List<SqlScanner.Token> tokens, int end) {
    for (int i = 0; i < (end < 0 ? tokens.size() : end); i++) {
      if (tokens.get(i).kind() != SqlScanner.Kind.COMMENT) {
        return tokens.get(i).start();
      }
    }
    return 0;
  }
}
