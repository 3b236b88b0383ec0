package dev.logdex.readers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.Corpus;
import dev.logdex.core.model.InputSummary;
import dev.logdex.core.model.QueryEvent;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every real log of the shared corpus, read by the reader its format is detected as: how many events each file
 * holds, and every line skipped with its reason. A new skip reason, a lost or doubled event, or a misdetected
 * format fails here. The event counts were checked against the files: one per {@code # Query_time} entry of a slow
 * log, one per {@code Query}/{@code Execute} line of a general log, one per {@code statement:}/{@code execute}
 * message of a PostgreSQL log (parse and bind phases are not calls).
 */
class CorpusLogsTest {

  /** file | detected format | events | skipped reasons (reason=count; ...), empty when nothing was skipped. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
        "mysql-slow/go-mysql-mariadb102-with-explain.log | mysql_slow | 1 | ",
        "mysql-slow/go-mysql-mariadb108-with-tab.log | mysql_slow | 1 | ",
        "mysql-slow/go-mysql-slow011.log | mysql_slow | 3 | ",
        "mysql-slow/go-mysql-slow012.log | mysql_slow | 3 | ",
        "mysql-slow/go-mysql-slow013.log | mysql_slow | 5 | ",
        "mysql-slow/go-mysql-slow015.log | mysql_slow | 2 | ",
        "mysql-slow/go-mysql-slow016.log | mysql_slow | 1 | entry before the first complete header (the log starts mid-entry)=1",
        "mysql-slow/go-mysql-slow017.log | mysql_slow | 1 | statement text before the first entry header (the log starts mid-entry)=1",
        "mysql-slow/go-mysql-slow021.log | mysql_slow | 1 | ",
        "mysql-slow/go-mysql-slow022.log | mysql_slow | 1 | ",
        "mysql-slow/go-mysql-slow023.log | mysql_slow | 8 | ",
        "mysql-slow/go-mysql-slow024.log | mysql_slow | 3 | ",
        "mysql-slow/go-mysql-slow026.log | mysql_slow | 1 | ",
        "mysql-slow/microslow001.txt | mysql_slow | 2 | ",
        "mysql-slow/mysql5.7.log | mysql_slow | 2 | ",
        "mysql-slow/pt-secure-collect-slow_80.log | mysql_slow | 310 | ",
        "mysql-slow/slow-pt-243.txt | mysql_slow | 2 | ",
        "mysql-slow/slow001.txt | mysql_slow | 2 | ",
        "mysql-slow/slow002.txt | mysql_slow | 8 | ",
        "mysql-slow/slow005.txt | mysql_slow | 1 | ",
        "mysql-slow/slow006.txt | mysql_slow | 6 | ",
        "mysql-slow/slow008.txt | mysql_slow | 3 | ",
        "mysql-slow/slow009.txt | mysql_slow | 2001 | ",
        "mysql-slow/slow010.txt | mysql_slow | 1 | ",
        "mysql-slow/slow013.txt | mysql_slow | 5 | ",
        "mysql-slow/slow014.txt | mysql_slow | 2 | ",
        "mysql-slow/slow015.txt | mysql_slow | 0 | entry with no statement (cut short)=1",
        "mysql-slow/slow016.txt | mysql_slow | 2 | ",
        "mysql-slow/slow017.txt | mysql_slow | 1 | ",
        "mysql-slow/slow020.txt | mysql_slow | 3 | ",
        "mysql-slow/slow022.txt | mysql_slow | 6 | ",
        "mysql-slow/slow023.txt | mysql_slow | 1 | ",
        "mysql-slow/slow024.txt | mysql_slow | 4 | ",
        "mysql-slow/slow026.txt | mysql_slow | 2 | ",
        "mysql-slow/slow027.txt | mysql_slow | 1 | ",
        "mysql-slow/slow029.txt | mysql_slow | 3 | ",
        "mysql-slow/slow031.txt | mysql_slow | 1 | ",
        "mysql-slow/slow032.txt | mysql_slow | 1 | ",
        "mysql-slow/slow034.txt | mysql_slow | 9 | ",
        "mysql-slow/slow035.txt | mysql_slow | 2 | entry with no statement (cut short)=1",
        "mysql-slow/slow038.txt | mysql_slow | 9 | ",
        "mysql-slow/slow041.txt | mysql_slow | 2 | entry before the first complete header (the log starts mid-entry)=1",
        "mysql-slow/slow044.txt | mysql_slow | 2 | ",
        "mysql-slow/slow045.txt | mysql_slow | 2 | ",
        "mysql-slow/slow046.txt | mysql_slow | 1 | ",
        "mysql-slow/slow056.txt | mysql_slow | 2 | ",
        "mysql-slow/slow058.txt | mysql_slow | 6 | ",
        "mysql-slow/slow059.txt | mysql_slow | 3 | ",
        "mysql-slow/slow060.txt | mysql_slow | 1 | ",
        "mysql-slow/slow061.txt | mysql_slow | 1 | ",
        "mysql-general/genlog001.txt | mysql_general | 2 | ",
        "mysql-general/genlog002.txt | mysql_general | 2 | ",
        "mysql-general/genlog003.txt | mysql_general | 2 | ",
        "mysql-general/genlog004.txt | mysql_general | 1 | ",
        "mysql-general/genlog005.txt | mysql_general | 11 | ",
        "mysql-general/pt-1573-general-log-system.log | mysql_general | 3 | ",
        "pg-logs/dexter-queries.jsonlog.log | postgres_json | 1 | ",
        "pg-logs/dexter-queries.log | postgres | 1 | ",
        "pg-logs/pgbadger-anonymize.log | postgres_csv | 5 | ",
        "pg-logs/pgbadger-begin_end.log | postgres | 0 | ",
        "pg-logs/pgbadger-cnpg.jsonl.log | postgres_json | 400 | ",
        "pg-logs/pgbadger-csv_statement_without_duration.log | postgres_csv | 2 | ",
        "pg-logs/pgbadger-light.postgres.log | postgres | 629 | ",
        "pg-logs/pgbadger-logplex.log | postgres | 4 | ",
        "pg-logs/pgbadger-multiline_param.log | postgres | 5 | ",
        "pg-logs/pgbadger-pg-syslog.1.head3000.log | postgres | 2952 | ",
        "pg-logs/pgbadger-pg-timezones.log | postgres | 2 | ",
        "pg-logs/pgbadger-pg_rawcsv.log | postgres | 0 | ",
        "pg-logs/pgbadger-postgresql_param_range.log | postgres | 3 | ",
        "pg-logs/pgbadger-queryid.log | postgres | 20 | ",
        "pg-logs/pgbadger-rds.head3000.log | postgres | 2987 | statement message with no statement text=3",
        "pg-logs/pgbadger-stmt_type.log | postgres | 12 | ",
        "pg-logs/pgbadger-tempfile_only.log | postgres | 65 | ",
        "pg-logs/pgbadger-weeknumber.log | postgres_csv | 6 | ",
        "pg-logs/dexter-queries.csv | postgres_csv | 1 | ",
        "pg-logs/dexter-queries.sql | sql | 1 | "
  })
  void readsEveryCorpusLogWithOnlyExplainedSkips(String file, String format, long events, String skipped)
      throws IOException {
    Path path = Corpus.root().resolve(file);
    LogReader reader = FormatDetector.detect(path.toString()).orElseThrow();
    assertThat(reader.format()).as("detected format of %s", file).isEqualTo(format);
    SkipAccount skips = new SkipAccount(file);
    List<QueryEvent> read = new ArrayList<>();
    try (Reader in = InputFiles.open(path.toString())) {
      reader.read(in, file, read::add, skips);
    }
    InputSummary summary = skips.summary(format);
    assertThat(read).as("events of %s", file).hasSize((int) events);
    assertThat(summary.events()).isEqualTo(events);
    assertThat(summary.skipped()).as("skips of %s", file).isEqualTo(parse(skipped));
    assertThat(read).allSatisfy(e -> {
      assertThat(e.text()).isNotBlank();
      assertThat(e.source()).isEqualTo(file);
      assertThat(e.line()).isPositive();
    });
  }

  @Test
  void theTableCoversEveryLogInTheCorpus() throws IOException {
    Set<String> listed = Stream.of(CorpusLogsTest.class.getDeclaredMethods())
        .filter(m -> m.getName().equals("readsEveryCorpusLogWithOnlyExplainedSkips"))
        .flatMap(m -> Stream.of(m.getAnnotation(CsvSource.class).value()))
        .map(row -> row.split("\\|")[0].trim()).collect(Collectors.toCollection(TreeSet::new));
    Set<String> present = new TreeSet<>();
    for (String dir : List.of("mysql-slow", "mysql-general", "pg-logs")) {
      try (Stream<Path> s = Files.list(Corpus.root().resolve(dir))) {
        s.map(p -> dir + "/" + p.getFileName()).filter(p -> !p.endsWith("dexter-schema.sql")).forEach(present::add);
      }
    }
    assertThat(listed).isEqualTo(present);
  }

  private static Map<String, Long> parse(String skipped) {
    Map<String, Long> m = new TreeMap<>();
    if (skipped == null || skipped.isBlank()) {
      return m;
    }
    for (String part : skipped.split("; ")) {
      int eq = part.lastIndexOf('=');
      m.put(part.substring(0, eq), Long.parseLong(part.substring(eq + 1)));
    }
    return m;
  }
}
