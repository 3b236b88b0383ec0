package dev.logdex.core.lex;

/**
 * Which characters of text from a log, a schema or a catalog must not be shown as they are: every writer (the
 * terminal and Markdown reports, JSON, the comments of a migration) writes these as an escape instead. A terminal
 * would act on a control character (C0, DEL, C1: clear the screen, set the window title), and an editor or a terminal
 * shows text in another order after a bidirectional mark, override or isolate, or breaks a line at a line or
 * paragraph separator: either could make one statement look like another.
 */
public final class ShownText {
  private ShownText() {}

  /** Whether {@code c} must be written as an escape wherever text is shown. */
  public static boolean unsafe(char c) {
    return c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == '\u061c' || c == '\u200e' || c == '\u200f'
        || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069' || c == '\u2028' || c == '\u2029';
  }

  /**
   * {@code text} with every {@link #unsafe} character written as its {@link #escape}; line breaks and tabs kept as
   * they are when {@code keepLines}.
   */
  public static String escaped(String text, boolean keepLines) {
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean plain = !unsafe(c) || keepLines && (c == '\n' || c == '\t');
      if (plain) {
        if (b != null) {
          b.append(c);
        }
        continue;
      }
      if (b == null) {
        b = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      b.append(escape(c));
    }
    return b == null ? text : b.toString();
  }

  /** The escape of {@code c} as logdex writes it: {@code \x1b} below U+0100, else a backslash, u, four hex digits. */
  public static String escape(char c) {
    String hex = Integer.toHexString(c);
    return c < 0x100 ? (c < 0x10 ? "\\x0" : "\\x") + hex : "\\u" + "0".repeat(4 - hex.length()) + hex;
  }
}
