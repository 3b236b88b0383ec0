package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.schema.JdbcSchemaLoader;
import dev.logdex.core.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * logdex verify on the machine's PostgreSQL with HypoPG, on a table big enough for the planner to care: the
 * recommended index is used and cuts the cost, the one the planner ignores is demoted, and the database is
 * unchanged afterwards.
 */
class VerifyIT {

  private static Connection connect(String url) throws SQLException {
    return LiveDb.connect(url, "postgres");
  }

  @Test
  void theRecommendedIndexIsUsedByThePlannerAndNothingChanges(@TempDir Path dir) throws Exception {
    inScratchDatabase((db, url) -> {
      createItems(url);
      Path log = dir.resolve("pgss.csv");
      Files.writeString(log, "query,calls,total_exec_time,rows\n"
          + "\"SELECT id, price FROM items WHERE category = $1 ORDER BY created_at DESC LIMIT $2\",900,9000.0,18000\n"
          + "\"SELECT count(*) FROM items WHERE created_at > now() - interval $1\",50,4000.0,50\n");
      CliRun missing = new CliRun();
      assertThat(missing.run("verify", "-q", "--db", url, "--db-user", "postgres", log.toString())).isEqualTo(2);
      assertThat(missing.err()).contains("HypoPG is not installed in this database").contains("--rollback");

      try (Connection c = connect(url); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION hypopg");
      }
      Schema before = schema(url);
      // ANALYZE's statistics arrive with the catalog: 500 categories among 200,000 rows.
      assertThat(before.table("items").orElseThrow().column("category").orElseThrow().distinct())
          .isBetween(400.0, 600.0);
      CliRun cli = new CliRun();
      assertThat(cli.run("verify", "-q", "--db", url, "--db-user", "postgres", log.toString())).as(cli.err())
          .isZero();
      assertThat(cli.out())
          .contains("used         #1 CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_items_category_created_at")
          .containsPattern("Seq Scan on items -> Index Scan using <\\d+>btree_items_category_created_at on items")
          .contains("workload estimated cost");
      String costLine = cli.out().lines().filter(l -> l.startsWith("workload estimated cost")).findFirst()
          .orElseThrow();
      assertThat(costLine).containsPattern("\\(-[0-9.]+%\\)"); // the cost went down
      CliRun analyze = new CliRun();
      assertThat(analyze.run("analyze", "-q", "--verify", "--db", url, "--db-user", "postgres", "--format", "json",
          log.toString())).as(analyze.err()).isZero();
      var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(analyze.out());
      assertThat(root.at("/verification/method").asText()).isEqualTo("hypopg");
      assertThat(root.at("/verification/cost_after").asDouble())
          .isLessThan(root.at("/verification/cost_before").asDouble());
      assertThat(root.at("/recommendations/0/columns/0").asText()).isEqualTo("category");
      assertThat(root.at("/recommendations/0/reason").asText()).contains("verify: used by the planner");
      assertThat(schema(url).table("items").orElseThrow().indexes())
          .as("verify writes nothing").isEqualTo(before.table("items").orElseThrow().indexes());
    });
  }

  @Test
  void theWorkloadCanComeStraightFromPgStatStatements() throws Exception {
    inScratchDatabase((db, url) -> {
      try (Connection c = connect(url); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION pg_stat_statements");
        s.execute("CREATE TABLE events (id bigint PRIMARY KEY, account bigint NOT NULL, kind text)");
        s.execute("INSERT INTO events SELECT g, g % 300, 'k' FROM generate_series(1, 5000) g");
        try (var ps = c.prepareStatement("SELECT kind FROM events WHERE account = ?")) {
          for (int i = 0; i < 25; i++) {
            ps.setLong(1, i);
            ps.executeQuery().close();
          }
        }
      }
      CliRun cli = new CliRun();
      assertThat(cli.run("analyze", "-q", "--db", url, "--db-user", "postgres", "--from-db", "--format", "json"))
          .as(cli.err()).isZero();
      var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cli.out());
      assertThat(root.at("/inputs/0/path").asText()).isEqualTo("pg_stat_statements (live)");
      assertThat(root.get("recommendations").findValuesAsText("ddl"))
          .contains("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_events_account ON events (account);");
      assertThat(root.get("recommendations").get(0).at("/queries/0/calls").asLong()).isEqualTo(25);
      CliRun unknown = new CliRun();
      assertThat(unknown.run("analyze", "-q", "--db", url, "--db-user", "postgres", "--from-db", "--budget", "1GB",
          "--explain-rejections")).as(unknown.err()).isZero();
      assertThat(unknown.out()).contains("events (account): size unknown under a budget");
      try (Connection c = connect(url); Statement s = c.createStatement()) {
        s.execute("ANALYZE events");
      }
      CliRun budget = new CliRun();
      assertThat(budget.run("analyze", "-q", "--db", url, "--db-user", "postgres", "--from-db", "--budget", "1kB",
          "--explain-rejections")).as(budget.err()).isZero();
      assertThat(budget.out()).contains("No index recommendations.")
          .contains("events (account): over budget: needs about");
      // The workload read back from pg_stat_statements, verified on the same database: used, and nothing left.
      try (Connection c = connect(url); Statement s = c.createStatement()) {
        s.execute("CREATE EXTENSION hypopg");
      }
      Schema before = schema(url);
      CliRun verify = new CliRun();
      assertThat(verify.run("verify", "-q", "--db", url, "--db-user", "postgres", "--from-db")).as(verify.err())
          .isZero();
      assertThat(verify.out()).contains("used         #1 CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_events_account")
          .containsPattern("workload estimated cost .*\\(-[0-9.]+%\\)");
      assertThat(schema(url).table("events").orElseThrow().indexes()).isEqualTo(
          before.table("events").orElseThrow().indexes());
    });
  }

  @Test
  void withoutHypopgTheIndexesAreBuiltInATransactionThatIsRolledBack(@TempDir Path dir) throws Exception {
    inScratchDatabase((db, url) -> {
      createItems(url);
      Path log = dir.resolve("pgss.csv");
      Files.writeString(log, "query,calls,total_exec_time,rows\n"
          + "\"SELECT id, price FROM items WHERE category = $1 ORDER BY created_at DESC LIMIT $2\",900,9000.0,18000\n"
          + "\"SELECT missing_column FROM items WHERE price = $1\",10,100.0,10\n");
      // A pgpass-style file: any password passes trust authentication, and the line names the user.
      Path pass = dir.resolve("pgpass");
      Files.writeString(pass, "elsewhere:5432:*:nobody:x\n127.0.0.1:5432:" + db + ":postgres:unused\n");
      Schema before = schema(url);
      CliRun cli = new CliRun();
      assertThat(cli.run("verify", "-q", "--rollback", "--db", url, "--db-password-file", pass.toString(),
          log.toString())).as(cli.err()).isZero();
      assertThat(cli.out())
          .contains("used         #1 CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_items_category_created_at")
          .contains("Seq Scan on items -> Index Scan using logdex_verify_1 on items")
          .contains("column \"missing_column\" does not exist");
      String costLine = cli.out().lines().filter(l -> l.startsWith("workload estimated cost")).findFirst()
          .orElseThrow();
      assertThat(costLine).containsPattern("\\(-[0-9.]+%\\)");
      CliRun analyze = new CliRun();
      assertThat(analyze.run("analyze", "-q", "--verify", "--verify-method", "rollback", "--db", url,
          "--db-password-file", pass.toString(), log.toString())).as(analyze.err()).isZero();
      assertThat(analyze.out()).contains("verified on the database (rollback): workload estimated cost")
          .contains("1 used by the planner");
      assertThat(schema(url).table("items").orElseThrow().indexes())
          .as("the transaction was rolled back").isEqualTo(before.table("items").orElseThrow().indexes());
    });
  }

  /** 200,000 items in 500 categories: enough rows for the planner to prefer an index. */
  private static void createItems(String url) throws SQLException {
    try (Connection c = connect(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE items (id bigint PRIMARY KEY, category int NOT NULL, price int NOT NULL,"
          + " created_at timestamptz NOT NULL)");
      s.execute("INSERT INTO items SELECT g, g % 500, g % 1000, now() - (g || ' seconds')::interval"
          + " FROM generate_series(1, 200000) g");
      s.execute("ANALYZE items");
    }
  }

  /** What a test does in its own database. */
  private interface InDatabase {
    void run(String db, String url) throws Exception;
  }

  /** Runs {@code body} in a database of its own, dropped afterwards, so that tests can run twice and side by side. */
  private static void inScratchDatabase(InDatabase body) throws Exception {
    String db = LiveDb.scratch();
    try (Connection admin = connect("jdbc:postgresql://127.0.0.1:5432/postgres"); Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + db);
      try {
        body.run(db, "jdbc:postgresql://127.0.0.1:5432/" + db);
      } finally {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }

  private static Schema schema(String url) throws Exception {
    try (Connection c = connect(url)) {
      return JdbcSchemaLoader.load(c);
    }
  }
}
