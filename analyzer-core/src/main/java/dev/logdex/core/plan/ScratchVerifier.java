package dev.logdex.core.plan;

import dev.logdex.core.dialect.ExpressionKey;
import dev.logdex.core.dialect.Identifiers;
import dev.logdex.core.dialect.IndexDdl;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.lex.SingleStatement;
import dev.logdex.core.lex.SqlScanner;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks recommendations against the MySQL or MariaDB optimizer, where DDL cannot be rolled back and there are no
 * hypothetical indexes: on a scratch copy of the database only, the indexes are created for real ({@code ALTER TABLE
 * ... ADD INDEX}), each query class is explained before and after, and the indexes are dropped again, also when
 * something fails on the way.
 *
 * <p>The cost compared is the optimizer's own ({@code Last_query_cost} after {@code EXPLAIN}); a statement for which
 * it gives none (0) is listed as not planned. The caller must have the user's word that the database is a copy.
 */
public final class ScratchVerifier {
  private ScratchVerifier() {}

  /** Verifies {@code recommendations} for {@code workload} on the scratch MySQL/MariaDB database behind {@code c}. */
  public static Verifier.Result verify(Connection c, Workload workload, List<Recommendation> recommendations)
      throws SQLException {
    List<QueryStats> queries = Verifier.plannable(workload);
    SqlScanner scanner = LiveSql.scanner(c, Dialect.MYSQL);
    Map<String, String> unplanned = new LinkedHashMap<>();
    Map<String, Verifier.Plan> before = new LinkedHashMap<>();
    for (QueryStats q : queries) {
      plan(c, scanner, q, unplanned).ifPresent(p -> before.put(q.fingerprint().id(), p));
    }
    boolean readOnly = c.isReadOnly();
    Map<String, Recommendation> byName = new LinkedHashMap<>();
    Map<String, String> tableOf = new LinkedHashMap<>();
    Map<String, Set<String>> columnsAdded = new LinkedHashMap<>(); // generated columns of expression keys, by table
    Map<String, Verifier.Plan> after = new LinkedHashMap<>();
    try (Statement st = c.createStatement()) {
      c.setReadOnly(false);
      st.execute("SET SESSION TRANSACTION READ WRITE");
      try {
        int n = 0;
        for (Recommendation r : recommendations) {
          String name = "logdex_verify_" + (++n);
          String table = Identifiers.qualified(Dialect.MYSQL, r.fix().schema(), r.fix().table());
          for (String k : r.index().keys()) {
            Optional<ExpressionKey> e = ExpressionKey.parse(k);
            String column = e.map(IndexDdl::generatedColumn).orElse(null);
            if (column != null && !columnsAdded.getOrDefault(table, Set.of()).contains(column)) {
              st.execute(IndexDdl.addGeneratedColumn(r.fix().schema(), r.fix().table(), e.get(),
                  r.fix().generatedTypes().getOrDefault(k, "")));
              columnsAdded.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(column);
            }
          }
          st.execute("ALTER TABLE " + table + " ADD INDEX "
              + Identifiers.quote(Dialect.MYSQL, name) + " (" + IndexDdl.keyList(Dialect.MYSQL, r.index().keys())
              + ")");
          byName.put(name, r);
          tableOf.put(name, Identifiers.qualified(Dialect.MYSQL, r.fix().schema(), r.fix().table())); // as SQL
        }
        // The indexes exist; the plans are made in a read-only session again, as before.
        st.execute("SET SESSION TRANSACTION READ ONLY");
        c.setReadOnly(true);
        for (QueryStats q : queries) {
          if (before.containsKey(q.fingerprint().id())) {
            plan(c, scanner, q, unplanned).ifPresent(p -> after.put(q.fingerprint().id(), p));
          }
        }
      } finally {
        c.setReadOnly(false);
        st.execute("SET SESSION TRANSACTION READ WRITE");
        SQLException dropFailed = null;
        for (Map.Entry<String, String> e : tableOf.entrySet()) {
          try {
            st.execute("ALTER TABLE " + e.getValue() + " DROP INDEX "
                + Identifiers.quote(Dialect.MYSQL, e.getKey()));
          } catch (SQLException ex) {
            dropFailed = dropFailed == null ? ex : dropFailed;
          }
        }
        for (Map.Entry<String, Set<String>> e : columnsAdded.entrySet()) {
          for (String column : e.getValue()) {
            try {
              st.execute("ALTER TABLE " + e.getKey() + " DROP COLUMN " + Identifiers.quote(Dialect.MYSQL, column));
            } catch (SQLException ex) {
              dropFailed = dropFailed == null ? ex : dropFailed;
            }
          }
        }
        st.execute("SET SESSION TRANSACTION READ ONLY");
        c.setReadOnly(readOnly);
        if (dropFailed != null) {
          throw new SQLException("could not drop every index logdex created on the scratch database (names start "
              + "with logdex_verify_): " + dropFailed.getMessage(), dropFailed);
        }
      }
    }
    return Verifier.tally(queries, before, after, byName, unplanned);
  }


  /**
   * The optimizer's plan and cost for a class's sample: sent only when it is one SELECT, UPDATE or DELETE (see
   * {@link SingleStatement}), only explained, inside a transaction that is rolled back.
   */
  private static Optional<Verifier.Plan> plan(Connection c, SqlScanner scanner, QueryStats q,
      Map<String, String> unplanned) {
    SingleStatement.Checked s;
    try {
      s = SingleStatement.check(q.sample(), scanner, SingleStatement.READS_UPDATES_DELETES);
    } catch (SingleStatement.RefusedException e) {
      unplanned.put(q.fingerprint().id(), "not sent to the database: " + e.getMessage());
      return Optional.empty();
    }
    if (s.placeholders()) {
      unplanned.put(q.fingerprint().id(), "? placeholders: the log has no values to plan with");
      return Optional.empty();
    }
    try {
      record Explained(String json, double cost) {}
      Explained e = LiveSql.rolledBack(c, () -> {
        try (Statement st = c.createStatement()) {
          String json;
          try (ResultSet rs = st.executeQuery("EXPLAIN FORMAT=JSON " + s.text() + "\n/* logdex */")) {
            rs.next();
            json = rs.getString(1);
          }
          try (ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'Last_query_cost'")) {
            return new Explained(json, rs.next() ? rs.getDouble(2) : 0);
          }
        }
      });
      if (e.cost() <= 0) {
        unplanned.put(q.fingerprint().id(), "the optimizer reports no cost for this statement");
        return Optional.empty();
      }
      return Optional.of(PlanJson.mysql(e.json(), e.cost()));
    } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
      unplanned.put(q.fingerprint().id(), String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
      return Optional.empty();
    }
  }
}
