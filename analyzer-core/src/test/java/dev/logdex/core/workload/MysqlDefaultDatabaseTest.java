package dev.logdex.core.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import dev.logdex.core.schema.DdlSchemaLoader;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.sql.StatementAnalysis;
import dev.logdex.core.sql.StatementAnalyzer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * On MySQL an unqualified table is the one of the database the statement ran in, which the log says ({@code use db}
 * in a slow log, {@code Init DB} in a general log): the search path of issue #14.
 */
class MysqlDefaultDatabaseTest {

  /** mysqldump --databases shop crm: two databases, each with a table named customers. */
  private static final String TWO_DATABASES = """
      -- MySQL dump 10.13  Distrib 8.0.36
      --
      -- Host: localhost    Database: shop
      CREATE DATABASE /*!32312 IF NOT EXISTS*/ `shop`;
      USE `shop`;
      CREATE TABLE `customers` (`id` int NOT NULL, `email` varchar(200), PRIMARY KEY (`id`)) ENGINE=InnoDB;
      CREATE TABLE `orders` (`id` int NOT NULL, `customer_id` int, PRIMARY KEY (`id`),
        CONSTRAINT `fk_c` FOREIGN KEY (`customer_id`) REFERENCES `customers` (`id`)) ENGINE=InnoDB;
      CREATE DATABASE /*!32312 IF NOT EXISTS*/ `crm`;
      USE `crm`;
      CREATE TABLE `customers` (`id` int NOT NULL, `phone` varchar(20), PRIMARY KEY (`id`)) ENGINE=InnoDB;
      """;

  /** mysqldump shop: one database, named in the header only. */
  private static final String ONE_DATABASE = """
      -- MySQL dump 10.13  Distrib 8.0.36
      --
      -- Host: localhost    Database: shop
      CREATE TABLE `customers` (`id` int NOT NULL, `email` varchar(200), PRIMARY KEY (`id`)) ENGINE=InnoDB;
      """;

  private static Schema load(String ddl) {
    return new DdlSchemaLoader(Optional.of(Dialect.MYSQL)).load(ddl, "dump.sql").schema();
  }

  private static QueryEvent ran(String database, String sql) {
    return new QueryEvent("slow.log", 1, Optional.empty(), database, "app", 1, 10.0, 1, -1, 0, sql);
  }

  private static Workload workload(Schema schema, QueryEvent... events) {
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    WorkloadBuilder b = new WorkloadBuilder(Fingerprinter.mysql(), new StatementAnalyzer(schema, reg), reg);
    List.of(events).forEach(b);
    return b.build();
  }

  /** The same lookup on {@code table}, run once in database shop and twice in crm. */
  private static Workload onceInShopTwiceInCrm(Schema schema, String table) {
    return workload(schema, ran("shop", "SELECT * FROM " + table + " WHERE id = 1"),
        ran("crm", "SELECT * FROM " + table + " WHERE id = 2"), ran("crm", "SELECT * FROM " + table + " WHERE id = 3"));
  }

  private static Set<String> tablesRead(Workload w) {
    Set<String> tables = new TreeSet<>();
    w.queries().forEach(q -> q.profile().ifPresent(p -> tables.addAll(p.tablesRead())));
    return tables;
  }

  @Test
  void aDumpOfSeveralDatabasesQualifiesEachTableByTheDatabaseItWasCreatedIn() {
    Schema s = load(TWO_DATABASES);
    assertThat(s.tables()).extracting(t -> t.qualifiedName())
        .containsExactly("shop.customers", "shop.orders", "crm.customers");
    assertThat(s.table("shop.orders").orElseThrow().foreignKeys()).singleElement()
        .satisfies(fk -> assertThat(fk.referencedTable()).isEqualTo("shop.customers"));
    assertThat(s.database()).isEmpty();
  }

  @Test
  void aDumpOfOneDatabaseKeepsBareNamesAndKnowsWhichDatabaseItIs() {
    Schema s = load(ONE_DATABASE);
    assertThat(s.tables()).extracting(t -> t.qualifiedName()).containsExactly("customers");
    assertThat(s.database()).isEqualTo("shop");
    assertThat(s.table("shop.customers")).isPresent();
    assertThat(s.table("shop_2.customers")).as("a shard of the same app, or a copy under another name").isPresent();
  }

  @Test
  void theSameStatementInTwoDatabasesReadsTwoTablesAndIsTwoClasses() {
    Workload w = onceInShopTwiceInCrm(load(TWO_DATABASES), "customers");
    assertThat(tablesRead(w)).containsExactly("crm.customers", "shop.customers");
    assertThat(w.queries()).hasSize(2).extracting(QueryStats::calls).containsExactlyInAnyOrder(1L, 2L);
    assertThat(w.queries()).extracting(q -> q.fingerprint().id()).doesNotHaveDuplicates();
  }

  @Test
  void aStatementThatNamesItsDatabaseIsOneClassWhereverItRan() {
    Workload w = workload(load(TWO_DATABASES),
        ran("shop", "SELECT * FROM crm.customers WHERE id = 1"),
        ran("crm", "SELECT * FROM crm.customers WHERE id = 2"),
        ran("", "SELECT * FROM crm.customers WHERE id = 3"));
    assertThat(w.queries()).singleElement().satisfies(q -> {
      assertThat(q.calls()).isEqualTo(3);
      assertThat(q.fingerprint().id())
          .isEqualTo(Fingerprinter.mysql().fingerprint("SELECT * FROM crm.customers WHERE id = 1").id());
    });
    assertThat(tablesRead(w)).containsExactly("crm.customers");
  }

  @Test
  void theShardsOfAnAppReadAgainstTheSchemaOfOneAreOneClass() {
    Workload w = workload(load(ONE_DATABASE),
        ran("shop", "SELECT * FROM customers WHERE email = 'a'"),
        ran("", "SELECT * FROM customers WHERE email = 'b'"),
        ran("shop_2", "SELECT * FROM customers WHERE email = 'c'"));
    assertThat(tablesRead(w)).containsExactly("customers");
    assertThat(w.queries()).singleElement().satisfies(q -> assertThat(q.calls()).isEqualTo(3));
  }

  @Test
  void aTableTheSchemaLacksIsNamedWithTheDatabaseItWasUsedIn() {
    Workload w = onceInShopTwiceInCrm(load(ONE_DATABASE), "audit");
    assertThat(tablesRead(w)).containsExactly("crm.audit", "shop.audit");
    assertThat(w.queries()).hasSize(2).extracting(QueryStats::calls).containsExactlyInAnyOrder(1L, 2L);
  }

  @Test
  void withoutASchemaTheDatabaseQualifiesTheTableSoThatItsDdlRunsFromAnyConnection() {
    Workload w = workload(Schema.none(Dialect.MYSQL),
        ran("db4", "UPDATE vab3concept1upload SET status = 1 WHERE id = 7"),
        ran("", "UPDATE vab3concept1upload SET status = 1 WHERE id = 8"));
    Set<String> written = new TreeSet<>();
    w.queries().forEach(q -> q.profile().ifPresent(p -> written.addAll(p.tablesWritten())));
    assertThat(written).containsExactly("db4.vab3concept1upload", "vab3concept1upload");
  }

  @Test
  void aStatementRunInASystemDatabaseIsASystemQuery() {
    StatementAnalyzer a = new StatementAnalyzer(Schema.none(Dialect.MYSQL), new SimpleMeterRegistry());
    String sql = "SELECT user, host FROM user WHERE user = 'x'";
    assertThat(a.analyze(Fingerprinter.mysql().fingerprint(sql), sql, "mysql"))
        .isInstanceOf(StatementAnalysis.SystemCatalog.class);
    assertThat(a.analyze(Fingerprinter.mysql().fingerprint(sql), sql, "shop"))
        .isInstanceOf(StatementAnalysis.Parsed.class);
  }

  @Test
  void onPostgresqlTheLogsDatabaseDoesNotChangeTheClass() {
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    WorkloadBuilder b = new WorkloadBuilder(Fingerprinter.standard(),
        new StatementAnalyzer(Schema.none(Dialect.POSTGRESQL), reg), reg);
    b.accept(ran("app", "SELECT * FROM users WHERE id = 1"));
    b.accept(ran("app2", "SELECT * FROM users WHERE id = 2"));
    assertThat(b.build().queries()).singleElement().satisfies(q -> assertThat(q.calls()).isEqualTo(2));
  }
}
