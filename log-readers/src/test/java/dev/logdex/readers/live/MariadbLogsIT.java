package dev.logdex.readers.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.QueryEvent;
import dev.logdex.readers.FormatDetector;
import dev.logdex.readers.GeneralLogReader;
import dev.logdex.readers.InputFiles;
import dev.logdex.readers.LogReader;
import dev.logdex.readers.SkipAccount;
import dev.logdex.readers.SlowLogReader;
import java.io.Reader;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Turns on the slow log (every statement) and the general log of the machine's MariaDB, runs known statements in a
 * scratch database, and reads both logs back: every statement found, with its database and count.
 */
class MariadbLogsIT {

  private static final String SELECT_BY_ID = "SELECT name FROM items WHERE id = ";

  @Test
  void slowAndGeneralLogsReadBackEveryStatement() throws Exception {
    String db = LiveDatabases.scratchName();
    Path dir = Files.createTempDirectory("logdex-mariadb-logs");
    // The server writes here as its own user.
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Path slow = dir.resolve("slow.log");
    Path general = dir.resolve("general.log");
    try (FileLock lock = LiveDatabases.lock("mariadb-logs"); Connection admin = LiveDatabases.mariadb("")) {
      Map<String, String> before = globals(admin);
      try (Statement st = admin.createStatement()) {
        st.execute("CREATE DATABASE " + db);
        st.execute("SET GLOBAL log_output = 'FILE'");
        st.execute("SET GLOBAL slow_query_log_file = '" + slow + "'");
        st.execute("SET GLOBAL general_log_file = '" + general + "'");
        st.execute("SET GLOBAL long_query_time = 0");
        st.execute("SET GLOBAL slow_query_log = 1");
        st.execute("SET GLOBAL general_log = 1");
        try (Connection c = LiveDatabases.mariadb(db); Statement w = c.createStatement()) {
          w.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))");
          w.execute("INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, 'three')");
          for (int i = 1; i <= 5; i++) {
            try (ResultSet rs = w.executeQuery(SELECT_BY_ID + (i % 3 + 1))) {
              rs.next();
            }
          }
          try (PreparedStatement ps = c.prepareStatement("UPDATE items SET name = ? WHERE id = ?")) {
            for (int i = 1; i <= 3; i++) {
              ps.setString(1, "n" + i);
              ps.setInt(2, i);
              ps.executeUpdate();
            }
          }
        } finally {
          // Each setting is put back on its own, so that one failure cannot leave the others changed.
          restore(st, "slow_query_log = " + before.get("slow_query_log"));
          restore(st, "general_log = " + before.get("general_log"));
          restore(st, "long_query_time = " + before.get("long_query_time"));
          restore(st, "slow_query_log_file = '" + before.get("slow_query_log_file") + "'");
          restore(st, "general_log_file = '" + before.get("general_log_file") + "'");
          restore(st, "log_output = '" + before.get("log_output") + "'");
          st.execute("DROP DATABASE IF EXISTS " + db);
        }
      }
    }
    for (Path log : List.of(slow, general)) {
      LogReader detected = FormatDetector.detect(log.toString()).orElseThrow();
      assertThat(detected).isInstanceOf(log == slow ? SlowLogReader.class : GeneralLogReader.class);
      SkipAccount skips = new SkipAccount(log.toString());
      List<QueryEvent> events = new ArrayList<>();
      try (Reader in = InputFiles.open(log.toString())) {
        detected.read(in, log.toString(), events::add, skips);
      }
      assertThat(skips.skipped()).as("skips in %s", log).isZero();
      Map<String, Long> calls = new TreeMap<>();
      for (QueryEvent e : events) {
        if (e.database().equals(db)) {
          calls.merge(Fingerprinter.mysql().normalize(e.text()), e.calls(), Long::sum);
        }
      }
      assertThat(calls).as("statements in %s", log)
          .containsEntry("select name from items where id = ?", 5L)
          .containsEntry("update items set name = ? where id = ?", 3L)
          .containsEntry("insert into items values(?, ?)", 1L)
          .containsEntry("create table items(id int primary key, name varchar(?))", 1L);
      if (log == slow) {
        assertThat(events).filteredOn(e -> e.database().equals(db)).allSatisfy(e -> {
          assertThat(e.time()).isPresent();
          assertThat(e.user()).isEqualTo("root");
        });
      }
    }
  }

  private static void restore(Statement st, String setting) {
    try {
      st.execute("SET GLOBAL " + setting);
    } catch (java.sql.SQLException e) {
      System.err.println("MariadbLogsIT: could not restore " + setting + ": " + e.getMessage());
    }
  }

  private static Map<String, String> globals(Connection c) throws Exception {
    Map<String, String> m = new TreeMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT @@slow_query_log, @@general_log, @@long_query_time, @@slow_query_log_file, @@general_log_file,"
            + " @@log_output")) {
      rs.next();
      String[] names = {"slow_query_log", "general_log", "long_query_time", "slow_query_log_file",
          "general_log_file", "log_output"};
      for (int i = 0; i < names.length; i++) {
        m.put(names[i], rs.getString(i + 1));
      }
    }
    return m;
  }
}
