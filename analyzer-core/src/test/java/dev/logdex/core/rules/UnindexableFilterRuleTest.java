package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.Dialect;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** unindexable-filter: a heavy statement whose filter on a table no B-tree index serves. */
class UnindexableFilterRuleTest {
  static final String DOCS = """
      CREATE TABLE docs (id bigint PRIMARY KEY, owner_id bigint, title text, status text, meta jsonb,
        tsv tsvector);
      """;

  @Test
  void aStatementFilteredOnlyByConditionsNoIndexServesIsSaidSo() {
    List<Finding> found = RuleFixture.of(DOCS,
        "SELECT id FROM docs WHERE title ILIKE $1",
        "SELECT id FROM docs WHERE title LIKE '%report%' AND status <> 'gone'",
        "SELECT id FROM docs WHERE meta @> $1 ORDER BY id LIMIT 20",
        "SELECT id FROM docs WHERE tsv @@ plainto_tsquery($1)").run(new UnindexableFilterRule());
    assertThat(found).extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).contains("filters docs only by title ILIKE: no B-tree index serves that")
            .contains("25% of the logged time").contains("logdex proposes no index for it"))
        .anySatisfy(m -> assertThat(m).contains("only by title NOT LIKE or LIKE with a leading wildcard, status <>:"))
        .anySatisfy(m -> assertThat(m).contains("only by meta @>:"))
        .anySatisfy(m -> assertThat(m).contains("only by tsv @@:"));
    assertThat(found).hasSize(4).allSatisfy(f -> {
      assertThat(f.table()).isEqualTo("docs");
      assertThat(f.severity()).isEqualTo(Severity.WARNING);
    });
  }

  @Test
  void aJsonFieldWhoseKeyIsAParameterIsSaidToBeOneLogdexCannotNameNotOneNoIndexServes() {
    // pg_stat_statements writes ->> 'external_id' as ->> $2: an expression index on the field serves the query,
    // but which field is not in the log.
    List<Finding> found = RuleFixture.of(DOCS, "SELECT id FROM docs WHERE (meta ->> $2) = ($3 || $1) LIMIT $4")
        .run(new UnindexableFilterRule());
    assertThat(found).singleElement().extracting(Finding::message).asString()
        .contains("filters docs only by meta ->> (a JSON field): an index on that field's expression would serve "
            + "it, but logdex cannot name the field (its key is a parameter")
        .doesNotContain("no B-tree index serves that");
  }

  @Test
  void onMysqlAnEqualityOnATextColumnIsOneLogdexProposesNoIndexFor() {
    // MySQL and MariaDB key a TEXT column only by a prefix, whose length logdex does not choose.
    String notes = "CREATE TABLE notes (id bigint PRIMARY KEY, body text, tag varchar(20), owner int);";
    List<Finding> found = RuleFixture.of(Dialect.MYSQL, notes,
        "SELECT id FROM notes WHERE body = 'x'",
        "SELECT id FROM notes WHERE body = 'x' AND tag <> 'y'",
        "SELECT id FROM notes WHERE body = 'x' AND owner = 3",
        "SELECT id FROM notes WHERE tag = 'x'").run(new UnindexableFilterRule());
    assertThat(found).extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).contains("filters notes only by body of type text: MySQL and MariaDB index "
            + "such a column only by a prefix, whose length logdex does not choose"))
        .anySatisfy(m -> assertThat(m).contains("only by body of type text, tag <>: no B-tree index serves that"))
        .hasSize(2);
    // PostgreSQL indexes text whole.
    assertThat(RuleFixture.of(notes, "SELECT id FROM notes WHERE body = 'x'").run(new UnindexableFilterRule()))
        .isEmpty();
  }

  @Test
  void aFunctionOfTheColumnIsAFilterOnlyWhereNoSortOrGroupingCouldHaveIt() {
    String orders = "CREATE TABLE orders (id bigint PRIMARY KEY, created_at timestamp, total int);";
    List<Finding> found = RuleFixture.of(Dialect.MYSQL, orders,
        "SELECT id FROM orders WHERE DATE(created_at) = '2025-01-01'",
        "SELECT id FROM orders WHERE total + 0 = 5",
        "SELECT id FROM orders ORDER BY DATE(created_at) DESC",
        "SELECT COUNT(*) FROM orders GROUP BY YEAR(created_at) HAVING SUM(total) > 10").run(new UnindexableFilterRule());
    assertThat(found).extracting(Finding::message)
        .anySatisfy(m -> assertThat(m).contains("filters orders only by created_at under date():"))
        .anySatisfy(m -> assertThat(m).contains("filters orders only by total under +:"))
        .hasSize(2);
  }

  @Test
  void aFilterAnIndexServesBesideItOrALightStatementIsNoFinding() {
    // The owner's rows are found by an index on owner_id; the ILIKE is checked on each of them.
    assertThat(RuleFixture.of(DOCS, "SELECT id FROM docs WHERE owner_id = $1 AND title ILIKE $2",
        "SELECT id FROM docs WHERE status IS NOT NULL").run(new UnindexableFilterRule())).isEmpty();
    // Under 1% of the logged time: 1 statement of 101 of equal time.
    List<String> statements = new ArrayList<>(List.of("SELECT id FROM docs WHERE title ILIKE $1"));
    for (int i = 0; i < 100; i++) {
      statements.add("SELECT id AS a" + i + " FROM docs WHERE id = $1");
    }
    assertThat(RuleFixture.of(DOCS, statements.toArray(String[]::new)).run(new UnindexableFilterRule())).isEmpty();
    // An index of another kind may serve it: a trigram GIN index an ILIKE, a GIN index on to_tsvector() a search.
    assertThat(RuleFixture.of(DOCS + """
        CREATE INDEX docs_title_trgm ON docs USING gin (title gin_trgm_ops);
        CREATE INDEX docs_search ON docs USING gin (to_tsvector('english'::regconfig, status));
        """, "SELECT id FROM docs WHERE title ILIKE $1",
        "SELECT id FROM docs WHERE to_tsvector('english', status) @@ plainto_tsquery($1)")
        .run(new UnindexableFilterRule())).isEmpty();
  }
}
