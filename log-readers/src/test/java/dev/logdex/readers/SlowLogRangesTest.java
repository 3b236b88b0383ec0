package dev.logdex.readers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.Corpus;
import dev.logdex.core.lex.OwnStatements;
import dev.logdex.core.model.InputSummary;
import dev.logdex.core.model.QueryEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
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
 * A slow log cut into byte ranges at random places and read range by range gives the events and the account of
 * skips of reading it whole: none lost or read twice at a cut, each with the database of the last {@code use}
 * before it, each first skip at its line in the file.
 */
class SlowLogRangesTest {

  @Test
  void everyCorpusSlowLogCutAtRandomPlacesGivesTheWholeFilesEvents() throws IOException {
    List<Path> logs;
    try (Stream<Path> s = Files.list(Corpus.root().resolve("mysql-slow"))) {
      logs = s.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(logs).isNotEmpty();
    SplittableRandom random = new SplittableRandom(2026);
    for (Path log : logs) {
      byte[] bytes = Files.readAllBytes(log);
      for (int round = 0; round < 20; round++) {
        int cuts = 1 + random.nextInt(Math.max(1, Math.min(40, bytes.length / 64)));
        TreeSet<Long> offsets = new TreeSet<>();
        for (int i = 0; i < cuts; i++) {
          offsets.add((long) random.nextInt(Math.max(1, bytes.length)));
        }
        assertRangesReadAsWhole(log.getFileName().toString(), bytes, offsets);
      }
    }
  }

  @Test
  void anEntryWithoutUseTakesTheDatabaseOfTheLastUseInAnEarlierRange() throws IOException {
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
    byte[] bytes = log.toString().getBytes(StandardCharsets.UTF_8);
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 50; round++) {
      TreeSet<Long> offsets = new TreeSet<>();
      for (int i = 0; i < 1 + random.nextInt(30); i++) {
        offsets.add((long) random.nextInt(bytes.length));
      }
      assertRangesReadAsWhole("generated", bytes, offsets);
    }
  }

  @Test
  void aRangeThatEndsInsideAnEntrySaysSoInsteadOfGuessing() throws IOException {
    // An entry of headers and SET timestamp only, then a header the whole reading takes as the same entry's.
    String text = "# Query_time: 1.0  Lock_time: 0.0 Rows_sent: 0  Rows_examined: 0\nSET timestamp=1;\n";
    SlowLogRanges.Part part = SlowLogRanges.read(new StringReader(text), "x", "# User@Host: a[a] @ h []", e -> { });
    assertThat(part.cutInsideEntry()).isFalse(); // Query_time seen: a User@Host line starts the next entry
    String noQueryTime = "# Time: 2026-11-28T10:00:00Z\nSET timestamp=1;\n";
    assertThat(SlowLogRanges.read(new StringReader(noQueryTime), "x", "# User@Host: a[a] @ h []", e -> { })
        .cutInsideEntry()).isTrue();
  }

  /** Cuts {@code bytes} at the entry boundaries after {@code offsets} and reads range by range. */
  private static void assertRangesReadAsWhole(String name, byte[] bytes, TreeSet<Long> offsets) throws IOException {
    List<Long> starts = new ArrayList<>();
    starts.add(0L);
    for (long o : offsets) {
      long b = SlowLogRanges.boundary(new ByteArrayInputStream(bytes, (int) o, bytes.length - (int) o), o);
      if (b >= 0 && o + b > starts.get(starts.size() - 1)) {
        starts.add(o + b);
      }
    }
    starts.add((long) bytes.length);
    List<String> got = new ArrayList<>();
    List<SlowLogRanges.Part> parts = new ArrayList<>();
    for (int i = 0; i + 1 < starts.size(); i++) {
      int from = starts.get(i).intValue();
      int to = starts.get(i + 1).intValue();
      String next = to >= bytes.length ? null
          : SlowLogRanges.firstLine(new ByteArrayInputStream(bytes, to, bytes.length - to));
      SlowLogRanges.Part p = SlowLogRanges.read(new InputStreamReader(new ByteArrayInputStream(bytes, from, to - from),
          StandardCharsets.UTF_8), name, next, e -> got.add(key(e)));
      assertThat(p.cutInsideEntry()).as(name + " cut at " + starts).isFalse();
      parts.add(p);
    }
    SlowLogRanges.resolve(parts).forEach(e -> got.add(key(e)));

    List<String> whole = new ArrayList<>();
    SkipAccount skips = new SkipAccount(name);
    new SlowLogReader().read(new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8), name,
        e -> {
          if (OwnStatements.isOwn(e.text())) {
            skips.ownStatement();
          } else {
            whole.add(key(e));
          }
        }, skips);
    InputSummary expected = skips.summary(SlowLogReader.FORMAT);
    assertThat(got).as(name + " cut at " + starts).containsExactlyInAnyOrderElementsOf(whole);
    assertThat(SlowLogRanges.summary(name, parts)).as(name + " cut at " + starts).isEqualTo(expected);

    // A second reading of each range, knowing the database before it from the first: the same, nothing waits.
    List<String> again = new ArrayList<>();
    String database = "";
    long lines = 0;
    InputSummary sum = null;
    for (int i = 0; i + 1 < starts.size(); i++) {
      int from = starts.get(i).intValue();
      int to = starts.get(i + 1).intValue();
      String next = to >= bytes.length ? null
          : SlowLogRanges.firstLine(new ByteArrayInputStream(bytes, to, bytes.length - to));
      SlowLogRanges.Part p = SlowLogRanges.read(new InputStreamReader(new ByteArrayInputStream(bytes, from, to - from),
          StandardCharsets.UTF_8), name, next, database, e -> again.add(key(e)));
      assertThat(p.needDatabase()).isEmpty();
      InputSummary shifted = SlowLogRanges.shifted(p.summary(), lines);
      sum = sum == null ? shifted : SkipAccount.combine(sum, shifted);
      database = parts.get(i).database().orElse(database);
      lines += parts.get(i).lines();
    }
    assertThat(again).as(name + " read again, cut at " + starts).containsExactlyInAnyOrderElementsOf(whole);
    assertThat(sum).as(name + " read again, cut at " + starts).isEqualTo(expected);
  }

  /** An event without its line, which a range counts from its own start. */
  private static String key(QueryEvent e) {
    return e.time() + "|" + e.database() + "|" + e.user() + "|" + e.calls() + "|" + e.totalMillis() + "|" + e.rows()
        + "|" + e.rowsExamined() + "|" + e.lockMillis() + "|" + e.host() + "|" + e.application() + "|" + e.text();
  }
}
