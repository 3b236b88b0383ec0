package dev.logdex.core.plan;

import dev.logdex.core.recommend.Recommendation;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * How candidate indexes come to exist, for a while, so that PostgreSQL plans with them: hypothetical ones (HypoPG)
 * or real ones built inside a transaction that is rolled back. Created indexes stay until undone back to a mark,
 * so a search can keep the ones it chose and try others on top of them.
 */
abstract class WhatIf implements AutoCloseable {

  /** The way of {@code method} on {@code c}, begun: nothing created yet. */
  static WhatIf begin(Connection c, Verifier.Method method) throws SQLException {
    return switch (method) {
      case HYPOPG -> new Hypothetical(c);
      case ROLLBACK -> new RolledBack(c);
      case SCRATCH -> throw new IllegalArgumentException("the planner chooses indexes on PostgreSQL only");
    };
  }

  /** Where {@link #undo} returns to: what was created after it is removed. */
  abstract Object mark() throws SQLException;

  /** Makes {@code r}'s index exist, and returns the names plans call it by (one per partition too). */
  abstract List<String> create(Recommendation r) throws SQLException;

  /** Removes every index created since {@code mark}. */
  abstract void undo(Object mark) throws SQLException;

  /** Removes every index created, and leaves the session as it was. */
  @Override
  public abstract void close() throws SQLException;

  /** HypoPG's hypothetical indexes: nothing built, nothing written, the session stays read-only. */
  private static final class Hypothetical extends WhatIf {
    private final Connection c;
    private final List<Verifier.Hypothetical> made = new ArrayList<>();

    Hypothetical(Connection c) throws SQLException {
      this.c = c;
      reset();
    }

    @Override
    Object mark() {
      return made.size();
    }

    @Override
    List<String> create(Recommendation r) throws SQLException {
      List<String> names = new ArrayList<>();
      for (Verifier.Hypothetical h : Verifier.createHypothetical(c, r)) {
        made.add(h);
        names.add(h.name());
      }
      return names;
    }

    @Override
    void undo(Object mark) throws SQLException {
      while (made.size() > (Integer) mark) {
        Verifier.dropHypothetical(c, made.remove(made.size() - 1));
      }
    }

    @Override
    public void close() throws SQLException {
      made.clear();
      reset();
    }

    private void reset() throws SQLException {
      try (Statement st = c.createStatement()) {
        st.execute("SELECT hypopg_reset()");
      }
    }
  }

  /**
   * Real indexes, each built inside one read-write transaction that is rolled back at the end; a trial's indexes
   * under a savepoint rolled back to. Nothing remains, but each build takes as long as a real one and locks its
   * table against writes (a SHARE lock) until the end: for a copy of the database, or a quiet one. The logged
   * statements are still only explained, each in a read-only subtransaction (see {@link LiveSql}).
   */
  private static final class RolledBack extends WhatIf {
    private final Connection c;
    private final boolean autoCommit;
    private final boolean readOnly;
    private int n;

    RolledBack(Connection c) throws SQLException {
      this.c = c;
      this.autoCommit = c.getAutoCommit();
      this.readOnly = c.isReadOnly();
      c.setReadOnly(false);
      c.setAutoCommit(false);
      try (Statement st = c.createStatement()) {
        st.execute("SET TRANSACTION READ WRITE");
      }
    }

    @Override
    Object mark() throws SQLException {
      return c.setSavepoint();
    }

    @Override
    List<String> create(Recommendation r) throws SQLException {
      return Verifier.createInTransaction(c, r, "logdex_whatif_" + (++n));
    }

    @Override
    void undo(Object mark) throws SQLException {
      c.rollback((Savepoint) mark);
      c.releaseSavepoint((Savepoint) mark);
    }

    @Override
    public void close() throws SQLException {
      try {
        c.rollback();
      } finally {
        c.setAutoCommit(autoCommit);
        c.setReadOnly(readOnly);
      }
    }
  }
}
