package dev.logdex.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.logdex.core.model.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which dialect everything is read in, and that every assumption about it is said. */
class SchemaLoadingTest {

  @TempDir Path dir;

  private Path schema(String ddl) throws Exception {
    return Files.writeString(dir.resolve("schema.sql"), ddl);
  }

  private static final String NEUTRAL = "CREATE TABLE users (id int PRIMARY KEY, email varchar(200));";

  @Test
  void aNeutralSchemaTakesTheDialectOfTheLogsWithoutAWarning() throws Exception {
    SchemaLoading.Loaded l = SchemaLoading.load(new SchemaSource.DdlFile(schema(NEUTRAL)), Optional.empty(),
        List.of(Dialect.MYSQL));
    assertThat(l.schema().dialect()).isEqualTo(Dialect.MYSQL);
    assertThat(l.assumptions()).isEmpty();
    assertThat(l.given()).isTrue();
  }

  @Test
  void severalFilesAreOneSchemaReadInOrderAndEachWarningNamesItsFile() throws Exception {
    Path tables = Files.writeString(dir.resolve("dss.ddl"), "CREATE TABLE nation (n_nationkey int NOT NULL,"
        + " n_regionkey int);\nCREATE TABLE region (r_regionkey int NOT NULL);\n");
    Path keys = Files.writeString(dir.resolve("dss.ri"), "ALTER TABLE region ADD PRIMARY KEY (r_regionkey);\n"
        + "ALTER TABLE nation ADD FOREIGN KEY (n_regionkey) REFERENCES region (r_regionkey);\n"
        + "ALTER TABLE planet ADD PRIMARY KEY (id);\n");
    SchemaLoading.Loaded l = SchemaLoading.load(new SchemaSource.DdlFile(List.of(tables, keys)), Optional.empty(),
        List.of(Dialect.POSTGRESQL));
    assertThat(l.schema().table("region").orElseThrow().indexes()).anySatisfy(i -> assertThat(i.primary()).isTrue());
    assertThat(l.schema().table("nation").orElseThrow().foreignKeys()).singleElement()
        .satisfies(fk -> assertThat(fk.referencedTable()).isEqualTo("region"));
    assertThat(l.unread()).singleElement().asString().startsWith(keys + ":3:");
  }

  @Test
  void whenNothingSaysTheAssumptionIsNamed() throws Exception {
    SchemaLoading.Loaded l = SchemaLoading.load(new SchemaSource.DdlFile(schema(NEUTRAL)), Optional.empty(),
        List.of());
    assertThat(l.schema().dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(l.assumptions()).singleElement().asString().contains("assumed postgresql").contains("--dialect");
  }

  @Test
  void aSchemaThatSaysItsDialectWinsOverTheLogsAndTheDisagreementIsSaid() throws Exception {
    SchemaLoading.Loaded l = SchemaLoading.load(new SchemaSource.DdlFile(
        schema("CREATE TABLE t (id int) ENGINE=InnoDB;")), Optional.empty(), List.of(Dialect.POSTGRESQL));
    assertThat(l.schema().dialect()).isEqualTo(Dialect.MYSQL);
    assertThat(l.assumptions()).singleElement().asString().contains("reads as mysql")
        .contains("logs come from postgresql");
  }

  @Test
  void theUsersDialectIsUsedAndADisagreementWithTheSchemaIsSaid() throws Exception {
    SchemaLoading.Loaded l = SchemaLoading.load(new SchemaSource.DdlFile(schema("CREATE TABLE t (id bigserial);")),
        Optional.of(Dialect.MYSQL), List.of());
    assertThat(l.schema().dialect()).isEqualTo(Dialect.MYSQL);
    assertThat(l.assumptions()).singleElement().asString().contains("--dialect mysql").contains("postgresql");
  }

  @Test
  void agreeingInputsSayNothing() throws Exception {
    SchemaLoading.Loaded l = SchemaLoading.load(new SchemaSource.DdlFile(schema("CREATE TABLE t (id bigserial);")),
        Optional.of(Dialect.POSTGRESQL), List.of(Dialect.POSTGRESQL, Dialect.POSTGRESQL));
    assertThat(l.assumptions()).isEmpty();
  }

  @Test
  void withoutASchemaTheLogsDecideAndTheSchemaIsMarkedAbsent() throws Exception {
    SchemaLoading.Loaded l = SchemaLoading.load(new SchemaSource.None(), Optional.empty(), List.of(Dialect.MYSQL));
    assertThat(l.given()).isFalse();
    assertThat(l.schema().dialect()).isEqualTo(Dialect.MYSQL);
    assertThat(l.schema().isEmpty()).isTrue();
  }

  @Test
  void logsOfBothFamiliesAreSaid() throws Exception {
    SchemaLoading.Loaded l = SchemaLoading.load(new SchemaSource.None(), Optional.empty(),
        List.of(Dialect.MYSQL, Dialect.POSTGRESQL));
    assertThat(l.assumptions()).anySatisfy(w -> assertThat(w).contains("both PostgreSQL and MySQL"));
  }

  @Test
  void aFileWithNoTableIsAnErrorNamingTheFile() throws Exception {
    Path p = schema("SELECT 1;");
    assertThatThrownBy(() -> SchemaLoading.load(new SchemaSource.DdlFile(p), Optional.empty(), List.of()))
        .isInstanceOf(SchemaException.class).hasMessageContaining(p.toString()).hasMessageContaining("no CREATE TABLE");
  }
}
