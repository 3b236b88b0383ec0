package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names come from schemas other people designed. The migrations logdex writes for tables with hostile names are
 * applied as a user applies them ({@code psql -f up.sql}, {@code mariadb < up.sql}) on the machine's real databases:
 * the names stay names, the intended objects exist afterwards, and the victim table is untouched. Two indexes whose
 * readable names fold to one get two names.
 */
class HostileNamesIT {

  /** Ends logdex's old fixed dollar quote and drops the victim. */
  private static final String HOSTILE = "q$logdex$; DROP TABLE victim; --";

  private static final String PUBLIC =
      "indrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace)";

  private static final String PG_SCHEMA = """
      CREATE TABLE users (id bigint PRIMARY KEY, name text);
      CREATE TABLE "q$logdex$; DROP TABLE victim; --" (id bigint PRIMARY KEY, user_id bigint, "we'ird"" col" int);
      CREATE TABLE order_items (id bigint PRIMARY KEY, sku text);
      CREATE TABLE "order" (id bigint PRIMARY KEY, items_sku text);
      CREATE TABLE victim (id int);
      INSERT INTO victim VALUES (1);
      """;

  private static final String PG_LOG = "query,calls,total_exec_time,rows\n"
      + "\"SELECT u.name FROM \"\"q$logdex$; DROP TABLE victim; --\"\" q JOIN users u ON u.id = q.user_id"
      + " WHERE q.\"\"we'ird\"\"\"\" col\"\" = $1\",500,900.0,500\n"
      + "\"SELECT id FROM order_items WHERE sku = $1\",400,800.0,400\n"
      + "\"SELECT id FROM \"\"order\"\" WHERE items_sku = $1\",300,700.0,300\n";

  @Test
  void postgresMigrationsForHostileNamesRunWithPsqlAndKeepTheirMeaning(@TempDir Path dir) throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      Path out = postgresMigration(dir, url, PG_SCHEMA, PG_LOG);
      String up = Files.readString(out.resolve("up.sql"));
      assertThat(up).contains("DO $logdex_1$");

      psql(db, out.resolve("up.sql"));
      assertThat(count(url, "SELECT count(*) FROM victim")).isEqualTo(1);
      assertThat(count(url, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND conrelid = "
          + "'\"q$logdex$; DROP TABLE victim; --\"'::regclass")).as("the foreign key exists").isEqualTo(1);
      List<String> indexes = names(url, "SELECT indexrelid::regclass::text || ' ON ' || indrelid::regclass::text"
          + " FROM pg_index WHERE NOT indisprimary AND " + PUBLIC + " ORDER BY 1");
      assertThat(indexes).as("one index each, on the right table").anyMatch(i -> i.endsWith(" ON order_items"))
          .anyMatch(i -> i.endsWith(" ON \"order\"")).anyMatch(i -> i.contains(HOSTILE));
      assertThat(indexes.stream().map(i -> i.substring(0, i.indexOf(" ON "))).distinct().count())
          .isEqualTo(indexes.size());

      psql(db, out.resolve("down.sql"));
      assertThat(count(url, "SELECT count(*) FROM victim")).isEqualTo(1);
      assertThat(count(url, "SELECT count(*) FROM pg_index WHERE NOT indisprimary AND " + PUBLIC)).as("undone").isZero();
      assertThat(count(url, "SELECT count(*) FROM pg_constraint WHERE contype = 'f'")).isZero();
    });
  }

  /** A table and columns whose names would show a statement in another order, or act on a terminal. */
  private static final String PG_SHOWN_SCHEMA = "CREATE TABLE \"Ord\u001b[31mers\u202e\" (id bigint PRIMARY KEY, "
      + "\"st\u202eatus\\x\" text, \"a\"\"b\u2066\" int);\n";

  @Test
  void postgresDdlWritesNamesAnOverrideWouldReorderAsUnicodeEscapesThatRun(@TempDir Path dir) throws Exception {
    LiveDb.inScratchPostgres((db, url) -> {
      Path out = postgresMigration(dir, url, PG_SHOWN_SCHEMA, "query,calls,total_exec_time,rows\n"
          + "\"SELECT id FROM \"\"Ord\u001b[31mers\u202e\"\" WHERE \"\"st\u202eatus\\x\"\" = $1"
          + " AND \"\"a\"\"\"\"b\u2066\"\" = $2\","
          + "500,900.0,500\n");
      String up = Files.readString(out.resolve("up.sql"));
      assertThat(up).contains("U&\"Ord\\001B[31mers\\202E\"").contains("U&\"st\\202Eatus\\\\x\"");
      assertThat(up.chars().filter(ch -> ch != '\n').noneMatch(ch -> dev.logdex.core.lex.ShownText.unsafe((char) ch)))
          .as(up).isTrue();

      psql(db, out.resolve("up.sql"));
      assertThat(names(url, "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
          + "AND a.attnum = ANY(i.indkey) WHERE NOT i.indisprimary AND i.indrelid = "
          + "U&'\"Ord\\001B[31mers\\202E\"'::regclass ORDER BY 1"))
          .as("the index is on the table and columns the names mean").containsExactly("a\"b\u2066", "st\u202eatus\\x");
      psql(db, out.resolve("down.sql"));
      assertThat(count(url, "SELECT count(*) FROM pg_index WHERE NOT indisprimary AND " + PUBLIC)).as("undone")
          .isZero();
    });
  }

  /** Makes {@code schemaSql} in the scratch database, and logdex's plain migration for it and {@code pgss}. */
  private static Path postgresMigration(Path dir, String url, String schemaSql, String pgss) throws Exception {
    try (Connection c = LiveDb.connect(url, "postgres"); Statement s = c.createStatement()) {
      s.execute(schemaSql);
    }
    Path schema = Files.writeString(dir.resolve("schema.sql"), schemaSql);
    Path log = Files.writeString(dir.resolve("pgss.csv"), pgss);
    Path out = dir.resolve("migrations");
    CliRun cli = new CliRun();
    assertThat(cli.run("migrate", "-q", "--schema", schema.toString(), "--style", "plain", "--to",
        out.toString(), log.toString())).as(cli.err()).isZero();
    return out;
  }

  private static final String MYSQL_SCHEMA = """
      CREATE TABLE users (id bigint PRIMARY KEY, name text);
      CREATE TABLE `q$logdex$; DROP TABLE victim; --` (id bigint PRIMARY KEY, user_id bigint, `we'ird`` col` int);
      CREATE TABLE order_items (id bigint PRIMARY KEY, sku varchar(40));
      CREATE TABLE `order` (id bigint PRIMARY KEY, items_sku varchar(40));
      CREATE TABLE victim (id int);
      """;

  @Test
  void mariadbMigrationsForHostileNamesRunWithTheClientAndKeepTheirMeaning(@TempDir Path dir) throws Exception {
    LiveDb.inScratchMariadb((db, url) -> {
      try (Connection c = LiveDb.connect(url, "root"); Statement s = c.createStatement()) {
        for (String ddl : MYSQL_SCHEMA.split(";\n")) {
          if (!ddl.isBlank()) {
            s.execute(ddl);
          }
        }
        s.execute("INSERT INTO victim VALUES (1)");
      }
      Path schema = Files.writeString(dir.resolve("schema.sql"), MYSQL_SCHEMA);
      Path log = Files.writeString(dir.resolve("slow.log"), """
          # Time: 261128 10:00:00
          # User@Host: app[app] @ localhost []
          # Query_time: 0.050  Lock_time: 0.000 Rows_sent: 1  Rows_examined: 50000
          SET timestamp=1764324000;
          SELECT u.name FROM `q$logdex$; DROP TABLE victim; --` q JOIN users u ON u.id = q.user_id WHERE q.`we'ird`` col` = 5;
          # Time: 261128 10:00:01
          # User@Host: app[app] @ localhost []
          # Query_time: 0.040  Lock_time: 0.000 Rows_sent: 1  Rows_examined: 50000
          SET timestamp=1764324001;
          SELECT id FROM order_items WHERE sku = 'a';
          # Time: 261128 10:00:02
          # User@Host: app[app] @ localhost []
          # Query_time: 0.030  Lock_time: 0.000 Rows_sent: 1  Rows_examined: 50000
          SET timestamp=1764324002;
          SELECT id FROM `order` WHERE items_sku = 'b';
          """);
      Path out = dir.resolve("migrations");
      CliRun cli = new CliRun();
      assertThat(cli.run("migrate", "-q", "--schema", schema.toString(), "--style", "plain", "--to",
          out.toString(), log.toString())).as(cli.err()).isZero();
      mariadb(db, out.resolve("up.sql"));
      assertThat(count(url, "SELECT count(*) FROM victim")).isEqualTo(1);
      List<String> indexes = names(url, "SELECT DISTINCT CONCAT(INDEX_NAME, ' ON ', TABLE_NAME) FROM"
          + " information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME <> 'PRIMARY'"
          + " ORDER BY 1");
      assertThat(indexes).anyMatch(i -> i.endsWith(" ON order_items")).anyMatch(i -> i.endsWith(" ON order"))
          .anyMatch(i -> i.endsWith(" ON " + HOSTILE));
      assertThat(count(url, "SELECT count(*) FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA ="
          + " DATABASE() AND CONSTRAINT_TYPE = 'FOREIGN KEY'")).as("the foreign key exists").isEqualTo(1);
      mariadb(db, out.resolve("down.sql"));
      assertThat(count(url, "SELECT count(*) FROM victim")).isEqualTo(1);
      assertThat(count(url, "SELECT count(*) FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA ="
          + " DATABASE() AND CONSTRAINT_TYPE = 'FOREIGN KEY'")).as("undone").isZero();
    });
  }

  private static void psql(String db, Path script) throws Exception {
    run(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-f",
        script.toString()), null);
  }

  private static void mariadb(String db, Path script) throws Exception {
    run(List.of("mariadb", "-h", "127.0.0.1", "-u", "root", db), script);
  }

  private static void run(List<String> command, Path stdin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (stdin != null) {
      pb.redirectInput(stdin.toFile());
    }
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
  }

  private static long count(String url, String sql) throws Exception {
    try (Connection c = LiveDb.connect(url, url.startsWith(LiveDb.POSTGRES) ? "postgres" : "root");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<String> names(String url, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = LiveDb.connect(url, url.startsWith(LiveDb.POSTGRES) ? "postgres" : "root");
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
