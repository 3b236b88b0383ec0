package dev.logdex.readers;

import static dev.logdex.readers.ReaderTesting.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.QueryEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PostgresLogReaderTest {

  @Test
  void durationStatementsAreTimedCallsWithUserAndDatabaseFromThePrefix() throws Exception {
    var r = read(new PostgresLogReader(), """
        2024-03-01 10:00:00.123 UTC [311] user=app,db=shop LOG:  duration: 12.5 ms  statement: SELECT * FROM users
        \tWHERE id = 7
        2024-03-01 10:00:01 UTC [312] app@shop LOG:  duration: 1.0 ms  execute <unnamed>: SELECT 1 WHERE $1 = 2
        2024-03-01 10:00:01 UTC [312] app@shop DETAIL:  parameters: $1 = '5'
        """);
    assertThat(r.events()).hasSize(2);
    QueryEvent first = r.events().get(0);
    assertThat(first.text()).isEqualTo("SELECT * FROM users\nWHERE id = 7");
    assertThat(first.totalMillis()).isEqualTo(12.5);
    assertThat(first.user()).isEqualTo("app");
    assertThat(first.database()).isEqualTo("shop");
    assertThat(first.time()).contains(Instant.parse("2024-03-01T10:00:00.123Z"));
    assertThat(r.events().get(1).database()).isEqualTo("shop");
    assertThat(r.events().get(1).text()).isEqualTo("SELECT 1 WHERE '5' = 2"); // the logged value put in
    assertThat(r.skips().skipped()).isZero();
  }

  /** The reader keeps what each prefix it has read names, up to a few thousand: more than that start over. */
  @Test
  void everyLineGetsTheWriterItsOwnPrefixNamesHoweverManyPrefixesTheLogHas() throws Exception {
    StringBuilder log = new StringBuilder();
    int prefixes = 10_000;
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < prefixes; i++) {
        log.append("2024-03-01 10:00:0").append(round).append(" UTC [").append(i).append("] u").append(i % 7)
            .append("@db").append(i % 13).append(" LOG:  duration: 1.0 ms  statement: SELECT ").append(i).append('\n');
      }
    }
    var r = read(new PostgresLogReader(), log.toString());
    assertThat(r.events()).hasSize(2 * prefixes);
    for (int k = 0; k < r.events().size(); k++) {
      QueryEvent e = r.events().get(k);
      int i = k % prefixes;
      assertThat(e.text()).isEqualTo("SELECT " + i);
      assertThat(e.user()).as("line %d", k + 1).isEqualTo("u" + i % 7);
      assertThat(e.database()).as("line %d", k + 1).isEqualTo("db" + i % 13);
    }
  }

  @Test
  void loggedParameterValuesGoIntoTheirStatementWhereverTheDetailComes() throws Exception {
    var r = read(new PostgresLogReader(), """
        2024-03-01 10:00:01 UTC [5] app@shop LOG:  duration: 1.0 ms  execute S_1: SELECT a FROM t WHERE b = $1 AND c = $2 AND d = '$1' -- $2
        2024-03-01 10:00:01 UTC [6] app@shop LOG:  duration: 2.0 ms  execute S_2: SELECT x FROM u WHERE y = $1
        2024-03-01 10:00:01 UTC [5] app@shop DETAIL:  parameters: $1 = 'it''s', $2 = NULL
        2024-03-01 10:00:02 UTC [7] app@shop LOG:  execute <unnamed>: UPDATE t SET a = $1 WHERE b = $2
        2024-03-01 10:00:02 UTC [7] app@shop DETAIL:  parameters: $1 = '1', $2 = '2'
        2024-03-01 10:00:02 UTC [7] app@shop LOG:  duration: 3.0 ms
        2024-03-01 10:00:03 UTC [8] app@shop LOG:  duration: 4.0 ms  execute S_3: SELECT $1::int
        2024-03-01 10:00:03 UTC [8] app@shop DETAIL:  parameters: $1 = 'unterminated
        """);
    assertThat(r.events()).extracting(QueryEvent::text).containsExactlyInAnyOrder(
        "SELECT a FROM t WHERE b = 'it''s' AND c = NULL AND d = '$1' -- $2", // quoted text and comments kept
        "SELECT x FROM u WHERE y = $1", // its backend logged no values: as it was
        "UPDATE t SET a = '1' WHERE b = '2'", // values before the duration of log_statement + log_duration
        "SELECT $1::int"); // values that cannot be read leave the statement as it was
    assertThat(r.events()).extracting(QueryEvent::totalMillis).containsExactlyInAnyOrder(1.0, 2.0, 3.0, 4.0);
    assertThat(r.skips().skipped()).isZero();
  }

  @Test
  void csvlogParametersComeInTheDetailField() throws Exception {
    var r = read(new PostgresCsvLogReader(), "2024-03-01 10:00:00.000 UTC,\"app\",\"shop\",42,\"h:1\",s1,1,"
        + "\"SELECT\",2024-03-01 10:00:00 UTC,3/1,0,LOG,00000,\"duration: 1.5 ms  execute <unnamed>: SELECT * FROM t WHERE id = $1\","
        + "\"parameters: $1 = '7'\",,,,,,,,\"\"\n");
    assertThat(r.events()).singleElement().extracting(QueryEvent::text).isEqualTo("SELECT * FROM t WHERE id = '7'");
  }

  @Test
  void aLoggedStatementTakesTheLaterBareDurationOfTheSameBackend() throws Exception {
    var r = read(new PostgresLogReader(), """
        2024-03-01 10:00:00 UTC [1] LOG:  statement: SELECT a FROM t
        2024-03-01 10:00:00 UTC [2] LOG:  statement: SELECT b FROM t
        2024-03-01 10:00:00 UTC [1] LOG:  duration: 3.000 ms
        2024-03-01 10:00:00 UTC [2] LOG:  statement: SELECT c FROM t
        """);
    assertThat(r.events()).extracting(QueryEvent::text, QueryEvent::totalMillis).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("SELECT a FROM t", 3.0),
        org.assertj.core.groups.Tuple.tuple("SELECT b FROM t", 0.0),
        org.assertj.core.groups.Tuple.tuple("SELECT c FROM t", 0.0));
  }

  @Test
  void parseBindErrorsAndTheirStatementsAreNotCalls() throws Exception {
    var r = read(new PostgresLogReader(), """
        2024-03-01 10:00:00 UTC [1] LOG:  duration: 0.1 ms  parse s1: SELECT 1
        2024-03-01 10:00:00 UTC [1] LOG:  duration: 0.1 ms  bind s1: SELECT 1
        2024-03-01 10:00:00 UTC [1] LOG:  duration: 0.5 ms  execute s1: SELECT 1
        2024-03-01 10:00:00 UTC [1] ERROR:  relation "nope" does not exist at character 15
        2024-03-01 10:00:00 UTC [1] STATEMENT:  SELECT * FROM nope
        2024-03-01 10:00:00 UTC [1] LOG:  checkpoint starting: time
        pg_ctl: could not start server
        """);
    assertThat(r.events()).singleElement().satisfies(e -> assertThat(e.text()).isEqualTo("SELECT 1"));
    assertThat(r.skips().skipped()).isZero();
    assertThat(r.skips().summary("postgres").passedOver()).containsKeys(
        "parse phases (their execute is the call)", "bind phases (their execute is the call)",
        "server messages (ERROR)", "server messages (STATEMENT)", "lines outside any log message");
  }

  @Test
  void anExplicitLogLinePrefixIsMatchedExactly() throws Exception {
    var r = read(new PostgresLogReader("%m [%p] %q%u@%d "), """
        2024-03-01 10:00:00.500 CET [77] bob@sales LOG:  duration: 2 ms  statement: SELECT 2
        2024-03-01 10:00:00.600 CET [78] LOG:  checkpoint complete
        """);
    assertThat(r.events()).singleElement().satisfies(e -> {
      assertThat(e.user()).isEqualTo("bob");
      assertThat(e.database()).isEqualTo("sales");
      assertThat(e.time()).contains(Instant.parse("2024-03-01T09:00:00.500Z"));
    });
  }

  @Test
  void syslogContinuationLinesJoinTheirMessage() throws Exception {
    var r = read(new PostgresLogReader(), """
        Feb 11 13:15:40 host postgres[10819]: [7-1] db=d,user=u LOG:  duration: 1.5 ms  statement: SELECT a,
        Feb 11 13:15:40 host postgres[10819]: [7-2] #011       b FROM t
        """);
    assertThat(r.events()).singleElement().satisfies(e -> {
      assertThat(e.text()).isEqualTo("SELECT a,\n       b FROM t");
      assertThat(e.database()).isEqualTo("d");
    });
  }

  @Test
  void csvlogMessagesSpanningLinesAndJsonlogRecordsAreRead() throws Exception {
    var csv = read(new PostgresCsvLogReader(), """
        2024-03-01 10:00:00.1 UTC,"u","d",9,"h:1",s.1,1,"SELECT",2024-03-01 09:00:00 UTC,1/1,0,LOG,00000,\
        "duration: 4.5 ms  statement: SELECT x
        FROM y",,,,,,,,,"app","client backend",,0
        """);
    assertThat(csv.events()).singleElement().satisfies(e -> {
      assertThat(e.text()).isEqualTo("SELECT x\nFROM y");
      assertThat(e.totalMillis()).isEqualTo(4.5);
      assertThat(e.user()).isEqualTo("u");
    });
    var json = read(new PostgresJsonLogReader(), """
        {"timestamp":"2024-03-01 10:00:00.000 UTC","user":"u","dbname":"d","pid":5,"error_severity":"LOG","message":"duration: 2.0 ms  statement: SELECT 3"}
        {"level":"info","msg":"not a record"}
        {"logger":"postgres","record":{"log_time":"2024-03-01 10:00:01.000 UTC","user_name":"v","database_name":"e","process_id":"6","error_severity":"LOG","message":"duration: 1.0 ms  statement: SELECT 4"}}
        """);
    assertThat(json.events()).extracting(QueryEvent::text, QueryEvent::database).containsExactly(
        org.assertj.core.groups.Tuple.tuple("SELECT 3", "d"), org.assertj.core.groups.Tuple.tuple("SELECT 4", "e"));
  }

  @Test
  void theClientHostAndTheApplicationNameAreReadWhereTheLogHasThem() throws Exception {
    var csv = read(new PostgresCsvLogReader(), """
        2024-03-01 10:00:00.1 UTC,"u","d",9,"10.0.0.5:51234",s.1,1,"SELECT",2024-03-01 09:00:00 UTC,1/1,0,LOG,00000,\
        "duration: 4.5 ms  statement: SELECT 1",,,,,,,,,"billing worker","client backend",,0
        2024-03-01 10:00:00.2 UTC,"u","d",9,"[local]",s.1,1,"SELECT",2024-03-01 09:00:00 UTC,1/1,0,LOG,00000,\
        "duration: 4.5 ms  statement: SELECT 2",,,,,,,,,"","client backend",,0
        """);
    assertThat(csv.events()).extracting(QueryEvent::host, QueryEvent::application).containsExactly(
        org.assertj.core.groups.Tuple.tuple("10.0.0.5", "billing worker"), org.assertj.core.groups.Tuple.tuple("", ""));
    var json = read(new PostgresJsonLogReader(), """
        {"timestamp":"2024-03-01 10:00:00.000 UTC","user":"u","dbname":"d","pid":5,"remote_host":"::1","remote_port":5,"application_name":"psql","error_severity":"LOG","message":"duration: 2.0 ms  statement: SELECT 3"}
        """);
    assertThat(json.events()).extracting(QueryEvent::host, QueryEvent::application)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("::1", "psql"));
    var prefixed = read(new PostgresLogReader("%m [%p] %q%u@%d %a %r "), """
        2024-03-01 10:00:00.500 UTC [77] bob@sales rails 192.168.1.9(40112) LOG:  duration: 2 ms  statement: SELECT 2
        """);
    assertThat(prefixed.events()).extracting(QueryEvent::host, QueryEvent::application)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("192.168.1.9", "rails"));
    // pgBadger's recommended prefix, read without being told: '%t [%p]: user=%u,db=%d,app=%a,client=%h '
    var guessed = read(new PostgresLogReader(), """
        2024-03-01 10:00:00 UTC [78]: user=bob,db=sales,app=sidekiq,client=10.1.2.3 LOG:  duration: 3 ms  statement: SELECT 4
        """);
    assertThat(guessed.events()).extracting(QueryEvent::user, QueryEvent::host, QueryEvent::application)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("bob", "10.1.2.3", "sidekiq"));
  }
}
