package dev.logdex.core.analysis;

import dev.logdex.core.model.InputSummary;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.recommend.Recommender;
import dev.logdex.core.rules.Finding;
import java.util.List;

/**
 * Everything {@code logdex analyze} reports; every writer renders this one value.
 *
 * @param version the logdex version
 * @param dialect the dialect the DDL is written for
 * @param inputs what was read from each input
 * @param statements statements read (an aggregate row counts its calls)
 * @param fingerprints distinct query classes
 * @param parsed query classes understood
 * @param totalMillis total time of all statements
 * @param recommendations ranked index proposals
 * @param findings schema findings
 * @param unparsed query classes that could not be parsed
 * @param warnings problems reading the schema, one line each
 * @param rejections candidate indexes not recommended, each with its reason
 * @param topQueries the query classes that cost the most time, largest first
 * @param verification what the planner said of the recommendations, when they were verified
 * @param timeByTable the time of the statements that touch each table
 * @param period the first to the last timestamp of the logs, or empty
 * @param systemQueries the statement classes that read the database's own catalog, left out of everything else
 * @param schemaGiven false when no schema was given: nothing was checked against existing indexes
 * @param rehearsal what a rehearsal on a copy of the database measured, when one was run
 * @param leftOut what filters of query classes left out (--min-calls, --table, ...), one sentence each
 * @param activity the workload over time, when the logs carry times
 */
public record AnalysisReport(
    String version,
    String dialect,
    List<InputSummary> inputs,
    long statements,
    long fingerprints,
    long parsed,
    double totalMillis,
    List<Recommendation> recommendations,
    List<Finding> findings,
    List<UnparsedStatement> unparsed,
    List<String> warnings,
    List<Recommender.Rejection> rejections,
    List<TopQuery> topQueries,
    java.util.Optional<Verification> verification,
    java.util.Map<String, Double> timeByTable,
    String period,
    SystemQueries systemQueries,
    boolean schemaGiven,
    java.util.Optional<Rehearsed> rehearsal,
    List<String> leftOut,
    Activity activity) {

  /** The statement classes that read the database's own catalog: how many, how often, how long. */
  public record SystemQueries(long classes, long calls, double totalMillis) {
    public static final SystemQueries NONE = new SystemQueries(0, 0, 0);
  }

  /** A report with no system queries, against a schema that was given. */
  public AnalysisReport(String version, String dialect, List<InputSummary> inputs, long statements,
      long fingerprints, long parsed, double totalMillis, List<Recommendation> recommendations,
      List<Finding> findings, List<UnparsedStatement> unparsed, List<String> warnings,
      List<Recommender.Rejection> rejections, List<TopQuery> topQueries,
      java.util.Optional<Verification> verification, java.util.Map<String, Double> timeByTable, String period) {
    this(version, dialect, inputs, statements, fingerprints, parsed, totalMillis, recommendations, findings,
        unparsed, warnings, rejections, topQueries, verification, timeByTable, period, SystemQueries.NONE, true,
        java.util.Optional.empty(), List.of(), Activity.NONE);
  }

  public AnalysisReport {
    timeByTable = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timeByTable));
    topQueries = List.copyOf(topQueries);
    rejections = List.copyOf(rejections);
    inputs = List.copyOf(inputs);
    recommendations = List.copyOf(recommendations);
    findings = List.copyOf(findings);
    unparsed = List.copyOf(unparsed);
    warnings = List.copyOf(warnings);
    leftOut = List.copyOf(leftOut);
  }

  /** This report saying what filters of query classes left out before the analysis. */
  public AnalysisReport withLeftOut(List<String> sentences) {
    return new AnalysisReport(version, dialect, inputs, statements, fingerprints, parsed, totalMillis,
        recommendations, findings, unparsed, warnings, rejections, topQueries, verification, timeByTable, period,
        systemQueries, schemaGiven, rehearsal, sentences, activity);
  }

  /** This report with other recommendations and rejections (another selection's), and more warnings. */
  public AnalysisReport withRecommendations(List<Recommendation> other, List<Recommender.Rejection> otherRejections,
      List<String> moreWarnings) {
    List<String> w = new java.util.ArrayList<>(warnings);
    w.addAll(moreWarnings);
    return new AnalysisReport(version, dialect, inputs, statements, fingerprints, parsed, totalMillis,
        other, findings, unparsed, w, otherRejections, topQueries, verification, timeByTable, period,
        systemQueries, schemaGiven, rehearsal, leftOut, activity);
  }

  /** This report with other findings (the same ones with live evidence added). */
  public AnalysisReport withFindings(List<Finding> other) {
    return new AnalysisReport(version, dialect, inputs, statements, fingerprints, parsed, totalMillis,
        recommendations, other, unparsed, warnings, rejections, topQueries, verification, timeByTable, period,
        systemQueries, schemaGiven, rehearsal, leftOut, activity);
  }

  /**
   * This report with its recommendations re-ranked and explained by a verification on the database: the caller
   * passes them in their new order, ranks renumbered.
   */
  public AnalysisReport verified(List<Recommendation> judged, Verification v) {
    return new AnalysisReport(version, dialect, inputs, statements, fingerprints, parsed, totalMillis, judged,
        findings, unparsed, warnings, rejections, topQueries, java.util.Optional.of(v), timeByTable, period,
        systemQueries, schemaGiven, rehearsal, leftOut, activity);
  }

  /**
   * This report with its recommendations re-ranked and explained by what a rehearsal measured: the caller passes
   * them in their new order, ranks renumbered.
   */
  public AnalysisReport rehearsed(List<Recommendation> judged, Rehearsed r) {
    return new AnalysisReport(version, dialect, inputs, statements, fingerprints, parsed, totalMillis, judged,
        findings, unparsed, warnings, rejections, topQueries, verification, timeByTable, period, systemQueries,
        schemaGiven, java.util.Optional.of(r), leftOut, activity);
  }

  /**
   * Whether the logs timed their statements. An untimed log (a general log, a file of statements) has calls but no
   * milliseconds: its benefits are in calls, its top queries ranked by calls, and no report shows a time for it.
   */
  public boolean timed() {
    return totalMillis > 0 || statements == 0;
  }

  /** This report with only the first {@code n} recommendations and the first {@code n} top queries. */
  public AnalysisReport top(int n) {
    if (n >= recommendations.size() && n >= topQueries.size()) {
      return this;
    }
    return new AnalysisReport(version, dialect, inputs, statements, fingerprints, parsed, totalMillis,
        recommendations.subList(0, Math.min(n, recommendations.size())), findings, unparsed, warnings, rejections,
        topQueries.subList(0, Math.min(n, topQueries.size())), verification, timeByTable, period, systemQueries,
        schemaGiven, rehearsal, leftOut, activity);
  }
}
