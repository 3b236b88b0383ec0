package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A database that refuses the login is said once, in logdex's words: no driver log line beside it. */
class DriverNoiseIT {

  @Test
  void aWrongMariadbPasswordGivesOneLineAndExit2() throws Exception {
    try (var probe = LiveDb.connect(LiveDb.MARIADB, "root")) {
      // the server is there (else skipped, or fatal in CI); the login below is refused by it, not unreachable
    }
    Process p = new ProcessBuilder("java", "-jar", Path.of("target/logdex.jar").toAbsolutePath().toString(),
        "analyze", "--db", LiveDb.MARIADB + "mysql?user=root&password=certainly-wrong",
        Path.of("../sample-logs/shop/pg_stat_statements.csv").toAbsolutePath().toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isEqualTo(2);
    assertThat(err.lines().toList()).as(err).singleElement().asString()
        .startsWith("logdex: --db ").contains("Access denied").doesNotContain("certainly-wrong")
        .contains("Give the password of user root with LOGDEX_DB_PASSWORD");
  }
}
