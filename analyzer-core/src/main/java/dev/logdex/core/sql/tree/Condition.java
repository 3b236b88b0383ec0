package dev.logdex.core.sql.tree;

import java.util.List;
import java.util.Objects;

/**
 * One conjunct of a WHERE, ON or HAVING clause, with AND already flattened.
 *
 * @param op what the predicate tests
 * @param left its subject (the left operand)
 * @param right the other operands: one for comparisons, LIKE and ANY, two for BETWEEN, the list for IN, none for IS
 *     NULL
 * @param negated NOT IN, NOT LIKE, NOT BETWEEN, IS NOT NULL, NOT EXISTS
 * @param disjunctive whether it sits under an OR, so no single index scan can rely on it
 * @param orGroup for one arm of an OR whose every arm is a single condition ({@code a = 1 OR b = 2}, a conjunct of
 *     its block): a number the statement's other arms of the same OR share, so that an index per arm can serve
 *     the OR together (a BitmapOr); 0 otherwise
 */
public record Condition(Op op, Expr left, List<Expr> right, boolean negated, boolean disjunctive, int orGroup) {

  /** Predicate operators usage extraction tells apart. */
  public enum Op {
    EQ,
    NE,
    LT,
    LE,
    GT,
    GE,
    IN,
    /**
     * {@code col = ANY(array)}, PostgreSQL's IN over values the statement does not list ({@code = ANY($1)}): as
     * many values as the array holds, never known to be one.
     */
    ANY,
    BETWEEN,
    LIKE,
    /** {@code ILIKE}: case-insensitive, so no B-tree index serves it, whatever the pattern. */
    ILIKE,
    IS_NULL,
    EXISTS,
    /** Any other boolean expression; its columns are kept in {@code left}. */
    OTHER
  }

  public Condition {
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(left, "left");
    right = List.copyOf(right);
  }

  /** A condition that is not an arm of a simple OR. */
  public Condition(Op op, Expr left, List<Expr> right, boolean negated, boolean disjunctive) {
    this(op, left, right, negated, disjunctive, 0);
  }

  /** This condition marked as sitting under an OR. */
  public Condition underOr() {
    return new Condition(op, left, right, negated, true, 0);
  }

  /** This condition as an arm of the simple OR numbered {@code group}. */
  public Condition armOf(int group) {
    return new Condition(op, left, right, negated, true, group);
  }
}
