package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.logdex.core.lex.SqlScript;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.schema.Column;
import dev.logdex.core.schema.DdlSchemaLoader;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What pg_dump and mariadb-dump write for awkward schemas is read whole: every table, its columns (non-reserved
 * keywords such as key, value, type, status, comment, level among them), its indexes and keys, with no statement left
 * unread. The schemas are built on the real servers and dumped by the real tools of this machine.
 */
class DumpsAreReadWholeIT {

  private static final List<String> KEYWORD_COLUMNS = List.of("key", "value", "type", "name", "status", "comment",
      "level", "position", "language", "data", "source", "action", "role", "owner", "version");

  @Test
  void aPgDumpOfAnAwkwardSchemaIsReadWhole() throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      try (Connection c = LiveDb.connect(url, "postgres"); Statement st = c.createStatement()) {
        st.execute(resource("postgres-awkward.sql"));
      }
      String dump = dump(List.of("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--schema-only", db));
      DdlSchemaLoader.Result r = new DdlSchemaLoader(Optional.empty()).load(dump, "pg_dump");
      assertThat(r.warnings()).isEmpty();
      Schema s = r.schema();
      assertThat(s.dialect()).isEqualTo(Dialect.POSTGRESQL);
      assertThat(s.tables()).extracting(Table::qualifiedName).contains("App.Users", "billing.invoices",
          "billing.rooms", "events", "cache", "child");
      // Partitions (pg_dump attaches each) are parts of their parent, as the catalog gives them.
      assertThat(s.tables()).extracting(Table::qualifiedName)
          .doesNotContain("billing.invoices_2024", "billing.invoices_2025", "events_0", "events_1");
      assertThat(s.table("billing.invoices").orElseThrow().partitions()).containsExactly(
          dev.logdex.core.model.Partition.leaf("billing", "invoices_2024"),
          dev.logdex.core.model.Partition.leaf("billing", "invoices_2025"));
      assertThat(s.table("events").orElseThrow().partitions()).extracting(dev.logdex.core.model.Partition::name)
          .containsExactly("events_0", "events_1");
      Table users = s.table("App.Users").orElseThrow();
      assertThat(users.columns()).extracting(Column::name).contains("Email", "full_name", "deleted_at")
          .containsAll(KEYWORD_COLUMNS);
      assertThat(users.indexes()).extracting(dev.logdex.core.schema.Index::name)
          .contains("Users_pkey", "Users_key_key", "users_email_ci", "users_live", "users_tags");
      assertThat(s.table("billing.invoices").orElseThrow().isPartitioned()).isTrue();
      assertThat(s.table("billing.invoices").orElseThrow().foreignKeys()).hasSize(1);
      assertThat(s.table("child").orElseThrow().foreignKeys()).hasSize(1);
    });
  }

  @Test
  void aMariadbDumpOfAnAwkwardSchemaIsReadWhole() throws Exception {
    LiveDb.inScratchMariadb((db, url) -> {
      try (Connection c = LiveDb.connect(url, "root"); Statement st = c.createStatement()) {
        for (SqlScript.Statement s : SqlScript.split(resource("mariadb-awkward.sql"), Dialect.MYSQL)) {
          st.execute(s.text());
        }
      }
      String dump = dump(List.of(tool("mariadb-dump", "mysqldump"), "-h", "127.0.0.1", "-u", "root", "--no-data",
          "--routines", "--triggers", db));
      DdlSchemaLoader.Result r = new DdlSchemaLoader(Optional.empty()).load(dump, "mariadb-dump");
      assertThat(r.warnings()).isEmpty();
      Schema s = r.schema();
      assertThat(s.dialect()).isEqualTo(Dialect.MYSQL);
      assertThat(s.tables()).extracting(Table::name).containsExactlyInAnyOrder("Users", "order", "child", "seq_like");
      Table users = s.table("Users").orElseThrow();
      assertThat(users.columns()).extracting(Column::name).contains("Email", "full_name", "deleted_at")
          .containsAll(KEYWORD_COLUMNS);
      assertThat(users.indexes()).extracting(dev.logdex.core.schema.Index::name)
          .contains("users_key", "users_email", "users_name_desc", "users_comment", "users_full");
      assertThat(s.table("order").orElseThrow().isPartitioned()).isTrue();
      assertThat(s.table("child").orElseThrow().foreignKeys()).hasSize(1);
    });
  }

  @Test
  void aMariadbDumpOfTwoDatabasesKeepsTheirTablesApartAndTheDdlLandsInTheRightOne(@TempDir Path dir)
      throws Exception {
    LiveDb.inScratchMariadb((shop, shopUrl) -> LiveDb.inScratchMariadb((crm, crmUrl) -> {
      try (Connection c = LiveDb.connect(shopUrl, "root"); Statement st = c.createStatement()) {
        st.execute("CREATE TABLE " + shop + ".customers (id int PRIMARY KEY, email varchar(200), phone varchar(20))");
        st.execute("CREATE TABLE " + crm + ".customers (id int PRIMARY KEY, email varchar(200), phone varchar(20))");
      }
      String dump = dump(List.of(tool("mariadb-dump", "mysqldump"), "-h", "127.0.0.1", "-u", "root", "--no-data",
          "--databases", shop, crm));
      Path schema = Files.writeString(dir.resolve("dump.sql"), dump);
      // The same statement text in both databases, on different columns: only `use` says which table is meant.
      String entry = """
          # Time: 2024-05-01T10:00:0%dZ
          # User@Host: app[app] @ localhost []  Id: %d
          # Query_time: 2.5  Lock_time: 0.0 Rows_sent: 1  Rows_examined: 500000
          use %s;
          SET timestamp=1714557600;
          SELECT * FROM customers WHERE %s = 'x';
          """;
      Path log = Files.writeString(dir.resolve("slow.log"), ""
          + String.format(entry, 1, 1, shop, "email") + String.format(entry, 2, 2, crm, "phone"));
      CliRun cli = new CliRun();
      assertThat(cli.run("analyze", "-q", "--format", "json", "--schema", schema.toString(), log.toString()))
          .as(cli.err()).isZero();
      List<String> ddl = new java.util.ArrayList<>();
      new com.fasterxml.jackson.databind.ObjectMapper().readTree(cli.out()).get("recommendations")
          .forEach(r -> ddl.add(r.get("ddl").asText()));
      assertThat(ddl).hasSize(2);
      try (Connection c = LiveDb.connect(LiveDb.MARIADB, "root"); Statement st = c.createStatement()) {
        for (String sql : ddl) {
          st.execute(sql); // from a connection with no database selected: each names its own
        }
        try (var rs = st.executeQuery("SELECT TABLE_SCHEMA, COLUMN_NAME FROM information_schema.STATISTICS"
            + " WHERE TABLE_SCHEMA IN ('" + shop + "', '" + crm + "') AND INDEX_NAME <> 'PRIMARY'"
            + " ORDER BY TABLE_SCHEMA = '" + crm + "'")) {
          List<String> made = new java.util.ArrayList<>();
          while (rs.next()) {
            made.add(rs.getString(1) + "." + rs.getString(2));
          }
          assertThat(made).containsExactly(shop + ".email", crm + ".phone");
        }
      }
    }));
  }

  private static String resource(String name) throws Exception {
    try (var in = DumpsAreReadWholeIT.class.getResourceAsStream("/schemas/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The first of {@code names} on PATH; the test is skipped without one (fatal in CI). */
  private static String tool(String... names) {
    for (String n : names) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
        if (Files.isExecutable(Path.of(dir, n))) {
          return n;
        }
      }
    }
    assumeTrue(System.getenv("CI") == null, "none of " + List.of(names) + " on PATH");
    throw new AssertionError("none of " + List.of(names) + " on PATH in CI");
  }

  private static String dump(List<String> command) throws Exception {
    tool(command.get(0));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(String.join(" ", command)).isZero();
    return out;
  }
}
