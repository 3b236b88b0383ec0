package dev.logdex.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.rules.Finding;
import dev.logdex.core.rules.UnusedIndexRule;
import dev.logdex.core.workload.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The catalog of a real PostgreSQL and a real MariaDB, each in a scratch database: the JDBC loader reads the same
 * tables, columns, indexes and keys that the DDL loader reads from the script that created them.
 */
class JdbcSchemaLoaderIT {

  private static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
  private static final String MARIADB = "jdbc:mariadb://127.0.0.1:3306/";

  private static Connection connect(String url, String user) throws SQLException {
    try {
      return DriverManager.getConnection(url, user, "");
    } catch (SQLException e) {
      if (System.getenv("CI") != null) {
        throw e;
      }
      assumeTrue(false, "no database at " + url);
      throw e;
    }
  }

  private static String scratch() {
    return "logdex_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @Test
  void skewShowsInTheEqualityMatchAndOrdersTheIndexColumns() throws Exception {
    String db = scratch();
    try (Connection admin = connect(PG + "postgres", "postgres"); Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + db);
      try {
        try (Connection c = connect(PG + db, "postgres"); Statement s = c.createStatement()) {
          // skewed: 10,000 distinct values, but 90% of rows hold 0. uniform: 100 values, evenly. half_null: 50%
          // NULL, the rest 1,000 values.
          s.execute("CREATE TABLE t AS SELECT g AS id, CASE WHEN g % 10 = 0 THEN g ELSE 0 END AS skewed,"
              + " g % 100 AS uniform, CASE WHEN g % 2 = 0 THEN NULL ELSE g % 1000 END AS half_null"
              + " FROM generate_series(1, 100000) g");
          s.execute("ANALYZE t");
        }
        Schema live = load(PG + db, "postgres");
        Table t = live.table("t").orElseThrow();
        assertThat(t.column("skewed").orElseThrow().distinct()).isGreaterThan(1000); // sampled, so below 10,000
        assertThat(t.column("skewed").orElseThrow().equalityMatch()).isBetween(0.75, 0.9); // 0.9 squared
        assertThat(t.column("uniform").orElseThrow().equalityMatch()).isBetween(0.008, 0.012);
        assertThat(t.column("half_null").orElseThrow().equalityMatch()).isBetween(0.0001, 0.0008);

        // By distinct values alone, skewed (10,000) would lead; by what an equality leaves, uniform does.
        assertThat(firstKeys(live, "SELECT id FROM t WHERE skewed = $1 AND uniform = $2"))
            .containsExactly("uniform", "skewed");
      } finally {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }

  @Test
  void mariadbsEngineIndependentStatisticsOrderTheIndexColumnsWhereTheyWereCollected() throws Exception {
    String db = scratch();
    try (Connection admin = connect(MARIADB, "root"); Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + db);
      try {
        try (Connection c = connect(MARIADB + db, "root"); Statement s = c.createStatement()) {
          // few: 4 values; many: 5,000; half: NULL in half the rows, 50 values in the rest. No index on any.
          s.execute("CREATE TABLE `T` (id int PRIMARY KEY, few int NOT NULL, many int NOT NULL, half int NULL)");
          s.execute("INSERT INTO `T` SELECT seq, seq % 4, seq % 5000, IF(seq % 2 = 0, NULL, seq % 100)"
              + " FROM seq_1_to_20000");
          s.execute("ANALYZE TABLE `T`");
        }
        String query = "SELECT id FROM `T` WHERE few = 1 AND many = 2";
        assertThat(firstKeys(load(MARIADB + db, "root"), query)).as("no statistics: the statement's order")
            .containsExactly("few", "many");
        try (Connection c = connect(MARIADB + db, "root"); Statement s = c.createStatement()) {
          s.execute("ANALYZE TABLE `T` PERSISTENT FOR ALL");
        }
        Schema live = load(MARIADB + db, "root");
        Table t = live.table("T").orElseThrow();
        assertThat(t.column("many").orElseThrow().distinct()).isBetween(4000.0, 6000.0);
        assertThat(t.column("few").orElseThrow().equalityMatch()).isBetween(0.2, 0.3);
        assertThat(t.column("half").orElseThrow().distinct()).isBetween(40.0, 60.0);
        assertThat(t.column("half").orElseThrow().equalityMatch()).isBetween(0.004, 0.006);
        assertThat(firstKeys(live, query)).containsExactly("many", "few");
      } finally {
        st.execute("DROP DATABASE IF EXISTS " + db);
      }
    }
  }

  /** The catalog of the database at {@code url}, as logdex reads it (read-only, with a timeout). */
  private static Schema load(String url, String user) throws SQLException {
    try (Connection c = connect(url, user)) {
      JdbcSchemaLoader.prepare(c, 30);
      return JdbcSchemaLoader.load(c);
    }
  }

  /** The keys of the first index logdex recommends for {@code query}, against {@code schema}. */
  private static java.util.List<String> firstKeys(Schema schema, String query) {
    var reg = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    var b = new dev.logdex.core.workload.WorkloadBuilder(schema.dialect() == Dialect.MYSQL
        ? dev.logdex.core.fingerprint.Fingerprinter.mysql() : dev.logdex.core.fingerprint.Fingerprinter.standard(),
        new dev.logdex.core.sql.StatementAnalyzer(schema, reg), reg);
    b.accept(new dev.logdex.core.model.QueryEvent("t", 1, "", "", 10, 100, -1, query));
    return new dev.logdex.core.recommend.Recommender(schema).recommend(b.build()).get(0).index().keys();
  }

  @Test
  void postgresCatalogMatchesTheDdlThatMadeIt() throws Exception {
    String ddl = Files.readString(Path.of("../sample-logs/shop/make/schema.sql"));
    String db = scratch();
    try (Connection admin = connect(PG + "postgres", "postgres"); Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + db);
      try {
        try (Connection c = connect(PG + db, "postgres"); Statement s = c.createStatement()) {
          s.execute(ddl);
        }
        Schema live = load(PG + db, "postgres");
        Schema fromDdl = new DdlSchemaLoader(Optional.of(Dialect.POSTGRESQL)).load(ddl, "schema.sql").schema();
        assertThat(live.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(live.isWholeDatabase()).isTrue();
        assertSameShape(live, fromDdl);
        // A fresh database has scanned no index: the unused-index rule sees every plain one.
        List<Finding> unused = new UnusedIndexRule().findings(live, Workload.empty());
        assertThat(unused).extracting(Finding::message).anySatisfy(m -> assertThat(m)
            .contains("index orders_status_idx (status) has not been scanned"));
        assertThat(unused).extracting(Finding::table).doesNotContain("users"); // users has only unique indexes
      } finally {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }

  @Test
  void aPartitionedTablesPartitionsAndTheUseOfItsIndexesComeFromTheCatalog() throws Exception {
    String db = scratch();
    try (Connection admin = connect(PG + "postgres", "postgres"); Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + db);
      try {
        try (Connection c = connect(PG + db, "postgres"); Statement s = c.createStatement()) {
          s.execute("""
              CREATE SCHEMA "App Data";
              CREATE TABLE "App Data".events (id bigint, account int, kind int, at date) PARTITION BY RANGE (at);
              CREATE TABLE "App Data".events_2024 PARTITION OF "App Data".events
                FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY LIST (kind);
              CREATE TABLE public.events_2024_1 PARTITION OF "App Data".events_2024 FOR VALUES IN (1);
              CREATE TABLE "App Data".events_rest PARTITION OF "App Data".events DEFAULT;
              CREATE INDEX events_account ON "App Data".events (account);
              CREATE INDEX events_kind ON "App Data".events (kind);
              INSERT INTO "App Data".events SELECT g, g % 100, 1, date '2024-01-01' + g % 700
                FROM generate_series(1, 20000) g;
              ANALYZE;
              SET enable_seqscan = off;
              SELECT count(*) FROM "App Data".events WHERE account = 7;
              """);
        }
        Schema live;
        try (Connection c = connect(PG + db, "postgres")) {
          live = JdbcSchemaLoader.load(c);
        }
        assertThat(live.tables()).extracting(Table::qualifiedName).containsExactly("App Data.events");
        assertThat(live.table("App Data.events").orElseThrow().partitions()).containsExactly(
            new dev.logdex.core.model.Partition("App Data", "events_2024", true,
                List.of(dev.logdex.core.model.Partition.leaf("public", "events_2024_1"))),
            dev.logdex.core.model.Partition.leaf("App Data", "events_rest"));
        // Scanned through its partitions' indexes: used. The other one, never: unused, with its size.
        assertThat(live.indexUsage()).filteredOn(u -> u.table().equals("App Data.events"))
            .extracting(u -> u.index() + " " + (u.scans() > 0) + " " + (u.sizeBytes() > 0))
            .containsExactlyInAnyOrder("events_account true true", "events_kind false true");
        assertThat(new UnusedIndexRule().findings(live, Workload.empty())).extracting(Finding::message)
            .singleElement().satisfies(m -> assertThat(m).startsWith("index events_kind (kind) has not been scanned"));
      } finally {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }

  @Test
  void mariadbCatalogMatchesTheDdlThatMadeIt() throws Exception {
    String ddl = """
        CREATE TABLE users (id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, email varchar(255) NOT NULL,
          deleted_at datetime NULL, UNIQUE KEY users_email_key (email)) ENGINE=InnoDB;
        CREATE TABLE orders (id bigint unsigned NOT NULL AUTO_INCREMENT, user_id bigint unsigned NOT NULL,
          status varchar(20) NOT NULL, created_at datetime NOT NULL, PRIMARY KEY (id),
          KEY orders_status_idx (status, created_at DESC),
          CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE) ENGINE=InnoDB;
        CREATE TABLE notes (id int NOT NULL, user_id bigint unsigned, PRIMARY KEY (id),
          CONSTRAINT notes_user_fk FOREIGN KEY (user_id) REFERENCES users (id)) ENGINE=InnoDB;
        """;
    String db = scratch();
    try (Connection admin = connect(MARIADB, "root"); Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + db);
      try {
        try (Connection c = connect(MARIADB + db + "?allowMultiQueries=true", "root");
            Statement s = c.createStatement()) {
          s.execute(ddl);
        }
        Schema live = load(MARIADB + db, "root");
        Schema fromDdl = new DdlSchemaLoader(Optional.of(Dialect.MYSQL)).load(ddl, "schema.sql").schema();
        assertThat(live.dialect()).isEqualTo(Dialect.MYSQL);
        assertSameShape(live, fromDdl);
        assertThat(live.table("orders").orElseThrow().rows()).isPresent();
      } finally {
        st.execute("DROP DATABASE IF EXISTS " + db);
      }
    }
  }

  @Test
  void twoTablesOfOneNameInTwoSchemasStayTwoFromTheCatalogAndFromTheDdl() throws Exception {
    String ddl = """
        CREATE SCHEMA app;
        CREATE SCHEMA other;
        CREATE TABLE app.users (id bigint PRIMARY KEY, email text);
        CREATE TABLE other.users (id bigint PRIMARY KEY, team text NOT NULL, boss bigint REFERENCES app.users (id));
        CREATE INDEX other_users_team ON other.users (team);
        """;
    String db = scratch();
    try (Connection admin = connect(PG + "postgres", "postgres"); Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + db);
      try {
        try (Connection c = connect(PG + db, "postgres"); Statement s = c.createStatement()) {
          s.execute(ddl);
        }
        Schema live = load(PG + db, "postgres");
        Schema fromDdl = new DdlSchemaLoader(Optional.of(Dialect.POSTGRESQL)).load(ddl, "schema.sql").schema();
        for (Schema schema : List.of(live, fromDdl)) {
          assertThat(schema.tables()).extracting(Table::qualifiedName)
              .containsExactlyInAnyOrder("app.users", "other.users");
          Table app = schema.table("app.users").orElseThrow();
          Table other = schema.table("other.users").orElseThrow();
          assertThat(app.columns()).extracting(Column::name).containsExactly("id", "email");
          assertThat(other.columns()).extracting(Column::name).containsExactly("id", "team", "boss");
          assertThat(app.indexes()).extracting(Index::primary).containsExactly(true);
          assertThat(other.indexes()).extracting(Index::name).contains("other_users_team");
          assertThat(other.foreignKeys()).singleElement()
              .satisfies(fk -> assertThat(fk.referencedTable()).isEqualTo("app.users"));
          assertThat(schema.table("users")).as("unqualified, neither in the search path's public").isEmpty();
        }
      } finally {
        st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }

  /** Same tables, columns and nullability, index keys and kinds, and foreign keys (names aside). */
  private static void assertSameShape(Schema live, Schema ddl) {
    assertThat(names(live)).isEqualTo(names(ddl));
    for (Table t : ddl.tables()) {
      Table l = live.table(t.name()).orElseThrow();
      assertThat(l.columns()).extracting(Column::name, Column::nullable)
          .as("columns of %s", t.name())
          .containsExactlyElementsOf(t.columns().stream()
              .map(c -> org.assertj.core.groups.Tuple.tuple(c.name(), c.nullable())).toList());
      assertThat(shapes(l)).as("indexes of %s", t.name()).isEqualTo(shapes(t));
      assertThat(l.foreignKeys()).extracting(ForeignKey::columns, ForeignKey::referencedTable, ForeignKey::onDelete)
          .as("foreign keys of %s", t.name())
          .containsExactlyInAnyOrderElementsOf(t.foreignKeys().stream().map(f -> org.assertj.core.groups.Tuple.tuple(
              f.columns(), f.referencedTable(), f.onDelete())).toList());
    }
  }

  private static Set<String> names(Schema s) {
    Set<String> out = new TreeSet<>();
    s.tables().forEach(t -> out.add(t.name()));
    return out;
  }

  private static Set<String> shapes(Table t) {
    Set<String> out = new TreeSet<>();
    for (Index ix : t.indexes()) {
      // PostgreSQL writes expressions back with casts: lower((email)::text) is lower(email).
      String keys = String.join(",", ix.keys()).replaceAll("::[a-z ]+", "").replaceAll("[\\s()\"]", "").toLowerCase();
      out.add(keys + "|" + ix.unique() + "|" + ix.primary() + "|" + ix.method() + "|"
          + ix.where().replaceAll("[\\s()]", "").toLowerCase());
    }
    return out;
  }
}
