package dev.logdex.bench;

import dev.logdex.core.analysis.Analysis;
import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import dev.logdex.core.schema.DdlSchemaLoader;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.sql.StatementAnalyzer;
import dev.logdex.core.workload.Workload;
import dev.logdex.core.workload.WorkloadBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The analysis after reading (candidates, the selection of the set, the rules) at 1,000, 10,000 and 100,000
 * distinct statement classes. With {@code perTable} 20 the schema grows with the workload (50 to 5,000 tables), as
 * an app's does: ten times the classes should cost about ten times the time. With {@code perTable} 200 every table
 * has ten times the query shapes: the selection within one table compares its candidates with each other, and that
 * part grows faster.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class AnalysisBenchmark {

  static final int COLUMNS = 10;

  @Param({"1000", "10000", "100000"})
  public int classes;

  @Param({"20"})
  public int perTable;

  private int tables;

  private Schema schema;
  private Workload workload;

  /** Tables of an id, a parent key and ten columns; every tenth table references the one before it. */
  static String schemaDdl(int tables) {
    StringBuilder b = new StringBuilder();
    for (int t = 0; t < tables; t++) {
      b.append("CREATE TABLE t").append(t).append(" (id bigint PRIMARY KEY, parent_id bigint");
      for (int c = 0; c < COLUMNS; c++) {
        b.append(", c").append(c).append(" int");
      }
      b.append(");\n");
      if (t % 10 == 1) {
        b.append("ALTER TABLE t").append(t).append(" ADD FOREIGN KEY (parent_id) REFERENCES t").append(t - 1)
            .append(" (id);\n");
      }
    }
    return b.toString();
  }

  /** The i-th distinct statement: a table, an equality column, a range column and one of three shapes. */
  static String statement(int i, int tables) {
    int t = i % tables;
    int eq = (i / tables) % COLUMNS;
    int range = (i / (tables * COLUMNS)) % COLUMNS;
    return switch ((i / (tables * COLUMNS * COLUMNS)) % 3) {
      case 0 -> String.format(Locale.ROOT, "SELECT * FROM t%d WHERE c%d = %d AND c%d > %d", t, eq, i, range, i);
      case 1 -> String.format(Locale.ROOT, "SELECT id FROM t%d WHERE c%d = %d ORDER BY c%d LIMIT 10", t, eq, i, range);
      default -> String.format(Locale.ROOT, "SELECT a.id FROM t%d a JOIN t%d b ON b.parent_id = a.id WHERE a.c%d = %d"
          + " AND b.c%d < %d", t, (t + 1) % tables, eq, i, range, i);
    };
  }

  @Setup
  public void setUp() {
    tables = Math.max(1, classes / perTable);
    schema = new DdlSchemaLoader(Optional.of(Dialect.POSTGRESQL)).load(schemaDdl(tables), "bench.sql").schema();
    SimpleMeterRegistry reg = new SimpleMeterRegistry();
    WorkloadBuilder b = new WorkloadBuilder(Fingerprinter.standard(), new StatementAnalyzer(schema, reg), reg);
    for (int i = 0; i < classes; i++) {
      b.accept(new QueryEvent("bench", i + 1, "", "", 1 + i % 50, 1.0 + i % 97, 1, statement(i, tables)));
    }
    workload = b.build();
    if (workload.queries().size() != classes) {
      throw new IllegalStateException("expected " + classes + " classes, built " + workload.queries().size());
    }
  }

  @Benchmark
  public AnalysisReport analysis() {
    return Analysis.run("bench", schema, workload, List.of(), classes, List.of());
  }
}
