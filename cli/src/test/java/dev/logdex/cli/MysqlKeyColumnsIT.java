package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.logdex.core.lex.SqlScript;
import dev.logdex.core.model.Dialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On MariaDB the keys logdex proposes are ones the server can build and use: a TEXT column, which it keys only by a
 * prefix, is left out of an index (the statement it wrote before failed: "max key length is 3072 bytes"), so are
 * the last of four utf8mb4 varchar(255) columns, which together are too long a key, and a
 * range that reads many rows for a count by a reserved-word column holds that column too, so the plan reads the
 * index alone ("Using index"). Run on the real server against a mixed-case table.
 */
class MysqlKeyColumnsIT {

  @TempDir Path dir;

  @Test
  void theProposedIndexesBuildOnMariadbAndTheRangeIsAnsweredFromTheIndexAlone() throws Exception {
    LiveDb.inScratchMariadb((db, url) -> {
      try (Connection c = LiveDb.connect(url, "root"); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE `Bookings` (id bigint PRIMARY KEY, party_size int NOT NULL, `key` varchar(20) NOT"
            + " NULL, notes text, created_at datetime NOT NULL, first_name varchar(255), last_name varchar(255),"
            + " city varchar(255), street varchar(255)) DEFAULT CHARSET=utf8mb4");
        s.execute("INSERT INTO `Bookings` (id, party_size, `key`, notes, created_at)"
            + " SELECT seq, 1 + seq % 8, ELT(1 + seq % 3, 'done', 'open', 'gone'),"
            + " IF(seq % 9 = 0, 'window seat', NULL), '2026-01-01' + INTERVAL seq MINUTE FROM seq_1_to_60000");
        s.execute("ANALYZE TABLE `Bookings`");
      }
      String report = "SELECT `key`, COUNT(*) FROM `Bookings` WHERE created_at BETWEEN '2026-01-10' AND "
          + "'2026-01-11' GROUP BY `key`";
      String[] queries = {report, "SELECT id FROM `Bookings` WHERE notes = 'window seat' AND party_size = 3",
          "SELECT id FROM `Bookings` WHERE first_name = 'a' AND last_name = 'b' AND city = 'c' AND street = 'd'"};
      Path file = Files.writeString(dir.resolve("slow.log"), SlowLogs.threeCallsEach(db, queries));

      CliRun run = new CliRun();
      assertThat(run.run("analyze", "-q", "--db", url, "--db-user", "root", "--format", "json", file.toString()))
          .as(run.err()).isZero();
      JsonNode recs = new ObjectMapper().readTree(run.out()).get("recommendations");
      List<String> keys = new ArrayList<>();
      List<String> names = new ArrayList<>();
      recs.forEach(r -> {
        keys.add(r.get("table").asText() + " " + r.get("columns"));
        names.add(r.get("name").asText());
      });
      assertThat(keys).containsExactlyInAnyOrder("Bookings [\"created_at\",\"key\"]", "Bookings [\"party_size\"]",
          "Bookings [\"first_name\",\"last_name\",\"city\"]");

      try (Connection c = LiveDb.connect(url, "root"); Statement s = c.createStatement()) {
        for (JsonNode r : recs) {
          for (SqlScript.Statement st : SqlScript.split(r.get("ddl").asText(), Dialect.MYSQL)) {
            s.execute(st.text()); // each statement logdex printed runs as printed
          }
        }
        s.execute("ANALYZE TABLE `Bookings`");
        try (ResultSet rs = s.executeQuery("EXPLAIN " + report)) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("key")).isEqualTo(names.get(keys.indexOf("Bookings [\"created_at\",\"key\"]")));
          assertThat(rs.getString("Extra")).contains("Using index");
        }
      }
    });
  }
}
