package dev.logdex.core.analysis;

import dev.logdex.core.model.InputSummary;
import dev.logdex.core.recommend.Recommender;
import dev.logdex.core.rules.LintConfig;
import dev.logdex.core.rules.Rules;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.sql.StatementAnalysis;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/** The decision stage: from a workload and a schema to the report (recommendations, findings, unparsed). */
public final class Analysis {
  /** How many of the costliest query classes a report lists. */
  public static final int TOP_QUERIES = 10;

  private Analysis() {}

  /** Analyses {@code workload} against {@code schema}. */
  public static AnalysisReport run(String version, Schema schema, Workload workload, List<InputSummary> inputs,
      long statements, List<String> schemaWarnings) {
    return run(version, schema, workload, inputs, statements, schemaWarnings, LintConfig.defaults());
  }

  /** Analyses {@code workload} against {@code schema}, with the rule settings of {@code config}. */
  public static AnalysisReport run(String version, Schema schema, Workload workload, List<InputSummary> inputs,
      long statements, List<String> schemaWarnings, LintConfig config) {
    return run(version, schema, workload, inputs, statements, schemaWarnings, config, 0);
  }

  /** The same, keeping the recommendations within a storage budget ({@code budgetBytes} 0: none). */
  public static AnalysisReport run(String version, Schema schema, Workload workload, List<InputSummary> inputs,
      long statements, List<String> schemaWarnings, LintConfig config, long budgetBytes) {
    List<UnparsedStatement> unparsed = new ArrayList<>();
    List<TopQuery> top = new ArrayList<>();
    long parsed = 0;
    // The time of the queries that touch each table (a join counts for each of its tables).
    java.util.Map<String, Double> byTable = new java.util.TreeMap<>();
    long systemClasses = 0;
    long systemCalls = 0;
    double systemMillis = 0;
    // An untimed log (a general log, a file of statements) ranks its classes by calls: there is no time to rank by.
    List<QueryStats> ranked = workload.totalMillis() > 0 ? workload.byTotalTime()
        : workload.queries().stream().sorted(java.util.Comparator.comparingLong(QueryStats::calls).reversed()
            .thenComparing(q -> q.fingerprint().id())).toList();
    for (QueryStats q : ranked) {
      if (q.analysis() instanceof StatementAnalysis.SystemCatalog) {
        // A monitoring tool's or a driver's query: counted, and otherwise left out of the report.
        systemClasses++;
        systemCalls += q.calls();
        systemMillis += q.totalMillis();
        parsed++;
        continue;
      }
      q.profile().ifPresent(p -> {
        java.util.Set<String> tables = new java.util.TreeSet<>(p.tablesRead());
        tables.addAll(p.tablesWritten());
        tables.forEach(t -> byTable.merge(t, q.totalMillis(), Double::sum));
      });
      if (top.size() < TOP_QUERIES) {
        top.add(TopQuery.of(q));
      }
      if (q.analysis() instanceof StatementAnalysis.Unparsed u) {
        String sample = q.sample().length() > 200 ? q.sample().substring(0, 200) : q.sample();
        unparsed.add(new UnparsedStatement(q.fingerprint().id(), sample, q.calls(), u.reason()));
      } else {
        parsed++;
      }
    }
    String period = workload.first().isPresent() ? workload.first().get() + " to " + workload.last().orElseThrow()
        : "";
    // The activity over time needs nothing of the recommendations: drawn on another core meanwhile (each is a
    // tenth of a second or more of a day's log, on the one thread that ends the run).
    java.util.concurrent.CompletableFuture<Activity> activity = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> Activity.of(workload, ranked.stream()
            .filter(q -> !(q.analysis() instanceof StatementAnalysis.SystemCatalog)).toList()));
    Recommender.Result recommended = new Recommender(schema, budgetBytes).run(workload);
    List<String> warnings = new ArrayList<>(schemaWarnings);
    warnings.addAll(Doubts.of(schema, workload, parsed - systemClasses, unparsed, recommended.rejections()));
    return new AnalysisReport(version, schema.dialect().label(), inputs, statements, workload.queries().size(),
        parsed, workload.totalMillis(), recommended.recommendations(),
        Rules.run(Rules.builtIn(config), schema, workload, config), unparsed, warnings,
        recommended.rejections(), top, java.util.Optional.empty(), byTable, period,
        new AnalysisReport.SystemQueries(systemClasses, systemCalls, systemMillis), schema.isGiven(),
        java.util.Optional.empty(), List.of(), joined(activity));
  }

  /** The value of {@code f}, its failure thrown as it was thrown on the other thread. */
  private static <T> T joined(java.util.concurrent.CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (java.util.concurrent.CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
