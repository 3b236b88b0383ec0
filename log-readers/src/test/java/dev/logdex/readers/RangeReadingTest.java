package dev.logdex.readers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.Corpus;
import dev.logdex.core.lex.OwnStatements;
import dev.logdex.core.model.InputSummary;
import dev.logdex.core.model.QueryEvent;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A log cut into byte ranges at random places and read range by range, in two passes (what each range does to
 * the carry, then each range with the carry before it), gives the events and the account of skips of reading it
 * whole: none lost or read twice at a cut, each with what came before it (a database, a waiting statement), each
 * first skip at its line in the file. For every format that can be cut, over the corpus and generated logs.
 */
class RangeReadingTest {

  @Test
  void everyCorpusLogThatCanBeCutGivesTheWholeFilesEventsAtRandomCuts() throws IOException {
    int files = 0;
    for (String dir : List.of("mysql-slow", "mysql-general", "pg-logs")) {
      List<Path> logs;
      try (Stream<Path> s = Files.list(Corpus.root().resolve(dir))) {
        logs = s.filter(Files::isRegularFile).sorted().toList();
      }
      SplittableRandom random = new SplittableRandom(2026);
      for (Path log : logs) {
        LogReader reader = FormatDetector.detect(log.toString()).orElse(null);
        if (reader == null || reader.ranges().isEmpty()) {
          continue;
        }
        files++;
        byte[] bytes = Files.readAllBytes(log);
        for (int round = 0; round < 12; round++) {
          boolean cut = assertRangesReadAsWhole(reader, log.getFileName().toString(), bytes,
              cuts(random, bytes.length, 40));
          assertThat(cut).as(log + ": a range ended inside an entry").isFalse();
        }
      }
    }
    assertThat(files).as("corpus logs of formats that can be cut").isGreaterThan(20);
  }

  @Test
  void aSlowLogEntryWithoutUseTakesTheDatabaseOfTheLastUseInAnEarlierRange() throws IOException {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      log.append("# Time: 2026-11-28T10:00:").append(String.format("%02d", i % 60)).append(".000000Z\n")
          .append("# User@Host: app[app] @ localhost []  Id: 7\n")
          .append("# Query_time: 0.00").append(i % 10).append("  Lock_time: 0.000 Rows_sent: 1  Rows_examined: 1\n");
      if (i % 37 == 0) {
        log.append("use shop").append(i).append(";\n");
      }
      log.append("SET timestamp=1795860000;\n").append("SELECT * FROM t").append(i % 7).append(" WHERE id = ")
          .append(i).append(";\n");
      if (i % 50 == 49) {
        log.append("garbage that is no header\n"); // a skip, counted at its line
      }
    }
    assertThat(cutAtRandom(new SlowLogReader(), log.toString())).isZero();
  }

  @Test
  void aPostgresStatementWaitingForItsDurationOrParametersInTheNextRangeGetsThem() throws IOException {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      int pid = 100 + i % 7;
      String t = String.format("2026-11-28 10:%02d:%02d.000 UTC [%d] ", i / 60 % 60, i % 60, pid);
      switch (i % 4) {
        case 0 -> log.append(t).append("LOG:  statement: SELECT * FROM orders WHERE id = ").append(i).append('\n')
            .append(t).append("LOG:  duration: ").append(i % 13).append(".5 ms\n");
        case 1 -> log.append(t).append("LOG:  duration: ").append(i % 11).append(".25 ms  execute <unnamed>: SELECT *")
            .append(" FROM items\n\tWHERE order_id = $1 AND kind = $2\n")
            .append(t).append("DETAIL:  parameters: $1 = '").append(i).append("', $2 = 'x'\n");
        case 2 -> log.append(t).append("LOG:  statement: UPDATE orders SET state = 'paid' WHERE id = ").append(i)
            .append('\n');
        default -> log.append(t).append("LOG:  duration: 3.0 ms\n").append(t).append("LOG:  checkpoint starting\n");
      }
    }
    assertThat(cutAtRandom(new PostgresLogReader(), log.toString())).isZero();
  }

  @Test
  void aGeneralLogQueryTakesItsConnectionsDatabaseAndTheLastTimeWrittenFromEarlierRanges() throws IOException {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      int id = 1 + i % 9;
      String time = i % 5 == 0 ? String.format("261128 10:%02d:%02d\t", i / 60 % 60, i % 60) : "\t\t";
      switch (i % 6) {
        case 0 -> log.append(time).append(id).append(" Connect\tapp@localhost on shop").append(i % 3).append('\n');
        case 1 -> log.append(time).append(id).append(" Init DB\tstore").append(i % 4).append('\n');
        case 5 -> log.append(time).append(id).append(" Quit\t\n");
        default -> log.append(time).append(id).append(" Query\tSELECT * FROM t WHERE a = ").append(i)
            .append("\n  AND b = 1\n");
      }
    }
    assertThat(cutAtRandom(new GeneralLogReader(), log.toString())).isZero();
  }

  @Test
  void aCsvlogRecordWithLinesInsideItsQuotesIsNeverCutThereAndOneThatLooksLikeARowMakesTheFileReadWhole()
      throws IOException {
    StringBuilder log = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      String head = String.format("2026-11-28 10:%02d:%02d.000 UTC,\"app\",\"shop\",%d,\"10.0.0.1:5000\",1,1,"
          + "\"SELECT\",2026-11-28 10:00:00 UTC,1/1,0,LOG,00000,", i / 60 % 60, i % 60, 100 + i % 5);
      log.append(head).append(i % 3 == 0 ? "\"duration: 1.5 ms  statement: SELECT *\n  FROM t\n  WHERE a = " + i + "\""
          : "\"duration: 2.5 ms  statement: SELECT " + i + "\"").append(",,,,,,,,\"psql\"\n");
    }
    assertThat(cutAtRandom(new PostgresCsvLogReader(), log.toString())).isZero();
    // A statement whose text holds a line that looks like a csvlog row: a cut there is seen, the file read whole.
    String row = "2026-11-28 11:00:00.000 UTC,\"app\",\"shop\",1,\"h\",1,1,\"SELECT\",2026-11-28 10:00:00 UTC,1/1,0,"
        + "LOG,00000,";
    String hostile = log + row + "\"duration: 1.0 ms  statement: SELECT '\n" + row + "'\",,,,,,,,\"psql\"\n" + log;
    byte[] bytes = hostile.getBytes(StandardCharsets.UTF_8);
    long inside = log.toString().getBytes(StandardCharsets.UTF_8).length - 10; // the line before the hostile record
    assertThat(assertRangesReadAsWhole(new PostgresCsvLogReader(), "hostile", bytes, new TreeSet<>(List.of(inside))))
        .as("the range before the row inside the quotes ends inside a record").isTrue();
    assertThat(assertRangesReadAsWhole(new PostgresCsvLogReader(), "hostile", bytes, new TreeSet<>(List.of(10L))))
        .as("cut elsewhere, it reads as a whole").isFalse();
  }

  @Test
  void aPgStatStatementsExportTakesItsHeaderFromTheFirstRangeAndAQueryOverSeveralLinesIsNeverCut()
      throws IOException {
    StringBuilder csv = new StringBuilder("userid,dbid,queryid,query,calls,total_exec_time,rows\n");
    for (int i = 0; i < 400; i++) {
      csv.append("10,5,").append(1000 + i).append(",\"").append(i % 4 == 0 ? "SELECT *\n  FROM t\n  WHERE a = $1"
          : "SELECT " + i + " FROM \"\"Q\"\"").append("\",").append(i % 9).append(',').append(i * 1.5).append(',')
          .append(i).append('\n');
    }
    csv.append("10,5,9,\"SELECT 1\",oops,1,1\n"); // a skip, at its line
    assertThat(cutAtRandom(new PgStatStatementsReader(), csv.toString())).isPositive().isLessThan(60);
  }

  @Test
  void aSqlFileIsCutAfterAStatementAndASemicolonInsideAStringOrACommentIsSeen() throws IOException {
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      sql.append(switch (i % 4) {
        case 0 -> "SELECT *\n  FROM orders\n  WHERE id = " + i + ";\n";
        case 1 -> "-- a comment that ends with;\nUPDATE t SET a = " + i + ";\n";
        case 2 -> "INSERT INTO notes (body) VALUES ('line one;\nline two " + i + "');\n";
        default -> "/* block;\ncomment */ DELETE FROM t WHERE id = " + i + ";\n";
      });
    }
    int cut = cutAtRandom(new SqlFileReader(), sql.toString());
    assertThat(cut).as("cuts after a ; inside a string or a comment are seen").isPositive().isLessThan(60);
  }

  /** Reads {@code log} cut at random places, 60 times; returns how many times a range ended inside an entry. */
  private static int cutAtRandom(LogReader reader, String log) throws IOException {
    byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
    SplittableRandom random = new SplittableRandom(7);
    int cut = 0;
    for (int round = 0; round < 60; round++) {
      cut += assertRangesReadAsWhole(reader, "generated", bytes, cuts(random, bytes.length, 30)) ? 1 : 0;
    }
    return cut;
  }

  private static TreeSet<Long> cuts(SplittableRandom random, int length, int most) {
    TreeSet<Long> offsets = new TreeSet<>();
    int n = 1 + random.nextInt(Math.max(1, Math.min(most, length / 64)));
    for (int i = 0; i < n; i++) {
      offsets.add((long) random.nextInt(Math.max(1, length)));
    }
    return offsets;
  }

  /**
   * Cuts {@code bytes} at the range starts after {@code offsets} and reads range by range, in two passes; returns
   * true, comparing nothing, when a range ends inside an entry (the file is then read whole).
   */
  private static boolean assertRangesReadAsWhole(LogReader reader, String name, byte[] bytes, TreeSet<Long> offsets)
      throws IOException {
    RangeReading ranges = reader.ranges().orElseThrow();
    List<Long> starts = new ArrayList<>();
    starts.add(0L);
    for (long o : offsets) {
      long b = ByteRanges.boundary(new ByteArrayInputStream(bytes, (int) o, bytes.length - (int) o), o, ranges);
      if (b >= 0 && o + b > starts.get(starts.size() - 1)) {
        starts.add(o + b);
      }
    }
    starts.add((long) bytes.length);
    String what = name + " (" + reader.format() + ") cut at " + starts;

    List<String> carries = new ArrayList<>();
    List<Long> linesBefore = new ArrayList<>();
    String carry = ranges.start();
    long lines = 0;
    for (int i = 0; i + 1 < starts.size(); i++) {
      ByteRanges.LineCounting text = new ByteRanges.LineCounting(text(bytes, starts.get(i), starts.get(i + 1)));
      RangeReading.Scan scan = ranges.scan(text, name, next(bytes, starts.get(i + 1)), i == 0);
      if (scan.cut()) {
        return true;
      }
      carries.add(carry);
      linesBefore.add(lines);
      carry = ranges.after(carry, scan.effect());
      lines += text.lines();
    }

    List<String> got = new ArrayList<>();
    InputSummary sum = null;
    for (int i = 0; i + 1 < starts.size(); i++) {
      SkipAccount skips = new SkipAccount(name);
      ranges.read(text(bytes, starts.get(i), starts.get(i + 1)), name, e -> keep(e, skips, got), skips,
          carries.get(i), next(bytes, starts.get(i + 1)));
      InputSummary part = ByteRanges.shifted(skips.summary(reader.format()), linesBefore.get(i));
      sum = sum == null ? part : SkipAccount.combine(sum, part);
    }

    List<String> whole = new ArrayList<>();
    SkipAccount skips = new SkipAccount(name);
    reader.read(text(bytes, 0, bytes.length), name, e -> keep(e, skips, whole), skips);
    assertThat(got).as(what).containsExactlyInAnyOrderElementsOf(whole);
    assertThat(sum).as(what).isEqualTo(skips.summary(reader.format()));
    return false;
  }

  /** As the command keeps an event: logdex's own statements counted and left out. */
  private static void keep(QueryEvent e, SkipAccount skips, List<String> into) {
    if (OwnStatements.isOwn(e.text())) {
      skips.ownStatement();
    } else {
      into.add(e.time() + "|" + e.database() + "|" + e.user() + "|" + e.calls() + "|" + e.totalMillis() + "|"
          + e.rows() + "|" + e.rowsExamined() + "|" + e.lockMillis() + "|" + e.host() + "|" + e.application() + "|"
          + e.text());
    }
  }

  private static Reader text(byte[] bytes, long from, long to) {
    return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(bytes, (int) from, (int) (to - from)),
        StandardCharsets.UTF_8));
  }

  private static String next(byte[] bytes, long at) throws IOException {
    return at >= bytes.length ? null
        : ByteRanges.firstLine(new ByteArrayInputStream(bytes, (int) at, bytes.length - (int) at));
  }
}
