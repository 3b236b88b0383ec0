package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Work grows with the input, not with its square, and memory is bounded: the packaged logdex under the default
 * 512 MB heap reads a schema of 100,000 tables with a workload that touches every one of them, and stops with exit 2 and a message
 * naming the limit on a log of 1,000,000 distinct statements instead of crawling in garbage collection.
 * (benchmarks/scale.sh measures the same at full size with time and peak memory.)
 */
class ScaleIT {
  private static final int TABLES = 100_000;

  private static void schema(Path file) throws Exception {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      for (int t = 0; t < TABLES; t++) {
        w.write("CREATE TABLE t" + t + " (id bigint PRIMARY KEY, a int, b int, c0 int, c1 int, d int, p_id bigint"
            + " REFERENCES t" + (t + 1) % TABLES + "(id));\n");
      }
    }
  }

  /**
   * {@code n} distinct statements, each joining a table to its neighbour and filtering one column: {@code n / 2}
   * of them touch every one of the tables.
   */
  private static void workload(Path file, int n) throws Exception {
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("query,calls,total_exec_time,rows\n");
      for (int i = 0; i < n; i++) {
        int t = 2 * i % TABLES;
        w.write("\"SELECT x.a, y.b FROM t" + t + " x JOIN t" + (t + 1) + " y ON y.id = x.p_id WHERE x.c"
            + 2 * i / TABLES + " = $1 AND x.d > " + i + "\"," + (1 + i % 7) + "," + (i % 13 + 0.5) + ",1\n");
      }
    }
  }

  private record Run(int exit, String err, long millis) {}

  private static Run logdex(Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("java", "-Xmx512m", "-Xmn128m", "-XX:+UseParallelGC", "-jar",
        Path.of("target/logdex.jar").toAbsolutePath().toString()));
    command.addAll(List.of(args));
    Path err = dir.resolve("err.txt");
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectError(err.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile()).start();
    assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("finished in 4 minutes").isTrue();
    return new Run(p.exitValue(), Files.readString(err), (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  void aHundredThousandTablesFitTheDefaultHeapAndAMillionStatementsStopWithTheLimitNamed(@TempDir Path dir)
      throws Exception {
    Path schema = dir.resolve("schema.sql");
    schema(schema);
    Path wide = dir.resolve("wide.csv");
    workload(wide, TABLES / 2);
    Run ok = logdex(dir, "analyze", "-q", "--schema", schema.toString(), "--format", "json", "-o",
        dir.resolve("report.json").toString(), wide.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertThat(report.at("/summary/fingerprints").asLong()).isEqualTo(TABLES / 2);
    assertThat(report.at("/recommendations").size()).as("an index for each table's filter").isGreaterThan(0);

    Path million = dir.resolve("million.csv");
    workload(million, 1_000_000);
    Run stopped = logdex(dir, "analyze", "-q", "--format", "json", million.toString());
    assertThat(stopped.exit()).as(stopped.err()).isEqualTo(2);
    assertThat(stopped.err()).contains("stopped reading: more than").contains("--max-classes")
        .contains("LOGDEX_JAVA_OPTS=-Xmx4g").doesNotContain("OutOfMemoryError");
    System.out.printf("ScaleIT: 100,000 tables in %,d ms; 1,000,000 statements stopped in %,d ms%n",
        ok.millis(), stopped.millis());
  }
}
