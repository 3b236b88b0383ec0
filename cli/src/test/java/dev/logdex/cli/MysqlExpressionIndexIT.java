package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logdex.core.lex.SqlScript;
import dev.logdex.core.model.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On MariaDB a filter on lower(col), coalesce(col, 0) or a cast to date is indexed through an invisible virtual
 * generated column: the statements run on the real server against a mixed-case table with a reserved-word column,
 * the application's SELECT * and INSERT without a column list see no new column, the index serves a query that
 * names the column (MariaDB 10.11 does not match the expression itself; 11.8 does), and the migration's undo
 * leaves the table as it was. date_trunc, which MariaDB lacks, is left out with the reason.
 */
class MysqlExpressionIndexIT {

  @TempDir Path dir;

  @Test
  void theGeneratedColumnsAndIndexesRunOnMariadbAndTheirUndoRestoresTheTable() throws Exception {
    LiveDb.inScratchMariadb((db, url) -> {
      try (Connection c = LiveDb.connect(url, "root"); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE `Accounts` (id bigint PRIMARY KEY, `Email` varchar(200) NOT NULL, `key` int,"
            + " created datetime NOT NULL, note text)");
        s.execute("INSERT INTO `Accounts` SELECT seq, concat('User', seq, '@example.org'), IF(seq % 3 = 0, NULL,"
            + " seq % 5000), '2026-01-01' + INTERVAL seq MINUTE, 'x' FROM seq_1_to_60000");
        s.execute("ANALYZE TABLE `Accounts`");
      }
      String[] queries = {
          "SELECT id FROM `Accounts` WHERE lower(`Email`) = 'user5@example.org'",
          "SELECT id FROM `Accounts` WHERE coalesce(`key`, 0) = 17",
          "SELECT id FROM `Accounts` WHERE CAST(created AS date) = '2026-01-09'",
          "SELECT id FROM `Accounts` WHERE date_trunc('day', created) = '2026-01-09'"};
      Path file = Files.writeString(dir.resolve("slow.log"), SlowLogs.threeCallsEach(db, queries));

      CliRun run = new CliRun();
      assertThat(run.run("analyze", "-q", "--db", url, "--db-user", "root", "--format", "json",
          "--explain-rejections", file.toString())).as(run.err()).isZero();
      String out = run.out();
      assertThat(out).contains("MySQL and MariaDB have no date_trunc");
      JsonNode report = new ObjectMapper().readTree(out.substring(0, out.indexOf("\nRejected candidates:")));
      List<String> names = new ArrayList<>();
      List<String> ddl = new ArrayList<>();
      report.get("recommendations").forEach(r -> {
        names.add(r.get("name").asText());
        ddl.add(r.get("ddl").asText());
      });
      assertThat(ddl).hasSize(3).allSatisfy(d -> assertThat(d).contains("VIRTUAL INVISIBLE"));

      // The migration of the same analysis, for its undo below.
      Path to = dir.resolve("migration");
      CliRun migrate = new CliRun();
      assertThat(migrate.run("migrate", "-q", "--db", url, "--db-user", "root", "--to", to.toString(),
          "--style", "plain", "--only", "indexes", file.toString())).as(migrate.err()).isZero();
      try (Connection c = LiveDb.connect(url, "root"); Statement s = c.createStatement()) {
        String columnsBefore = columns(s);
        for (String d : ddl) {
          for (SqlScript.Statement st : SqlScript.split(d, Dialect.MYSQL)) {
            s.execute(st.text());
          }
        }
        s.execute("ANALYZE TABLE `Accounts`");
        assertThat(columns(s)).as("SELECT * sees the same columns").isEqualTo(columnsBefore);
        s.execute("INSERT INTO `Accounts` VALUES (900001, 'New@example.org', 3, '2026-02-01 10:00', 'y')");
        try (ResultSet rs = s.executeQuery("SELECT id FROM `Accounts` WHERE email_lower = 'new@example.org'")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getLong(1)).isEqualTo(900001);
        }
        assertThat(plan(s, "SELECT id FROM `Accounts` WHERE email_lower = 'user5@example.org'"))
            .containsAnyElementsOf(names);
        assertThat(plan(s, "SELECT id FROM `Accounts` WHERE created_date = '2026-01-09'"))
            .containsAnyElementsOf(names);
      }

      // The migration's undo: the table is as it was.
      try (Connection c = LiveDb.connect(url, "root"); Statement s = c.createStatement();
          Stream<Path> files = Files.walk(to)) {
        List<Path> downs = new ArrayList<>(files.filter(p -> p.getFileName().toString().equals("down.sql")).sorted()
            .toList());
        assertThat(downs).isNotEmpty();
        java.util.Collections.reverse(downs);
        for (Path down : downs) {
          for (SqlScript.Statement st : SqlScript.split(Files.readString(down), Dialect.MYSQL)) {
            s.execute(st.text());
          }
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA ="
            + " DATABASE() AND TABLE_NAME = 'Accounts'")) {
          rs.next();
          assertThat(rs.getInt(1)).as("the generated columns are dropped").isEqualTo(5);
        }
      }
    });
  }

  private static String columns(Statement s) throws Exception {
    try (ResultSet rs = s.executeQuery("SELECT * FROM `Accounts` LIMIT 1")) {
      StringBuilder out = new StringBuilder();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        out.append(rs.getMetaData().getColumnName(i)).append(' ');
      }
      return out.toString();
    }
  }

  private static List<String> plan(Statement s, String query) throws Exception {
    List<String> keys = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("EXPLAIN " + query)) {
      while (rs.next()) {
        keys.add(String.valueOf(rs.getString("key")));
      }
    }
    return keys;
  }
}
