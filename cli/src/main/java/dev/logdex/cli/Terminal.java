package dev.logdex.cli;

/** Whether output goes to a person at a terminal who wants colour. */
final class Terminal {
  private Terminal() {}

  /** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
  static boolean color() {
    String noColor = System.getenv("NO_COLOR");
    return System.console() != null && (noColor == null || noColor.isEmpty())
        && !"dumb".equals(System.getenv("TERM"));
  }
}
