package dev.logdex.core.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationWriterTest {

  private static final Change INDEX = new Change("add_index_t_a", List.of("why: equality on a"),
      List.of("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_t_a ON t (a);"),
      List.of("DROP INDEX CONCURRENTLY IF EXISTS idx_t_a;"), true);
  private static final Change FK = new Change("add_foreign_key_t_b", List.of("why: joined"),
      List.of("ALTER TABLE t ADD CONSTRAINT t_b_fkey FOREIGN KEY (b) REFERENCES u (id);"),
      List.of("ALTER TABLE t DROP CONSTRAINT IF EXISTS t_b_fkey;"), false);

  @Test
  void whatADirectoryAlreadyAppliesIsFoundSoThatARunAgainDoesNotWriteItTwice(@TempDir Path dir) throws Exception {
    MigrationWriter.write(List.of(INDEX), dir, MigrationWriter.Style.FLYWAY);
    // A hand-written migration that creates the same key, laid out otherwise, counts too.
    Files.writeString(dir.resolve("V10__by_hand.sql"), "-- ours\nALTER TABLE t\n  ADD CONSTRAINT t_b_fkey"
        + " FOREIGN KEY (b) REFERENCES u (id);\n");
    Change other = new Change("add_index_t_c", List.of(), List.of("CREATE INDEX idx_t_c ON t (c);"), List.of(), false);
    assertThat(MigrationWriter.alreadyWritten(List.of(INDEX, FK, other), dir, dev.logdex.core.model.Dialect.POSTGRESQL))
        .containsExactly(java.util.Map.entry(INDEX, "V1__add_index_t_a.sql"), java.util.Map.entry(FK, "V10__by_hand.sql"));
    assertThat(MigrationWriter.alreadyWritten(List.of(INDEX), dir.resolve("none"),
        dev.logdex.core.model.Dialect.POSTGRESQL)).isEmpty();
  }

  @Test
  void flywayVersionsFollowTheHighestVersionAlreadyThere(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("V1__init.sql"), "");
    Files.writeString(dir.resolve("V7_2__later.sql"), "");
    Files.writeString(dir.resolve("R__view.sql"), "");
    List<Path> files = MigrationWriter.write(List.of(INDEX, FK), dir, MigrationWriter.Style.FLYWAY);
    assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
        "V8__add_index_t_a.sql", "U8__add_index_t_a.sql", "V8__add_index_t_a.sql.conf", "U8__add_index_t_a.sql.conf",
        "V9__add_foreign_key_t_b.sql", "U9__add_foreign_key_t_b.sql");
    assertThat(Files.readString(dir.resolve("V8__add_index_t_a.sql")))
        .isEqualTo("-- why: equality on a\nCREATE INDEX CONCURRENTLY IF NOT EXISTS idx_t_a ON t (a);\n");
    assertThat(Files.readString(dir.resolve("V8__add_index_t_a.sql.conf"))).isEqualTo("executeInTransaction=false\n");
    assertThat(Files.readString(dir.resolve("U9__add_foreign_key_t_b.sql")))
        .contains("ALTER TABLE t DROP CONSTRAINT IF EXISTS t_b_fkey;");
  }

  @Test
  void liquibaseChangesetsCarryTheirRollback(@TempDir Path dir) throws Exception {
    Path f = MigrationWriter.write(List.of(INDEX, FK), dir, MigrationWriter.Style.LIQUIBASE).get(0);
    assertThat(f.getFileName().toString()).isEqualTo("logdex-001.changelog.sql");
    assertThat(Files.readString(f)).startsWith("--liquibase formatted sql\n")
        .contains("--changeset logdex:add_index_t_a runInTransaction:false\n--comment: why: equality on a\n"
            + "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_t_a ON t (a);\n"
            + "--rollback DROP INDEX CONCURRENTLY IF EXISTS idx_t_a;\n")
        .contains("--changeset logdex:add_foreign_key_t_b\n");
    assertThat(MigrationWriter.write(List.of(INDEX), dir, MigrationWriter.Style.LIQUIBASE).get(0).getFileName())
        .hasToString("logdex-002.changelog.sql");
  }

  @Test
  void plainDownUndoesInReverseOrderAndNothingIsOverwritten(@TempDir Path dir) throws Exception {
    MigrationWriter.write(List.of(INDEX, FK), dir, MigrationWriter.Style.PLAIN);
    String down = Files.readString(dir.resolve("down.sql"));
    assertThat(down.indexOf("t_b_fkey")).isLessThan(down.indexOf("idx_t_a"));
    assertThatThrownBy(() -> MigrationWriter.write(List.of(INDEX), dir, MigrationWriter.Style.PLAIN))
        .hasMessageContaining("up.sql: already exists");
  }
}
