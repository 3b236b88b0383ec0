package dev.logdex.core.sql.tree;

import java.util.List;

/**
 * One SELECT block (or the row-selecting part of an UPDATE or DELETE): its common table expressions, sources,
 * output columns, conditions (WHERE and JOIN ON, AND-flattened), grouping and ordering.
 *
 * @param ctes the WITH items declared on this block, visible to it and everything inside it
 * @param sources FROM items, joined tables included
 * @param projections the select list ({@code *} yields none)
 * @param conditions WHERE and JOIN ON conjuncts
 * @param having HAVING conjuncts (their columns are resolved, but no index serves them)
 * @param groupBy GROUP BY keys
 * @param orderBy ORDER BY keys
 * @param others expressions elsewhere (SET values, LIMIT, select list subqueries) whose columns still count
 */
public record Block(
    List<Cte> ctes,
    List<Source> sources,
    List<Query.Projection> projections,
    List<Condition> conditions,
    List<Condition> having,
    List<Expr> groupBy,
    List<Query.SortKey> orderBy,
    List<Expr> others)
    implements Query {

  public Block {
    ctes = List.copyOf(ctes);
    sources = List.copyOf(sources);
    projections = List.copyOf(projections);
    conditions = List.copyOf(conditions);
    having = List.copyOf(having);
    groupBy = List.copyOf(groupBy);
    orderBy = List.copyOf(orderBy);
    others = List.copyOf(others);
  }

  @Override
  public Block first() {
    return this;
  }

  /** A WITH item: a named query, with optional output column names. */
  public record Cte(String name, List<String> columns, Query query) {
    public Cte {
      columns = List.copyOf(columns);
    }
  }
}
