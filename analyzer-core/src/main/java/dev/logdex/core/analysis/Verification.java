package dev.logdex.core.analysis;

/**
 * What the database's planner said of a report's recommendations ({@code analyze --verify}).
 *
 * @param method how the indexes were made to exist: {@code hypopg} or {@code rollback}
 * @param costBefore the workload's estimated cost (calls × plan cost, summed) without the recommended indexes
 * @param costAfter the same with them
 * @param used recommendations the planner used for at least one query
 * @param demoted recommendations it used for none of the queries it serves (ranked last)
 * @param unverified recommendations none of whose queries could be planned
 * @param unplanned query classes that could not be planned
 */
public record Verification(String method, double costBefore, double costAfter, int used, int demoted,
    int unverified, int unplanned) {

  /** The change of the workload's estimated cost, in percent (negative: cheaper). */
  public double changePercent() {
    return costBefore == 0 ? 0 : 100.0 * (costAfter - costBefore) / costBefore;
  }
}
