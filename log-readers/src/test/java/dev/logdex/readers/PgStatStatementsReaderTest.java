package dev.logdex.readers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.InputSummary;
import dev.logdex.core.model.QueryEvent;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PgStatStatementsReaderTest {

  private static final Path SAMPLE = Path.of("../sample-logs/shop/pg_stat_statements.csv");

  private static List<QueryEvent> read(String path, SkipAccount skips) throws Exception {
    List<QueryEvent> events = new ArrayList<>();
    try (var in = InputFiles.open(path)) {
      new PgStatStatementsReader().read(in, path, events::add, skips);
    }
    return events;
  }

  @Test
  void readsAPostgres15ExportByColumnName() throws Exception {
    SkipAccount skips = new SkipAccount("sample");
    List<QueryEvent> events = read(SAMPLE.toString(), skips);
    assertThat(events).hasSize(18);
    assertThat(skips.skipped()).isZero();
    assertThat(events).allSatisfy(e -> {
      assertThat(e.calls()).isPositive();
      assertThat(e.totalMillis()).isPositive();
    });
  }

  @Test
  void readsThePostgres12ColumnNamesMultilineQueriesAndCountsSkips() throws Exception {
    SkipAccount skips = new SkipAccount("pg12.csv");
    List<QueryEvent> events = read("src/test/resources/pgss/pg12.csv", skips);
    assertThat(events).hasSize(2);
    assertThat(events.get(0).calls()).isEqualTo(120);
    assertThat(events.get(0).totalMillis()).isEqualTo(240.5);
    assertThat(events.get(1).text()).contains("'a,b'\nFROM accounts").contains("\"Name\"");
    assertThat(events.get(1).line()).isEqualTo(3);
    InputSummary s = skips.summary("pg_stat_statements");
    assertThat(s.skipped()).hasSize(2).containsValues(1L, 1L);
    assertThat(s.firstSkipAt().values()).containsExactlyInAnyOrder("pg12.csv:6", "pg12.csv:7");
  }

  @Test
  void readsGzipByContentAndDetectsTheFormat(@TempDir Path dir) throws Exception {
    Path gz = dir.resolve("export.data");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(Files.readAllBytes(SAMPLE));
    }
    Files.write(gz, bytes.toByteArray());
    assertThat(FormatDetector.detect(gz.toString())).get().extracting(LogReader::format)
        .isEqualTo("pg_stat_statements");
    assertThat(read(gz.toString(), new SkipAccount("gz"))).hasSize(18);
  }

  @Test
  void aHeaderWithoutQueryAndCallsIsReportedNotGuessed() throws Exception {
    SkipAccount skips = new SkipAccount("x.csv");
    new PgStatStatementsReader().read(new StringReader("a,b\n1,2\n"), "x.csv", e -> { }, skips);
    assertThat(skips.events()).isZero();
    assertThat(skips.skipped()).isEqualTo(1);
  }

  @Test
  void anUnterminatedQuoteStopsTheFileWithAReason() throws Exception {
    SkipAccount skips = new SkipAccount("bad.csv");
    List<QueryEvent> events = new ArrayList<>();
    new PgStatStatementsReader().read(new StringReader(
        "query,calls,total_exec_time\n\"select 1\",1,1.0\n\"select 2,1,1.0\n"), "bad.csv", events::add, skips);
    assertThat(events).hasSize(1);
    assertThat(skips.summary("p").skipped()).containsKey("malformed CSV, rest of file not read");
  }

  @Test
  void sqlFilesAreDetectedAndSplitIntoStatements() throws Exception {
    String sql = "-- q\nSELECT 1;\nSELECT 'a;b' FROM t;\n";
    assertThat(FormatDetector.detect(new java.io.BufferedReader(new StringReader(sql)))).get()
        .extracting(LogReader::format).isEqualTo("sql");
    List<QueryEvent> events = new ArrayList<>();
    new SqlFileReader().read(new StringReader(sql), "q.sql", events::add, new SkipAccount("q.sql"));
    assertThat(events).extracting(QueryEvent::text).containsExactly("-- q\nSELECT 1", "SELECT 'a;b' FROM t");
    assertThat(events).extracting(QueryEvent::line).containsExactly(2L, 3L);
  }

  @Test
  void undecodableBytesDoNotStopTheRead(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("latin1.csv");
    byte[] head = "query,calls,total_exec_time\n\"select 'caf".getBytes(StandardCharsets.UTF_8);
    byte[] tail = "'\",2,4.0\n".getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + 1 + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    all[head.length] = (byte) 0xE9; // Latin-1 e-acute: not valid UTF-8
    System.arraycopy(tail, 0, all, head.length + 1, tail.length);
    Files.write(f, all);
    assertThat(read(f.toString(), new SkipAccount("f"))).singleElement()
        .satisfies(e -> assertThat(e.text()).startsWith("select 'caf"));
  }
}
