package dev.logdex.core.report;

/**
 * Makes text from logs, schemas and catalogs safe to print on a terminal: every control character (C0 but line
 * breaks and tabs, DEL, C1), and every character that reorders or hides text (bidirectional overrides and isolates,
 * line and paragraph separators), is shown as an escape such as {@code \x1b} or {@code \u202e} instead of being
 * sent to the terminal, where it could clear the screen, set the window title or make one statement look like
 * another. The characters are {@link dev.logdex.core.lex.ShownText}'s, which every writer escapes.
 */
public final class Escape {
  private Escape() {}

  /** {@code s} for a terminal: line breaks and tabs kept, every other control or reordering character escaped. */
  public static String terminal(String s) {
    return escape(s, true);
  }

  /** {@code s} for one line of a terminal: line breaks escaped too. */
  public static String terminalLine(String s) {
    return escape(s, false);
  }

  private static String escape(String s, boolean keepLines) {
    return s == null ? "" : dev.logdex.core.lex.ShownText.escaped(s, keepLines);
  }

  /**
   * A writer that escapes everything written through it with {@link #terminal}: for views that print text from
   * logs and databases and no colour of their own.
   */
  public static java.io.Writer writer(java.io.Writer out) {
    return new java.io.FilterWriter(out) {
      @Override
      public void write(int c) throws java.io.IOException {
        write(String.valueOf((char) c));
      }

      @Override
      public void write(char[] buf, int off, int len) throws java.io.IOException {
        write(new String(buf, off, len));
      }

      @Override
      public void write(String str, int off, int len) throws java.io.IOException {
        out.write(terminal(str.substring(off, off + len)));
      }
    };
  }
}
