package dev.logdex.core.plan;

import dev.logdex.core.dialect.Identifiers;
import dev.logdex.core.dialect.IndexDdl;
import dev.logdex.core.lex.SingleStatement;
import dev.logdex.core.lex.SqlScanner;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.StatementKind;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.recommend.ServedQuery;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks recommendations against PostgreSQL's own planner: each query class is planned before and after the proposed
 * indexes exist, either hypothetically (HypoPG, in this session only: nothing is built or written, the session stays
 * read-only) or for real inside one transaction that is rolled back at the end (for databases without HypoPG).
 */
public final class Verifier {
  private Verifier() {}

  /** Query classes planned at most (by total time), so that a huge workload verifies in bounded time. */
  static final int MAX_QUERIES = 300;

  /**
   * One query class planned before and after.
   *
   * @param nodeBefore the plan's top scan of interest (the first index or sequential scan), before
   * @param indexesAfter the hypothetical indexes the after-plan uses
   */
  public record QueryPlans(String fingerprint, long calls, double costBefore, double costAfter, String nodeBefore,
      String nodeAfter, List<String> indexesAfter) {}

  /**
   * What the planner made of one recommendation.
   *
   * @param used whether a planned query's plan uses the index and costs less than without it
   * @param queries its served queries that could be planned; empty means it could not be verified at all
   * @param notJudged why the method cannot show the planner the index at all, or {@code ""}
   */
  public record Verdict(Recommendation recommendation, boolean used, List<QueryPlans> queries, String notJudged) {
    /** A verdict the plans gave. */
    public Verdict(Recommendation recommendation, boolean used, List<QueryPlans> queries) {
      this(recommendation, used, queries, "");
    }

    /** Whether at least one of the queries it serves could be planned with it. */
    public boolean verified() {
      return notJudged.isEmpty() && (used || !queries.isEmpty());
    }
  }

  /**
   * The outcome.
   *
   * @param verdicts one per recommendation, in rank order, used ones first
   * @param costBefore the workload's estimated cost (calls × plan cost, summed) without the indexes
   * @param costAfter the same with them
   * @param unplanned query classes that could not be planned, with the reason
   * @param plans every query class planned before and after, by total time
   */
  public record Result(List<Verdict> verdicts, double costBefore, double costAfter, Map<String, String> unplanned,
      List<QueryPlans> plans) {
  }

  /** Whether HypoPG is installed in the database {@code c} is connected to. */
  public static boolean hypopgInstalled(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'hypopg'")) {
      return rs.next();
    }
  }

  /** How the proposed indexes come to exist for the plans after. */
  public enum Method {
    /** HypoPG's hypothetical indexes: nothing is built, nothing is written, the session stays read-only. */
    HYPOPG,
    /**
     * Real indexes, built inside a transaction that is rolled back when the plans are made. Nothing remains, but
     * while it runs each build takes as long as a real one and locks its table against writes (CREATE INDEX takes
     * a SHARE lock): for a copy of the database, or a quiet one.
     */
    ROLLBACK,
    /**
     * MySQL and MariaDB, which cannot roll DDL back: real indexes created and dropped again on a database the user
     * says is a scratch copy (see {@link ScratchVerifier}).
     */
    SCRATCH
  }

  /** Verifies {@code recommendations} for {@code workload} with hypothetical indexes (HypoPG). */
  public static Result verify(Connection c, Workload workload, List<Recommendation> recommendations)
      throws SQLException {
    return verify(c, workload, recommendations, Method.HYPOPG);
  }

  /** Verifies {@code recommendations} for {@code workload} on the PostgreSQL database behind {@code c}. */
  public static Result verify(Connection c, Workload workload, List<Recommendation> recommendations, Method method)
      throws SQLException {
    if (method == Method.SCRATCH) {
      return ScratchVerifier.verify(c, workload, recommendations);
    }
    List<QueryStats> queries = plannable(workload);
    SqlScanner scanner = LiveSql.scanner(c, Dialect.POSTGRESQL);
    Map<String, String> unplanned = new LinkedHashMap<>();
    Map<String, Plan> before = new LinkedHashMap<>();
    for (QueryStats q : queries) {
      plan(c, scanner, q, unplanned).ifPresent(p -> before.put(q.fingerprint().id(), p));
    }
    Map<String, Recommendation> byName = new LinkedHashMap<>();
    Map<String, Plan> after = new LinkedHashMap<>();
    Map<Recommendation, String> notJudged = new LinkedHashMap<>();
    if (method == Method.HYPOPG) {
      List<Recommendation> shown = new ArrayList<>();
      for (Recommendation r : recommendations) {
        if (partialOnPartitions(r)) {
          notJudged.put(r, PARTIAL_ON_PARTITIONS);
        } else {
          shown.add(r);
        }
      }
      planWithHypotheticalIndexes(c, scanner, queries, shown, before, byName, after, unplanned);
    } else {
      planInsideRolledBackTransaction(c, scanner, queries, recommendations, before, byName, after, unplanned);
    }
    Result r = tally(queries, before, after, byName, unplanned);
    if (notJudged.isEmpty()) {
      return r;
    }
    List<Verdict> verdicts = new ArrayList<>(r.verdicts());
    notJudged.forEach((rec, why) -> verdicts.add(new Verdict(rec, false, List.of(), why)));
    return new Result(verdicts, r.costBefore(), r.costAfter(), r.unplanned(), r.plans());
  }

  /** Why HypoPG cannot show the planner a partial index on a partitioned table ({@link #partialOnPartitions}). */
  static final String PARTIAL_ON_PARTITIONS = "a partial index on a partitioned table, which HypoPG cannot show the "
      + "planner (--rollback can)";

  /**
   * Whether {@code r} is a partial index on a partitioned table. HypoPG (1.3 here) makes one on each partition, and
   * the planner uses them when a query names the partition, but not when it plans the partitions of a query on
   * the parent: there their predicate is never found implied, and the index would seem to serve nothing. Real
   * indexes built in a transaction that is rolled back have no such gap.
   */
  static boolean partialOnPartitions(Recommendation r) {
    return r.fix().partitioned() && !r.index().where().isEmpty();
  }

  /**
   * One plan, as both databases' plans are compared.
   *
   * @param cost the planner's estimated cost
   * @param node the first table access, as "Seq Scan on t" or "ref using k on t"
   * @param indexes the names of the indexes the plan uses
   */
  record Plan(double cost, String node, List<String> indexes) {}

  /** The query classes verify plans: the costliest that read or write tables, at most {@link #MAX_QUERIES}. */
  static List<QueryStats> plannable(Workload workload) {
    return workload.byTotalTime().stream()
        .filter(q -> q.profile().map(p -> p.kind() != StatementKind.OTHER).orElse(false))
        .limit(MAX_QUERIES).toList();
  }

  /**
   * The outcome from the plans before and after: per query class its costs and nodes, per recommendation (by the
   * name its index had while planning) whether a plan used it, and the workload's cost before and after.
   */
  static Result tally(List<QueryStats> queries, Map<String, Plan> before, Map<String, Plan> after,
      Map<String, Recommendation> byName, Map<String, String> unplanned) {
    double costBefore = 0;
    double costAfter = 0;
    Map<String, QueryPlans> plans = new LinkedHashMap<>();
    for (QueryStats q : queries) {
      String id = q.fingerprint().id();
      Plan b = before.get(id);
      Plan a = after.get(id);
      if (b == null || a == null) {
        continue;
      }
      List<String> used = a.indexes().stream().filter(byName::containsKey).toList();
      QueryPlans qp = new QueryPlans(id, q.calls(), b.cost(), a.cost(), b.node(), a.node(), used);
      plans.put(id, qp);
      costBefore += q.calls() * qp.costBefore();
      costAfter += q.calls() * qp.costAfter();
    }
    // An index on a partitioned table is one per partition while planning: a recommendation has a name for each.
    Map<Recommendation, List<String>> names = new LinkedHashMap<>();
    byName.forEach((name, r) -> names.computeIfAbsent(r, x -> new ArrayList<>()).add(name));
    List<Verdict> verdicts = new ArrayList<>();
    for (Map.Entry<Recommendation, List<String>> e : names.entrySet()) {
      List<QueryPlans> served = new ArrayList<>();
      for (ServedQuery sq : e.getKey().queries()) {
        Optional.ofNullable(plans.get(sq.fingerprint())).ifPresent(served::add);
      }
      // Used: some plan takes the index and is cheaper for it. A plan that takes it at a higher cost (the planner
      // costs a sort-only index scan that way sometimes) is not evidence that it helps.
      boolean used = plans.values().stream().anyMatch(p -> p.indexesAfter().stream().anyMatch(e.getValue()::contains)
          && p.costAfter() < p.costBefore());
      verdicts.add(new Verdict(e.getKey(), used, served));
    }
    verdicts.sort((x, y) -> Boolean.compare(y.used(), x.used())); // stable: rank order within each group
    return new Result(verdicts, costBefore, costAfter, unplanned, List.copyOf(plans.values()));
  }

  private static void planWithHypotheticalIndexes(Connection c, SqlScanner scanner, List<QueryStats> queries,
      List<Recommendation> recommendations, Map<String, Plan> before, Map<String, Recommendation> byName,
      Map<String, Plan> after, Map<String, String> unplanned) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SELECT hypopg_reset()");
      try {
        for (Recommendation r : recommendations) {
          for (Hypothetical h : createHypothetical(c, r)) {
            byName.put(h.name(), r);
          }
        }
        for (QueryStats q : queries) {
          if (before.containsKey(q.fingerprint().id())) {
            plan(c, scanner, q, unplanned).ifPresent(p -> after.put(q.fingerprint().id(), p));
          }
        }
      } finally {
        st.execute("SELECT hypopg_reset()");
      }
    }
  }

  /**
   * Builds the indexes for real in one read-write transaction (the session's default stays read-only), plans each
   * query under a savepoint so that one failing plan does not end the transaction, and rolls everything back.
   */
  private static void planInsideRolledBackTransaction(Connection c, SqlScanner scanner, List<QueryStats> queries,
      List<Recommendation> recommendations, Map<String, Plan> before, Map<String, Recommendation> byName,
      Map<String, Plan> after, Map<String, String> unplanned) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    boolean readOnly = c.isReadOnly();
    c.setReadOnly(false);
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("SET TRANSACTION READ WRITE");
      int n = 0;
      for (Recommendation r : recommendations) {
        for (String name : createInTransaction(c, r, "logdex_verify_" + (++n))) {
          byName.put(name, r);
        }
      }
      // The indexes exist; what follows only plans: nothing in this transaction may write any more.
      st.execute("SET TRANSACTION READ ONLY");
      for (QueryStats q : queries) {
        if (before.containsKey(q.fingerprint().id())) {
          // Each plan runs under a savepoint of its own (LiveSql.rolledBack): one failing plan leaves the indexes.
          plan(c, scanner, q, unplanned).ifPresent(p -> after.put(q.fingerprint().id(), p));
        }
      }
    } finally {
      c.rollback();
      c.setAutoCommit(autoCommit);
      c.setReadOnly(readOnly);
    }
  }

  /** A hypothetical index HypoPG made: its object id (to drop it again) and the name plans call it by. */
  record Hypothetical(long oid, String name) {}

  /**
   * Creates {@code r}'s index as a hypothetical one, in this session only. On a partitioned table, one on each of
   * its leaf partitions: the planner plans each partition with the partition's own indexes, and HypoPG does not
   * make a hypothetical index on the parent into one per partition, as CREATE INDEX does (HypoPG issue #52).
   */
  static List<Hypothetical> createHypothetical(Connection c, Recommendation r) throws SQLException {
    List<Hypothetical> made = new ArrayList<>();
    List<String> tables = r.fix().partitioned() ? leaves(c, table(r)) : List.of(table(r));
    try (PreparedStatement ps = c.prepareStatement("SELECT indexrelid, indexname FROM hypopg_create_index(?)")) {
      for (String table : tables) {
        ps.setString(1, indexDdl(r, table));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          made.add(new Hypothetical(rs.getLong(1), rs.getString(2)));
        }
      }
    }
    return made;
  }

  /**
   * Creates {@code r}'s index for real as {@code name}, in the transaction under way, and returns the names plans
   * call it by: its own, and on a partitioned table those of the index PostgreSQL made on each leaf partition.
   */
  static List<String> createInTransaction(Connection c, Recommendation r, String name) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(hypotheticalDdl(r).replaceFirst("^CREATE INDEX ON ", "CREATE INDEX " + name + " ON "));
    }
    List<String> names = new ArrayList<>(List.of(name));
    if (r.fix().partitioned()) {
      names.addAll(strings(c, "SELECT c.relname FROM pg_partition_tree(?::regclass) p JOIN pg_class c"
          + " ON c.oid = p.relid WHERE p.isleaf", inSchema(r, name)));
    }
    return names;
  }

  /** The leaf partitions of the partitioned {@code table}, each as PostgreSQL writes its name (quoted, qualified). */
  private static List<String> leaves(Connection c, String table) throws SQLException {
    List<String> out = strings(c, "SELECT relid::regclass::text FROM pg_partition_tree(?::regclass) WHERE isleaf"
        + " ORDER BY 1", table);
    return out.isEmpty() ? List.of(table) : out; // no partition yet: the parent, which plans nothing anyway
  }

  /** The first column of each row {@code sql} returns with {@code param} as its one parameter. */
  private static List<String> strings(Connection c, String sql, String param) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /** Drops one hypothetical index. */
  static void dropHypothetical(Connection c, Hypothetical h) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT hypopg_drop_index(?)")) {
      ps.setLong(1, h.oid());
      ps.execute();
    }
  }

  /** The recommendation's index as HypoPG takes it: a plain CREATE INDEX, unnamed, on the table in its schema. */
  public static String hypotheticalDdl(Recommendation r) {
    return indexDdl(r, table(r));
  }

  /** The recommendation's table, quoted and qualified with its schema. */
  private static String table(Recommendation r) {
    return inSchema(r, Identifiers.quote(Dialect.POSTGRESQL, r.fix().table()));
  }

  /** {@code quotedName} qualified with the recommendation's schema, where it has one. */
  private static String inSchema(Recommendation r, String quotedName) {
    return (r.schema().isEmpty() ? "" : Identifiers.quote(Dialect.POSTGRESQL, r.schema()) + ".") + quotedName;
  }

  /** The recommendation's index on {@code table} (its own, or one of its partitions), unnamed. */
  private static String indexDdl(Recommendation r, String table) {
    return "CREATE INDEX ON " + table + " ("
        + IndexDdl.keyList(Dialect.POSTGRESQL, r.index().keys()) + ")"
        + (r.index().include().isEmpty() ? "" : " INCLUDE (" + IndexDdl.keyList(Dialect.POSTGRESQL,
            r.index().include()) + ")")
        + (r.index().where().isEmpty() ? "" : " WHERE " + r.index().where());
  }


  /**
   * The plan of one query class's sample, or empty with the reason in {@code unplanned}. The sample is text from a
   * log: it is sent only when it is one SELECT, UPDATE or DELETE (see {@link SingleStatement}), and only ever
   * explained, inside a transaction that is rolled back.
   */
  static Optional<Plan> plan(Connection c, SqlScanner scanner, QueryStats q, Map<String, String> unplanned) {
    String text = q.sample();
    // pg_stat_statements writes interval '1 hour' as interval $1, which PostgreSQL cannot parse back.
    text = text.replaceAll("(?i)\\binterval\\s+(\\$\\d+)", "$1::interval");
    SingleStatement.Checked s;
    try {
      s = SingleStatement.check(text, scanner, SingleStatement.READS_UPDATES_DELETES);
    } catch (SingleStatement.RefusedException e) {
      unplanned.put(q.fingerprint().id(), "not sent to the database: " + e.getMessage());
      return Optional.empty();
    }
    if (s.placeholders()) {
      unplanned.put(q.fingerprint().id(), "? placeholders");
      return Optional.empty();
    }
    try {
      String json = LiveSql.explainPostgres(c, s, "(FORMAT JSON) ", rs -> {
        rs.next();
        return rs.getString(1);
      });
      return Optional.of(PlanJson.postgres(json));
    } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
      unplanned.put(q.fingerprint().id(), String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      return Optional.empty();
    }
  }
}
