package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.schema.JdbcSchemaLoader;
import dev.logdex.core.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * logdex verify on the machine's MariaDB, which cannot roll DDL back: only with --scratch-ok, the indexes created for
 * real, the queries explained before and after, and the indexes dropped again.
 */
class ScratchVerifyIT {
  private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";

  private static String entry(int category, String time) {
    return "# Time: 2026-11-20T10:00:" + time + "Z\n# User@Host: app[app] @ localhost []  Id: 7\n"
        + "# Query_time: 0.250000  Lock_time: 0.000010 Rows_sent: 20  Rows_examined: 200000\n"
        + "SET timestamp=1795168800;\n"
        + "SELECT id, price FROM items WHERE category = " + category + " ORDER BY created_at DESC LIMIT 20;\n";
  }

  @Test
  void theIndexesAreCreatedOnTheScratchCopyUsedByTheOptimizerAndDroppedAgain(@TempDir Path dir) throws Exception {
    String db = LiveDb.scratch();
    try (Connection admin = LiveDb.connect(SERVER, "root"); Statement st = admin.createStatement()) {
      st.execute("CREATE DATABASE " + db);
      try {
        try (Connection c = LiveDb.connect(SERVER + db, "root"); Statement s = c.createStatement()) {
          s.execute("CREATE TABLE items (id bigint PRIMARY KEY, category int NOT NULL, price int NOT NULL,"
              + " created_at datetime NOT NULL)");
          s.execute("INSERT INTO items SELECT seq, seq % 500, seq % 1000, NOW() - INTERVAL seq SECOND"
              + " FROM seq_1_to_200000");
          s.execute("ANALYZE TABLE items");
        }
        Path log = dir.resolve("slow.log");
        Files.writeString(log, entry(42, "00.000000") + entry(7, "01.000000") + entry(311, "02.000000"));
        String url = SERVER + db;

        CliRun refused = new CliRun();
        assertThat(refused.run("verify", "-q", "--db", url, "--db-user", "root", log.toString())).isEqualTo(2);
        assertThat(refused.err()).contains("cannot roll DDL back").contains("--scratch-ok");

        Schema before = schema(url);
        CliRun cli = new CliRun();
        assertThat(cli.run("verify", "-q", "--scratch-ok", "--db", url, "--db-user", "root", log.toString()))
            .as(cli.err()).isZero();
        assertThat(cli.out()).contains("used         #1 ALTER TABLE items ADD INDEX idx_items_category_created_at")
            .contains("ALL on items -> ref using logdex_verify_1 on items");
        String costLine = cli.out().lines().filter(l -> l.startsWith("workload estimated cost")).findFirst()
            .orElseThrow();
        assertThat(costLine).containsPattern("\\(-[0-9.]+%\\)");

        CliRun analyze = new CliRun();
        assertThat(analyze.run("analyze", "-q", "--verify", "--verify-method", "scratch", "--db", url, "--db-user",
            "root", "--format", "json", log.toString())).as(analyze.err()).isZero();
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(analyze.out());
        assertThat(root.at("/verification/method").asText()).isEqualTo("scratch");
        assertThat(root.at("/recommendations/0/reason").asText()).contains("verify: used by the planner");

        assertThat(schema(url).table("items").orElseThrow().indexes())
            .as("the indexes were dropped again").isEqualTo(before.table("items").orElseThrow().indexes());
      } finally {
        st.execute("DROP DATABASE IF EXISTS " + db);
      }
    }
  }

  private static Schema schema(String url) throws Exception {
    try (Connection c = LiveDb.connect(url, "root")) {
      return JdbcSchemaLoader.load(c);
    }
  }
}
