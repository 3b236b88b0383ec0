package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.lex.SqlScript;
import dev.logdex.core.schema.ForeignKey;
import dev.logdex.core.schema.Index;
import dev.logdex.core.schema.JdbcSchemaLoader;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrations logdex writes, applied for real with Flyway to the machine's PostgreSQL and MariaDB: they apply,
 * a second run does no harm, the undo scripts put the schema back, and the schema is checked after each step.
 */
class MigrateFlywayIT {

  private static Connection connect(String url, String user) throws SQLException {
    return LiveDb.connect(url, user);
  }

  private static String scratch() {
    return LiveDb.scratch();
  }

  @Test
  void postgresMigrationsApplyTwiceAndUndo(@TempDir Path dir) throws Exception {
    String db = scratch();
    String url = "jdbc:postgresql://127.0.0.1:5432/" + db;
    try (Connection admin = connect("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres");
        Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + db);
      try {
        try (Connection c = connect(url, "postgres"); Statement s = c.createStatement()) {
          s.execute(Files.readString(Path.of("../sample-logs/shop/make/schema.sql")));
        }
        Schema before = schema(url, "postgres");
        CliRun cli = new CliRun();
        assertThat(cli.run("migrate", "--db", url, "--db-user", "postgres", "--to", dir.toString(),
            "../sample-logs/shop/pg_stat_statements.csv")).as(cli.err()).isZero();
        long versions = versionedScripts(dir).size();
        assertThat(versions).isGreaterThan(5);

        FluentConfiguration config = Flyway.configure().dataSource(url, "postgres", "")
            .locations("filesystem:" + dir).baselineOnMigrate(true).baselineVersion("0");
        // CREATE INDEX CONCURRENTLY waits for every open transaction, Flyway's own advisory lock included.
        config.getPluginRegister().getPlugin(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        Flyway flyway = config.load();
        MigrateResult first = flyway.migrate();
        assertThat(first.migrationsExecuted).isEqualTo((int) versions);
        Schema after = schema(url, "postgres");
        assertThat(indexNames(after)).contains("idx_order_items_order_id", "idx_orders_user_id_created_at",
            "idx_reviews_product_id_created_at_where_deleted_at_is_null")
            .doesNotContain("sessions_token_lookup", "orders_status_idx");
        assertThat(after.table("AuditEvents").orElseThrow().foreignKeys()).extracting(ForeignKey::referencedTable)
            .containsExactly("users");
        assertThat(after.table("reviews").orElseThrow().indexes()).filteredOn(ix -> ix.isPartial())
            .extracting(Index::where).contains("deleted_at IS NULL");

        assertThat(flyway.migrate().migrationsExecuted).as("a second run").isZero();
        // The scripts themselves are idempotent too (IF NOT EXISTS, a guarded constraint).
        runScripts(url, "postgres", versionedScripts(dir));
        assertThat(indexNames(schema(url, "postgres"))).isEqualTo(indexNames(after));

        List<Path> undo = undoScripts(dir);
        runScripts(url, "postgres", undo);
        Schema undone = schema(url, "postgres");
        assertThat(indexNames(undone)).isEqualTo(indexNames(before));
        assertThat(foreignKeys(undone)).isEqualTo(foreignKeys(before));
      } finally {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }

  @Test
  void mariadbMigrationsApplyTwiceAndUndo(@TempDir Path dir) throws Exception {
    String db = scratch();
    String url = "jdbc:mariadb://127.0.0.1:3306/" + db;
    try (Connection admin = connect("jdbc:mariadb://127.0.0.1:3306/", "root"); Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + db);
      try {
        try (Connection c = connect(url, "root"); Statement s = c.createStatement()) {
          s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer_email varchar(255), created_at datetime,"
              + " `key` int, KEY k1 (`key`), KEY k2 (`key`)) ENGINE=InnoDB");
          // Rows enough that an index is worth it (logdex proposes none on a table a scan reads as fast).
          s.execute("INSERT INTO orders SELECT seq, concat('u', seq, '@example.com'), now(), seq % 10"
              + " FROM seq_1_to_3000");
          s.execute("ANALYZE TABLE orders");
        }
        Schema before = schema(url, "root");
        CliRun cli = new CliRun();
        assertThat(cli.run("migrate", "--db", url, "--db-user", "root", "--to", dir.toString(),
            "src/test/resources/logs/truncated-slow.log")).as(cli.err()).isZero();
        Flyway flyway = Flyway.configure().dataSource(url, "root", "").locations("filesystem:" + dir)
            .baselineOnMigrate(true).baselineVersion("0").load();
        assertThat(flyway.migrate().migrationsExecuted).isEqualTo(versionedScripts(dir).size());
        Schema after = schema(url, "root");
        assertThat(indexNames(after)).contains("idx_orders_customer_email_created_at").doesNotContain("k2");
        assertThat(flyway.migrate().migrationsExecuted).as("a second run").isZero();
        runScripts(url, "root", undoScripts(dir));
        assertThat(indexNames(schema(url, "root"))).isEqualTo(indexNames(before));
      } finally {
        st.execute("DROP DATABASE IF EXISTS " + db);
      }
    }
  }

  @Test
  void aHostileNameCannotInjectSqlIntoAMigration(@TempDir Path dir) throws Exception {
    String db = scratch();
    String url = "jdbc:postgresql://127.0.0.1:5432/" + db;
    String hostile = "t\"; DROP TABLE victim; --";
    try (Connection admin = connect("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres");
        Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + db);
      try {
        try (Connection c = connect(url, "postgres"); Statement s = c.createStatement()) {
          s.execute("CREATE TABLE victim (id int)");
          s.execute("CREATE TABLE \"t\"\"; DROP TABLE victim; --\" (id int, \"a'b\" int)");
        }
        Path log = dir.resolve("q.sql");
        Files.writeString(log, "SELECT * FROM \"t\"\"; DROP TABLE victim; --\" WHERE \"a'b\" = 1;\n");
        CliRun cli = new CliRun();
        Path out = dir.resolve("migrations");
        assertThat(cli.run("migrate", "--db", url, "--db-user", "postgres", "--to", out.toString(), "--style",
            "plain", log.toString())).as(cli.err()).isZero();
        runScripts(url, "postgres", List.of(out.resolve("up.sql")));
        Schema after = schema(url, "postgres");
        assertThat(after.table("victim")).as("the victim table survives").isPresent();
        assertThat(after.table(hostile).orElseThrow().indexes()).extracting(Index::keys)
            .containsExactly(List.of("a'b"));
      } finally {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }

  private static Schema schema(String url, String user) throws Exception {
    try (Connection c = connect(url, user)) {
      return JdbcSchemaLoader.load(c);
    }
  }

  private static Set<String> indexNames(Schema s) {
    Set<String> out = new TreeSet<>();
    for (Table t : s.tables()) {
      for (Index ix : t.indexes()) {
        if (!ix.primary() && !t.name().equals("flyway_schema_history")) {
          out.add(ix.name());
        }
      }
    }
    return out;
  }

  private static Set<String> foreignKeys(Schema s) {
    Set<String> out = new TreeSet<>();
    s.tables().forEach(t -> t.foreignKeys().forEach(f -> out.add(t.name() + "." + f.name())));
    return out;
  }

  private static List<Path> versionedScripts(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).sorted(MigrateFlywayIT::byVersion)
          .toList();
    }
  }

  /** The undo scripts, last version first. */
  private static List<Path> undoScripts(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("U\\d+__.*\\.sql"))
          .sorted((a, b) -> byVersion(b, a)).toList();
    }
  }

  private static int byVersion(Path a, Path b) {
    return Integer.compare(version(a), version(b));
  }

  private static int version(Path p) {
    String n = p.getFileName().toString();
    return Integer.parseInt(n.substring(1, n.indexOf("__")));
  }

  /** Runs scripts statement by statement with autocommit, as their .conf files ask. */
  private static void runScripts(String url, String user, List<Path> scripts) throws Exception {
    try (Connection c = connect(url, user); Statement st = c.createStatement()) {
      for (Path p : scripts) {
        for (SqlScript.Statement s : SqlScript.split(Files.readString(p), url.contains("mariadb"))) {
          if (!s.text().lines().allMatch(l -> l.isBlank() || l.startsWith("--"))) {
            st.execute(s.text());
          }
        }
      }
    }
  }
}
