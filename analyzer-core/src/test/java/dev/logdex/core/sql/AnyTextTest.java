package dev.logdex.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.Fingerprint;
import dev.logdex.core.schema.Schema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Any text a log holds goes through fingerprinting and analysis without an exception: it is parsed, or reported
 * unparsed. Random mixtures of SQL fragments and junk, fixed seeds.
 */
class AnyTextTest {
  private static final String[] FRAGMENTS = {
    "SELECT ", "* ", "FROM ", "t ", "WHERE ", "a ", "= ", "$1 ", "? ", "'x''y' ", "\"Q\" ", "`b` ", "IN (", "1, ",
    ") ", "(", "JOIN ", "u ON ", "t.a = u.b ", "ORDER BY ", "DESC ", "LIMIT 10 ", "WITH c AS (", "UNION ", "--x\n",
    "/* c */ ", "/*!4010 SET */ ", "$$ body $$ ", "::int ", "-1 ", "1e5 ", "0x1F ", "E'\\'' ", ";", "INSERT INTO ",
    "VALUES (", "UPDATE ", "SET ", "DELETE ", "EXISTS (", "CASE WHEN ", "END ", "\u0000", "\u00e9", "\\"
  };

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14})
  void fingerprintingAndAnalysisNeverThrow(long seed) {
    Random random = new Random(seed);
    StatementAnalyzer pg = new StatementAnalyzer(Schema.empty(Dialect.POSTGRESQL), new SimpleMeterRegistry());
    StatementAnalyzer my = new StatementAnalyzer(Schema.empty(Dialect.MYSQL), new SimpleMeterRegistry());
    for (int round = 0; round < 150; round++) {
      StringBuilder b = new StringBuilder();
      int parts = random.nextInt(40);
      for (int i = 0; i < parts; i++) {
        b.append(random.nextInt(12) == 0 ? String.valueOf((char) random.nextInt(0x2000))
            : FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      }
      String sql = b.toString();
      assertThatCode(() -> {
        Fingerprint f = Fingerprinter.standard().fingerprint(sql);
        assertThat(Fingerprinter.standard().normalize(f.normalized())).isEqualTo(f.normalized());
        pg.analyze(f, sql);
        my.analyze(Fingerprinter.mysql().fingerprint(sql), sql);
      }).as("seed %d round %d: %s", seed, round, sql).doesNotThrowAnyException();
    }
  }
}
