package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logdex.core.lex.SqlScript;
import dev.logdex.core.model.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every statement a finding proposes runs on the real database and fixes what it was proposed for: on schemas with
 * quoted mixed-case schemas and tables, reserved words, partitioned tables, an existing nullable id, composite keys.
 * Advice (a fix that is only comments) is not run. Then the migration of the same analysis is applied and undone.
 */
class FixesRunIT {

  @TempDir Path dir;

  private static final String POSTGRES_SCHEMA = """
      CREATE SCHEMA "Bar";
      CREATE TABLE "Bar"."Parent" ("Id" bigint PRIMARY KEY, name text);
      CREATE TABLE "Bar"."Foo" ("Id" int, "Parent_id" bigint REFERENCES "Bar"."Parent" ("Id"), "order" int,
        "User" text);
      CREATE INDEX foo_user_1 ON "Bar"."Foo" ("User");
      CREATE INDEX foo_user_2 ON "Bar"."Foo" ("User");
      CREATE INDEX foo_user_order ON "Bar"."Foo" ("User", "order");
      CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, parent_id bigint) PARTITION BY RANGE (at);
      CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      CREATE INDEX ev_at_1 ON events (at);
      CREATE INDEX ev_at_2 ON events (at);
      CREATE TABLE "select" ("from" int NOT NULL, "to" int NOT NULL, "where" int, PRIMARY KEY ("from", "to"));
      CREATE TABLE lines (select_from int NOT NULL, select_to int NOT NULL, n int,
        FOREIGN KEY (select_from, select_to) REFERENCES "select" ("from", "to"));
      CREATE TABLE posts (id int, body text);
      """;

  private static final String POSTGRES_LOG = """
      query,calls,total_exec_time,rows
      "DELETE FROM ""Bar"".""Parent"" WHERE ""Id"" = $1",100,500,100
      "DELETE FROM ""select"" WHERE ""from"" = $1 AND ""to"" = $2",100,500,100
      "SELECT e.at FROM events e JOIN ""Bar"".""Parent"" p ON p.""Id"" = e.parent_id WHERE p.name = $1",500,9000,500
      "SELECT * FROM lines WHERE select_from = $1 AND select_to = $2",300,4000,300
      "SELECT ""Id"" FROM ""Bar"".""Foo"" WHERE lower(""User"") = $1 AND ""order"" IS NULL",400,6000,400
      """;

  @Test
  void everyPostgresFixRunsAndFixesItsFinding() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
        st.execute(POSTGRES_SCHEMA);
      }
      Path log = Files.writeString(dir.resolve("pgss.csv"), POSTGRES_LOG);
      JsonNode before = lint(url, "postgres", log);
      assertThat(rules(before)).contains("duplicate-index", "redundant-index", "unindexed-foreign-key",
          "missing-primary-key", "missing-delete-rule", "missing-foreign-key");
      List<String> fixed = runFixes(url, "postgres", before, Dialect.POSTGRESQL);
      JsonNode after = lint(url, "postgres", log);
      for (String f : fixed) {
        assertThat(keys(after)).as("fixed, so no longer found: " + f).doesNotContain(f);
      }
      assertThat(fixed).as("the partitioned table's own indexes are dropped too")
          .anyMatch(f -> f.startsWith("duplicate-index events"));
    });
  }

  @Test
  void thePostgresMigrationAppliesAndUndoesOnTheSameSchema() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
        st.execute(POSTGRES_SCHEMA);
      }
      Path log = Files.writeString(dir.resolve("pgss.csv"), POSTGRES_LOG);
      assertThat(applyMigration(url, "postgres", log, Dialect.POSTGRESQL))
          .as("an expression index under a NULL-test predicate, on a quoted table of another schema")
          .contains("ON \"Bar\".\"Foo\" (lower(\"User\")) WHERE \"order\" IS NULL\n");
    });
  }

  private static final String MARIADB_SCHEMA = """
      CREATE TABLE `Parent` (`Id` bigint PRIMARY KEY, name text) ENGINE=InnoDB;
      CREATE TABLE `Foo` (`Id` int, `Parent_id` bigint, `order` int, `User` varchar(50),
        KEY foo_user_1 (`User`), KEY foo_user_2 (`User`), KEY foo_user_order (`User`, `order`)) ENGINE=InnoDB;
      CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, KEY ev_at_1 (at), KEY ev_at_2 (at))
        ENGINE=InnoDB PARTITION BY RANGE (YEAR(at)) (PARTITION p2024 VALUES LESS THAN (2025),
        PARTITION pmax VALUES LESS THAN MAXVALUE);
      CREATE TABLE `select` (`from` int NOT NULL, `to` int NOT NULL, `where` int, PRIMARY KEY (`from`, `to`))
        ENGINE=InnoDB;
      CREATE TABLE posts (id int, body text) ENGINE=InnoDB;
      CREATE TABLE `Legacy` (id bigint PRIMARY KEY, `Parent_id` int(11)) ENGINE=InnoDB;
      """;

  @Test
  void everyMariadbFixRunsAndFixesItsFinding() throws Exception {
    LiveDb.inScratchMariadb((db, url) -> {
      try (Connection c = LiveDb.connect(url, "root"); Statement st = c.createStatement()) {
        for (SqlScript.Statement s : SqlScript.split(MARIADB_SCHEMA, Dialect.MYSQL)) {
          st.execute(s.text());
        }
      }
      Path log = Files.writeString(dir.resolve("slow.log"), """
          # Time: 2024-05-01T10:00:00.000000Z
          # Query_time: 2.500000  Lock_time: 0.000100 Rows_sent: 1  Rows_examined: 500000
          SET timestamp=1714557600;
          SELECT f.`order` FROM `Foo` f JOIN `Parent` p ON p.`Id` = f.`Parent_id` WHERE p.name = 'x';
          # Time: 2024-05-01T10:00:01.000000Z
          # Query_time: 1.500000  Lock_time: 0.000100 Rows_sent: 1  Rows_examined: 500000
          SET timestamp=1714557601;
          SELECT l.id FROM `Legacy` l JOIN `Parent` p ON p.`Id` = l.`Parent_id` WHERE p.name = 'x';
          """);
      JsonNode before = lint(url, "root", log);
      assertThat(rules(before)).contains("duplicate-index", "redundant-index", "missing-primary-key",
          "missing-foreign-key");
      // An int column joined to a bigint key: MariaDB refuses that foreign key (errno 150), so it is advice.
      assertThat(before.path("findings")).anySatisfy(f -> {
        assertThat(f.path("table").asText()).isEqualTo("Legacy");
        assertThat(f.path("fix").asText()).startsWith("-- MySQL and MariaDB refuse this foreign key until "
            + "Legacy.Parent_id has the type of Parent.Id (bigint)");
      });
      List<String> fixed = runFixes(url, "root", before, Dialect.MYSQL);
      JsonNode after = lint(url, "root", log);
      for (String f : fixed) {
        assertThat(keys(after)).as("fixed, so no longer found: " + f).doesNotContain(f);
      }
    });
  }

  @Test
  void theMariadbMigrationAppliesAndUndoesOnTheSameSchema() throws Exception {
    LiveDb.inScratchMariadb((db, url) -> {
      try (Connection c = LiveDb.connect(url, "root"); Statement st = c.createStatement()) {
        for (SqlScript.Statement s : SqlScript.split(MARIADB_SCHEMA, Dialect.MYSQL)) {
          st.execute(s.text());
        }
        st.execute("INSERT INTO `Foo` (`Id`, `order`, `User`) SELECT seq, seq % 7, concat('u', seq % 50)"
            + " FROM seq_1_to_3000");
        st.execute("ANALYZE TABLE `Foo`");
      }
      Path log = Files.writeString(dir.resolve("slow.log"), """
          # Time: 2024-05-01T10:00:00.000000Z
          # Query_time: 2.500000  Lock_time: 0.000100 Rows_sent: 1  Rows_examined: 500000
          SET timestamp=1714557600;
          SELECT `User` FROM `Foo` WHERE `order` = 3 AND `Parent_id` = 9;
          """);
      applyMigration(url, "root", log, Dialect.MYSQL);
    });
  }

  private JsonNode lint(String url, String user, Path log) throws Exception {
    CliRun cli = new CliRun();
    assertThat(cli.run("lint", "-q", "--db", url, "--db-user", user, "--format", "json", log.toString()))
        .as(cli.err()).isZero();
    return new ObjectMapper().readTree(cli.out());
  }

  private static List<String> rules(JsonNode findings) {
    List<String> out = new ArrayList<>();
    findings.path("findings").forEach(f -> out.add(f.path("rule").asText()));
    return out;
  }

  private static String key(JsonNode f) {
    return f.path("rule").asText() + " " + f.path("table").asText() + " " + f.path("columns") + " "
        + f.path("change").path("name").asText();
  }

  private static List<String> keys(JsonNode findings) {
    List<String> out = new ArrayList<>();
    findings.path("findings").forEach(f -> out.add(key(f)));
    return out;
  }

  /** Runs each finding's statements, one at a time as a DBA would paste them; returns what was run. */
  private static List<String> runFixes(String url, String user, JsonNode findings, Dialect d) throws SQLException {
    List<String> fixed = new ArrayList<>();
    try (Connection c = LiveDb.connect(url, user); Statement st = c.createStatement()) {
      for (JsonNode f : findings.path("findings")) {
        String rule = f.path("rule").asText();
        if (rule.equals("god-table") || rule.equals("no-migration-history") || rule.equals("unused-index")) {
          continue; // advice about design, or (unused-index) not found on a fresh database
        }
        List<SqlScript.Statement> statements = SqlScript.split(f.path("fix").asText(), d);
        if (statements.isEmpty()) {
          continue; // advice only: comments, nothing to run
        }
        for (SqlScript.Statement s : statements) {
          try {
            st.execute(s.text());
          } catch (SQLException e) {
            throw new AssertionError(key(f) + ": " + s.text() + " failed: " + e.getMessage(), e);
          }
        }
        fixed.add(key(f));
      }
    }
    return fixed;
  }

  /** migrate --style plain, then each up.sql statement, then each down.sql statement: all must run. */
  private String applyMigration(String url, String user, Path log, Dialect d) throws Exception {
    Path to = dir.resolve("migrations");
    CliRun cli = new CliRun();
    assertThat(cli.run("migrate", "-q", "--db", url, "--db-user", user, "--to", to.toString(), "--style", "plain",
        "--only", "indexes,unindexed-foreign-key,missing-foreign-key,duplicate-index,redundant-index",
        log.toString())).as(cli.err()).isZero();
    List<Path> ups;
    try (var files = Files.walk(to)) {
      ups = files.filter(p -> p.getFileName().toString().equals("up.sql")).sorted().toList();
    }
    assertThat(ups).isNotEmpty();
    StringBuilder applied = new StringBuilder();
    try (Connection c = LiveDb.connect(url, user); Statement st = c.createStatement()) {
      for (Path up : ups) {
        for (SqlScript.Statement s : SqlScript.split(Files.readString(up), d)) {
          st.execute(s.text());
          applied.append(s.text()).append('\n');
        }
      }
      List<Path> downs = new ArrayList<>(ups.stream().map(p -> p.resolveSibling("down.sql")).toList());
      java.util.Collections.reverse(downs);
      for (Path down : downs) {
        for (SqlScript.Statement s : SqlScript.split(Files.readString(down), d)) {
          st.execute(s.text());
        }
      }
    }
    return applied.toString();
  }
}
