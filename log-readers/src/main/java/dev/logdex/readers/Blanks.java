package dev.logdex.readers;

/**
 * Blanks in a log's text, found without {@link Character#isWhitespace}'s table lookup or a regex: the readers ask
 * this of every header and statement of a log, and the client compiler alone (what a day's log runs with) inlines
 * neither.
 */
final class Blanks {
  private Blanks() {}

  /** {@link Character#isWhitespace}, answered for ASCII without its table lookup. */
  static boolean blank(char c) {
    return c <= ' ' ? c == ' ' || c >= '\t' && c <= '\r' || c >= '\u001C' : c >= '\u0080' && Character.isWhitespace(c);
  }

  /** The first index in {@code s[from, to)} that is not {@link #blank}, else {@code to}. */
  static int afterBlanks(CharSequence s, int from, int to) {
    while (from < to && blank(s.charAt(from))) {
      from++;
    }
    return from;
  }

  /** The end of {@code s[from, to)} without its trailing {@link #blank}s. */
  static int beforeBlanks(CharSequence s, int from, int to) {
    while (to > from && blank(s.charAt(to - 1))) {
      to--;
    }
    return to;
  }

  /** What {@code s.split("\\s")[0]} is, without compiling that pattern on every call: up to the first \s. */
  static String firstWord(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c >= '\t' && c <= '\r') {
        return s.substring(0, i);
      }
    }
    return s;
  }
}
