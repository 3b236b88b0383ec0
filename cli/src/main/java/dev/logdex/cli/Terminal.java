package dev.logdex.cli;

/** Whether output goes to a person at a terminal who wants colour. */
final class Terminal {
  private Terminal() {}

  /** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
  static boolean color() {
    String noColor = System.getenv("NO_COLOR");
    return stdout() && (noColor == null || noColor.isEmpty()) && !"dumb".equals(System.getenv("TERM"));
  }

  /**
   * Whether standard output is a terminal. The JVM tells only whether it has a console (input and output both a
   * terminal); the launcher, which can ask the shell, says so for each stream ({@code -Dlogdex.stdout.tty}).
   */
  static boolean stdout() {
    return tty("logdex.stdout.tty");
  }

  /** Whether standard error is a terminal: where the progress line may redraw itself. */
  static boolean stderr() {
    return tty("logdex.stderr.tty");
  }

  private static boolean tty(String property) {
    String said = System.getProperty(property);
    return said != null ? said.equals("1") : System.console() != null;
  }
}
