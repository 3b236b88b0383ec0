package dev.logdex.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.ColumnUse;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.StatementKind;
import dev.logdex.core.model.StatementProfile;
import dev.logdex.core.model.UseKind;
import dev.logdex.core.schema.DdlSchemaLoader;
import dev.logdex.core.schema.Schema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementAnalyzerTest {

  static final Schema SCHEMA = new DdlSchemaLoader().load("""
      CREATE TABLE users (id bigint PRIMARY KEY, email text, name text, created_at timestamptz,
        deleted_at timestamptz, "order" int);
      CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), status text,
        total int, created_at timestamptz);
      CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint, sku text);
      """, "test").schema();

  private final StatementAnalyzer analyzer = new StatementAnalyzer(SCHEMA, new SimpleMeterRegistry());

  private StatementAnalysis analysis(String sql) {
    return analyzer.analyze(Fingerprinter.standard().fingerprint(sql), sql);
  }

  private StatementProfile profile(String sql) {
    StatementAnalysis a = analysis(sql);
    assertThat(a).isInstanceOf(StatementAnalysis.Parsed.class);
    return ((StatementAnalysis.Parsed) a).profile();
  }

  /** The filter, join, sort and grouping uses (select-list reads and UPDATE targets have their own tests). */
  private static List<String> uses(StatementProfile p) {
    return p.uses().stream().filter(u -> u.kind() != UseKind.SELECT && u.kind() != UseKind.WRITE)
        .map(u -> u.column() + ":" + u.kind() + (u.descending() ? ":desc" : "")).toList();
  }

  @Test
  void equalityRangeAndOrderAreClassifiedThroughAnAlias() {
    StatementProfile p = profile(
        "SELECT u.id FROM users u WHERE u.email = $1 AND created_at > $2 ORDER BY u.created_at DESC LIMIT 10");
    assertThat(uses(p)).containsExactly("users.email:EQUALITY", "users.created_at:RANGE",
        "users.created_at:ORDER_BY:desc");
    assertThat(p.kind()).isEqualTo(StatementKind.SELECT);
    assertThat(p.accesses().get(0).sortServed()).isTrue();
  }

  @Test
  void unqualifiedColumnsResolveThroughTheSchema() {
    StatementProfile p = profile("SELECT name FROM users JOIN orders ON users.id = user_id WHERE status = 'paid'");
    assertThat(uses(p)).containsExactlyInAnyOrder("users.id:JOIN", "orders.user_id:JOIN",
        "orders.status:EQUALITY");
  }

  @Test
  void inIsNullLikePrefixAndBetween() {
    StatementProfile p = profile("SELECT * FROM users WHERE id IN (1, 2, 3) AND deleted_at IS NULL"
        + " AND name LIKE 'ab%' AND created_at BETWEEN $1 AND $2 AND email LIKE '%x'");
    assertThat(uses(p)).containsExactly("users.id:IN", "users.deleted_at:IS_NULL", "users.name:RANGE",
        "users.created_at:RANGE", "users.email:NON_SARGABLE");
  }

  @Test
  void anIlikeIsNoRangeWhateverItsPatternAndARegularExpressionNoKey() {
    // No B-tree index serves a case-insensitive match: ILIKE 'ab%' was a LIKE prefix, and got an index never used.
    assertThat(profile("SELECT id FROM users WHERE name ILIKE 'ab%'").uses())
        .filteredOn(u -> u.kind() != UseKind.SELECT).singleElement().satisfies(u -> {
          assertThat(u.kind()).isEqualTo(UseKind.NON_SARGABLE);
          assertThat(u.detail()).startsWith("ILIKE: no B-tree index serves it");
        });
    // JSqlParser (FOR UPDATE SKIP LOCKED) reads it alike, and a regular expression is no range either.
    assertThat(uses(profile("SELECT id FROM users WHERE name ILIKE 'ab%' FOR UPDATE SKIP LOCKED")))
        .containsExactly("users.name:NON_SARGABLE");
    assertThat(uses(profile("SELECT id FROM users WHERE name SIMILAR TO 'ab%' FOR UPDATE SKIP LOCKED")))
        .doesNotContain("users.name:RANGE").isNotEmpty();
    assertThat(uses(profile("SELECT id FROM users WHERE name LIKE 'ab%'"))).containsExactly("users.name:RANGE");
  }

  @Test
  void anInOfOneValueIsAnEqualityAndEqualsAnyOfAnArrayIsAnIn() {
    // ORMs write a list of one as IN ($1): it keeps an index's order as an equality does. PostgreSQL drivers send
    // lists as one array, col = ANY($1): as many values as it holds, an IN, as when the array is written out.
    assertThat(uses(profile("SELECT * FROM orders WHERE status IN ($1) ORDER BY created_at")))
        .containsExactly("orders.status:EQUALITY", "orders.created_at:ORDER_BY");
    assertThat(uses(profile("SELECT * FROM orders WHERE user_id = ANY($1) AND status = $2")))
        .containsExactly("orders.user_id:IN", "orders.status:EQUALITY");
    assertThat(uses(profile("SELECT * FROM orders WHERE user_id = ANY($1::bigint[])")))
        .containsExactly("orders.user_id:IN");
    assertThat(uses(profile("SELECT * FROM orders WHERE user_id = ANY(ARRAY[1, 2])")))
        .containsExactly("orders.user_id:IN");
    assertThat(uses(profile("SELECT * FROM orders WHERE user_id <> ALL($1)")))
        .containsExactly("orders.user_id:EXPRESSION"); // no index key
    // JSqlParser (FOR UPDATE SKIP LOCKED) reads them alike.
    assertThat(uses(profile("SELECT * FROM orders WHERE user_id = ANY($1) FOR UPDATE SKIP LOCKED")))
        .containsExactly("orders.user_id:IN");
    assertThat(uses(profile("SELECT * FROM orders WHERE status IN ($1) FOR UPDATE SKIP LOCKED")))
        .containsExactly("orders.status:EQUALITY");
  }

  @Test
  void aValueComputedFromParametersCastsAndNiladicFunctionsIsAsFixedAsALiteral() {
    // Each side is fixed for the statement: the column on the other side is a key an index serves.
    assertThat(uses(profile("SELECT * FROM users WHERE email = lpad($1::text, 13, '0')")))
        .containsExactly("users.email:EQUALITY");
    assertThat(uses(profile("SELECT * FROM orders WHERE created_at >= current_date - 1 AND status = $1")))
        .containsExactly("orders.created_at:RANGE", "orders.status:EQUALITY");
    assertThat(uses(profile("SELECT * FROM orders WHERE created_at < CAST($1 AS date) + 1")))
        .containsExactly("orders.created_at:RANGE");
    assertThat(uses(profile("SELECT * FROM users WHERE name = current_user")))
        .containsExactly("users.name:EQUALITY");
    // JSqlParser (FOR UPDATE SKIP LOCKED) reads them alike.
    assertThat(uses(profile("SELECT * FROM orders WHERE created_at >= current_date - 1 FOR UPDATE SKIP LOCKED")))
        .containsExactly("orders.created_at:RANGE");
    assertThat(profile("SELECT * FROM orders WHERE created_at >= current_date").unresolved()).isEmpty();
  }

  @Test
  void aPostgresCastOfTheValueBindsToTheValueNotToTheComparison() {
    // PostgreSQL's :: binds tighter than any operator; Calcite's Babel parser read title = $1::text as
    // (title = $1)::text, and the column was no index key.
    assertThat(uses(profile("SELECT * FROM users WHERE email = $1::text")))
        .containsExactly("users.email:EQUALITY");
    assertThat(uses(profile("SELECT * FROM orders WHERE created_at > $1::timestamptz AND status = $2")))
        .containsExactly("orders.created_at:RANGE", "orders.status:EQUALITY");
    assertThat(uses(profile("SELECT * FROM orders WHERE user_id = $1::bigint + 1")))
        .containsExactly("orders.user_id:EQUALITY");
    assertThat(uses(profile("SELECT * FROM users WHERE lower(email)::text = $1")))
        .as("a cast of the column is still the column's expression").containsExactly("users.email:EXPRESSION");
  }

  @Test
  void onPostgresACharColumnComparedWithTextIsNoIndexKey() {
    // PostgreSQL compares (isbn)::text = lpad(...): a sequential scan, though isbn has an index. A parameter or a
    // literal takes the column's type, and a varchar column is compared as text anyway: those stay index keys.
    String ddl = "CREATE TABLE book (id int PRIMARY KEY, isbn char(13), code character(4), title varchar(50));";
    java.util.function.BiFunction<Dialect, String, List<String>> uses = (dialect, sql) -> {
      Schema schema = new DdlSchemaLoader(java.util.Optional.of(dialect)).load(ddl, "t").schema();
      StatementAnalysis r = new StatementAnalyzer(schema, new SimpleMeterRegistry())
          .analyze(Fingerprinter.standard().fingerprint(sql), sql);
      return uses(((StatementAnalysis.Parsed) r).profile());
    };
    assertThat(uses.apply(Dialect.POSTGRESQL, "SELECT * FROM book WHERE isbn = lpad($1::text, 13, '0')"))
        .containsExactly("book.isbn:NON_SARGABLE");
    assertThat(uses.apply(Dialect.POSTGRESQL, "SELECT * FROM book WHERE code = $1::varchar AND isbn > $2::text"))
        .containsExactly("book.code:NON_SARGABLE", "book.isbn:NON_SARGABLE");
    assertThat(uses.apply(Dialect.POSTGRESQL, "SELECT * FROM book WHERE isbn = $1 AND code = 'AB'"))
        .containsExactly("book.isbn:EQUALITY", "book.code:EQUALITY");
    assertThat(uses.apply(Dialect.POSTGRESQL, "SELECT * FROM book WHERE title = lpad($1::text, 13, '0')"))
        .containsExactly("book.title:EQUALITY");
    assertThat(uses.apply(Dialect.MYSQL, "SELECT * FROM book WHERE isbn = lpad(?, 13, '0')"))
        .as("MySQL compares CHAR with a string as a string").containsExactly("book.isbn:EQUALITY");
  }

  @Test
  void aNiladicFunctionsNameThatIsAColumnOfTheTableIsThatColumn() {
    Schema withUserColumn = new DdlSchemaLoader().load(
        "CREATE TABLE audit (id bigint PRIMARY KEY, \"user\" text, at timestamptz);", "t").schema();
    StatementAnalyzer a = new StatementAnalyzer(withUserColumn, new SimpleMeterRegistry());
    String sql = "SELECT * FROM audit WHERE at > current_date AND \"user\" = $1";
    StatementAnalysis r = a.analyze(Fingerprinter.standard().fingerprint(sql), sql);
    assertThat(uses(((StatementAnalysis.Parsed) r).profile()))
        .containsExactly("audit.at:RANGE", "audit.user:EQUALITY");
  }

  @Test
  void selectListReadsAreRecordedAndStarReadsEveryColumn() {
    StatementProfile p = profile("SELECT u.name, upper(o.status), o.* FROM users u JOIN orders o ON o.user_id = u.id");
    assertThat(p.uses()).filteredOn(u -> u.kind() == UseKind.SELECT).extracting(u -> u.column().toString())
        .containsExactly("users.name", "orders.status", "orders.id", "orders.user_id", "orders.status",
            "orders.total", "orders.created_at");
  }

  @Test
  void aColumnUnderAFunctionIsAnExpressionUse() {
    StatementProfile p = profile("SELECT id FROM users WHERE md5(email) = $1");
    assertThat(p.uses()).filteredOn(u -> u.kind() != UseKind.SELECT).singleElement().satisfies(u -> {
      assertThat(u.kind()).isEqualTo(UseKind.EXPRESSION);
      assertThat(u.detail()).isEqualTo("md5");
    });
  }

  @Test
  void aLookupOnLowerOrUpperOfAColumnIsAnExpressionEqualityAnIndexOnTheExpressionServes() {
    StatementProfile p = profile("SELECT id FROM users WHERE lower(email) = lower($1) AND upper(name) LIKE 'AB%'");
    assertThat(p.uses()).filteredOn(u -> u.kind() != UseKind.SELECT)
        .extracting(u -> u.kind() + " " + u.detail() + "(" + u.column().column() + ")")
        .containsExactly("EXPRESSION_EQUALITY lower(email)", "EXPRESSION_RANGE upper LIKE(name)");
    // a LIKE prefix says so: on PostgreSQL its index needs a pattern operator class
  }

  @Test
  void postgresOwnForeignKeyCheckIsReadAsALookupOnTheParentsKey() {
    // pg_stat_statements records the checks PostgreSQL runs for a foreign key; both parsers refused them.
    StatementProfile p = profile("SELECT $2 FROM ONLY \"public\".\"users\" x WHERE \"id\" OPERATOR(pg_catalog.=) $1"
        + " FOR KEY SHARE OF x");
    assertThat(p.uses()).filteredOn(u -> u.kind() == UseKind.EQUALITY)
        .extracting(u -> u.column().column()).containsExactly("id");
  }

  @Test
  void djangosCaseInsensitiveLookupCastsTheColumnToTextAndIsTheSameExpressionEquality() {
    // Django's iexact: UPPER("t"."c"::text) = UPPER(%s). An index on upper(c) of a character column is stored as
    // upper((c)::text): the same expression, which the planner matches.
    StatementProfile p = profile("SELECT \"users\".\"id\" FROM \"users\" WHERE UPPER(\"users\".\"email\"::text)"
        + " = UPPER($1) LIMIT 21");
    assertThat(p.uses()).filteredOn(u -> u.kind() != UseKind.SELECT)
        .extracting(u -> u.kind() + " " + u.detail() + "(" + u.column().column() + ")")
        .containsExactly("EXPRESSION_EQUALITY upper(email)");
    // A cast to another type is another expression: no index on upper(c) serves it.
    assertThat(profile("SELECT id FROM users WHERE upper(id::char(8)) = $1").uses())
        .noneMatch(u -> u.kind() == UseKind.EXPRESSION_EQUALITY);
  }

  @Test
  void aLookupOnAnIndexableExpressionOfAColumnRecordsTheExpressionWithItsLiteral() {
    // Calcite reads the first four, JSqlParser the JSON operator Calcite has no grammar for.
    String[][] cases = {
        {"SELECT id FROM users WHERE date_trunc('day', created_at) = $1", "EXPRESSION_EQUALITY date_trunc:day"},
        {"SELECT id FROM orders WHERE coalesce(total, 0) > 10", "EXPRESSION_RANGE coalesce:0"},
        {"SELECT id FROM orders WHERE coalesce(status, 'new') = $1", "EXPRESSION_EQUALITY coalesce:'new'"},
        {"SELECT id FROM orders WHERE created_at::date = $1", "EXPRESSION_EQUALITY cast:date"},
        {"SELECT id FROM orders WHERE CAST(status AS integer) IN (1, 2)", "EXPRESSION_EQUALITY cast:integer"},
        {"SELECT id FROM users WHERE name ->> 'first' = $1", "EXPRESSION_EQUALITY ->>:first"},
    };
    for (String[] c : cases) {
      assertThat(profile(c[0]).uses()).as(c[0]).filteredOn(u -> u.kind() != UseKind.SELECT)
          .extracting(u -> u.kind() + " " + u.detail()).containsExactly(c[1]);
    }
  }

  @Test
  void aJsonFieldBindsTighterThanTheComparisonsAndInListsAroundIt() {
    // Only JSqlParser reads ->>; its 5.3 took an IN list's OR for part of the list, and its complex grammar takes
    // all that follows ->> for the key.
    StatementProfile p = profile(
        "SELECT id FROM users WHERE name ->> 'first' = $1 AND email IN ('a', 'b') AND id > 3");
    assertThat(p.uses()).filteredOn(u -> u.kind() != UseKind.SELECT)
        .extracting(u -> u.kind() + " " + u.column().column())
        .containsExactly("EXPRESSION_EQUALITY name", "IN email", "RANGE id");
    StatementProfile or = profile("SELECT id FROM users WHERE name ->> 'first' IN ('a', 'b') OR email = $1");
    assertThat(or.uses()).filteredOn(u -> u.kind() != UseKind.SELECT)
        .extracting(u -> u.kind() + " " + u.column().column())
        .containsExactly("EXPRESSION name", "NON_SARGABLE email");
  }

  @Test
  void anExpressionWhoseArgumentIsBoundIsNoIndexKeyForItsValueIsUnknown() {
    for (String sql : new String[] {"SELECT id FROM users WHERE date_trunc($1, created_at) = $2",
        "SELECT id FROM orders WHERE coalesce(total, $1) = $2", "SELECT id FROM users WHERE name ->> $1 = $2",
        "SELECT id FROM orders WHERE CAST(status AS text) = $1"}) {
      assertThat(profile(sql).uses()).as(sql).filteredOn(u -> u.kind() != UseKind.SELECT)
          .extracting(ColumnUse::kind).containsOnly(UseKind.EXPRESSION);
    }
  }

  @Test
  void conditionsUnderOrAreNotIndexEqualities() {
    StatementProfile p = profile("SELECT id FROM users WHERE email = $1 OR (name = $2 AND id > 3)");
    assertThat(p.uses()).filteredOn(u -> u.kind() != UseKind.SELECT).extracting(ColumnUse::kind)
        .containsOnly(UseKind.NON_SARGABLE);
  }

  @Test
  void eachArmOfAnOrOfSingleConditionsOnOneTableIsAnArmAnIndexCanServe() {
    StatementProfile p = profile("SELECT id FROM users WHERE id > 5 AND (email = $1 OR name LIKE 'a%' OR email = $3)");
    assertThat(p.uses()).filteredOn(u -> u.kind() == UseKind.OR_ARM)
        .extracting(u -> u.column().column() + " " + u.detail())
        .containsExactly("email OR 1", "name OR 1", "email OR 1");
    assertThat(p.uses()).filteredOn(u -> u.kind() == UseKind.RANGE).extracting(u -> u.column().column())
        .containsExactly("id");
  }

  @Test
  void anOrOfEqualitiesOnOneColumnIsAnIn() {
    StatementProfile p = profile("SELECT id FROM users WHERE email = $1 OR email = $2");
    assertThat(p.uses()).filteredOn(u -> u.kind() != UseKind.SELECT).extracting(ColumnUse::kind)
        .containsExactly(UseKind.IN);
  }

  @Test
  void anOrAcrossTwoTablesServesNoIndex() {
    StatementProfile p = profile("SELECT u.id FROM users u JOIN orders o ON o.user_id = u.id"
        + " WHERE u.email = $1 OR o.status = $2");
    assertThat(p.uses()).filteredOn(u -> u.kind() == UseKind.OR_ARM).isEmpty();
    assertThat(p.uses()).filteredOn(u -> u.detail().equals("under OR")).hasSize(2);
  }

  @Test
  void cteAndDerivedTableColumnsTraceBackToTheirTables() {
    StatementProfile p = profile("""
        WITH recent AS (SELECT id, user_id AS uid FROM orders WHERE created_at > now() - interval '1 day')
        SELECT d.n FROM (SELECT user_id, count(*) AS n FROM orders GROUP BY user_id) AS d (who, n)
        JOIN recent r ON r.uid = d.who WHERE r.id = 5""");
    assertThat(p.unresolved()).isEmpty();
    assertThat(uses(p)).contains("orders.created_at:RANGE", "orders.user_id:GROUP_BY", "orders.id:EQUALITY");
  }

  @Test
  void aCorrelatedColumnIsAnEqualityForTheSubqueryAndAJoinForTheOuterTable() {
    // The subquery runs per outer row with u.id fixed: for orders, an equality an index can serve.
    StatementProfile p = profile("SELECT id FROM users u WHERE EXISTS "
        + "(SELECT 1 FROM orders o WHERE o.user_id = u.id AND o.status = 'open')");
    assertThat(uses(p)).contains("orders.user_id:EQUALITY", "users.id:JOIN", "orders.status:EQUALITY")
        .doesNotContain("orders.user_id:JOIN");
    StatementProfile scalar = profile("SELECT p.p_partkey FROM part p WHERE p.p_size < (SELECT avg(l.l_quantity) "
        + "FROM lineitem l WHERE l.l_partkey = p.p_partkey AND l.l_shipdate > '1995-01-01')");
    assertThat(uses(scalar)).contains("lineitem.l_partkey:EQUALITY", "lineitem.l_shipdate:RANGE",
        "part.p_partkey:JOIN");
    assertThat(p.tablesRead()).containsExactlyInAnyOrder("users", "orders");
  }

  @Test
  void updateAndDeleteWriteTheirTargetAndFilterIt() {
    StatementProfile up = profile("UPDATE users SET name = $1 WHERE id = $2");
    assertThat(up.kind()).isEqualTo(StatementKind.UPDATE);
    assertThat(up.tablesWritten()).containsExactly("users");
    assertThat(uses(up)).containsExactly("users.id:EQUALITY");
    StatementProfile del = profile("DELETE FROM orders WHERE created_at < $1");
    assertThat(del.tablesWritten()).containsExactly("orders");
    assertThat(uses(del)).containsExactly("orders.created_at:RANGE");
  }

  @Test
  void insertSelectReadsItsSourceAndWritesItsTarget() {
    StatementProfile p = profile("INSERT INTO items (order_id, sku) SELECT id, 'x' FROM orders WHERE status = $1");
    assertThat(p.kind()).isEqualTo(StatementKind.INSERT);
    assertThat(p.tablesWritten()).containsExactly("items");
    assertThat(p.tablesRead()).containsExactly("orders");
  }

  @Test
  void statementsCalciteCannotReadFallBackToJsqlparser() {
    StatementAnalysis a = analysis("INSERT INTO users (id, email) VALUES ($1, $2) "
        + "ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email RETURNING id");
    assertThat(a).isInstanceOfSatisfying(StatementAnalysis.Parsed.class,
        p -> assertThat(p.parser()).isEqualTo("jsqlparser"));
    StatementAnalysis locked = analysis("SELECT id FROM orders WHERE status = $1 FOR UPDATE SKIP LOCKED");
    assertThat(locked).isInstanceOfSatisfying(StatementAnalysis.Parsed.class, p -> {
      assertThat(p.parser()).isEqualTo("jsqlparser");
      assertThat(uses(p.profile())).containsExactly("orders.status:EQUALITY");
    });
  }

  @Test
  void quotedReservedColumnNamesResolve() {
    StatementProfile p = profile("SELECT id FROM users WHERE \"order\" = 3");
    assertThat(uses(p)).containsExactly("users.order:EQUALITY");
  }

  @Test
  void unknownColumnsAreReportedUnresolved() {
    StatementProfile p = profile("SELECT id FROM users WHERE nickname = $1");
    assertThat(p.unresolved()).containsExactly("nickname");
  }

  @Test
  void unparseableStatementsAreReportedNotThrown() {
    StatementAnalysis a = analysis("SELECT FROM WHERE ((");
    assertThat(a).isInstanceOf(StatementAnalysis.Unparsed.class);
    assertThat(((StatementAnalysis.Unparsed) a).reason()).isNotBlank();
  }

  @Test
  void utilityStatementsAreRecognisedWithoutParsing() {
    assertThat(analysis("BEGIN")).isInstanceOfSatisfying(StatementAnalysis.Parsed.class,
        p -> assertThat(p.profile().kind()).isEqualTo(StatementKind.OTHER));
  }

  @Test
  void eachDistinctStatementIsParsedOnce() {
    analysis("SELECT id FROM users WHERE id = 1");
    analysis("SELECT id FROM users WHERE id = 2");
    assertThat(analyzer.cacheMisses()).isEqualTo(1);
    assertThat(analyzer.cacheHits()).isEqualTo(1);
  }

  @Test
  void aTextOfSeveralStatementsJoinsTheirProfiles() {
    StatementProfile p = profile("SET search_path = public; SELECT id FROM users WHERE email = $1");
    assertThat(p.kind()).isEqualTo(StatementKind.SELECT);
    assertThat(uses(p)).containsExactly("users.email:EQUALITY");
  }

  @Test
  void mysqlDoubleQuotedTextIsAStringNotAName() {
    Schema my = new DdlSchemaLoader().load(
        "CREATE TABLE `users` (`id` int PRIMARY KEY, `email` varchar(99), `Note` text) ENGINE=InnoDB;", "t").schema();
    StatementAnalyzer a = new StatementAnalyzer(my, new SimpleMeterRegistry());
    String sql = "SELECT `id` FROM users WHERE email = \"a@b.c\" AND Note = \"it's \\\"quoted\\\"\"";
    StatementAnalysis r = a.analyze(Fingerprinter.mysql().fingerprint(sql), sql);
    assertThat(r).isInstanceOfSatisfying(StatementAnalysis.Parsed.class, p -> assertThat(uses(p.profile()))
        .containsExactly("users.email:EQUALITY", "users.Note:EQUALITY"));
  }

  @Test
  void theColumnsAnUpdateSetsAreWriteUses() {
    for (String sql : new String[] {"UPDATE users SET name = $1, email = lower(email) WHERE id = $2",
        "UPDATE users SET name = $1, email = lower(email) WHERE id = $2 RETURNING id"}) { // Calcite, JSqlParser
      StatementProfile p = profile(sql);
      assertThat(p.uses()).filteredOn(u -> u.kind() == UseKind.WRITE).extracting(u -> u.column().toString())
          .as(sql).containsExactly("users.name", "users.email");
      assertThat(p.unresolved()).isEmpty();
    }
  }

  @Test
  void statementsOnTheDatabasesOwnCatalogAreSystemQueries() {
    assertThat(analysis("SELECT relname FROM pg_catalog.pg_class WHERE oid = $1"))
        .isEqualTo(new StatementAnalysis.SystemCatalog("pg_catalog.pg_class"));
    assertThat(analysis("SELECT setting FROM pg_settings WHERE name = $1"))
        .as("unqualified pg_* resolves in pg_catalog first").isEqualTo(
            new StatementAnalysis.SystemCatalog("pg_settings"));
    assertThat(analysis("SELECT u.id FROM users u WHERE EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.pid = u.id)"))
        .as("found in a subquery too").isInstanceOf(StatementAnalysis.SystemCatalog.class);
    assertThat(analysis("SELECT column_name FROM information_schema.columns WHERE table_name = $1"))
        .isInstanceOf(StatementAnalysis.SystemCatalog.class);
  }

  @Test
  void aUserTableThatLooksLikeACatalogNameIsTheUsers() {
    StatementAnalyzer withPgTable = new StatementAnalyzer(new DdlSchemaLoader().load(
        "CREATE TABLE pg_jobs (id bigint PRIMARY KEY, state text);", "test").schema(), new SimpleMeterRegistry());
    String sql = "SELECT * FROM pg_jobs WHERE state = $1";
    assertThat(withPgTable.analyze(Fingerprinter.standard().fingerprint(sql), sql))
        .isInstanceOf(StatementAnalysis.Parsed.class);
    assertThat(analysis("SELECT * FROM users WHERE email = $1")).isInstanceOf(StatementAnalysis.Parsed.class);
    assertThat(analysis("SELECT * FROM app.users WHERE email = $1")).isInstanceOf(StatementAnalysis.Parsed.class);
  }

  @Test
  void mysqlSystemDatabasesAreSystemQueries() {
    StatementAnalyzer mysql = new StatementAnalyzer(dev.logdex.core.schema.Schema.none(
        dev.logdex.core.model.Dialect.MYSQL), new SimpleMeterRegistry());
    for (String sql : List.of("SELECT user, host FROM mysql.user WHERE user = 'x'",
        "SELECT * FROM performance_schema.events_statements_summary_by_digest ORDER BY sum_timer_wait DESC LIMIT 10",
        "SELECT * FROM sys.schema_unused_indexes")) {
      assertThat(mysql.analyze(Fingerprinter.mysql().fingerprint(sql), sql)).as(sql)
          .isInstanceOf(StatementAnalysis.SystemCatalog.class);
    }
  }

  @Test
  void mysqlsOlderSharedLockAndIntoUserVariablesAreReadAsFilteringLikeAnyOtherSelect() {
    // SELECT ... LOCK IN SHARE MODE (MySQL 5.x, Rails' lock("LOCK IN SHARE MODE")): neither parser read it.
    StatementAnalyzer mysql = new StatementAnalyzer(dev.logdex.core.schema.Schema.none(
        dev.logdex.core.model.Dialect.MYSQL), new SimpleMeterRegistry());
    for (String sql : List.of("SELECT id FROM jobs WHERE queue = 'a' AND run_at < NOW() LOCK IN SHARE MODE",
        "SELECT id FROM jobs WHERE queue = 'a' AND run_at < NOW() lock  in share\nmode",
        // and a stored procedure's SELECT ... INTO user variables, which MariaDB's slow log records as well
        "SELECT id INTO @id FROM jobs WHERE queue = 'a' AND run_at < NOW() LIMIT 1",
        "SELECT id FROM jobs WHERE queue = 'a' AND run_at < NOW() LIMIT 1 INTO @id")) {
      StatementAnalysis a = mysql.analyze(Fingerprinter.mysql().fingerprint(sql), sql);
      assertThat(a).as(sql).isInstanceOf(StatementAnalysis.Parsed.class);
      assertThat(uses(((StatementAnalysis.Parsed) a).profile())).containsExactly("jobs.queue:EQUALITY",
          "jobs.run_at:RANGE");
    }
  }
}
