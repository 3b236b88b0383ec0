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
 * @param limited whether the block returns a bounded number of rows (LIMIT, FETCH FIRST, TOP)
 */
public record Block(
    List<Cte> ctes,
    List<Source> sources,
    List<Query.Projection> projections,
    List<Condition> conditions,
    List<Condition> having,
    List<Expr> groupBy,
    List<Query.SortKey> orderBy,
    List<Expr> others,
    boolean limited)
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

  /** This block with another ORDER BY and limit (an outer ORDER BY ... LIMIT wraps a parsed block). */
  public Block withOrder(List<Query.SortKey> keys, List<Expr> moreOthers, boolean limit) {
    List<Query.SortKey> k = new java.util.ArrayList<>(orderBy);
    k.addAll(keys);
    List<Expr> o = new java.util.ArrayList<>(others);
    o.addAll(moreOthers);
    return new Block(ctes, sources, projections, conditions, having, groupBy, k, o, limited || limit);
  }

  /** This block with more CTEs in front of its own. */
  public Block withCtes(List<Cte> more) {
    List<Cte> all = new java.util.ArrayList<>(more);
    all.addAll(ctes);
    return new Block(all, sources, projections, conditions, having, groupBy, orderBy, others, limited);
  }

  /** A block that only wraps {@code query} as its one source, so that CTEs declared on it are visible inside. */
  public static Block wrapping(List<Cte> ctes, Query query) {
    return new Block(ctes, List.of(new Source.DerivedSource(query, "", List.of())), List.of(), List.of(),
        List.of(), List.of(), List.of(), List.of(), false);
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
