package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A password on the command line is remembered, in whichever form it comes, so that no message shows it. */
class SecretsTest {

  @AfterEach
  void forget() {
    Secrets.clear();
  }

  @Test
  void aPasswordInAnyFormOfUrlOrOptionIsNeverShownAgain() {
    for (String[] given : List.of(
        new String[] {"--db", "jdbc:postgresql://app:s3cret-1@db.example/shop", "s3cret-1"},
        new String[] {"--db", "postgres://app:s3cret-2@db.example:5432/shop", "s3cret-2"},
        new String[] {"--db", "mysql://root:s3cret-3@127.0.0.1/shop", "s3cret-3"},
        new String[] {"--db", "jdbc:mariadb://db.example/shop?user=app&password=s3cret-4", "s3cret-4"},
        new String[] {"--db", "jdbc:postgresql://db.example/shop?user=app&PASSWORD=s3cret-5", "s3cret-5"},
        new String[] {"--db", "host=db.example user=app Pwd=s3cret-6 dbname=shop", "s3cret-6"},
        new String[] {"--db", "Server=db;Passwd=s3cret-7;Database=shop", "s3cret-7"},
        new String[] {"--db-password=s3cret-8", "analyze", "s3cret-8"},
        new String[] {"--DB-PASSWORD", "s3cret-9", "s3cret-9"})) {
      Secrets.addFromArguments(given[0], given[1]);
      // The password alone, out of its URL: only a remembered one is found.
      assertThat(Secrets.scrub("cannot connect as app with " + given[2])).as(given[1])
          .isEqualTo("cannot connect as app with ***");
    }
  }
}
