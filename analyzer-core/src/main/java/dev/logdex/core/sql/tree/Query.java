package dev.logdex.core.sql.tree;

import java.util.List;
import java.util.Objects;

/** A query expression: a single block, or a set operation (UNION, INTERSECT, EXCEPT) of queries. */
public sealed interface Query permits Block, Query.SetOperation {

  /** The block whose select list names the query's output columns (the first branch of a set operation). */
  Block first();

  /** A set operation; its branches are analysed one by one, each with its own scope. */
  record SetOperation(List<Query> branches, List<SortKey> orderBy) implements Query {
    public SetOperation {
      branches = List.copyOf(branches);
      orderBy = List.copyOf(orderBy);
      if (branches.isEmpty()) {
        throw new IllegalArgumentException("a set operation needs branches");
      }
    }

    @Override
    public Block first() {
      return branches.get(0).first();
    }
  }

  /** One output column of a block: its expression and the name it is known by (alias, or column name). */
  record Projection(Expr expr, String alias) {
    public Projection {
      Objects.requireNonNull(expr, "expr");
      Objects.requireNonNull(alias, "alias");
    }
  }

  /** An ORDER BY key. */
  record SortKey(Expr expr, boolean descending) {
    public SortKey {
      Objects.requireNonNull(expr, "expr");
    }
  }
}
