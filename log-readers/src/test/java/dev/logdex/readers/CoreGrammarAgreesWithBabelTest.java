package dev.logdex.readers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.Corpus;
import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.sql.CalciteTranslator.Grammar;
import dev.logdex.core.sql.StatementAnalysis;
import dev.logdex.core.sql.StatementAnalyzer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The analyzer reads statements with Calcite's core parser first and its Babel parser only where the core one cannot,
 * as the core one is the faster (CalciteTranslator.Grammar). This holds that to the analysis Babel alone gives, over
 * every statement of every corpus log, the corpus's TPC-H and Join Order Benchmark queries, and this project's own
 * logs and benchmark apps: the same tables, columns and uses, read by the same parser family, for each one.
 */
class CoreGrammarAgreesWithBabelTest {

  @Test
  void everyStatementIsAnalysedAsBabelAloneAnalysesIt() throws Exception {
    List<Statement> statements = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Corpus.root())) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        if (p.toString().contains("/workloads/") && p.toString().endsWith(".sql") && p.toString().contains("queries")) {
          statements.add(new Statement(p.getFileName().toString(), Files.readString(p), Dialect.POSTGRESQL));
        } else {
          statements.addAll(fromLog(p));
        }
      }
    }
    for (Path p : List.of(Path.of("../sample-logs/shop/pg_stat_statements.csv"), Path.of("src/test/resources/pgss/pg12.csv"),
        Path.of("../cli/src/test/resources/logs/custom-prefix.log"),
        Path.of("../cli/src/test/resources/logs/truncated-slow.log"))) {
      statements.addAll(fromLog(p));
    }
    statements.addAll(benchmarkApps());

    Analyzers pg = new Analyzers(Dialect.POSTGRESQL);
    Analyzers mysql = new Analyzers(Dialect.MYSQL);
    List<String> differences = new ArrayList<>();
    int byCalcite = 0;
    int byCore = 0;
    for (Statement s : statements) {
      Analyzers a = s.dialect() == Dialect.MYSQL ? mysql : pg;
      StatementAnalysis usual = a.analyze(a.usual, s.text());
      StatementAnalysis babel = a.analyze(a.babel, s.text());
      if (!usual.equals(babel)) {
        differences.add(s.source() + ": " + s.text().replace('\n', ' ') + "\n  usual: " + usual + "\n  babel: " + babel);
      }
      if (babel instanceof StatementAnalysis.Parsed p && p.parser().equals("calcite")) {
        byCalcite++;
        StatementAnalysis core = a.analyze(a.coreAlone, s.text());
        if (core instanceof StatementAnalysis.Parsed c && c.parser().equals("calcite")) {
          byCore++;
        }
      }
    }
    assertThat(differences).isEmpty();
    assertThat(statements).hasSizeGreaterThan(5_000);
    // Not an empty comparison: Calcite reads most of them, and of those the core parser most.
    assertThat(byCalcite).isGreaterThan(3_000);
    assertThat(byCore).isGreaterThan(byCalcite / 2);
  }

  private record Statement(String source, String text, Dialect dialect) {}

  /** Each dialect's analyzers against no schema: the usual one, Babel alone, and the core parser alone. */
  private static final class Analyzers {
    final StatementAnalyzer usual;
    final StatementAnalyzer babel;
    final StatementAnalyzer coreAlone;
    final Fingerprinter fingerprinter;

    Analyzers(Dialect dialect) {
      Schema none = Schema.none(dialect);
      usual = new StatementAnalyzer(none, new SimpleMeterRegistry());
      babel = new StatementAnalyzer(none, new SimpleMeterRegistry(), Grammar.BABEL);
      coreAlone = new StatementAnalyzer(none, new SimpleMeterRegistry(), Grammar.CORE);
      fingerprinter = dialect == Dialect.MYSQL ? Fingerprinter.mysql() : Fingerprinter.standard();
    }

    StatementAnalysis analyze(StatementAnalyzer analyzer, String text) {
      return analyzer.analyze(fingerprinter.fingerprint(text), text);
    }
  }

  private static List<Statement> fromLog(Path p) throws Exception {
    Optional<LogReader> reader = FormatDetector.detect(p.toString());
    if (reader.isEmpty()) {
      return List.of();
    }
    Dialect dialect = reader.get().dialect().orElse(Dialect.POSTGRESQL);
    List<Statement> out = new ArrayList<>();
    try (var in = InputFiles.open(p.toString())) {
      reader.get().read(in, p.toString(),
          e -> out.add(new Statement(p.getFileName().toString(), e.text(), dialect)), new SkipAccount(p.toString()));
    }
    return out;
  }

  /**
   * The statements of the benchmark apps' pgbench scripts ({@code :name} is a parameter; {@code \} lines are not
   * SQL), and of the MariaDB apps' {@code shapes.sql} (one statement of each shape, as their workload.py writes it).
   */
  private static List<Statement> benchmarkApps() throws Exception {
    List<Statement> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("../benchmarks/apps"))) {
      for (Path p : files.filter(f -> f.toString().endsWith(".sql") && (f.toString().contains("/reads/")
          || f.toString().contains("/writes/"))).sorted().toList()) {
        for (String line : Files.readAllLines(p)) {
          String sql = line.replace(" \\gset", "").strip();
          if (!sql.isEmpty() && !sql.startsWith("\\") && !sql.equals("BEGIN;") && !sql.equals("COMMIT;")) {
            out.add(new Statement(p.getFileName().toString(), sql, Dialect.POSTGRESQL));
          }
        }
      }
    }
    try (Stream<Path> files = Files.walk(Path.of("../benchmarks/apps"))) {
      for (Path p : files.filter(f -> f.getFileName().toString().equals("shapes.sql")).sorted().toList()) {
        for (String line : Files.readAllLines(p)) {
          if (!line.isBlank()) {
            out.add(new Statement(p.getParent().getFileName() + "/shapes.sql", line.strip(), Dialect.MYSQL));
          }
        }
      }
    }
    assertThat(out).hasSizeGreaterThan(20);
    return out;
  }
}
