package dev.logdex.readers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.QueryEvent;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged input costs only the damaged part. For every format: a log of numbered statements is cut at random places,
 * as plain text and as gzip (a cut-off download), and every entry that was whole before the cut is read, in order,
 * exactly; the damage is counted with its place. Seeds are fixed, so a failure reproduces.
 */
class DamagedInputTest {

  /** A format and how it writes entry {@code i} (its statement ends with {@code id = i}). */
  private record Format(LogReader reader, String head, IntFunction<String> entry) {}

  private static String statement(int i) {
    return "SELECT c FROM t WHERE id = " + i;
  }

  private static final List<Format> FORMATS = List.of(
      new Format(new SlowLogReader(), "/usr/sbin/mysqld, Version: 8.0.36 (MySQL). started with:\n",
          i -> "# Time: 2024-03-01T10:00:00.000000Z\n# User@Host: app[app] @ localhost []  Id: 7\n"
              + "# Query_time: 0.001000  Lock_time: 0.000000 Rows_sent: 1  Rows_examined: 1\n"
              + "SET timestamp=1709287200;\n" + statement(i) + ";\n"),
      new Format(new GeneralLogReader(), "",
          i -> "2024-03-01T10:00:00.000001Z\t   10 Query\t" + statement(i) + "\n"),
      new Format(new PostgresLogReader(), "",
          i -> "2024-03-01 10:00:00.000 UTC [11] LOG:  duration: 1.000 ms  statement: " + statement(i) + "\n"),
      new Format(new PostgresCsvLogReader(), "",
          i -> "2024-03-01 10:00:00.000 UTC,\"app\",\"shop\",42,\"h:1\",s1,1,\"SELECT\",2024-03-01 10:00:00 UTC,3/1,0,"
              + "LOG,00000,\"duration: 1.5 ms  statement: " + statement(i) + "\",,,,,,,,,\"psql\"\n"),
      new Format(new PostgresJsonLogReader(), "",
          i -> "{\"timestamp\":\"2024-03-01 10:00:00.000 UTC\",\"user\":\"u\",\"dbname\":\"d\",\"pid\":5,"
              + "\"error_severity\":\"LOG\",\"message\":\"duration: 2.0 ms  statement: " + statement(i) + "\"}\n"),
      new Format(new PgStatStatementsReader(), "query,calls,total_exec_time,rows\n",
          i -> "\"" + statement(i) + "\",3,4.5,3\n"),
      new Format(new SqlFileReader(), "", i -> statement(i) + ";\n"));

  private static final int ENTRIES = 400;

  /** The log, and where each entry ends (in characters, all ASCII, so bytes too). */
  private record Log(String text, int[] ends) {
    int wholeBefore(int cut) {
      int n = 0;
      while (n < ends.length && ends[n] <= cut) {
        n++;
      }
      return n;
    }
  }

  private static Log log(Format f) {
    StringBuilder b = new StringBuilder(f.head());
    int[] ends = new int[ENTRIES];
    for (int i = 0; i < ENTRIES; i++) {
      b.append(f.entry().apply(i));
      ends[i] = b.length();
    }
    return new Log(b.toString(), ends);
  }

  private static void assertWholeEntriesKept(Format f, List<QueryEvent> events, int whole, String what) {
    assertWholeEntriesKept(f, events, whole, what, false);
  }

  /**
   * @param lastMayGrow whether the last whole entry may have the cut line after it joined to it: in plain text a
   *     line cut short cannot be told from a continuation line of a multi-line statement (general and server logs)
   */
  private static void assertWholeEntriesKept(Format f, List<QueryEvent> events, int whole, String what,
      boolean lastMayGrow) {
    assertThat(events.size()).as("%s %s: events", f.reader().format(), what).isBetween(whole, whole + 1);
    for (int i = 0; i < whole; i++) {
      String text = events.get(i).text();
      if (lastMayGrow && i == whole - 1) {
        assertThat(text).as("%s %s: event %d", f.reader().format(), what, i).startsWith(statement(i));
      } else {
        assertThat(text).as("%s %s: event %d", f.reader().format(), what, i).isEqualTo(statement(i));
      }
    }
  }

  @Test
  void aPlainLogCutAnywhereKeepsEveryWholeEntryBeforeTheCut() throws Exception {
    Random random = new Random(31);
    for (Format f : FORMATS) {
      Log log = log(f);
      for (int round = 0; round < 40; round++) {
        int cut = random.nextInt(log.text().length());
        List<QueryEvent> events = new ArrayList<>();
        f.reader().read(new StringReader(log.text().substring(0, cut)), "cut.log", events::add,
            new SkipAccount("cut.log"));
        assertWholeEntriesKept(f, events, log.wholeBefore(cut), "cut at " + cut, true);
      }
    }
  }

  @Test
  void aGzipCutAnywhereKeepsEveryWholeEntryAndNamesWhereItBroke(@TempDir Path dir) throws Exception {
    Random random = new Random(32);
    for (Format f : FORMATS) {
      Log log = log(f);
      ByteArrayOutputStream gz = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(gz, 512, true)) {
        // Flushed as it goes, as a server writing a compressed log does: a cut loses only what follows it.
        byte[] bytes = log.text().getBytes(StandardCharsets.UTF_8);
        for (int off = 0; off < bytes.length; off += 700) {
          out.write(bytes, off, Math.min(700, bytes.length - off));
          out.flush();
        }
      }
      byte[] whole = gz.toByteArray();
      for (int round = 0; round < 25; round++) {
        int cut = 20 + random.nextInt(whole.length - 20);
        Path file = dir.resolve(f.reader().format() + round + ".gz");
        Files.write(file, java.util.Arrays.copyOf(whole, cut));
        // What gzip -dc gets out of the same bytes.
        String readable = readable(file);
        List<QueryEvent> events = new ArrayList<>();
        SkipAccount skips = new SkipAccount(file.toString());
        try (InputFiles.Input in = InputFiles.openCounted(file.toString())) {
          f.reader().read(in.reader(), file.toString(), events::add, skips);
          assertThat(in.damaged()).as("damage is reported").isPresent();
          assertThat(in.damaged().get().reason()).contains("truncated gzip data near compressed byte");
        }
        int wholeEntries = log.wholeBefore(readable.length());
        assertWholeEntriesKept(f, events, wholeEntries, "gzip cut at " + cut);
        if (readable.endsWith("\n")) {
          continue;
        }
        // A line cut in two is not handed on: no event holds a statement cut short.
        events.forEach(e -> assertThat(e.text()).matches("SELECT c FROM t WHERE id = \\d+"));
      }
    }
  }

  /** The text a tolerant gunzip recovers from a cut file, as gzip -dc does. */
  private static String readable(Path file) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
      byte[] buf = new byte[512];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
      }
    } catch (java.io.IOException e) {
      // the cut
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void junkAfterAGzipHeaderIsDamageNotACrash(@TempDir Path dir) throws Exception {
    byte[] junk = new byte[5000];
    new Random(33).nextBytes(junk);
    byte[] file = new byte[10 + junk.length];
    System.arraycopy(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3}, 0, file, 0, 10);
    System.arraycopy(junk, 0, file, 10, junk.length);
    Path p = Files.write(dir.resolve("junk.log.gz"), file);
    assertThat(InputFiles.unreadable(p.toString())).get().asString().contains("gzip");
    Path header = Files.write(dir.resolve("header.gz"), new byte[] {0x1f, (byte) 0x8b, 8});
    assertThat(InputFiles.unreadable(header.toString())).get().asString().contains("gzip");
  }

  @Test
  void oneUnterminatedQuoteInACsvlogCostsOneRecord() throws Exception {
    Format csv = FORMATS.get(3);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      String entry = csv.entry().apply(i);
      // Record 500 loses its closing quote: a message cut off mid-write.
      b.append(i == 500 ? entry.replace("\",,,,,,,,,\"psql\"", ",,,,,,,,,psql") : entry);
    }
    List<QueryEvent> events = new ArrayList<>();
    SkipAccount skips = new SkipAccount("csv.log");
    csv.reader().read(new StringReader(b.toString()), "csv.log", events::add, skips);
    assertThat(events).hasSize(999);
    assertThat(events.get(500).text()).isEqualTo(statement(501));
    assertThat(skips.summary("postgres_csv").skipped())
        .containsEntry("csvlog record with an unterminated quoted field", 1L);
    assertThat(skips.summary("postgres_csv").firstSkipAt())
        .containsEntry("csvlog record with an unterminated quoted field", "csv.log:501");
  }

  /**
   * Hostile names come through every reader as they were logged: random quoted identifiers holding quotes,
   * semicolons, dollar quotes, comment markers, backslashes, tabs and non-ASCII text, written as each server writes
   * them (doubled quotes in CSV, JSON escapes in jsonlog), read back to the same statement text.
   */
  @Test
  void hostileIdentifiersArriveAsTheyWereLogged() throws Exception {
    String[] pieces = {"a", "Z", "_", "'", "''", "\\", "`", "$", "$x$", ";", "--", "/*", "*/", "é", "\t", "#",
        " ", "DROP TABLE victim", "%", "{}", "[", "]"};
    Random random = new Random(34);
    List<String> statements = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      StringBuilder name = new StringBuilder();
      for (int k = 1 + random.nextInt(6); k > 0; k--) {
        name.append(pieces[random.nextInt(pieces.length)]);
      }
      // A quoted name as PostgreSQL writes it ("" for "), and a literal beside it: the log holds both as text.
      statements.add("SELECT \"" + name.toString().replace("\"", "\"\"") + "\" FROM t WHERE id = " + i);
    }
    for (Format f : FORMATS) {
      StringBuilder log = new StringBuilder(f.head());
      for (int i = 0; i < statements.size(); i++) {
        String entry = f.entry().apply(i);
        String logged = statements.get(i);
        String written = f.reader() instanceof PostgresCsvLogReader || f.reader() instanceof PgStatStatementsReader
            ? logged.replace("\"", "\"\"")
            : f.reader() instanceof PostgresJsonLogReader
                ? new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(logged)
                    .replaceAll("^\"|\"$", "")
                : logged;
        log.append(entry.replace(statement(i), written));
      }
      List<QueryEvent> events = new ArrayList<>();
      SkipAccount skips = new SkipAccount("hostile.log");
      f.reader().read(new StringReader(log.toString()), "hostile.log", events::add, skips);
      assertThat(events).as(f.reader().format()).extracting(QueryEvent::text).containsExactlyElementsOf(statements);
      assertThat(skips.skipped()).as(f.reader().format()).isZero();
    }
  }
}
