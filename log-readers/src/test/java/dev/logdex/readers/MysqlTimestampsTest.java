package dev.logdex.readers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one reader of MySQL's and MariaDB's log times, for the slow log and the general log alike. */
class MysqlTimestampsTest {

  @Test
  void bothFormsAreRead() {
    assertThat(MysqlTimestamps.parse("2024-03-01T10:00:00.000001Z"))
        .contains(Instant.parse("2024-03-01T10:00:00.000001Z"));
    assertThat(MysqlTimestamps.parse("2024-03-01T10:00:00+02:00")).contains(Instant.parse("2024-03-01T08:00:00Z"));
    assertThat(MysqlTimestamps.parse("071218 11:48:27")).contains(Instant.parse("2007-12-18T11:48:27Z"));
    assertThat(MysqlTimestamps.parse("100211  0:55:24")).contains(Instant.parse("2010-02-11T00:55:24Z"));
  }

  @Test
  void anythingElseIsNoTime() {
    assertThat(MysqlTimestamps.parse("yesterday")).isEmpty();
    assertThat(MysqlTimestamps.parse("071318 11:48:27")).as("month 13").isEmpty();
    assertThat(MysqlTimestamps.parse("")).isEmpty();
  }
}
