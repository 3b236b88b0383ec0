package dev.logdex.readers;

/** The three lines mysqld writes at the top of its slow and general logs, and again after every restart. */
final class MysqlBanner {
  private MysqlBanner() {}

  static boolean is(String line) {
    return line.contains(", Version: ") && line.endsWith("started with:")
        || line.regionMatches(true, 0, "Tcp port:", 0, 9)
        || line.startsWith("Time") && line.contains("Id Command") && line.contains("Argument");
  }
}
