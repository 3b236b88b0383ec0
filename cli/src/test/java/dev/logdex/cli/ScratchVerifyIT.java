package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.schema.JdbcSchemaLoader;
import dev.logdex.core.schema.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * logdex verify on the machine's MariaDB, which cannot roll DDL back: a workload runs, its slow log is read back, and
 * only with --scratch-ok the indexes are created for real, the queries explained before and after, and the indexes
 * dropped again.
 */
class ScratchVerifyIT {
  private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";

  /** The server's slow log (every statement) of a workload of category lookups, in a directory of its own. */
  private static Path slowLogOf(String db, int[] categories) throws Exception {
    Path logDir = Files.createTempDirectory("logdex-mariadb-slow"); // JUnit's own is closed to the server
    // The server writes here as its own user.
    Files.setPosixFilePermissions(logDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
    Path slow = logDir.resolve("slow.log");
    // Server-wide settings, under the same lock as the log readers' live test.
    java.util.LinkedHashMap<String, String> logging = new java.util.LinkedHashMap<>();
    logging.put("log_output", "FILE");
    logging.put("slow_query_log_file", slow.toString());
    logging.put("long_query_time", "0");
    logging.put("slow_query_log", "1");
    try (Connection admin = LiveDb.connect(SERVER, "root"); Statement st = admin.createStatement()) {
      LiveDb.withMariadbGlobals(st, logging, () -> {
        try (Connection c = LiveDb.connect(SERVER + db, "root"); Statement w = c.createStatement()) {
          for (int category : categories) {
            try (var rs = w.executeQuery("SELECT id, price FROM items WHERE category = " + category
                + " ORDER BY created_at DESC LIMIT 20")) {
              while (rs.next()) {
                rs.getLong(1);
              }
            }
          }
        }
      });
    }
    return slow;
  }

  @Test
  void aSlowLogReadBackIsVerifiedOnTheScratchCopyAndTheIndexesAreDroppedAgain() throws Exception {
    String db = LiveDb.scratch();
    java.util.List<Path> logDirs = new java.util.ArrayList<>();
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
        Path log = slowLogOf(db, new int[] {42, 7, 311, 42, 99});
        logDirs.add(log.getParent());
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
        for (Path d : logDirs) {
          try (var files = Files.walk(d)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
          }
        }
      }
    }
  }

  private static Schema schema(String url) throws Exception {
    try (Connection c = LiveDb.connect(url, "root")) {
      return JdbcSchemaLoader.load(c);
    }
  }
}
