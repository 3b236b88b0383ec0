package dev.logdex.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.logdex.core.model.QueryEvent;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged input never stops a reader: every reader is fed random mixtures of real log fragments, quotes, control
 * characters and junk, and must come back with events and skips, never an exception. Seeds are fixed, so a failure
 * reproduces.
 */
class ReadersNeverThrowTest {

  private static final String[] FRAGMENTS = {
    "# Time: 071015 21:43:52", "# User@Host: root[root] @ localhost []", "# Query_time: 0.5  Lock_time: 0 ",
    "Rows_sent: 1  Rows_examined: x", "use db;", "SET timestamp=", "SELECT * FROM t WHERE a = '", "\"", "'", "`",
    ";", "\n", "\n", "\n", "\t", "  ", "2024-03-01 10:00:00 UTC [12] ", "LOG:  ", "duration: ", "12.5 ms  ",
    "statement: ", "execute <unnamed>: ", "DETAIL:  parameters: $1 = '", "ERROR:  ", "STATEMENT:  ",
    "[7-2] #011", "postgres[1]: ", "{\"error_severity\":\"LOG\",\"message\":\"", "}", "{", ",", ",LOG,00000,",
    "query,calls,total_exec_time\n", "051007 21:55:24\t", "    42 Query\t", "Connect\t", "Init DB ",
    "/usr/sbin/mysqld, Version: 8.0 started with:", "\u0000", "\uFFFD", "\u00e9", "$$", "/*", "*/", "--", "#",
    "18446744073709.99", "-1", "NaN", "1e400"
  };

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void noReaderThrowsOnAnyInput(long seed) {
    Random random = new Random(seed);
    for (int round = 0; round < 60; round++) {
      StringBuilder b = new StringBuilder();
      int parts = random.nextInt(200);
      for (int i = 0; i < parts; i++) {
        if (random.nextInt(10) == 0) {
          b.append((char) random.nextInt(0x3000));
        } else {
          b.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
        }
      }
      String input = b.toString();
      assertThatCode(() -> FormatDetector.detect(new java.io.BufferedReader(new StringReader(input))))
          .as("detection on seed %d round %d", seed, round).doesNotThrowAnyException();
      for (LogReader reader : FormatDetector.readers()) {
        List<QueryEvent> events = new ArrayList<>();
        SkipAccount skips = new SkipAccount("fuzz");
        assertThatCode(() -> reader.read(new StringReader(input), "fuzz", events::add, skips))
            .as("%s on seed %d round %d", reader.format(), seed, round).doesNotThrowAnyException();
        assertThat(skips.events()).isEqualTo(events.size());
      }
    }
  }
}
