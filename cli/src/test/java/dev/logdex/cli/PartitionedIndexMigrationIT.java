package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.lex.SqlScript;
import dev.logdex.core.model.Dialect;
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
 * An index on a PostgreSQL partitioned table is built without blocking writes: made on the parent alone, built
 * CONCURRENTLY on each partition and attached, as PostgreSQL's manual describes. On a tree with a partition in
 * another schema, a sub-partitioned partition named by a reserved word, a default partition with a quote in its
 * name, read from the live catalog and from pg_dump's form of the same schema, the migration runs statement by
 * statement in autocommit, leaves one valid index that the planner uses on every partition, runs again without
 * error, and its undo leaves nothing behind.
 */
class PartitionedIndexMigrationIT {

  @TempDir Path dir;

  /** pg_dump 15's form: each partition created as a table, then attached (the schema file is this text). */
  private static final String SCHEMA = """
      CREATE SCHEMA "App Data";
      CREATE TABLE keepme (id int);
      CREATE TABLE "App Data"."Loan" (id bigint NOT NULL, member_id integer, at date NOT NULL, note text)
      PARTITION BY RANGE (at);
      CREATE TABLE "App Data"."Loan_2024" (id bigint NOT NULL, member_id integer, at date NOT NULL, note text);
      CREATE TABLE public."order" (id bigint NOT NULL, member_id integer, at date NOT NULL, note text)
      PARTITION BY LIST (member_id);
      CREATE TABLE public."order_A" (id bigint NOT NULL, member_id integer, at date NOT NULL, note text);
      CREATE TABLE public."odd""; DROP TABLE keepme; --" (id bigint NOT NULL, member_id integer,
        at date NOT NULL, note text);
      CREATE TABLE "App Data"."Loan_default" (id bigint NOT NULL, member_id integer, at date NOT NULL, note text);
      ALTER TABLE ONLY "App Data"."Loan" ATTACH PARTITION "App Data"."Loan_2024"
        FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
      ALTER TABLE ONLY "App Data"."Loan" ATTACH PARTITION public."order"
        FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      ALTER TABLE ONLY public."order" ATTACH PARTITION public."order_A" FOR VALUES IN (1, 2, 3);
      ALTER TABLE ONLY public."order" ATTACH PARTITION public."odd""; DROP TABLE keepme; --" DEFAULT;
      ALTER TABLE ONLY "App Data"."Loan" ATTACH PARTITION "App Data"."Loan_default" DEFAULT;
      """;

  private static final String LOG = """
      query,calls,total_exec_time,rows
      "SELECT * FROM ""App Data"".""Loan"" WHERE member_id = $1",50000,90000,50000
      """;

  @Test
  void fromTheLiveCatalog() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> migrateAndCheck(url, "--db", url));
  }

  @Test
  void fromPgDumpsFormOfTheSchema() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      Path schema = Files.writeString(dir.resolve("schema.sql"), "-- PostgreSQL database dump\n" + SCHEMA);
      migrateAndCheck(url, "--schema", schema.toString());
    });
  }

  private void migrateAndCheck(String url, String sourceOption, String source) throws Exception {
    try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
      st.execute(SCHEMA);
      st.execute("INSERT INTO keepme VALUES (1)");
      st.execute("INSERT INTO \"App Data\".\"Loan\" SELECT g, g % 400, date '2024-01-01' + (g % 900), 'n'"
          + " FROM generate_series(1, 60000) g");
      st.execute("ANALYZE");
    }
    Path log = Files.writeString(dir.resolve("pgss.csv"), LOG);
    Path to = dir.resolve("migrations");
    CliRun cli = new CliRun();
    assertThat(cli.run("migrate", "-q", "--no-planner", sourceOption, source, "--to", to.toString(), "--style",
        "plain", "--only", "indexes", log.toString())).as(cli.err()).isZero();
    String up = Files.readString(to.resolve("up.sql"));
    List<String> creates = statements(up).stream().filter(s -> s.startsWith("CREATE INDEX")).toList();
    assertThat(creates).as("one on the parent, one on the sub-partitioned partition, one on each of 4 leaves")
        .hasSize(6);
    assertThat(creates).as("nothing built in one blocking statement")
        .allMatch(s -> s.contains(" CONCURRENTLY ") || s.contains(" ON ONLY "));
    assertThat(creates.stream().filter(s -> s.contains(" ON ONLY "))).hasSize(2);

    try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
      for (int run = 0; run < 2; run++) { // a second run (after a failure, say) creates nothing and fails on nothing
        for (String s : statements(up)) {
          st.execute(s); // autocommit, one by one, as psql runs the file
        }
      }
      String parentIndex = one(st, "SELECT i.indexrelid::regclass::text FROM pg_index i"
          + " WHERE i.indrelid = '\"App Data\".\"Loan\"'::regclass");
      assertThat(one(st, "SELECT bool_and(x.indisvalid)::text || ' ' || count(*) FILTER (WHERE t.isleaf)"
          + " FROM pg_partition_tree('" + parentIndex.replace("'", "''") + "'::regclass) t"
          + " JOIN pg_index x ON x.indexrelid = t.relid"))
          .as("valid, with an index on each of the 4 leaf partitions").isEqualTo("true 4");
      st.execute("SET enable_seqscan = off");
      StringBuilder plan = new StringBuilder();
      try (ResultSet rs = st.executeQuery("EXPLAIN SELECT * FROM \"App Data\".\"Loan\" WHERE member_id IN (2, 7)")) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
      assertThat(plan.toString()).doesNotContain("Seq Scan").contains("order_A", "DROP TABLE keepme", "Loan_2024");

      for (String s : statements(Files.readString(to.resolve("down.sql")))) {
        st.execute(s);
      }
      assertThat(one(st, "SELECT count(*)::text FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid"
          + " JOIN pg_namespace n ON n.oid = t.relnamespace WHERE n.nspname IN ('public', 'App Data')"))
          .as("the undo drops the index on every partition").isEqualTo("0");
      assertThat(one(st, "SELECT count(*)::text FROM keepme")).isEqualTo("1");
    }
  }

  @Test
  void flywayAppliesItOutsideATransaction() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
        st.execute(SCHEMA);
      }
      Path log = Files.writeString(dir.resolve("pgss.csv"), LOG);
      Path to = dir.resolve("flyway");
      CliRun cli = new CliRun();
      assertThat(cli.run("migrate", "-q", "--no-planner", "--db", url, "--to", to.toString(), "--style", "flyway",
          "--only", "indexes", log.toString())).as(cli.err()).isZero();
      org.flywaydb.core.api.configuration.FluentConfiguration config = org.flywaydb.core.Flyway.configure()
          .dataSource(url, "postgres", "").locations("filesystem:" + to).baselineOnMigrate(true)
          .baselineVersion("0");
      // CREATE INDEX CONCURRENTLY waits for every open transaction, Flyway's own advisory lock included.
      config.getPluginRegister().getPlugin(org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension.class)
          .setTransactionalLock(false);
      assertThat(config.load().migrate().migrationsExecuted).isEqualTo(1);
      try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
        assertThat(one(st, "SELECT count(*) FILTER (WHERE t.isleaf) || ' ' || bool_and(x.indisvalid)"
            + " FROM pg_index i, pg_partition_tree(i.indexrelid) t JOIN pg_index x ON x.indexrelid = t.relid"
            + " WHERE i.indrelid = '\"App Data\".\"Loan\"'::regclass")).isEqualTo("4 true");
      }
    });
  }

  @Test
  void theUndoOfADroppedDuplicateRebuildsItPartitionByPartition() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
        st.execute(SCHEMA);
        st.execute("CREATE INDEX loan_member_1 ON \"App Data\".\"Loan\" (member_id) WHERE note IS NOT NULL");
        st.execute("CREATE INDEX loan_member_2 ON \"App Data\".\"Loan\" (member_id) WHERE note IS NOT NULL");
      }
      Path log = Files.writeString(dir.resolve("pgss.csv"), LOG);
      Path to = dir.resolve("drop");
      CliRun cli = new CliRun();
      assertThat(cli.run("migrate", "-q", "--no-planner", "--db", url, "--to", to.toString(), "--style", "plain",
          "--only", "duplicate-index", log.toString())).as(cli.err()).isZero();
      String down = Files.readString(to.resolve("down.sql"));
      assertThat(statements(down).stream().filter(s -> s.startsWith("CREATE INDEX")))
          .as("the parent's ON ONLY, the sub-partitioned one's ON ONLY, each of 4 leaves CONCURRENTLY").hasSize(6)
          .allMatch(s -> s.contains(" CONCURRENTLY ") || s.contains(" ON ONLY "));
      try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
        for (String s : statements(Files.readString(to.resolve("up.sql")))) {
          st.execute(s);
        }
        String dropped = one(st, "SELECT string_agg(i.indexrelid::regclass::text, ',') FROM pg_index i"
            + " WHERE i.indrelid = '\"App Data\".\"Loan\"'::regclass");
        assertThat(dropped.split(",")).as("one of the two is left").hasSize(1);
        for (int run = 0; run < 2; run++) {
          for (String s : statements(down)) {
            st.execute(s);
          }
        }
        assertThat(one(st, "SELECT count(*) || ' ' || bool_and(x.indisvalid) FROM pg_index i"
            + " JOIN pg_index x ON x.indexrelid = i.indexrelid WHERE i.indrelid = '\"App Data\".\"Loan\"'::regclass"))
            .as("both again, valid").isEqualTo("2 true");
        assertThat(one(st, "SELECT count(*) FILTER (WHERE t.isleaf)::text FROM pg_index i,"
            + " pg_partition_tree(i.indexrelid) t WHERE i.indrelid = '\"App Data\".\"Loan\"'::regclass"))
            .as("each on the 4 leaves").isEqualTo("8");
      }
    });
  }

  private static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    for (SqlScript.Statement s : SqlScript.split(sql, Dialect.POSTGRESQL)) {
      out.add(s.text().replaceAll("(?m)^--.*\\n", "").strip());
    }
    return out;
  }

  private static String one(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1);
    }
  }
}
