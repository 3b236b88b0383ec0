package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An equality, an IN of several values and an ORDER BY with a LIMIT: logdex's index puts the sort keys before the
 * IN column, and the real server then reads it in order, with no sort step, where an index with the IN column
 * before the sort keys needs one. On MariaDB (a slow log) and PostgreSQL (a server log), with a table named by a
 * reserved word in mixed case.
 */
class InListSortIndexIT {

  @TempDir Path dir;

  @Test
  void onMariadbTheIndexServesTheSortAndNeedsNoFilesort() throws Exception {
    LiveDb.inScratchMariadb((db, url) -> {
      String query = "SELECT id FROM `Order` WHERE shop = 7 AND status IN ('new', 'paid') ORDER BY created LIMIT 20";
      try (Connection c = LiveDb.connect(url, "root"); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE `Order` (id bigint PRIMARY KEY, shop int NOT NULL, status varchar(10) NOT NULL,"
            + " created datetime NOT NULL)");
        s.execute("INSERT INTO `Order` SELECT seq, seq % 50, ELT(1 + seq % 4, 'new', 'paid', 'sent', 'done'),"
            + " '2026-01-01' + INTERVAL seq MINUTE FROM seq_1_to_100000");
        s.execute("ANALYZE TABLE `Order`");
      }
      StringBuilder log = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        log.append(String.format("# Time: 261128 10:00:%02d%n# User@Host: app[app] @ localhost []%n"
            + "# Query_time: 0.050  Lock_time: 0.000 Rows_sent: 20  Rows_examined: 100000%n"
            + "use %s;%nSET timestamp=1795860000;%n%s;%n", i, db, query));
      }
      JsonNode rec = recommend(url, "root", Files.writeString(dir.resolve("slow.log"), log.toString()));
      assertThat(rec.get("columns").toString()).isEqualTo("[\"shop\",\"created\",\"status\"]");
      try (Connection c = LiveDb.connect(url, "root"); Statement s = c.createStatement()) {
        s.execute(rec.get("ddl").asText());
        String plan = explain(s, "EXPLAIN " + query);
        assertThat(plan).contains(rec.get("name").asText()).doesNotContain("filesort");
        s.execute("ALTER TABLE `Order` ADD INDEX in_first (shop, status, created)");
        assertThat(explain(s, "EXPLAIN SELECT id FROM `Order` FORCE INDEX (in_first) WHERE shop = 7 AND status IN"
            + " ('new', 'paid') ORDER BY created LIMIT 20")).as("the IN first needs a sort").contains("filesort");
      }
    });
  }

  @Test
  void onPostgresTheIndexServesTheSortAndNeedsNoSortStep() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      String query = "SELECT id FROM \"Order\" WHERE shop = 7 AND status IN ('new', 'paid') ORDER BY created LIMIT 20";
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE \"Order\" (id bigint PRIMARY KEY, shop int NOT NULL, status text NOT NULL,"
            + " created timestamp NOT NULL)");
        s.execute("INSERT INTO \"Order\" SELECT i, i % 50, (ARRAY['new', 'paid', 'sent', 'done'])[1 + i % 4],"
            + " timestamp '2026-01-01' + i * interval '1 minute' FROM generate_series(1, 100000) i");
        s.execute("ANALYZE \"Order\"");
      }
      StringBuilder log = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        log.append(String.format("2026-11-28 10:00:%02d.000 UTC [%d] LOG:  duration: 40.000 ms  statement: %s%n",
            i, 100 + i, query));
      }
      JsonNode rec = recommend(url, "postgres", Files.writeString(dir.resolve("postgresql.log"), log.toString()));
      assertThat(rec.get("columns").toString()).isEqualTo("[\"shop\",\"created\",\"status\"]");
      try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
        s.execute(rec.get("ddl").asText());
        s.execute("ANALYZE \"Order\"");
        String plan = LiveDb.plan(s, query);
        assertThat(plan).contains(rec.get("name").asText()).doesNotContain("Sort");
      }
    });
  }

  /** logdex's first recommendation for the log, by its own estimate. */
  private static JsonNode recommend(String url, String user, Path log) throws Exception {
    CliRun run = new CliRun();
    assertThat(run.run("analyze", "-q", "--no-planner", "--db", url, "--db-user", user, "--format", "json",
        log.toString())).as(run.err()).isZero();
    return new ObjectMapper().readTree(run.out()).at("/recommendations/0");
  }

  private static String explain(Statement s, String explain) throws Exception {
    StringBuilder plan = new StringBuilder();
    try (java.sql.ResultSet rs = s.executeQuery(explain)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          plan.append(rs.getString(i)).append(' ');
        }
        plan.append('\n');
      }
    }
    return plan.toString();
  }
}
