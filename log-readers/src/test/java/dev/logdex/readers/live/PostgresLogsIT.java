package dev.logdex.readers.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.QueryEvent;
import dev.logdex.readers.LogReader;
import dev.logdex.readers.PostgresLogReader;
import dev.logdex.readers.SkipAccount;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Turns on statement logging of the machine's PostgreSQL for two sessions of a scratch database (session settings,
 * so nothing server-wide changes): one with {@code log_min_duration_statement = 0} over the extended protocol
 * (parse, bind and execute lines, DETAIL parameters), one with {@code log_statement = all} and
 * {@code log_duration} over the simple protocol (a statement line, then a bare duration line). Reads the server
 * log back, both with the server's own log_line_prefix and with none given: every statement found, with its
 * database and count.
 */
class PostgresLogsIT {

  @Test
  void theServerLogReadsBackEveryStatement() throws Exception {
    String db = LiveDatabases.scratchName();
    Path log;
    long offset;
    String prefix;
    try (Connection admin = LiveDatabases.postgres("postgres"); Statement st = admin.createStatement()) {
      log = serverLog(admin);
      prefix = show(admin, "log_line_prefix");
      offset = Files.size(log);
      st.execute("CREATE DATABASE " + db);
      try {
        try (Connection c = LiveDatabases.postgres(db); Statement w = c.createStatement()) {
          w.execute("SET log_min_duration_statement = 0");
          w.execute("CREATE TABLE items (id int PRIMARY KEY, name text)");
          w.execute("INSERT INTO items VALUES (1, 'one'), (2, 'two'), (3, 'three')");
          try (PreparedStatement ps = c.prepareStatement("SELECT name FROM items WHERE id = ?")) {
            for (int i = 1; i <= 7; i++) {
              ps.setInt(1, i % 3 + 1);
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
              }
            }
          }
        }
        Properties simple = new Properties();
        simple.setProperty("user", "postgres");
        simple.setProperty("preferQueryMode", "simple");
        try (Connection c = java.sql.DriverManager.getConnection(LiveDatabases.PG_URL + db, simple);
            Statement w = c.createStatement()) {
          w.execute("SET log_statement = 'all'");
          w.execute("SET log_duration = on");
          for (int i = 1; i <= 4; i++) {
            w.execute("UPDATE items SET name = 'n" + i + "' WHERE id = " + (i % 3 + 1));
          }
        }
      } finally {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
    for (LogReader reader : List.of(new PostgresLogReader(prefix), new PostgresLogReader())) {
      Map<String, Long> calls = new TreeMap<>();
      Map<String, Double> millis = new TreeMap<>();
      SkipAccount skips = new SkipAccount(log.toString());
      List<QueryEvent> events = new ArrayList<>();
      try (InputStream in = Files.newInputStream(log)) {
        in.skipNBytes(offset);
        reader.read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), log.toString(),
            events::add, skips);
      }
      for (QueryEvent e : events) {
        if (e.database().equals(db)) {
          String fp = Fingerprinter.standard().normalize(e.text());
          calls.merge(fp, e.calls(), Long::sum);
          millis.merge(fp, e.totalMillis(), Double::sum);
          assertThat(e.user()).isEqualTo("postgres");
          assertThat(e.time()).isPresent();
        }
      }
      assertThat(calls).as("statements read with %s", reader)
          .containsEntry("select name from items where id = ?", 7L)
          .containsEntry("update items set name = ? where id = ?", 4L)
          .containsEntry("insert into items values(?, ?)", 1L);
      // Each simple-protocol UPDATE took the duration that log_duration wrote on its own line.
      assertThat(millis.get("update items set name = ? where id = ?")).isPositive();
      assertThat(millis.get("select name from items where id = ?")).isPositive();
    }
  }

  /** Debian's pg_ctlcluster sends the server's stderr to /var/log/postgresql/postgresql-MAJOR-CLUSTER.log. */
  private static Path serverLog(Connection c) throws Exception {
    String configured = System.getProperty("logdex.pg.log");
    if (configured != null) {
      return Path.of(configured);
    }
    String cluster = show(c, "cluster_name").replace('/', '-');
    Path p = Path.of("/var/log/postgresql/postgresql-" + cluster + ".log");
    if (!Files.isReadable(p)) {
      throw new AssertionError("cannot read the server log at " + p + "; give -Dlogdex.pg.log=PATH");
    }
    return p;
  }

  private static String show(Connection c, String setting) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + setting)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
