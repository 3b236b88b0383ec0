package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names are whole: a table keeps its schema (PostgreSQL) or database (MySQL) from the log and the schema. */
class QualifiedNamesTest {
  @TempDir Path dir;

  private List<String> ddl(String... args) throws Exception {
    CliRun cli = new CliRun();
    List<String> all = new ArrayList<>(List.of("analyze", "-q", "--format", "json"));
    all.addAll(List.of(args));
    assertThat(cli.run(all.toArray(String[]::new))).as(cli.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(cli.out());
    List<String> out = new ArrayList<>();
    root.get("recommendations").forEach(r -> out.add(r.get("ddl").asText()));
    return out;
  }

  @Test
  void twoTablesOfOneNameInTwoSchemasStayTwo() throws Exception {
    Path schema = Files.writeString(dir.resolve("schema.sql"), """
        CREATE SCHEMA app;
        CREATE TABLE app.users (id bigint PRIMARY KEY, email text);
        CREATE SCHEMA other;
        CREATE TABLE other.users (id bigint PRIMARY KEY, email text, team text);
        """);
    Path log = Files.writeString(dir.resolve("pgss.csv"), """
        query,calls,total_exec_time,rows
        "SELECT * FROM app.users WHERE email = $1",100,900,100
        "SELECT * FROM other.users WHERE team = $1",100,800,100
        """);
    assertThat(ddl("--schema", schema.toString(), log.toString())).containsExactlyInAnyOrder(
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_app_users_email ON app.users (email);",
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_other_users_team ON other.users (team);");
  }

  @Test
  void aTableOfAnotherDatabaseKeepsItsDatabaseWithoutASchema() throws Exception {
    Path log = Files.writeString(dir.resolve("slow.log"), """
        # Time: 2024-05-01T10:00:00.000000Z
        # Query_time: 2.500000  Lock_time: 0.000100 Rows_sent: 1  Rows_examined: 500000
        SET timestamp=1714557600;
        UPDATE db4.vab3concept1upload SET status = 'done' WHERE batch = 42;
        """);
    assertThat(ddl(log.toString())).singleElement().asString()
        .startsWith("ALTER TABLE db4.vab3concept1upload ADD INDEX");
  }

  @Test
  void theDefaultSchemaResolvesQualifiedAndUnqualifiedNamesToOneTable() throws Exception {
    Path schema = Files.writeString(dir.resolve("schema.sql"), """
        CREATE TABLE public.orders (id bigint PRIMARY KEY, status text, total int);
        """);
    Path log = Files.writeString(dir.resolve("pgss.csv"), """
        query,calls,total_exec_time,rows
        "SELECT * FROM public.orders WHERE status = $1",100,900,100
        "SELECT * FROM orders WHERE status = $1 AND total > $2",100,800,100
        """);
    assertThat(ddl("--schema", schema.toString(), log.toString())).singleElement().asString()
        .isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_status_total ON orders (status, total);");
  }
}
