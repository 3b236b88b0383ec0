package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logdex rehearse} on the machine's PostgreSQL and MariaDB: a small app with data and a log; the migration is
 * applied on a copy, the logged statements are measured on it before and after, the source is left as it was, and
 * the copy and the replay login are gone afterwards.
 */
class RehearseIT {
  @TempDir Path dir;

  private static final String PG_APP = """
      CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);
      CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id),
        status text NOT NULL, total_cents int NOT NULL, created_at timestamptz NOT NULL);
      INSERT INTO customers SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 5000) g;
      INSERT INTO orders (customer_id, status, total_cents, created_at)
        SELECT 1 + (g::bigint * 7919) % 5000, (ARRAY['paid', 'shipped', 'closed'])[1 + g % 3], g % 1000,
          now() - g * interval '1 minute' FROM generate_series(1, 200000) g;
      ANALYZE;
      """;

  /** A PostgreSQL server log: lookups by customer (an index helps) and one hostile read. */
  private Path postgresLog() throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      b.append(String.format("2026-11-28 10:00:%02d.000 UTC [%d] LOG:  duration: 30.000 ms  statement: SELECT id, "
          + "status FROM orders WHERE customer_id = %d%n", i, 100 + i, 1 + (i * 37) % 5000));
    }
    // Hostile: a read that calls a function only a superuser may. Replayed as the rehearsal's login, it is refused.
    b.append("2026-11-28 10:01:00.000 UTC [200] LOG:  duration: 1.000 ms  statement: SELECT pg_read_file('/etc/hostname')"
        + " FROM orders WHERE id = 1\n");
    return Files.writeString(dir.resolve("postgresql.log"), b.toString());
  }

  private static Map<String, Long> postgresState(Connection c) throws Exception {
    Map<String, Long> state = new TreeMap<>();
    try (Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")) {
        while (rs.next()) {
          state.put("index " + rs.getString(1), 1L);
        }
      }
      for (String t : List.of("customers", "orders")) {
        try (ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t)) {
          rs.next();
          state.put("rows " + t, rs.getLong(1));
        }
      }
    }
    return state;
  }

  private static List<String> lines(Connection c, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static JsonNode index(JsonNode report, String name) {
    for (JsonNode i : report.get("indexes")) {
      if (i.get("name").asText().equals(name)) {
        return i;
      }
    }
    throw new AssertionError("no index " + name + " in " + report.get("indexes"));
  }

  @Test
  void aPostgresMigrationIsMeasuredOnACopyAndTheSourceIsLeftAlone() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      Map<String, Long> before;
      try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
        st.execute(PG_APP);
        before = postgresState(c);
      }
      Path migrations = Files.createDirectories(dir.resolve("migrations"));
      Files.writeString(migrations.resolve("V1__orders_by_customer.sql"),
          "CREATE INDEX orders_by_customer ON orders (customer_id);\n");
      Files.writeString(migrations.resolve("V2__orders_by_total.sql"),
          "-- no logged statement filters on total_cents\nCREATE INDEX orders_by_total ON orders (total_cents);\n");
      Files.writeString(migrations.resolve("U1__orders_by_customer.sql"), "DROP INDEX orders_by_customer;\n");
      String copy = db + "_copy";
      CliRun cli = new CliRun();
      int exit = cli.run("rehearse", "-q", "--db", url + "?user=postgres", "--copy-to", copy, "--migration",
          migrations.toString(), "--rounds", "3", "--format", "json", postgresLog().toString());
      assertThat(exit).as(cli.err()).isZero();
      JsonNode r = new ObjectMapper().readTree(cli.out());
      assertThat(r.get("migration")).extracting(m -> m.get("source").asText())
          .containsExactly("V1__orders_by_customer.sql", "V2__orders_by_total.sql");
      assertThat(index(r, "orders_by_customer").get("verdict").asText()).isEqualTo("measured faster");
      assertThat(index(r, "orders_by_customer").get("bytes").asLong()).isPositive();
      assertThat(index(r, "orders_by_total").get("verdict").asText()).isEqualTo("no measurable effect");
      JsonNode lookup = null;
      JsonNode hostile = null;
      for (JsonNode c : r.get("classes")) {
        if (c.get("sample").asText().contains("pg_read_file")) {
          hostile = c;
        } else {
          lookup = c;
        }
      }
      assertThat(lookup.at("/before/median_ms").asDouble()).isGreaterThan(lookup.at("/after/median_ms").asDouble());
      assertThat(lookup.at("/after/indexes/0").asText()).isEqualTo("orders_by_customer");
      assertThat(hostile.at("/before/error").asText()).contains("permission denied");
      assertThat(r.at("/totals/read_ms_after").asDouble()).isLessThan(r.at("/totals/read_ms_before").asDouble());
      try (Connection c = LiveDb.connect(url, "postgres")) {
        assertThat(postgresState(c)).as("the source's indexes and rows").isEqualTo(before);
        assertThat(lines(c, "SELECT datname FROM pg_database WHERE datname = '" + copy + "'")).isEmpty();
        assertThat(lines(c, "SELECT rolname FROM pg_roles WHERE rolname LIKE 'logdex_replay_%'")).isEmpty();
      }
    });
  }

  @Test
  void pruneKeepsOnlyTheIndexesMeasuredFaster() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
        st.execute(PG_APP);
      }
      StringBuilder b = new StringBuilder();
      for (int i = 1; i <= 20; i++) {
        b.append(String.format("2026-11-28 10:00:%02d.000 UTC [%d] LOG:  duration: 30.000 ms  statement: SELECT id, "
            + "total_cents FROM orders WHERE customer_id = %d ORDER BY created_at DESC LIMIT 20%n", i, 100 + i,
            1 + (i * 37) % 5000));
        b.append(String.format("2026-11-28 10:01:%02d.000 UTC [%d] LOG:  duration: 30.000 ms  statement: UPDATE "
            + "orders SET status = 'shipped' WHERE customer_id = %d AND status = 'paid'%n", i, 300 + i,
            1 + (i * 53) % 5000));
        b.append(String.format("2026-11-28 10:02:%02d.000 UTC [%d] LOG:  duration: 5.000 ms  statement: SELECT id "
            + "FROM customers WHERE email = 'user%d@example.com'%n", i, 500 + i, i * 7));
      }
      Path log = Files.writeString(dir.resolve("app.log"), b.toString());
      Path pruned = dir.resolve("pruned");
      CliRun cli = new CliRun();
      assertThat(cli.run("rehearse", "-q", "--db", url + "?user=postgres", "--copy-to", db + "_copy", "--rounds", "3",
          "--prune", pruned.toString(), "--save", dir.resolve("day.json").toString(), "--format", "json",
          log.toString())).as(cli.err()).isZero();
      JsonNode saved = new ObjectMapper().readTree(Files.readString(dir.resolve("day.json")));
      assertThat(saved.at("/rehearsal/indexes")).isNotEmpty();
      assertThat(saved.at("/recommendations/0/reason").asText()).contains("rehearsal: measured faster");
      JsonNode r = new ObjectMapper().readTree(cli.out());
      List<String> faster = new ArrayList<>();
      List<String> idle = new ArrayList<>();
      r.get("indexes").forEach(i -> (i.get("verdict").asText().equals("measured faster") ? faster : idle)
          .add(i.get("name").asText()));
      assertThat(faster).as("the email lookup and the order lookups gain from an index").isNotEmpty();
      List<String> kept = new ArrayList<>();
      try (var files = Files.list(pruned)) {
        for (Path f : files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).toList()) {
          kept.add(Files.readString(f));
        }
      }
      assertThat(kept).hasSize(faster.size());
      for (String name : faster) {
        assertThat(kept).anySatisfy(sql -> assertThat(sql).contains("CREATE INDEX").contains(name));
      }
      for (String name : idle) {
        assertThat(kept).noneSatisfy(sql -> assertThat(sql).contains(name));
      }
    });
  }

  @Test
  void aPostgresSampleKeepsEveryReferencedRowAndTheKeys() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
        st.execute(PG_APP);
      }
      String copy = db + "_sample";
      try {
        CliRun cli = new CliRun();
        assertThat(cli.run("rehearse", "-q", "--db", url + "?user=postgres", "--copy-to", copy, "--keep",
            "--sample-rows", "2000", "--rounds", "1", "--format", "json", postgresLog().toString()))
            .as(cli.err()).isZero();
        assertThat(new ObjectMapper().readTree(cli.out()).get("method").asText()).contains("sampled");
        try (Connection c = LiveDb.connect(LiveDb.POSTGRES + copy, "postgres")) {
          long orders = Long.parseLong(lines(c, "SELECT count(*) FROM orders").get(0));
          assertThat(orders).as("about 2,000 of 200,000").isBetween(1500L, 2500L);
          assertThat(lines(c, "SELECT count(*) FROM orders o WHERE NOT EXISTS"
              + " (SELECT 1 FROM customers c WHERE c.id = o.customer_id)")).containsExactly("0");
          assertThat(lines(c, "SELECT conname FROM pg_constraint WHERE conrelid = 'orders'::regclass ORDER BY 1"))
              .containsExactly("orders_customer_id_fkey", "orders_pkey");
          // The sequence stands where the source's does: a replayed insert takes a new key.
          assertThat(Long.parseLong(lines(c, "SELECT last_value FROM orders_id_seq").get(0))).isEqualTo(200_000L);
        }
      } finally {
        try (Connection c = LiveDb.connect(LiveDb.POSTGRES + "postgres", "postgres");
            Statement st = c.createStatement()) {
          st.execute("DROP DATABASE IF EXISTS " + copy + " WITH (FORCE)");
        }
      }
    });
  }

  @Test
  void aMariadbSampleKeepsEveryReferencedRow() throws Exception {
    LiveDb.inScratchMariadb((db, url) -> {
      try (Connection c = LiveDb.connect(url, "root"); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE customers (id bigint PRIMARY KEY, email varchar(200) NOT NULL,"
            + " email_lc varchar(200) AS (lower(email)) VIRTUAL) ENGINE=InnoDB");
        st.execute("CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL,"
            + " FOREIGN KEY (customer_id) REFERENCES customers (id)) ENGINE=InnoDB");
        st.execute("INSERT INTO customers (id, email) SELECT seq, concat('U', seq) FROM seq_1_to_20000");
        st.execute("INSERT INTO orders SELECT seq, 1 + (seq * 7919) % 20000 FROM seq_1_to_50000");
        st.execute("ANALYZE TABLE customers, orders");
      }
      Path slow = Files.writeString(dir.resolve("slow.log"), "# Time: 2026-11-28T10:00:00.000000Z\n"
          + "# Query_time: 0.020  Lock_time: 0.0 Rows_sent: 1  Rows_examined: 30000\nuse " + db + ";\n"
          + "SET timestamp=1700000000;\nSELECT id FROM customers WHERE email = 'U5';\n");
      String copy = db + "_sample";
      try {
        CliRun cli = new CliRun();
        assertThat(cli.run("rehearse", "-q", "--db", url + "?user=root", "--copy-to", copy, "--keep",
            "--sample-rows", "1000", "--rounds", "1", slow.toString())).as(cli.err()).isZero();
        try (Connection c = LiveDb.connect(LiveDb.MARIADB + copy, "root")) {
          assertThat(Long.parseLong(lines(c, "SELECT count(*) FROM orders").get(0))).isBetween(600L, 1400L);
          assertThat(lines(c, "SELECT count(*) FROM orders o WHERE NOT EXISTS"
              + " (SELECT 1 FROM customers c WHERE c.id = o.customer_id)")).containsExactly("0");
          assertThat(lines(c, "SELECT count(*) FROM customers WHERE email_lc <> lower(email)")).containsExactly("0");
        }
      } finally {
        try (Connection c = LiveDb.connect(LiveDb.MARIADB, "root"); Statement st = c.createStatement()) {
          st.execute("DROP DATABASE IF EXISTS " + copy);
        }
      }
    });
  }

  @Test
  void analyzeRehearseRanksByTheMeasuredGainsAndSavesTheRehearsal() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
        st.execute(PG_APP);
      }
      Path saved = dir.resolve("day.json");
      CliRun cli = new CliRun();
      assertThat(cli.run("analyze", "-q", "--db", url + "?user=postgres", "--rehearse", "--copy-to", db + "_copy",
          "--rounds", "3", "--format", "json", "--save", saved.toString(), postgresLog().toString()))
          .as(cli.err()).isZero();
      JsonNode r = new ObjectMapper().readTree(cli.out());
      JsonNode first = r.get("recommendations").get(0);
      assertThat(first.get("ddl").asText()).contains("orders").contains("customer_id");
      assertThat(first.get("reason").asText()).contains("rehearsal: measured faster");
      assertThat(r.at("/rehearsal/indexes")).isNotEmpty();
      JsonNode snapshot = new ObjectMapper().readTree(Files.readString(saved));
      assertThat(snapshot.at("/rehearsal/copy").asText()).isEqualTo(db + "_copy");
    });
  }

  @Test
  void aFailingStatementStopsTheRehearsalAndNamesItsFile() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE t (id int PRIMARY KEY, a int); INSERT INTO t SELECT g, g FROM generate_series(1, 100) g");
      }
      Path migrations = Files.createDirectories(dir.resolve("bad"));
      Files.writeString(migrations.resolve("V1__ok.sql"), "CREATE INDEX t_a ON t (a);\n");
      Files.writeString(migrations.resolve("V1_1__typo.sql"), "CREATE INDEX t_b ON t (b);\n");
      Files.writeString(migrations.resolve("V2__never.sql"), "CREATE INDEX t_a_id ON t (a, id);\n");
      Path log = Files.writeString(dir.resolve("t.log"), "2026-11-28 10:00:00.000 UTC [1] LOG:  duration: 1.000 ms"
          + "  statement: SELECT * FROM t WHERE a = 5\n");
      CliRun cli = new CliRun();
      assertThat(cli.run("rehearse", "-q", "--db", url + "?user=postgres", "--copy-to", db + "_copy", "--migration",
          migrations.toString(), "--rounds", "1", log.toString())).as(cli.err()).isEqualTo(1);
      assertThat(cli.out()).contains("V1_1__typo.sql:1").contains("FAILED").contains("column \"b\" does not exist")
          .doesNotContain("V2__never.sql");
    });
  }

  @Test
  void withAnotherSessionOnTheSourceTheCopyIsMadeByDumpAndRestore() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE t (id int PRIMARY KEY, a int); INSERT INTO t SELECT g, g % 10 FROM generate_series(1, 1000) g");
        // This session stays connected to the source while the copy is made: no template copy is possible.
        Path log = Files.writeString(dir.resolve("t.log"), "2026-11-28 10:00:00.000 UTC [1] LOG:  duration: 1.000 ms"
            + "  statement: SELECT * FROM t WHERE a = 5\n");
        CliRun cli = new CliRun();
        assertThat(cli.run("rehearse", "-q", "--db", url + "?user=postgres", "--copy-to", db + "_copy", "--rounds", "1",
            "--format", "json", log.toString())).as(cli.err()).isZero();
        assertThat(new ObjectMapper().readTree(cli.out()).get("method").asText()).isEqualTo("pg_dump | pg_restore");
      }
    });
  }

  @Test
  void theCopyCannotBeTheSourceNorADatabaseLogdexDidNotMake() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      Path log = Files.writeString(dir.resolve("t.log"), "2026-11-28 10:00:00.000 UTC [1] LOG:  duration: 1.000 ms"
          + "  statement: SELECT 1\n");
      try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE t (id int PRIMARY KEY)");
      }
      CliRun same = new CliRun();
      assertThat(same.run("rehearse", "-q", "--db", url + "?user=postgres", "--copy-to", db, log.toString()))
          .isEqualTo(2);
      assertThat(same.err()).contains("is the source database itself");
      LiveDb.inScratchPostgres((other, otherUrl) -> {
        CliRun replace = new CliRun();
        assertThat(replace.run("rehearse", "-q", "--db", url + "?user=postgres", "--copy-to", other, "--replace",
            log.toString())).isEqualTo(2);
        assertThat(replace.err()).contains("logdex did not make it");
        try (Connection c = LiveDb.connect(otherUrl, "postgres")) {
          assertThat(c.isValid(2)).as("the other database is still there").isTrue();
        }
      });
    });
  }

  @Test
  void aMariadbRehearsalAppliesLogdexsOwnMigrationOnATableByTableCopy() throws Exception {
    LiveDb.inScratchMariadb((db, url) -> {
      try (Connection c = LiveDb.connect(url, "root"); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE customers (id bigint PRIMARY KEY, email varchar(200) NOT NULL,"
            + " email_lc varchar(200) AS (lower(email)) VIRTUAL) ENGINE=InnoDB");
        st.execute("INSERT INTO customers (id, email) SELECT seq, concat('user', seq, '@example.com')"
            + " FROM seq_1_to_30000");
        st.execute("ANALYZE TABLE customers");
      }
      StringBuilder log = new StringBuilder();
      for (int i = 1; i <= 10; i++) {
        log.append(String.format("# Time: 2026-11-28T10:00:%02d.000000Z%n# User@Host: app[app] @ localhost []  Id: 5%n"
            + "# Query_time: 0.020  Lock_time: 0.0 Rows_sent: 1  Rows_examined: 30000%nuse %s;%n"
            + "SET timestamp=1700000000;%nSELECT id FROM customers WHERE email = 'user%d@example.com';%n", i, db,
            i * 97));
      }
      Path slow = Files.writeString(dir.resolve("slow.log"), log.toString());
      String copy = db + "_copy";
      CliRun cli = new CliRun();
      assertThat(cli.run("rehearse", "-q", "--db", url + "?user=root", "--copy-to", copy, "--rounds", "3",
          "--format", "json", slow.toString())).as(cli.err()).isZero();
      JsonNode r = new ObjectMapper().readTree(cli.out());
      assertThat(r.get("method").asText()).isEqualTo("SHOW CREATE TABLE, INSERT ... SELECT");
      assertThat(r.get("indexes")).singleElement().satisfies(i -> {
        assertThat(i.get("table").asText()).isEqualTo("customers");
        assertThat(i.get("verdict").asText()).isEqualTo("measured faster");
      });
      try (Connection c = LiveDb.connect(url, "root")) {
        assertThat(lines(c, "SELECT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '" + db + "'"))
            .as("the source keeps only its primary key").containsOnly("PRIMARY");
        assertThat(lines(c, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + copy + "'"))
            .isEmpty();
        assertThat(lines(c, "SELECT user FROM mysql.user WHERE user LIKE 'logdex\\_replay\\_%'")).isEmpty();
      }
      // A database with no mark of logdex's in it (MySQL keeps no comment on a database: the mark is a table) is
      // never replaced; a copy kept with --keep carries the mark, so --replace may drop it.
      LiveDb.inScratchMariadb((other, otherUrl) -> {
        CliRun replace = new CliRun();
        assertThat(replace.run("rehearse", "-q", "--db", url + "?user=root", "--copy-to", other, "--replace",
            slow.toString())).isEqualTo(2);
        assertThat(replace.err()).contains("logdex did not make it");
      });
      CliRun kept = new CliRun();
      assertThat(kept.run("rehearse", "-q", "--db", url + "?user=root", "--copy-to", copy, "--keep", "--rounds", "1",
          slow.toString())).as(kept.err()).isZero();
      try (Connection c = LiveDb.connect(url, "root")) {
        assertThat(lines(c, "SELECT mark FROM " + copy + ".logdex_rehearsal_copy"))
            .containsExactly("logdex rehearsal copy of " + db);
      }
      CliRun again = new CliRun();
      assertThat(again.run("rehearse", "-q", "--db", url + "?user=root", "--copy-to", copy, "--replace", "--rounds",
          "1", slow.toString())).as(again.err()).isZero();
      try (Connection c = LiveDb.connect(url, "root")) {
        assertThat(lines(c, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + copy + "'"))
            .as("--keep kept it, --replace made it again, and the end dropped it").isEmpty();
      }
    });
  }
}
