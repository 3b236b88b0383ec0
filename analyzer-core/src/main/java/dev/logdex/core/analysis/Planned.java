package dev.logdex.core.analysis;

import dev.logdex.core.plan.PlannerSelection;
import dev.logdex.core.plan.Verifier;
import dev.logdex.core.recommend.IndexCandidate;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.recommend.Recommender;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.workload.Workload;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The analysis with its recommendations chosen by the database's planner (HypoPG, or the rollback method). */
public final class Planned {
  private Planned() {}

  /**
   * {@code report} with the indexes PostgreSQL's planner chooses among logdex's candidates (see
   * {@link PlannerSelection}) in place of logdex's own choice. Candidates the planner could not judge (no query on
   * their table could be planned) keep logdex's verdict, saying so, ranked by logdex's estimate among the planner's
   * choices: both benefits are milliseconds of logged time saved.
   *
   * @param budgetBytes the storage budget, or 0
   * @throws SQLException HypoPG or the catalog could not be used
   */
  public static Choice choose(Connection c, Schema schema, Workload workload, AnalysisReport report,
      long budgetBytes) throws SQLException {
    return choose(c, schema, workload, report, budgetBytes, Verifier.Method.HYPOPG);
  }

  /**
   * The same, with the candidates made to exist by {@code method}: HypoPG's hypothetical indexes, or real ones
   * built in a transaction that is rolled back ({@link Verifier.Method#ROLLBACK}, for a copy of the database).
   */
  public static Choice choose(Connection c, Schema schema, Workload workload, AnalysisReport report,
      long budgetBytes, Verifier.Method method) throws SQLException {
    Recommender recommender = new Recommender(schema, budgetBytes);
    Recommender.Result pool = recommender.candidates(workload);
    PlannerSelection.Outcome o = PlannerSelection.select(c, workload, pool.recommendations(), pool.orArms(),
        Recommender.writeCosts(workload), recommender::estimatedBytes, budgetBytes, method);
    List<Recommendation> chosen = new ArrayList<>(o.chosen());
    Set<IndexCandidate> unjudged = new HashSet<>();
    o.unjudged().forEach(r -> unjudged.add(r.index()));
    for (Recommendation r : report.recommendations()) {
      if (unjudged.contains(r.index())) {
        // Both benefits are milliseconds of logged time saved (the planner's in proportion to the plans' cost),
        // so one the planner could not judge goes where its estimate puts it, not after every planner pick: a
        // --top N would otherwise cut the workload's largest wins when their queries could not be planned.
        int at = 0;
        while (at < chosen.size() && chosen.get(at).benefit() >= r.benefit()) {
          at++;
        }
        chosen.add(at, r.reranked(0, r.reason() + "; not judged by the planner (none of its queries "
            + "could be planned, its search stopped first, or it is a partial index on a partitioned table, which "
            + "HypoPG cannot plan): logdex's estimate"));
      }
    }
    for (int i = 0; i < chosen.size(); i++) {
      chosen.set(i, chosen.get(i).reranked(i + 1, chosen.get(i).reason()));
    }
    List<Recommender.Rejection> rejections = new ArrayList<>(pool.rejections());
    rejections.addAll(o.rejections());
    String said = String.format(Locale.ROOT, "the recommendations are the planner's choice (%s of "
        + "%,d statement classes%s), from %,d candidates: the planned cost of the workload goes from %,.0f to %,.0f",
        method == Verifier.Method.ROLLBACK ? "plans with each candidate built in a transaction that was rolled back"
            : "HypoPG what-if plans", o.planned(), o.unplanned().isEmpty() ? "" : String.format(Locale.ROOT, "; %,d could not be planned",
            o.unplanned().size()), pool.recommendations().size(), o.costBefore(), o.costAfter());
    return new Choice(report.withRecommendations(chosen, rejections, List.of()), said);
  }

  /**
   * The report with the planner's choice, and one sentence that says how it was made (for stderr).
   */
  public record Choice(AnalysisReport report, String summary) {}
}
