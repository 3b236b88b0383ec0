package dev.logdex.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.Dialect;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DdlSchemaLoaderTest {

  private static DdlSchemaLoader.Result load(String resource) throws Exception {
    return new DdlSchemaLoader().load(Path.of("src/test/resources/schema", resource));
  }

  @Test
  void readsPgDumpOutput() throws Exception {
    DdlSchemaLoader.Result r = load("pg_dump.sql");
    Schema s = r.schema();
    assertThat(r.warnings()).isEmpty();
    assertThat(s.dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(s.tables()).extracting(Table::name).containsExactly("AuditEvents", "categories", "order_items",
        "orders", "products", "reviews", "sessions", "users");
    Table orders = s.table("orders").orElseThrow();
    assertThat(orders.schema()).isEqualTo("public");
    assertThat(orders.primaryKey()).get().extracting(Index::keys).asList().containsExactly("id");
    assertThat(orders.indexes()).extracting(Index::name).contains("orders_status_idx", "orders_status_created_idx");
    assertThat(orders.foreignKeys()).singleElement().satisfies(fk -> {
      assertThat(fk.columns()).containsExactly("user_id");
      assertThat(fk.referencedTable()).isEqualTo("users");
    });
    assertThat(s.table("order_items").orElseThrow().foreignKeys())
        .anySatisfy(fk -> assertThat(fk.onDelete()).isEqualTo("CASCADE"));
    Index partial = s.table("reviews").orElseThrow().indexes().stream()
        .filter(i -> i.name().equals("reviews_user_idx")).findFirst().orElseThrow();
    assertThat(partial.where()).isEqualTo("deleted_at IS NULL");
    Index expression = s.table("users").orElseThrow().indexes().stream()
        .filter(i -> i.name().equals("users_email_key")).findFirst().orElseThrow();
    assertThat(expression.unique()).isTrue();
    assertThat(expression.isExpression(0)).isTrue();
    assertThat(expression.keys().get(0)).contains("lower");
    Index gin = s.table("AuditEvents").orElseThrow().indexes().stream()
        .filter(i -> i.name().equals("audit_payload_gin")).findFirst().orElseThrow();
    assertThat(gin.method()).isEqualTo("gin");
    assertThat(s.table("users").orElseThrow().column("email")).get().extracting(Column::nullable).isEqualTo(false);
  }

  @Test
  void readsMysqldumpOutputAndBackticks() throws Exception {
    Schema s = load("mysqldump.sql").schema();
    assertThat(s.dialect()).isEqualTo(Dialect.MYSQL);
    Table orders = s.table("orders").orElseThrow();
    Index statusIdx = orders.indexes().stream().filter(i -> i.name().equals("orders_status_idx")).findFirst()
        .orElseThrow();
    assertThat(statusIdx.keys()).containsExactly("status", "created_at DESC");
    assertThat(orders.foreignKeys()).singleElement().satisfies(fk -> assertThat(fk.onDelete()).isEqualTo("CASCADE"));
    assertThat(orders.indexes()).filteredOn(Index::implicit).isEmpty(); // mysqldump lists InnoDB's FK index
    Table order = s.table("order").orElseThrow();
    assertThat(order.column("Desc")).isPresent();
    assertThat(order.indexes()).anySatisfy(i -> assertThat(i.method()).isEqualTo("fulltext"));
  }

  @Test
  void innodbCreatesAnIndexForAForeignKeyNoIndexLeadsWith() {
    Schema s = new DdlSchemaLoader().load("""
        CREATE TABLE p (id int PRIMARY KEY) ENGINE=InnoDB;
        CREATE TABLE c (id int PRIMARY KEY, p_id int, FOREIGN KEY (p_id) REFERENCES p (id)) ENGINE=InnoDB;
        """, "t").schema();
    assertThat(s.table("c").orElseThrow().indexes()).anySatisfy(i -> {
      assertThat(i.implicit()).isTrue();
      assertThat(i.keys()).containsExactly("p_id");
    });
  }

  @Test
  void inlineAndTableLevelKeysAndUnfoldedNames() {
    Schema s = new DdlSchemaLoader(java.util.Optional.of(Dialect.POSTGRESQL)).load("""
        CREATE TABLE NATION (N_NATIONKEY INTEGER NOT NULL, N_REGIONKEY INTEGER NOT NULL,
          CONSTRAINT pk PRIMARY KEY (N_NATIONKEY), UNIQUE (N_REGIONKEY, N_NATIONKEY));
        CREATE TABLE "Mixed" (id int REFERENCES nation (n_nationkey) ON DELETE SET NULL, x int UNIQUE);
        """, "t").schema();
    Table nation = s.table("nation").orElseThrow();
    assertThat(nation.name()).isEqualTo("nation");
    assertThat(nation.column("n_nationkey")).isPresent();
    assertThat(nation.indexes()).extracting(Index::keys).asList()
        .contains(java.util.List.of("n_nationkey"), java.util.List.of("n_regionkey", "n_nationkey"));
    Table mixed = s.table("Mixed").orElseThrow();
    assertThat(mixed.foreignKeys()).singleElement().satisfies(fk -> {
      assertThat(fk.referencedTable()).isEqualTo("nation");
      assertThat(fk.onDelete()).isEqualTo("SET NULL");
    });
  }

  @Test
  void statementsItCannotReadBecomeWarningsWithTheirLine() {
    DdlSchemaLoader.Result r = new DdlSchemaLoader().load("""
        CREATE TABLE a (id int);
        CREATE INDEX broken ON missing_table (x);
        GRANT SELECT ON a TO bob;
        """, "file.sql");
    assertThat(r.schema().tables()).hasSize(1);
    assertThat(r.warnings()).singleElement().asString().startsWith("file.sql:2:").contains("missing_table");
  }

  @Test
  void aBacktickInsideAQuotedPostgresNameDoesNotMakeTheSchemaMysql() {
    assertThat(DdlSchemaLoader.saidDialect("CREATE TABLE \"back`tick\" (id serial);")).contains(Dialect.POSTGRESQL);
    assertThat(DdlSchemaLoader.saidDialect("-- a `comment`\nCREATE TABLE t (note text DEFAULT '`');")).isEmpty();
    assertThat(DdlSchemaLoader.saidDialect("CREATE TABLE `t` (id int);")).contains(Dialect.MYSQL);
    assertThat(DdlSchemaLoader.saidDialect("CREATE TABLE t (id int) ENGINE=InnoDB;")).contains(Dialect.MYSQL);
    assertThat(DdlSchemaLoader.saidDialect("CREATE TABLE t (s varchar(3) DEFAULT 'it\\'s');"))
        .as("a backslash-escaped quote is MySQL text").contains(Dialect.MYSQL);
  }

  @Test
  void plainDdlSaysNoDialectAndTypesOrDumpHeadersDo() {
    assertThat(DdlSchemaLoader.saidDialect("CREATE TABLE users (id int PRIMARY KEY, email varchar(200));")).isEmpty();
    assertThat(DdlSchemaLoader.saidDialect("CREATE TABLE t (id bigserial, at timestamptz);"))
        .contains(Dialect.POSTGRESQL);
    assertThat(DdlSchemaLoader.saidDialect("CREATE TABLE t (at timestamp with time zone);"))
        .contains(Dialect.POSTGRESQL);
    assertThat(DdlSchemaLoader.saidDialect("CREATE TABLE t (id int GENERATED ALWAYS AS IDENTITY);"))
        .contains(Dialect.POSTGRESQL);
    assertThat(DdlSchemaLoader.saidDialect("CREATE TABLE t (id int unsigned, at datetime);"))
        .contains(Dialect.MYSQL);
    assertThat(DdlSchemaLoader.saidDialect("-- MySQL dump 10.13\nCREATE TABLE t (id int);"))
        .contains(Dialect.MYSQL);
    assertThat(DdlSchemaLoader.saidDialect("-- PostgreSQL database dump\nCREATE TABLE t (id int);"))
        .contains(Dialect.POSTGRESQL);
  }

  @Test
  void innodbAddsAForeignKeyIndexUnlessOneStartsWithItsColumnsInOrder() {
    Schema s = new DdlSchemaLoader(java.util.Optional.of(Dialect.MYSQL)).load("""
        CREATE TABLE p (a int, b int, PRIMARY KEY (a, b)) ENGINE=InnoDB;
        CREATE TABLE reversed (id int PRIMARY KEY, pa int, pb int, KEY r (pb, pa),
          CONSTRAINT fk_r FOREIGN KEY (pa, pb) REFERENCES p (a, b)) ENGINE=InnoDB;
        CREATE TABLE ordered (id int PRIMARY KEY, pa int, pb int, KEY o (pa, pb, id),
          CONSTRAINT fk_o FOREIGN KEY (pa, pb) REFERENCES p (a, b)) ENGINE=InnoDB;
        """, "s.sql").schema();
    assertThat(s.table("reversed").orElseThrow().indexes()).anySatisfy(ix -> {
      assertThat(ix.implicit()).isTrue();
      assertThat(ix.keys()).containsExactly("pa", "pb");
    });
    assertThat(s.table("ordered").orElseThrow().indexes()).noneMatch(Index::implicit);
  }

  @Test
  void columnsNamedKeyOrIndexAreColumnsAndMysqlIndexDefinitionsStayIndexes() {
    DdlSchemaLoader.Result pg = new DdlSchemaLoader(java.util.Optional.of(Dialect.POSTGRESQL)).load("""
        CREATE TABLE settings (id bigint PRIMARY KEY, key text NOT NULL, value text);
        CREATE TABLE t2 (id int, index int);
        """, "s.sql");
    assertThat(pg.warnings()).isEmpty();
    assertThat(pg.schema().table("settings").orElseThrow().columns()).extracting(Column::name)
        .containsExactly("id", "key", "value");
    assertThat(pg.schema().table("t2").orElseThrow().columns()).extracting(Column::name).containsExactly("id", "index");
    DdlSchemaLoader.Result my = new DdlSchemaLoader(java.util.Optional.of(Dialect.MYSQL)).load(
        "CREATE TABLE t3 (id int PRIMARY KEY, `key` varchar(20), KEY k1 (`key`(10)), FULLTEXT KEY ft (`key`),"
            + " INDEX (id), KEY k2 USING BTREE (id)) ENGINE=InnoDB;", "m.sql");
    assertThat(my.warnings()).isEmpty();
    Table t3 = my.schema().table("t3").orElseThrow();
    assertThat(t3.columns()).extracting(Column::name).containsExactly("id", "key");
    assertThat(t3.indexes()).extracting(Index::name).contains("k1", "ft", "k2");
  }

  @Test
  void aTableWhoseColumnsAreNotListedIsAWarningAndAPartitionIsNot() {
    DdlSchemaLoader.Result r = new DdlSchemaLoader(java.util.Optional.of(Dialect.POSTGRESQL)).load("""
        CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE TABLE archive AS SELECT * FROM events;
        CREATE TABLE t2 id int, a int;
        """, "s.sql");
    assertThat(r.schema().tables()).extracting(dev.logdex.core.schema.Table::name).containsExactly("events");
    assertThat(r.warnings()).satisfiesExactly(
        w -> assertThat(w).startsWith("s.sql:3:").contains("the columns of archive are not listed"),
        w -> assertThat(w).startsWith("s.sql:4:").contains("expected '(' but found 'id'"));
  }

  @Test
  void pgDumpsPartitionsArePartsOfTheirParentNotTablesOfTheirOwn() {
    // pg_dump 15's form: every partition created as a table with its columns, then attached; one sub-partitioned,
    // one in another schema, each with the index pg_dump gives it.
    DdlSchemaLoader.Result r = new DdlSchemaLoader().load("""
        -- PostgreSQL database dump
        CREATE TABLE "App Data"."Loan" (id bigint, member_id integer, at date) PARTITION BY RANGE (at);
        CREATE TABLE "App Data"."Loan_2024" (id bigint, member_id integer, at date);
        CREATE TABLE public.loan_2025 (id bigint, member_id integer, at date) PARTITION BY LIST (member_id);
        CREATE TABLE public.loan_2025_a (id bigint, member_id integer, at date);
        CREATE TABLE public.loan_2025_b (id bigint, member_id integer, at date);
        ALTER TABLE ONLY "App Data"."Loan" ATTACH PARTITION "App Data"."Loan_2024"
          FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        ALTER TABLE ONLY "App Data"."Loan" ATTACH PARTITION public.loan_2025
          FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
        ALTER TABLE ONLY public.loan_2025 ATTACH PARTITION public.loan_2025_a FOR VALUES IN (1, 2, 3);
        ALTER TABLE ONLY public.loan_2025 ATTACH PARTITION public.loan_2025_b DEFAULT;
        CREATE INDEX loan_member_idx ON ONLY "App Data"."Loan" USING btree (member_id);
        CREATE INDEX "Loan_2024_member_id_idx" ON "App Data"."Loan_2024" USING btree (member_id);
        ALTER INDEX "App Data".loan_member_idx ATTACH PARTITION "App Data"."Loan_2024_member_id_idx";
        """, "dump.sql");
    assertThat(r.warnings()).isEmpty();
    assertThat(r.schema().tables()).extracting(Table::qualifiedName).containsExactly("App Data.Loan");
    Table loan = r.schema().table("App Data.Loan").orElseThrow();
    assertThat(loan.indexes()).extracting(Index::name).containsExactly("loan_member_idx");
    assertThat(loan.partitions()).containsExactly(
        dev.logdex.core.model.Partition.leaf("App Data", "Loan_2024"),
        new dev.logdex.core.model.Partition("public", "loan_2025", true, java.util.List.of(
            dev.logdex.core.model.Partition.leaf("public", "loan_2025_a"),
            dev.logdex.core.model.Partition.leaf("public", "loan_2025_b"))));
    assertThat(r.schema().objectNames()).as("partitions take names an index cannot have")
        .contains("Loan_2024", "loan_2025_a");
    assertThat(java.util.List.of("App Data.Loan_2024", "app data.loan_2024", "loan_2025", "public.loan_2025_a"))
        .as("a statement that names a partition reads part of its parent")
        .allSatisfy(name -> assertThat(r.schema().table(name)).contains(loan));
    assertThat(r.schema().table("Loan_2024")).as("not in the default schema").isEmpty();
  }

  @Test
  void partitionsCreatedAsPartitionOfAreListedToo() {
    DdlSchemaLoader.Result r = new DdlSchemaLoader(java.util.Optional.of(Dialect.POSTGRESQL)).load("""
        CREATE TABLE events (id bigint, at date, kind int) PARTITION BY RANGE (at);
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
          PARTITION BY LIST (kind);
        CREATE TABLE events_2024_1 PARTITION OF events_2024 FOR VALUES IN (1);
        CREATE TABLE "Events Default" PARTITION OF events DEFAULT;
        """, "s.sql");
    assertThat(r.warnings()).isEmpty();
    assertThat(r.schema().tables()).extracting(Table::name).containsExactly("events");
    assertThat(r.schema().table("events").orElseThrow().partitions()).containsExactly(
        new dev.logdex.core.model.Partition("", "events_2024", true, java.util.List.of(
            dev.logdex.core.model.Partition.leaf("", "events_2024_1"))),
        dev.logdex.core.model.Partition.leaf("", "Events Default"));
  }

  @Test
  void aPartitionTheScriptDoesNotCreateLeavesThePartitionsUnknown() {
    // A foreign table attached as a partition: PostgreSQL builds no index on it, so an index built partition by
    // partition would never become valid; with the partitions unknown, the index is built on the parent at once.
    DdlSchemaLoader.Result r = new DdlSchemaLoader(java.util.Optional.of(Dialect.POSTGRESQL)).load("""
        CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
        CREATE TABLE events_2024 (id bigint, at date);
        CREATE FOREIGN TABLE events_2023 (id bigint, at date) SERVER archive;
        ALTER TABLE ONLY events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        ALTER TABLE ONLY events ATTACH PARTITION events_2023 FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
        """, "s.sql");
    assertThat(r.warnings()).isEmpty();
    assertThat(r.schema().tables()).extracting(Table::name).containsExactly("events");
    assertThat(r.schema().table("events").orElseThrow().isPartitioned()).isTrue();
    assertThat(r.schema().table("events").orElseThrow().partitions()).isEmpty();
  }
}
