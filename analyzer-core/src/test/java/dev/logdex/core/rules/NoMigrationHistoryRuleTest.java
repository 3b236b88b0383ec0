package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** no-migration-history: a whole-database dump with no migration tool's history table. */
class NoMigrationHistoryRuleTest {
  @Test
  void aDumpWithoutAHistoryTableHasNoMigrationHistory() {
    String dump = "--\n-- PostgreSQL database dump\n--\nCREATE TABLE public.t (id int);\n";
    assertThat(RuleFixture.of(dump).run(new NoMigrationHistoryRule("flyway"))).singleElement()
        .satisfies(f -> assertThat(f.fix()).contains("flyway baseline"));
    assertThat(RuleFixture.of(dump + "CREATE TABLE public.flyway_schema_history (installed_rank int);")
        .run(new NoMigrationHistoryRule())).isEmpty();
    assertThat(RuleFixture.of("CREATE TABLE t (id int);").run(new NoMigrationHistoryRule()))
        .as("a hand-written script may describe part of a database").isEmpty();
  }
}
