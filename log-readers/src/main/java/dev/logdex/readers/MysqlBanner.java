package dev.logdex.readers;

/** The three lines mysqld writes at the top of its slow and general logs, and again after every restart. */
final class MysqlBanner {
  private MysqlBanner() {}

  static boolean is(String line) {
    // Asked of every line of a log: the cheap tests first, so that a statement's line is let go after one or two.
    if (line.endsWith("started with:")) {
      return line.contains(", Version: ");
    }
    if (line.isEmpty() || (line.charAt(0) | 0x20) != 't') {
      return false;
    }
    return line.regionMatches(true, 0, "Tcp port:", 0, 9)
        || line.startsWith("Time") && line.contains("Id Command") && line.contains("Argument");
  }
}
