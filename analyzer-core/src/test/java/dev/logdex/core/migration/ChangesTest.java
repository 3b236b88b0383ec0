package dev.logdex.core.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.Fix;
import dev.logdex.core.rules.Finding;
import dev.logdex.core.rules.Severity;
import dev.logdex.core.schema.DdlSchemaLoader;
import dev.logdex.core.schema.Schema;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Migrations come from what a finding's fix is, whichever rule found it, never from its SQL text or rule id. */
class ChangesTest {

  private static final Schema SCHEMA = new DdlSchemaLoader(Optional.of(Dialect.POSTGRESQL)).load("""
      CREATE TABLE users (id bigint PRIMARY KEY);
      CREATE TABLE notes (id bigint PRIMARY KEY, author_id bigint, a int);
      CREATE INDEX notes_a ON notes (a);
      CREATE INDEX notes_a_again ON notes (a);
      """, "s.sql").schema();

  private static final java.util.Set<String> ALL = java.util.Set.copyOf(Changes.SELECTABLE);

  @Test
  void eachKindOfFixBecomesItsChangeWithItsUndo() {
    List<Finding> findings = List.of(
        Finding.of("duplicate-index", Severity.WARNING, "notes", List.of("a"), "notes_a_again duplicates notes_a",
            new Fix.DropIndex("", "notes", "notes_a_again"), Dialect.POSTGRESQL),
        Finding.of("missing-foreign-key", Severity.WARNING, "notes", List.of("author_id"),
            "notes.author_id is joined to users.id (10 calls) but has no foreign key",
            new Fix.AddForeignKey("notes", List.of("author_id"), "users", List.of("id")), Dialect.POSTGRESQL),
        Finding.of("unindexed-foreign-key", Severity.WARNING, "notes", List.of("author_id"), "no index",
            new Fix.CreateIndex("", "notes", "idx_notes_author_id", List.of("author_id"), ""), Dialect.POSTGRESQL),
        new Finding("duplicate-index", Severity.WARNING, "notes", List.of(), "advice only", "-- read me"));
    List<Change> changes = Changes.of(SCHEMA, List.of(), findings, ALL, true);
    // In the findings' order, foreign keys last (after the indexes that make their checks cheap).
    assertThat(changes).extracting(Change::slug).containsExactly("drop_index_notes_a_again",
        "add_index_notes_author_id", "add_foreign_key_notes_author_id");
    assertThat(changes.get(0).up()).containsExactly("DROP INDEX CONCURRENTLY IF EXISTS notes_a_again;");
    assertThat(changes.get(0).down()).containsExactly(
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS notes_a_again ON notes (a);");
    assertThat(changes.get(2).why()).containsExactly(
        "logdex: notes.author_id is joined to users.id (10 calls) but has no foreign key");
    assertThat(String.join("\n", changes.get(2).up())).contains("FOREIGN KEY (author_id) REFERENCES users (id)");
  }

  @Test
  void aDropOfAnIndexTheSchemaLacksOrARuleNotSelectedChangesNothing() {
    Finding gone = Finding.of("unused-index", Severity.WARNING, "notes", List.of("a"), "m",
        new Fix.DropIndex("", "notes", "no_such_index"), Dialect.POSTGRESQL);
    assertThat(Changes.of(SCHEMA, List.of(), List.of(gone), ALL, true)).isEmpty();
    Finding dup = Finding.of("duplicate-index", Severity.WARNING, "notes", List.of("a"), "m",
        new Fix.DropIndex("", "notes", "notes_a_again"), Dialect.POSTGRESQL);
    assertThat(Changes.of(SCHEMA, List.of(), List.of(dup), java.util.Set.of("indexes"), true)).isEmpty();
  }
}
