package dev.logdex.readers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.logdex.core.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * logdex against Percona's pt-query-digest on every corpus slow log and general log: per pt-query-digest class
 * (logdex's classes grouped by pt's own fingerprint of their sample), the same number of calls and the same total
 * Query_time. The differences listed below are the only ones allowed, each where logdex reads the log right and
 * the reason says why; a listed difference that no longer occurs fails too, so the list stays true.
 */
class PtQueryDigestCrossCheckTest {

  /** A difference allowed in one file: the pt class key (prefix; "" means the empty key) and why. */
  private record Allowed(String file, String keyPrefix, String why) {
    boolean matches(String f, String key) {
      return file.equals(f) && (keyPrefix.isEmpty() ? key.isEmpty() : key.startsWith(keyPrefix));
    }
  }

  private static final String ADMIN = "Connect, Init DB and Quit lines are not statements: logdex passes them"
      + " over (counted), pt-query-digest lists them as classes";

  private static final List<Allowed> ALLOWED = List.of(
      new Allowed("go-mysql-mariadb108-with-tab.log", "select sleep(?), @@version",
          "pt-query-digest glues the restart banner after the statement into its text"),
      new Allowed("go-mysql-slow017.log", "show /*!? global */ status",
          "the log starts mid-entry: pt-query-digest reads nothing of it, logdex skips only the headerless line"),
      new Allowed("go-mysql-slow021.log", "select sleep(?) from n",
          "`uSe test;` is the use header (MySQL keywords ignore case); pt-query-digest keeps it in the query"),
      new Allowed("go-mysql-slow021.log", "use test; select sleep(?) from n", "the same entry, pt's side"),
      new Allowed("go-mysql-slow023.log", "use ?",
          "an entry whose statement is `use db` after SET timestamp: pt-query-digest takes it for the header and"
              + " reads the next entry's header lines as the query, losing the next two classes"),
      new Allowed("go-mysql-slow023.log", "user@host: backup", "the same misread, pt's side"),
      new Allowed("go-mysql-slow023.log", "select @@collation_database", "lost by pt in the same misread"),
      new Allowed("go-mysql-slow023.log", "select another_field from table_c", "lost by pt in the same misread"),
      new Allowed("pt-secure-collect-slow_80.log", "/*!? set names utf? */",
          "logdex reads `/*!40101 SET NAMES utf8 */` as the SET NAMES it runs, one class with the plain one"),
      new Allowed("pt-secure-collect-slow_80.log", "set names utf?", "the same class, pt's other half"),
      new Allowed("slow017.txt", "select * from mytbl",
          "Query_time overflowed (18446744073708.796870...): pt-query-digest drops the entry, logdex counts the"
              + " call without a time"),
      new Allowed("slow041.txt", "administrator command: Quit",
          "the log starts with the tail of an entry (no header): logdex skips it, and says so"),
      new Allowed("slow056.txt", "use ?",
          "the entry's statement is `use test_db`: pt-query-digest takes it for a header, an empty query"),
      new Allowed("slow056.txt", "", "the same entry, pt's side"),
      new Allowed("genlog001.txt", "administrator command: ", ADMIN),
      new Allowed("genlog003.txt", "administrator command: ", ADMIN),
      new Allowed("genlog004.txt", "administrator command: ", ADMIN),
      new Allowed("genlog005.txt", "administrator command: ", ADMIN),
      new Allowed("pt-1573-general-log-system.log", "administrator command: ", ADMIN));

  @TestFactory
  Stream<DynamicTest> sameCallsAndTimeAsPtQueryDigest() throws IOException {
    Path root = Corpus.root();
    boolean ci = System.getenv("CI") != null;
    if (!PtQueryDigest.installed()) {
      if (ci) {
        throw new AssertionError("CI is set but pt-query-digest is not installed (.ci/run installs it)");
      }
      assumeTrue(false, "pt-query-digest is not installed");
    }
    List<Path> files = new ArrayList<>();
    for (String dir : List.of("mysql-slow", "mysql-general")) {
      try (Stream<Path> s = Files.list(root.resolve(dir))) {
        s.sorted().forEach(files::add);
      }
    }
    Set<Allowed> used = new java.util.HashSet<>();
    Stream<DynamicTest> perFile = files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      boolean general = f.getParent().getFileName().toString().equals("mysql-general");
      Map<String, PtQueryDigest.Totals> pt = PtQueryDigest.digest(f, general);
      Map<String, PtQueryDigest.Totals> ours =
          PtQueryDigest.logdex(f, general ? new GeneralLogReader() : new SlowLogReader());
      Set<String> keys = new TreeSet<>(pt.keySet());
      keys.addAll(ours.keySet());
      List<String> unexplained = new ArrayList<>();
      for (String k : keys) {
        PtQueryDigest.Totals a = pt.get(k);
        PtQueryDigest.Totals b = ours.get(k);
        boolean same = a != null && b != null && a.calls() == b.calls()
            && Math.abs(a.seconds() - b.seconds()) <= 1e-6 * Math.max(1, a.calls());
        if (same) {
          continue;
        }
        String name = f.getFileName().toString();
        Allowed why = ALLOWED.stream().filter(x -> x.matches(name, k)).findFirst().orElse(null);
        if (why == null) {
          unexplained.add("'" + k + "': pt-query-digest " + a + ", logdex " + b);
        } else {
          synchronized (used) {
            used.add(why);
          }
        }
      }
      assertThat(unexplained).as("classes where logdex and pt-query-digest differ without a reason").isEmpty();
    }));
    DynamicTest allUsed = DynamicTest.dynamicTest("every allowed difference still occurs",
        () -> assertThat(ALLOWED).filteredOn(a -> !used.contains(a)).isEmpty());
    return Stream.concat(perFile, Stream.of(allUsed));
  }
}
