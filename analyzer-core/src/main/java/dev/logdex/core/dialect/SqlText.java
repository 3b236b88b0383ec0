package dev.logdex.core.dialect;

import dev.logdex.core.model.Dialect;

/**
 * Puts text that logdex did not write (names from a schema or a catalog, samples from a log) into generated SQL as
 * data: string literals that no quote or backslash can end early, dollar quotes whose tag the body does not hold,
 * and comments that no line break can end.
 */
public final class SqlText {
  private SqlText() {}

  /**
   * {@code s} as a string literal that means exactly {@code s} in {@code dialect}, whatever the server's settings:
   * on PostgreSQL {@code E'...'} when it holds a backslash (so {@code standard_conforming_strings} does not matter),
   * on MySQL quotes and backslashes escaped (safe with and without {@code NO_BACKSLASH_ESCAPES}).
   */
  public static String literal(Dialect dialect, String s) {
    String quoted = s.replace("'", "''");
    if (dialect == Dialect.MYSQL) {
      return "'" + quoted.replace("\\", "\\\\") + "'";
    }
    return s.indexOf('\\') >= 0 ? "E'" + quoted.replace("\\", "\\\\") + "'" : "'" + quoted + "'";
  }

  /**
   * {@code body} in PostgreSQL dollar quotes, with a tag ({@code $logdex$}, else {@code $logdex_1$}, ...) that the
   * body does not contain, so that nothing in it can close the quote.
   */
  public static String dollarQuoted(String body) {
    String tag = "$logdex$";
    // Also not where the body's end and the tag together make the tag early ("...$logdex" + "$logdex$").
    for (int n = 1; (body + tag).indexOf(tag) < body.length(); n++) {
      tag = "$logdex_" + n + "$";
    }
    return tag + body + tag;
  }

  /**
   * {@code text} fit for the rest of a {@code --} comment line: line breaks and every other character
   * {@link dev.logdex.core.lex.ShownText} escapes written as {@code \xNN} or a backslash-u escape, so that the comment
   * cannot end early and put the rest of the text into the script, nor show the statement below it reordered.
   */
  public static String commentLine(String text) {
    return dev.logdex.core.lex.ShownText.escaped(text, false);
  }

  /**
   * Whether {@code fragment} (an index expression or predicate as a schema wrote it) can stand inside a generated
   * statement: every quote and comment closed, parentheses balanced, no semicolon. One that cannot is not copied.
   */
  public static boolean isSafeFragment(Dialect dialect, String fragment) {
    java.util.List<dev.logdex.core.lex.SqlScanner.Token> tokens;
    try {
      tokens = dev.logdex.core.lex.SqlScanner.of(dialect).tokens(fragment);
    } catch (dev.logdex.core.lex.SqlScanner.UnterminatedException e) {
      return false;
    }
    int depth = 0;
    for (dev.logdex.core.lex.SqlScanner.Token t : tokens) {
      switch (t.kind()) {
        case SEMICOLON, COMMENT -> {
          return false;
        }
        case SYMBOL -> {
          String x = t.text(fragment);
          depth += x.equals("(") ? 1 : x.equals(")") ? -1 : 0;
          if (depth < 0 || x.startsWith("/*") || x.equals("*/")) {
            return false;
          }
        }
        default -> { }
      }
    }
    return depth == 0;
  }
}
