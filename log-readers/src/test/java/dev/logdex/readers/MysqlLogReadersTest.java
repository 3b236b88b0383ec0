package dev.logdex.readers;

import static dev.logdex.readers.ReaderTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.QueryEvent;
import java.time.Instant;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class MysqlLogReadersTest {

  @Test
  void slowLogEntriesCarryTheirHeaderFields() throws Exception {
    var r = read(new SlowLogReader(), """
        # Time: 2024-03-01T10:00:00.000000Z
        # User@Host: app[app] @ web1 [10.0.0.5]  Id:    42
        # Query_time: 1.500000  Lock_time: 0.000200 Rows_sent: 10  Rows_examined: 5000
        use shop;
        SET timestamp=1709287200;
        SELECT * FROM orders
        WHERE user_id = 7;
        """);
    assertThat(r.events()).singleElement().satisfies(e -> {
      assertThat(e.text()).isEqualTo("SELECT * FROM orders\nWHERE user_id = 7");
      assertThat(e.totalMillis()).isEqualTo(1500.0);
      assertThat(e.lockMillis()).isEqualTo(0.2);
      assertThat(e.rows()).isEqualTo(10);
      assertThat(e.rowsExamined()).isEqualTo(5000);
      assertThat(e.user()).isEqualTo("app");
      assertThat(e.host()).isEqualTo("web1");
      assertThat(e.database()).isEqualTo("shop");
      assertThat(e.time()).contains(Instant.ofEpochSecond(1709287200));
    });
  }

  /** Seconds with none to nine decimals, or in any other form Java reads, read as Double.parseDouble reads them. */
  @Test
  void queryTimesReadAsTheirDecimalsSay() throws Exception {
    String[] times = {"0", "7", "0.1", "1.5", "0.000123", "12.123456", "2.123456789", "0.000000001", "999.999999",
        "1e-3", "0.0000000001", "1.", ".5", "4.25E2"};
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < times.length; i++) {
      log.append("# Time: 2024-03-01T10:00:00.000000Z\n# Query_time: ").append(times[i])
          .append("  Lock_time: 0 Rows_sent: 0  Rows_examined: 0\nSELECT ").append(i).append(";\n");
    }
    var r = read(new SlowLogReader(), log.toString());
    for (int i = 0; i < times.length; i++) {
      String text = "SELECT " + i;
      assertThat(r.events()).as(times[i]).filteredOn(e -> e.text().equals(text)).singleElement()
          .extracting(e -> e.totalMillis()).isEqualTo(Double.parseDouble(times[i]) * 1000);
    }
  }

  @Test
  void theSlowLogsOwnBlankIsJavasWhitespaceForEveryChar() {
    for (char c = 0; c < Character.MAX_VALUE; c++) {
      assertThat(Blanks.blank(c)).as("U+%04X", (int) c).isEqualTo(Character.isWhitespace(c));
    }
  }

  @Test
  void theFirstWordEndsWhereTheRegexWhitespaceClassWould() {
    java.util.Random random = new java.util.Random(17);
    char[] alphabet = {'a', 'b', ' ', '\t', '\n', '\u000B', '\f', '\r', '\u001C', '\u00A0', '\u2003', '@', '['};
    for (int n = 0; n < 20_000; n++) {
      StringBuilder s = new StringBuilder().append('a');
      for (int k = random.nextInt(12); k > 0; k--) {
        s.append(alphabet[random.nextInt(alphabet.length)]);
      }
      String v = s.toString();
      assertThat(Blanks.firstWord(v)).as("%s", v.chars().boxed().toList()).isEqualTo(v.split("\\s")[0]);
    }
  }

  @Test
  void theServerBannerIsKnownByItsThreeLinesAndNothingElse() {
    assertThat(MysqlBanner.is("/usr/sbin/mysqld, Version: 8.0.36 (MySQL Community Server - GPL). started with:"))
        .isTrue();
    assertThat(MysqlBanner.is("Tcp port: 3306  Unix socket: /run/mysqld/mysqld.sock")).isTrue();
    assertThat(MysqlBanner.is("TCP Port: 0  Unix socket: (null)")).isTrue();
    assertThat(MysqlBanner.is("Time                 Id Command    Argument")).isTrue();
    assertThat(MysqlBanner.is("SELECT 'started with:'")).isFalse();
    assertThat(MysqlBanner.is("Time Id Command")).isFalse();
    assertThat(MysqlBanner.is("")).isFalse();
  }

  @Test
  void theSlowLogsClientIsItsHostNameElseItsAddress() {
    assertThat(SlowLogReader.hostOf("app[app] @ web1 [10.0.0.5]  Id:    42")).isEqualTo("web1");
    assertThat(SlowLogReader.hostOf("app[app] @  [10.0.0.5]  Id: 7")).isEqualTo("10.0.0.5");
    assertThat(SlowLogReader.hostOf("root[root] @ localhost []")).isEqualTo("localhost");
    assertThat(SlowLogReader.hostOf("[SQL_SLAVE] @  []")).isEmpty();
  }

  @Test
  void aRestartBannerInTheMiddleAndAMultiStatementEntry() throws Exception {
    var r = read(new SlowLogReader(), """
        # User@Host: a[a] @ h []
        # Query_time: 2  Lock_time: 0  Rows_sent: 0  Rows_examined: 0
        SET NAMES utf8; SELECT 1;
        /usr/sbin/mariadbd, Version: 10.11.6-MariaDB (MariaDB Server). started with:
        Tcp port: 3306  Unix socket: /run/mysqld/mysqld.sock
        Time\t\t    Id Command\tArgument
        # User@Host: a[a] @ h []
        # Query_time: 1  Lock_time: 0  Rows_sent: 0  Rows_examined: 0
        SET timestamp=1;
        use other;
        """);
    // The first entry held two statements: the server timed them as one execution, so they stay one event.
    assertThat(r.events()).extracting(QueryEvent::text, QueryEvent::totalMillis).containsExactly(
        Tuple.tuple("SET NAMES utf8; SELECT 1", 2000.0), Tuple.tuple("use other", 1000.0));
    assertThat(r.skips().summary("s").passedOver()).containsEntry("server banner lines", 3L);
  }

  @Test
  void theServersReplicationIdsLineIsNotAStatementButAnApplicationsSetIs() throws Exception {
    var r = read(new SlowLogReader(), """
        # Query_time: 0.1  Lock_time: 0  Rows_sent: 0  Rows_examined: 0
        SET last_insert_id=5,insert_id=6,timestamp=1700000000;
        INSERT INTO t VALUES (1);
        # Query_time: 0.1  Lock_time: 0  Rows_sent: 0  Rows_examined: 0
        SET autocommit=0;
        """);
    assertThat(r.events()).extracting(QueryEvent::text).containsExactly("INSERT INTO t VALUES (1)", "SET autocommit=0");
    assertThat(r.events().get(0).time()).contains(Instant.ofEpochSecond(1700000000));
  }

  @Test
  void aTruncatedLastEntryIsASkipWithItsLine() throws Exception {
    var r = read(new SlowLogReader(), """
        # Query_time: 0.1  Lock_time: 0  Rows_sent: 0  Rows_examined: 0
        SELECT 1;
        # Time: 2024-03-01T10:00:00Z
        # User@Host: a[a] @ h []
        """);
    assertThat(r.events()).hasSize(1);
    assertThat(r.skips().summary("s").firstSkipAt()).containsEntry("entry with no statement (cut short)", "t.log:3");
  }

  @Test
  void generalLogTracksTheDatabaseOfEachConnectionAndJoinsContinuationLines() throws Exception {
    var r = read(new GeneralLogReader(), """
        2024-03-01T10:00:00.000001Z\t   10 Connect\tapp@localhost on shop using TCP/IP
        2024-03-01T10:00:00.000002Z\t   11 Connect\tapp@localhost on  using TCP/IP
        2024-03-01T10:00:00.000003Z\t   11 Init DB\tcrm
        2024-03-01T10:00:00.000004Z\t   10 Query\tSELECT *
        FROM orders
        WHERE id = 1
        2024-03-01T10:00:00.000005Z\t   11 Prepare\tSELECT * FROM leads WHERE id = ?
        2024-03-01T10:00:00.000006Z\t   11 Execute\tSELECT * FROM leads WHERE id = 3
        2024-03-01T10:00:00.000007Z\t   10 Quit\t
        """);
    assertThat(r.events()).extracting(QueryEvent::text, QueryEvent::database).containsExactly(
        Tuple.tuple("SELECT *\nFROM orders\nWHERE id = 1", "shop"),
        Tuple.tuple("SELECT * FROM leads WHERE id = 3", "crm"));
    assertThat(r.skips().skipped()).isZero();
  }

  @Test
  void generalLogOfMysql5WritesTheTimeOnlyWhenItChanges() throws Exception {
    var r = read(new GeneralLogReader(), """
        051007 21:55:24\t     42 Connect     root@localhost on db1
        \t\t     42 Query       SELECT foo FROM tbl
        \t\t     42 Quit
        """);
    assertThat(r.events()).singleElement().satisfies(e -> {
      assertThat(e.database()).isEqualTo("db1");
      assertThat(e.time()).contains(Instant.parse("2005-10-07T21:55:24Z"));
    });
  }
}
