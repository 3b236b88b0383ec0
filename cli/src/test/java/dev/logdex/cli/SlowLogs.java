package dev.logdex.cli;

/** MySQL and MariaDB slow logs for the tests, as the server writes them. */
final class SlowLogs {
  private SlowLogs() {}

  /** A slow log of database {@code db} where each of {@code queries} ran three times, 50 ms each. */
  static String threeCallsEach(String db, String... queries) {
    StringBuilder log = new StringBuilder();
    int second = 0;
    for (String q : queries) {
      for (int i = 0; i < 3; i++) {
        log.append(String.format("# Time: 261128 10:00:%02d%n# User@Host: app[app] @ localhost []%n"
            + "# Query_time: 0.050  Lock_time: 0.000 Rows_sent: 1  Rows_examined: 60000%n"
            + "use %s;%nSET timestamp=1795860000;%n%s;%n", second++, db, q));
      }
    }
    return log.toString();
  }
}
