package dev.logdex.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class IsoTimestampsTest {

  @Test
  void theFormsLogsWriteAreReadAsJavaTimeReadsThem() {
    assertThat(IsoTimestamps.parse("2026-11-20T00:00:00.000482Z")).isEqualTo(Instant.parse("2026-11-20T00:00:00.000482Z"));
    assertThat(IsoTimestamps.parse("2017-09-06 08:40:10.123 UTC")).isEqualTo(Instant.parse("2017-09-06T08:40:10.123Z"));
    assertThat(IsoTimestamps.parse(" 2017-09-06 08:40:10 GMT ")).isEqualTo(Instant.parse("2017-09-06T08:40:10Z"));
    assertThat(IsoTimestamps.parse("2017-09-06 08:40:10")).isEqualTo(Instant.parse("2017-09-06T08:40:10Z"));
    assertThat(IsoTimestamps.parse("2024-02-29 23:59:59.999999999+05:30"))
        .isEqualTo(OffsetDateTime.parse("2024-02-29T23:59:59.999999999+05:30").toInstant());
    assertThat(IsoTimestamps.parse("2024-01-01 00:00:00 -03"))
        .isEqualTo(OffsetDateTime.parse("2024-01-01T00:00:00-03:00").toInstant());
    assertThat(IsoTimestamps.parse("2024-01-01T00:00:00+0100"))
        .isEqualTo(OffsetDateTime.parse("2024-01-01T00:00:00+01:00").toInstant());
  }

  @Test
  void anythingElseIsLeftToJavaTime() {
    assertThat(IsoTimestamps.parse("2017-09-06 08:40:10 CET")).isNull(); // a named zone
    assertThat(IsoTimestamps.parse("2023-02-29 10:00:00")).isNull(); // no such day
    assertThat(IsoTimestamps.parse("2023-01-01 24:00:00")).isNull();
    assertThat(IsoTimestamps.parse("2023-01-01 10:00:00.")).isNull();
    assertThat(IsoTimestamps.parse("2023-01-01 10:00")).isNull();
    assertThat(IsoTimestamps.parse("071218 11:48:27")).isNull();
    assertThat(IsoTimestamps.parse("")).isNull();
  }

  @Test
  void aSlowLogStatementLosesItsBlanksAndTerminatorsOnly() {
    assertThat(SlowLogReader.statement("  SELECT 1 ; ;\n")).isEqualTo("SELECT 1");
    assertThat(SlowLogReader.statement("SELECT ';'\n")).isEqualTo("SELECT ';'");
    assertThat(SlowLogReader.statement(" ;\n")).isEqualTo(";");
    assertThat(SlowLogReader.statement("\n")).isEmpty();
  }
}
