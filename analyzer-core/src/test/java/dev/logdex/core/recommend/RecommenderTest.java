package dev.logdex.core.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import dev.logdex.core.schema.DdlSchemaLoader;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.sql.StatementAnalyzer;
import dev.logdex.core.workload.WorkloadBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecommenderTest {

  static final String PG = """
      CREATE TABLE users (id bigint PRIMARY KEY, email text, created_at timestamptz, deleted_at timestamptz);
      CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), status text,
        created_at timestamptz, total int);
      CREATE INDEX orders_status ON orders (status, created_at);
      """;

  private static List<Recommendation> recommend(String ddl, Dialect dialect, Object... sqlAndMillis) {
    return run(ddl, dialect, sqlAndMillis).recommendations();
  }

  /** The run with its rejections, for tests that must see why a candidate was not proposed. */
  private static Recommender.Result run(String ddl, Dialect dialect, Object... sqlAndMillis) {
    return run(new DdlSchemaLoader(Optional.of(dialect)).load(ddl, "t").schema(), sqlAndMillis);
  }

  /** The run against {@code schema}, each statement called 10 times in the given milliseconds. */
  private static Recommender.Result run(Schema schema, Object... sqlAndMillis) {
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    WorkloadBuilder b = new WorkloadBuilder(Fingerprinter.standard(), new StatementAnalyzer(schema, reg), reg);
    for (int i = 0; i < sqlAndMillis.length; i += 2) {
      b.accept(new QueryEvent("t", 1, "", "", 10, ((Number) sqlAndMillis[i + 1]).doubleValue(), -1,
          (String) sqlAndMillis[i]));
    }
    return new Recommender(schema).run(b.build());
  }

  private static List<List<String>> keys(List<Recommendation> recs) {
    return recs.stream().map(r -> r.index().keys()).toList();
  }

  @Test
  void equalityColumnsComeFirstThenOneRangeColumn() {
    List<Recommendation> recs = recommend(PG, Dialect.POSTGRESQL,
        "SELECT * FROM orders WHERE created_at > $1 AND total > $2 AND user_id = $3", 100);
    assertThat(keys(recs)).containsExactly(List.of("user_id", "created_at"));
    assertThat(recs.get(0).ddl()).isEqualTo(
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_user_id_created_at ON orders (user_id, created_at);");
    assertThat(recs.get(0).queries()).singleElement().satisfies(q -> {
      assertThat(q.calls()).isEqualTo(10);
      assertThat(q.totalMillis()).isEqualTo(100);
    });
  }

  @Test
  void sortKeysFollowEqualitiesWhenEveryFilterIsAnEquality() {
    List<Recommendation> recs = recommend(PG, Dialect.POSTGRESQL,
        "SELECT * FROM orders WHERE user_id = $1 ORDER BY created_at DESC, total ASC LIMIT 20", 100);
    assertThat(keys(recs)).containsExactly(List.of("user_id", "created_at", "total DESC"));
  }

  @Test
  void softDeleteFilterBecomesAPartialIndexOnPostgresOnly() {
    String q = "SELECT id FROM users WHERE email = $1 AND deleted_at IS NULL";
    Recommendation pg = recommend(PG, Dialect.POSTGRESQL, q, 50).get(0);
    assertThat(pg.index().keys()).containsExactly("email");
    assertThat(pg.index().where()).isEqualTo("deleted_at IS NULL");
    assertThat(pg.ddl()).endsWith("(email) WHERE deleted_at IS NULL;");
    Recommendation my = recommend(PG, Dialect.MYSQL, q, 50).get(0);
    assertThat(my.index().where()).isEmpty();
    assertThat(my.index().keys()).containsExactlyInAnyOrder("email", "deleted_at");
    assertThat(my.ddl()).startsWith("ALTER TABLE users ADD INDEX").endsWith(", ALGORITHM=INPLACE, LOCK=NONE;");
  }

  @Test
  void aCandidateAnExistingIndexLeadsWithIsDropped() {
    assertThat(recommend(PG, Dialect.POSTGRESQL,
        "SELECT * FROM orders WHERE status = $1", 100,
        "SELECT * FROM orders WHERE status = $1 AND created_at > $2", 100,
        "SELECT * FROM users WHERE id = $1", 100)).isEmpty();
  }

  @Test
  void aShorterCandidateMergesIntoOneThatServesItToo() {
    List<Recommendation> recs = recommend(PG, Dialect.POSTGRESQL,
        "SELECT * FROM users WHERE email = $1", 10,
        "SELECT * FROM users WHERE email = $1 AND created_at > $2", 20);
    assertThat(keys(recs)).containsExactly(List.of("email", "created_at"));
    assertThat(recs.get(0).queries()).hasSize(2);
    assertThat(recs.get(0).benefit()).isEqualTo(30.0);
  }

  @Test
  void unindexedForeignKeysUsedByTheWorkloadAreRecommended() {
    List<Recommendation> recs = recommend(PG, Dialect.POSTGRESQL,
        "SELECT u.email FROM users u JOIN orders o ON o.user_id = u.id WHERE u.id = $1", 80);
    assertThat(recs).anySatisfy(r -> {
      assertThat(r.index().table()).isEqualTo("orders");
      assertThat(r.index().keys()).containsExactly("user_id");
      assertThat(r.reason()).contains("foreign key orders(user_id)");
    });
  }

  @Test
  void writesOnTheTableCostEnoughToRejectACandidate() {
    Recommender.Result r = run(PG, Dialect.POSTGRESQL,
        "SELECT * FROM users WHERE email = $1", 1,
        "INSERT INTO users (id, email) VALUES ($1, $2)", 1000);
    assertThat(r.recommendations()).isEmpty();
    assertThat(r.rejections()).singleElement().satisfies(x -> {
      assertThat(x.candidate().keys()).containsExactly("email");
      assertThat(x.reason()).isEqualTo("too little gain: it serves 1.0 ms of queries, and would add 100.0 ms to"
          + " the table's writes");
    });
  }

  @Test
  void rankingIsByBenefit() {
    List<Recommendation> recs = recommend(PG, Dialect.POSTGRESQL,
        "SELECT * FROM users WHERE email = $1", 10,
        "SELECT * FROM orders WHERE total = $1", 500);
    assertThat(recs).extracting(Recommendation::rank).containsExactly(1, 2);
    assertThat(recs.get(0).index().table()).isEqualTo("orders");
  }

  @Test
  void namesThatNeedQuotingAreQuotedInTheDdl() {
    String ddl = "CREATE TABLE \"Order\" (id int PRIMARY KEY, \"user\" int, \"a\"\"b\" int);";
    Recommendation r = recommend(ddl, Dialect.POSTGRESQL,
        "SELECT * FROM \"Order\" WHERE \"user\" = $1 AND \"a\"\"b\" = 2", 10).get(0);
    assertThat(r.ddl()).contains("ON \"Order\" (\"user\", \"a\"\"b\")");
  }

  @Test
  void aForeignKeyJoinedFromATableFoundByAnotherFilterIsNotProposed() {
    // orders is found by its id; an index on orders.user_id would not serve this join.
    Recommender.Result r = run(PG, Dialect.POSTGRESQL,
        "SELECT u.email FROM orders o JOIN users u ON u.id = o.user_id WHERE o.id = $1", 80);
    assertThat(r.recommendations()).isEmpty();
    // What the query needs exists already: the primary keys serve both sides, and that is the reason given.
    assertThat(r.rejections()).extracting(x -> x.candidate().table() + x.candidate().keys() + ": " + x.reason())
        .containsExactlyInAnyOrder("orders[id]: already covered by the primary key (id)",
            "users[id]: already covered by the primary key (id)");
  }

  @Test
  void aFullCandidateFoldsIntoAPartialOneOnlyWhenAllItsQueriesHaveThePredicate() {
    // posts.user_id is an unindexed foreign key: it alone would be a full candidate of its own.
    String ddl = PG + "CREATE TABLE posts (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id),"
        + " created_at timestamptz, deleted_at timestamptz);";
    String live = "SELECT * FROM posts WHERE user_id = $1 AND deleted_at IS NULL ORDER BY created_at";
    List<Recommendation> folded = recommend(ddl, Dialect.POSTGRESQL, live, 50);
    assertThat(folded).singleElement().satisfies(r -> {
      assertThat(r.index().keys()).containsExactly("user_id", "created_at");
      assertThat(r.index().where()).isEqualTo("deleted_at IS NULL");
      assertThat(r.reason()).contains("foreign key posts(user_id)");
    });
    List<Recommendation> both = recommend(ddl, Dialect.POSTGRESQL, live, 50,
        "SELECT count(*) FROM posts WHERE user_id = $1", 40);
    assertThat(both).extracting(r -> r.index().where()).containsExactlyInAnyOrder("", "deleted_at IS NULL");
  }

  @Test
  void aSortWithNoFilterIsWorthAnIndexOnlyWhenTheQueryStopsEarly() {
    assertThat(recommend(PG, Dialect.POSTGRESQL, "SELECT * FROM orders ORDER BY total", 100)).isEmpty();
    assertThat(keys(recommend(PG, Dialect.POSTGRESQL, "SELECT * FROM orders ORDER BY total DESC LIMIT 10", 100)))
        .containsExactly(List.of("total"));
  }

  @Test
  void everyRejectedCandidateKeepsItsReason() {
    Schema schema = new DdlSchemaLoader(Optional.of(Dialect.POSTGRESQL)).load(PG, "t").schema();
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    WorkloadBuilder b = new WorkloadBuilder(Fingerprinter.standard(), new StatementAnalyzer(schema, reg), reg);
    b.accept(new QueryEvent("t", 1, "", "", 10, 100, -1, "SELECT * FROM orders WHERE status = $1"));
    b.accept(new QueryEvent("t", 1, "", "", 10, 100, -1, "SELECT * FROM users WHERE email = $1"));
    b.accept(new QueryEvent("t", 1, "", "", 10, 100, -1, "SELECT * FROM users WHERE email = $1 AND created_at > $2"));
    b.accept(new QueryEvent("t", 1, "", "", 10, 1, -1, "SELECT * FROM orders WHERE total = $1"));
    b.accept(new QueryEvent("t", 1, "", "", 10, 500, -1, "INSERT INTO orders (id, total) VALUES ($1, $2)"));
    Recommender.Result r = new Recommender(schema).run(b.build());
    assertThat(r.rejections()).extracting(x -> x.candidate().keys() + ": " + x.reason())
        .anySatisfy(x -> assertThat(x).startsWith("[status]: already covered by index orders_status (status, created_at)"))
        .anySatisfy(x -> assertThat(x).startsWith("[email]: merged into users (email, created_at)"))
        .anySatisfy(x -> assertThat(x).startsWith("[total]: too little gain: it serves 1.0 ms of queries, and would add"
            + " 50.0 ms to the table's writes"));
    assertThat(r.recommendations()).extracting(x -> x.index().keys()).containsExactly(List.of("email", "created_at"));
  }

  @Test
  void withStatisticsTheMostSelectiveEqualityColumnComesFirst() {
    dev.logdex.core.schema.Table orders = new dev.logdex.core.schema.Table("", "orders", List.of(
        new dev.logdex.core.schema.Column("id", "bigint", false, 100000),
        new dev.logdex.core.schema.Column("status", "text", false, 4),
        new dev.logdex.core.schema.Column("customer", "bigint", false, 20000),
        new dev.logdex.core.schema.Column("created_at", "timestamptz", false, 90000)),
        List.of(new dev.logdex.core.schema.Index("orders_pkey", "orders", List.of("id"), true, true, "btree", "", false)),
        List.of(), 100000);
    Schema schema = new Schema(Dialect.POSTGRESQL, List.of(orders));
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    WorkloadBuilder b = new WorkloadBuilder(Fingerprinter.standard(), new StatementAnalyzer(schema, reg), reg);
    b.accept(new QueryEvent("t", 1, "", "", 10, 100, -1,
        "SELECT * FROM orders WHERE status = $1 AND customer = $2 ORDER BY created_at"));
    assertThat(keys(new Recommender(schema).recommend(b.build())))
        .containsExactly(List.of("customer", "status", "created_at"));
  }

  @Test
  void aStorageBudgetKeepsTheIndexesThatBuyTheMostPerByte() {
    Schema schema = bigTable(new dev.logdex.core.schema.Column("a", "bigint", false),
        new dev.logdex.core.schema.Column("t", "text", false));
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    WorkloadBuilder b = new WorkloadBuilder(Fingerprinter.standard(), new StatementAnalyzer(schema, reg), reg);
    b.accept(new QueryEvent("t", 1, "", "", 10, 100, -1, "SELECT * FROM big WHERE a = $1"));
    b.accept(new QueryEvent("t", 1, "", "", 10, 120, -1, "SELECT * FROM big WHERE t = $1"));
    Recommender unlimited = new Recommender(schema);
    long sizeA = unlimited.estimatedBytes(new IndexCandidate("big", List.of("a"), 1, ""));
    long sizeT = unlimited.estimatedBytes(new IndexCandidate("big", List.of("t"), 1, ""));
    assertThat(sizeA).isLessThan(sizeT); // 8-byte keys against text
    assertThat(keys(unlimited.recommend(b.build()))).containsExactly(List.of("t"), List.of("a"));
    // Room for (a) only.
    Recommender.Result r = new Recommender(schema, sizeA).run(b.build());
    assertThat(keys(r.recommendations())).containsExactly(List.of("a"));
    assertThat(r.rejections()).anySatisfy(x -> {
      assertThat(x.candidate().keys()).containsExactly("t");
      assertThat(x.reason()).startsWith("over budget: needs about");
    });
    // Room for either, not both: (a) buys more per byte, but (t) buys more, and the rest of the budget would go
    // unused. The selection does not fall into that knapsack trap.
    assertThat(keys(new Recommender(schema, sizeT).recommend(b.build()))).containsExactly(List.of("t"));
  }

  /** A table "big" of a million rows, its primary key id, and {@code columns}. */
  private static Schema bigTable(dev.logdex.core.schema.Column... columns) {
    List<dev.logdex.core.schema.Column> all = new java.util.ArrayList<>();
    all.add(new dev.logdex.core.schema.Column("id", "bigint", false));
    all.addAll(List.of(columns));
    dev.logdex.core.schema.Table big = new dev.logdex.core.schema.Table("", "big", all,
        List.of(new dev.logdex.core.schema.Index("big_pkey", "big", List.of("id"), true, true, "btree", "", false)),
        List.of(), 1_000_000);
    return new Schema(Dialect.POSTGRESQL, List.of(big));
  }

  @Test
  void underABudgetOneIndexServesTwoQueriesAndTheShortOneIsTakenWhenTheLongOneDoesNotFit() {
    Schema schema = bigTable(new dev.logdex.core.schema.Column("a", "bigint", false, 500_000),
        new dev.logdex.core.schema.Column("b", "bigint", false, 1000));
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    WorkloadBuilder b = new WorkloadBuilder(Fingerprinter.standard(), new StatementAnalyzer(schema, reg), reg);
    b.accept(new QueryEvent("t", 1, "", "", 10, 100, -1, "SELECT * FROM big WHERE a = $1"));
    b.accept(new QueryEvent("t", 1, "", "", 10, 100, -1, "SELECT * FROM big WHERE a = $1 AND b = $2"));
    Recommender any = new Recommender(schema);
    long sizeA = any.estimatedBytes(new IndexCandidate("big", List.of("a"), 1, ""));
    long sizeAb = any.estimatedBytes(new IndexCandidate("big", List.of("a", "b"), 2, ""));
    // Room for (a, b): it serves both queries, so (a) is not bought as well.
    Recommender.Result both = new Recommender(schema, sizeAb + sizeA / 2).run(b.build());
    assertThat(keys(both.recommendations())).containsExactly(List.of("a", "b"));
    // Room for (a) only: it serves the first query and, by its leading column, the second in part.
    Recommender.Result small = new Recommender(schema, sizeA + sizeA / 10).run(b.build());
    assertThat(keys(small.recommendations())).containsExactly(List.of("a"));
    assertThat(small.recommendations().get(0).queries()).hasSize(2);
    assertThat(small.recommendations().get(0).reason()).contains("leading columns of big (a, b)");
  }

  /** The run with no schema at all. */
  private static Recommender.Result withoutSchema(Object... sqlAndMillis) {
    return run(Schema.none(Dialect.POSTGRESQL), sqlAndMillis);
  }

  @Test
  void withoutASchemaLikelyPrimaryKeysAreLeftOutAndSaidToBe() {
    Recommender.Result r = withoutSchema(
        "SELECT * FROM customers WHERE id = $1", 100,
        "SELECT * FROM pgbench_tellers WHERE tid = $1", 90,
        "SELECT * FROM accounts WHERE account_id = $1", 80,
        "SELECT o.total FROM orders o JOIN clients c ON o.client_id = c.cno WHERE o.status = $1", 70,
        "SELECT * FROM customers WHERE email = $1", 60);
    assertThat(r.recommendations()).extracting(x -> x.index().table() + "(" + String.join(",", x.index().keys())
        + ")").containsExactlyInAnyOrder("customers(email)", "orders(status)");
    assertThat(r.rejections()).filteredOn(Recommender.Rejection::likelyPrimaryKey)
        .extracting(x -> x.candidate().table() + "." + x.candidate().keys().get(0))
        .containsExactlyInAnyOrder("customers.id", "pgbench_tellers.tid", "accounts.account_id", "clients.cno");
  }

  @Test
  void withASchemaAColumnNamedIdIsJudgedByTheSchemaNotByItsName() {
    List<Recommendation> recs = recommend("CREATE TABLE events (id bigint, kind text, PRIMARY KEY (kind, id));",
        Dialect.POSTGRESQL, "SELECT * FROM events WHERE id = $1", 100);
    assertThat(keys(recs)).containsExactly(List.of("id"));
  }

  /** The run against {@code ddl}'s tables with these row estimates, as a live database gives them. */
  private static Recommender.Result withRows(String ddl, java.util.Map<String, Long> rows, Object... sqlAndMillis) {
    Schema parsed = new DdlSchemaLoader(Optional.of(Dialect.POSTGRESQL)).load(ddl, "t").schema();
    Schema schema = new Schema(Dialect.POSTGRESQL, parsed.tables().stream().map(t -> new dev.logdex.core.schema.Table(
        t.schema(), t.name(), t.columns(), t.indexes(), t.foreignKeys(), rows.getOrDefault(t.name(), -1L))).toList(),
        java.util.Set.of(), true);
    return run(schema, sqlAndMillis);
  }

  @Test
  void noIndexExtendsAUniqueKeyThatTheEqualitiesAlreadyHold() {
    Recommender.Result r = run("""
        CREATE TABLE orders (o_orderkey bigint PRIMARY KEY, o_custkey bigint, o_totalprice numeric, code text);
        CREATE UNIQUE INDEX orders_code ON orders (code);
        """, Dialect.POSTGRESQL,
        "SELECT o_totalprice FROM orders WHERE o_orderkey = $1 ORDER BY o_totalprice", 100,
        "SELECT * FROM orders WHERE code = $1 AND o_custkey = $2", 90,
        "SELECT * FROM orders WHERE o_custkey = $1 AND o_totalprice > $2", 80);
    assertThat(keys(r.recommendations())).containsExactly(List.of("o_custkey", "o_totalprice"));
    assertThat(r.rejections()).extracting(Recommender.Rejection::reason)
        .anySatisfy(x -> assertThat(x).contains("hold the primary key (o_orderkey)"))
        .anySatisfy(x -> assertThat(x).contains("unique index orders_code (code)"));
  }

  @Test
  void noIndexOnATableAScanReadsAsFast() {
    String ddl = """
        CREATE TABLE nation (n_nationkey int PRIMARY KEY, n_name text);
        CREATE TABLE customer (c_custkey int PRIMARY KEY, c_name text);
        """;
    Recommender.Result r = withRows(ddl, java.util.Map.of("nation", 25L, "customer", 150_000L),
        "SELECT * FROM nation WHERE n_name = $1", 100, "SELECT * FROM customer WHERE c_name = $1", 100);
    assertThat(keys(r.recommendations())).containsExactly(List.of("c_name"));
    assertThat(r.rejections()).extracting(Recommender.Rejection::reason)
        .anySatisfy(x -> assertThat(x).contains("nation has about 25 rows, which a scan reads as fast"));
    assertThat(keys(withRows(ddl, java.util.Map.of(), "SELECT * FROM nation WHERE n_name = $1", 100)
        .recommendations())).as("rows unknown (a schema file): no guess").containsExactly(List.of("n_name"));
  }
}
