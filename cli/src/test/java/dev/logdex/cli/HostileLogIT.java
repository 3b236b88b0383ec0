package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log is written by whoever can send a query to the application. The reproductions of the hostile-input issue,
 * on the machine's real PostgreSQL and MariaDB: a logged statement that carries a second one never reaches the
 * database, through verify, analyze --verify or explain, and the victim table is still there.
 */
class HostileLogIT {

  /** The two statements of the report: one turns read-only off, the next drops a table. */
  private static final String HOSTILE_PG_LOG = """
      2026-11-28 10:00:00.000 UTC [11] LOG:  duration: 5.0 ms  statement: SELECT * FROM orders WHERE id = 7; SET default_transaction_read_only = off
      2026-11-28 10:00:01.000 UTC [11] LOG:  duration: 9.0 ms  statement: SELECT * FROM orders WHERE user_id = 9; DROP TABLE victim_t
      2026-11-28 10:00:02.000 UTC [11] LOG:  duration: 9.0 ms  statement: SELECT * FROM orders WHERE user_id = 9 /*/; DROP TABLE victim_t; -- */
      2026-11-28 10:00:03.000 UTC [11] LOG:  duration: 3.0 ms  statement: SELECT * FROM orders WHERE user_id = 10
      """;

  @Test
  void noLoggedStatementCarriesAnotherIntoPostgres(@TempDir Path dir) throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION hypopg");
        s.execute("CREATE EXTENSION pg_stat_statements");
        s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, total int)");
        s.execute("INSERT INTO orders SELECT g, g % 1000, g FROM generate_series(1, 50000) g");
        s.execute("ANALYZE orders");
        s.execute("CREATE TABLE victim_t (id int)");
        s.execute("INSERT INTO victim_t VALUES (1)");
        s.execute("SELECT pg_stat_statements_reset()");
      }
      Path log = dir.resolve("postgresql.log");
      Files.writeString(log, HOSTILE_PG_LOG);

      for (List<String> args : List.of(
          List.of("verify", "-q", "--db", url, "--db-user", "postgres", log.toString()),
          List.of("verify", "-q", "--rollback", "--db", url, "--db-user", "postgres", log.toString()),
          List.of("analyze", "-q", "--verify", "--db", url, "--db-user", "postgres", log.toString()))) {
        CliRun cli = new CliRun();
        assertThat(cli.run(args.toArray(String[]::new))).as(cli.err()).isZero();
        assertThat(victimRows(url)).as(String.join(" ", args)).isEqualTo(1);
      }
      CliRun verify = new CliRun();
      verify.run("verify", "-q", "--db", url, "--db-user", "postgres", log.toString());
      assertThat(verify.out()).contains("not sent to the database: more than one statement");

      // explain: the class of the hostile statement, by its fingerprint from the JSON report.
      CliRun json = new CliRun();
      assertThat(json.run("analyze", "-q", "--format", "json", log.toString())).isZero();
      var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
      List<String> hostile = new ArrayList<>();
      root.path("top_queries").forEach(q -> {
        if (q.path("sample").asText().contains("victim_t") || q.path("sample").asText().contains("read_only")) {
          hostile.add(q.path("fingerprint").asText());
        }
      });
      assertThat(hostile).isNotEmpty();
      for (String fp : hostile) {
        CliRun explain = new CliRun();
        assertThat(explain.run("explain", fp, "-q", "--db", url, "--db-user", "postgres", log.toString()))
            .as(explain.err()).isZero();
        assertThat(explain.out()).contains("no plan: logdex sends only a single read statement");
      }
      assertThat(victimRows(url)).isEqualTo(1);
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT query FROM pg_stat_statements WHERE dbid = (SELECT oid FROM"
              + " pg_database WHERE datname = current_database()) AND (query ILIKE '%victim_t%'"
              + " OR query ILIKE '%default_transaction_read_only = off%' OR query ILIKE 'DROP%')"
              + " AND query NOT LIKE 'SELECT count(*) FROM victim_t'")) { // the test's own count
        List<String> ran = new ArrayList<>();
        while (rs.next()) {
          ran.add(rs.getString(1));
        }
        assertThat(ran).as("statements the server ran that came from the log's hostile lines").isEmpty();
      }
    });
  }

  private static long victimRows(String url) throws Exception {
    try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM victim_t")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void noLoggedStatementCarriesAnotherIntoMariadb(@TempDir Path dir) throws Exception {
    Path logDir = Files.createTempDirectory("logdex-mariadb-general"); // JUnit's own is closed to the server
    Files.setPosixFilePermissions(logDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Path general = logDir.resolve("general.log");
    try (Connection admin = LiveDb.connect(LiveDb.MARIADB, "root"); Statement st = admin.createStatement()) {
      LiveDb.inScratchMariadb((db, url) -> {
        try (Connection c = LiveDb.connect(url, "root"); Statement s = c.createStatement()) {
          s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL, total int)");
          s.execute("INSERT INTO orders SELECT seq, seq % 1000, seq FROM seq_1_to_50000");
          s.execute("ANALYZE TABLE orders");
          s.execute("CREATE TABLE victim_t (id int)");
          s.execute("INSERT INTO victim_t VALUES (1)");
        }
        Path log = dir.resolve("slow.log");
        Files.writeString(log, """
            # Time: 261128 10:00:00
            # User@Host: app[app] @ localhost []
            # Query_time: 0.005  Lock_time: 0.000 Rows_sent: 1  Rows_examined: 50000
            SET timestamp=1764324000;
            SELECT * FROM orders WHERE user_id = 9; DROP TABLE victim_t;
            # Time: 261128 10:00:01
            # User@Host: app[app] @ localhost []
            # Query_time: 0.005  Lock_time: 0.000 Rows_sent: 1  Rows_examined: 50000
            SET timestamp=1764324001;
            SELECT * FROM orders WHERE user_id = 9 /*!50000 ; DROP TABLE victim_t */;
            # Time: 261128 10:00:02
            # User@Host: app[app] @ localhost []
            # Query_time: 0.004  Lock_time: 0.000 Rows_sent: 1  Rows_examined: 50000
            SET timestamp=1764324002;
            SELECT * FROM orders WHERE user_id = 10;
            """);
        // Every statement the server receives goes to the general log meanwhile (server-wide settings).
        java.util.LinkedHashMap<String, String> logging = new java.util.LinkedHashMap<>();
        logging.put("log_output", "FILE");
        logging.put("general_log_file", general.toString());
        logging.put("general_log", "1");
        LiveDb.withMariadbGlobals(st, logging, () -> {
          CliRun cli = new CliRun();
          assertThat(cli.run("verify", "-q", "--scratch-ok", "--db", url, "--db-user", "root", log.toString()))
              .as(cli.err()).isZero();
          assertThat(cli.out()).contains("not sent to the database: more than one statement");
        });
        try (Connection c = LiveDb.connect(url, "root"); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT count(*) FROM victim_t")) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(1);
        }
        String received = Files.readString(general);
        assertThat(received).as("the server saw logdex's own statements").contains("EXPLAIN FORMAT=JSON");
        assertThat(received).as("what the server received").doesNotContain("victim_t");
      });
    } finally {
      try (var files = Files.walk(logDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
