package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** missing-primary-key: a table without a primary key, and the fix that fits it. */
class MissingPrimaryKeyRuleTest {
  @Test
  void missingPrimaryKeysAndTheirFix() {
    RuleFixture f = RuleFixture.of("""
        CREATE TABLE has_pk (id int PRIMARY KEY);
        CREATE TABLE promote (code text NOT NULL, x int); CREATE UNIQUE INDEX code_u ON promote (code);
        CREATE TABLE with_id (id bigint NOT NULL, x int);
        CREATE TABLE bare (x int);
        """);
    assertThat(f.run(new MissingPrimaryKeyRule())).extracting(Finding::table, Finding::fix).containsExactly(
        org.assertj.core.groups.Tuple.tuple("promote", "ALTER TABLE promote ADD PRIMARY KEY (code);"),
        org.assertj.core.groups.Tuple.tuple("with_id", "ALTER TABLE with_id ADD PRIMARY KEY (id);"),
        org.assertj.core.groups.Tuple.tuple("bare",
            "ALTER TABLE bare ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;"));
  }

  @Test
  void tablesWithAPrimaryKeyOrAUniqueIndexOnNullableColumnsAreNotPromoted() {
    assertThat(RuleFixture.of("CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (x int, PRIMARY KEY (x));")
        .run(new MissingPrimaryKeyRule())).as("keys declared either way").isEmpty();
    // A unique index on a column that may be NULL is no primary key: the fix adds a new id column instead.
    assertThat(RuleFixture.of("CREATE TABLE n (code text, x int); CREATE UNIQUE INDEX n_code ON n (code);")
        .run(new MissingPrimaryKeyRule())).singleElement().satisfies(f -> assertThat(f.fix())
            .doesNotContain("ADD PRIMARY KEY (code)"));
  }

  @Test
  void anExistingNullableIdIsMadeTheKeyNeverAddedAgain() {
    Finding f = RuleFixture.of("CREATE TABLE posts (id int, blog_id int);").run(new MissingPrimaryKeyRule()).get(0);
    assertThat(f.fix()).doesNotContain("ADD COLUMN")
        .contains("ALTER TABLE posts ALTER COLUMN id SET NOT NULL, ADD PRIMARY KEY (id);");
    Finding m = RuleFixture.of(dev.logdex.core.model.Dialect.MYSQL, "CREATE TABLE posts (id int, blog_id int);")
        .run(new MissingPrimaryKeyRule()).get(0);
    assertThat(m.fix()).contains("ALTER TABLE posts MODIFY id int NOT NULL, ADD PRIMARY KEY (id);");
  }

  @Test
  void fixesKeepTheTablesSchema() {
    Finding f = RuleFixture.of("CREATE SCHEMA \"Bar\"; CREATE TABLE \"Bar\".\"Foo\" (x int);")
        .run(new MissingPrimaryKeyRule()).get(0);
    assertThat(f.fix()).startsWith("ALTER TABLE \"Bar\".\"Foo\" ADD COLUMN id");
  }

  @Test
  void aPartitionedTablesKeyMustHoldThePartitionKey() {
    Finding advice = RuleFixture.of("CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);")
        .run(new MissingPrimaryKeyRule()).get(0);
    assertThat(advice.fix()).as("id alone cannot be its key: advice, not SQL").startsWith("--")
        .doesNotContain("\nALTER").contains("partitioned by at").contains("(id, at)");
    Finding key = RuleFixture.of("""
        CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
        CREATE UNIQUE INDEX events_u ON events (id, at);
        """).run(new MissingPrimaryKeyRule()).get(0);
    assertThat(key.fix()).isEqualTo("ALTER TABLE events ADD PRIMARY KEY (id, at);");
  }
}
