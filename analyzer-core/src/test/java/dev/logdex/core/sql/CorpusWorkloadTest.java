package dev.logdex.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.Corpus;
import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.schema.DdlSchemaLoader;
import dev.logdex.core.schema.Schema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every TPC-H and Join Order Benchmark query parses, and every column in it resolves to a table of its schema. */
class CorpusWorkloadTest {

  @TestFactory
  Stream<DynamicTest> tpchQueriesParseAndResolve() throws Exception {
    Path dir = Corpus.root().resolve("workloads/tpch");
    Schema schema = load(dir.resolve("dss.ddl.sql"));
    assertThat(schema.tables()).hasSize(8);
    return queries(dir.resolve("queries"), schema);
  }

  @TestFactory
  Stream<DynamicTest> joinOrderBenchmarkQueriesParseAndResolve() throws Exception {
    Path dir = Corpus.root().resolve("workloads/job");
    Schema schema = load(dir.resolve("schema.sql"));
    assertThat(schema.tables()).hasSize(21);
    return queries(dir.resolve("queries"), schema);
  }

  private static Schema load(Path ddl) throws Exception {
    DdlSchemaLoader.Result r = new DdlSchemaLoader(Optional.of(Dialect.POSTGRESQL)).load(ddl);
    assertThat(r.warnings()).isEmpty();
    return r.schema();
  }

  private static Stream<DynamicTest> queries(Path dir, Schema schema) throws IOException {
    StatementAnalyzer analyzer = new StatementAnalyzer(schema, new SimpleMeterRegistry());
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
      String sql = Files.readString(f);
      StatementAnalysis a = analyzer.analyze(Fingerprinter.standard().fingerprint(sql), sql);
      assertThat(a).as("parse result of %s", f).isInstanceOf(StatementAnalysis.Parsed.class);
      var profile = ((StatementAnalysis.Parsed) a).profile();
      assertThat(profile.unresolved()).as("unresolved columns in %s", f).isEmpty();
      assertThat(profile.tablesRead()).as("tables of %s", f).isNotEmpty()
          .allSatisfy(t -> assertThat(schema.table(t)).as("table %s of %s", t, f).isPresent());
    }));
  }
}
