package dev.logdex.core.sql;

import dev.logdex.core.model.StatementKind;
import dev.logdex.core.sql.tree.Block;
import dev.logdex.core.sql.tree.Condition;
import dev.logdex.core.sql.tree.Condition.Op;
import dev.logdex.core.sql.tree.Expr;
import dev.logdex.core.sql.tree.ParsedStatement;
import dev.logdex.core.sql.tree.Query;
import dev.logdex.core.sql.tree.Source;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.AnyType;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * Parses with JSqlParser on the caller's thread (no per-call thread pool, see DESIGN.md) and translates its tree into
 * the neutral form. Public for callers that time or test the stages one by one; {@link StatementAnalyzer} is the
 * usual way in.
 */
public final class JsqlTranslator {

  /** Parses {@code sql}; throws on anything JSqlParser cannot read. */
  public ParsedStatement parse(String sql) throws Exception {
    Statement st;
    try {
      // The simple grammar first, as JSqlParser's own parse() does: it reads JSON operators with PostgreSQL's
      // precedence, where the complex one takes all that follows them for their key.
      st = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(false).Statement();
    } catch (net.sf.jsqlparser.parser.ParseException | RuntimeException e) {
      st = CCJSqlParserUtil.newParser(sql).withAllowComplexParsing(true).Statement();
    }
    return statement(st);
  }

  private ParsedStatement statement(Statement st) {
    if (st instanceof Select select) {
      return new ParsedStatement(StatementKind.SELECT, Optional.empty(), Optional.of(query(select)));
    }
    if (st instanceof Insert insert) {
      String target = name(insert.getTable());
      Select source = insert.getSelect();
      Optional<Query> q = Optional.empty();
      if (source != null && source.getValues() == null && !(source instanceof net.sf.jsqlparser.statement.select.Values)) {
        q = Optional.of(query(source));
      }
      return new ParsedStatement(StatementKind.INSERT, Optional.of(ref(insert.getTable(), target)), q);
    }
    if (st instanceof Update update) {
      String target = name(update.getTable());
      List<Source> sources = new ArrayList<>();
      List<Condition> conds = new ArrayList<>();
      sources.add(new Source.TableSource(qualifier(update.getTable()), target,
          alias(update.getTable().getAlias(), target)));
      if (update.getFromItem() != null) {
        from(update.getFromItem(), sources, conds);
      }
      joins(update.getJoins(), sources, conds);
      if (update.getWhere() != null) {
        conditions(update.getWhere(), false, conds);
      }
      List<Expr> others = new ArrayList<>();
      if (update.getUpdateSets() != null) {
        for (UpdateSet set : update.getUpdateSets()) {
          List<?> targets = set.getColumns();
          int i = 0;
          for (Expression e : set.getValues()) {
            Expr value = expr(e);
            others.add(i < targets.size() && targets.size() == set.getValues().size()
                && expr((Expression) targets.get(i)) instanceof Expr.Column column
                ? new Expr.Assignment(column, value) : value);
            i++;
          }
        }
      }
      Block b = new Block(ctes(update.getWithItemsList()), sources, List.of(), conds, List.of(), List.of(),
          sortKeys(update.getOrderByElements()), others, update.getLimit() != null);
      return new ParsedStatement(StatementKind.UPDATE, Optional.of(ref(update.getTable(), target)),
          Optional.of(b));
    }
    if (st instanceof Delete delete) {
      Table t = delete.getTable() != null ? delete.getTable() : delete.getTables().get(0);
      String target = name(t);
      List<Source> sources = new ArrayList<>();
      List<Condition> conds = new ArrayList<>();
      sources.add(new Source.TableSource(qualifier(t), target, alias(t.getAlias(), target)));
      if (delete.getUsingList() != null) {
        for (Table u : delete.getUsingList()) {
          from(u, sources, conds);
        }
      }
      joins(delete.getJoins(), sources, conds);
      if (delete.getWhere() != null) {
        conditions(delete.getWhere(), false, conds);
      }
      Block b = new Block(ctes(delete.getWithItemsList()), sources, List.of(), conds, List.of(), List.of(),
          sortKeys(delete.getOrderByElements()), List.of(), delete.getLimit() != null);
      return new ParsedStatement(StatementKind.DELETE, Optional.of(ref(t, target)), Optional.of(b));
    }
    return new ParsedStatement(StatementKind.OTHER, Optional.empty(), Optional.empty());
  }

  private Query query(Select select) {
    Query body;
    if (select instanceof PlainSelect ps) {
      body = plain(ps);
    } else if (select instanceof SetOperationList sol) {
      List<Query> branches = new ArrayList<>();
      for (Select s : sol.getSelects()) {
        branches.add(query(s));
      }
      body = new Query.SetOperation(branches, sortKeys(sol.getOrderByElements()));
    } else if (select instanceof ParenthesedSelect ps) {
      body = query(ps.getSelect());
      if (body instanceof Block b && (select.getOrderByElements() != null || isLimited(select))) {
        body = b.withOrder(sortKeys(select.getOrderByElements()), List.of(), isLimited(select));
      }
    } else {
      body = new Block(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
          false);
    }
    List<Block.Cte> ctes = ctes(select.getWithItemsList());
    if (ctes.isEmpty()) {
      return body;
    }
    return body instanceof Block b ? b.withCtes(ctes) : Block.wrapping(ctes, body);
  }

  private List<Block.Cte> ctes(List<WithItem<?>> items) {
    List<Block.Cte> out = new ArrayList<>();
    if (items == null) {
      return out;
    }
    for (WithItem<?> wi : items) {
      List<String> cols = new ArrayList<>();
      if (wi.getWithItemList() != null) {
        for (SelectItem<?> si : wi.getWithItemList()) {
          cols.add(fold(si.toString()));
        }
      }
      if (wi.getSelect() != null) {
        out.add(new Block.Cte(fold(wi.getAliasName()), cols, query(wi.getSelect())));
      }
    }
    return out;
  }

  private Block plain(PlainSelect ps) {
    List<Source> sources = new ArrayList<>();
    List<Condition> conds = new ArrayList<>();
    if (ps.getFromItem() != null) {
      from(ps.getFromItem(), sources, conds);
    }
    joins(ps.getJoins(), sources, conds);
    if (ps.getWhere() != null) {
      conditions(ps.getWhere(), false, conds);
    }
    List<Query.Projection> projections = new ArrayList<>();
    for (SelectItem<?> item : ps.getSelectItems()) {
      Expression e = item.getExpression();
      if (e instanceof net.sf.jsqlparser.statement.select.AllTableColumns atc) {
        projections.add(new Query.Projection(new Expr.Star(name(atc.getTable())), ""));
        continue;
      }
      if (e instanceof net.sf.jsqlparser.statement.select.AllColumns) {
        projections.add(new Query.Projection(new Expr.Star(""), ""));
        continue;
      }
      Expr x = expr(e);
      String name = item.getAlias() != null ? fold(item.getAlias().getName())
          : x instanceof Expr.Column c ? c.name() : "";
      projections.add(new Query.Projection(x, name));
    }
    List<Expr> group = new ArrayList<>();
    if (ps.getGroupBy() != null && ps.getGroupBy().getGroupByExpressionList() != null) {
      for (Object g : ps.getGroupBy().getGroupByExpressionList()) {
        group.add(expr((Expression) g));
      }
    }
    List<Condition> having = new ArrayList<>();
    if (ps.getHaving() != null) {
      conditions(ps.getHaving(), false, having);
    }
    return new Block(List.of(), sources, projections, conds, having, group, sortKeys(ps.getOrderByElements()),
        List.of(), isLimited(ps));
  }

  private static boolean isLimited(Select s) {
    return s.getLimit() != null || s.getFetch() != null
        || s instanceof PlainSelect ps && ps.getTop() != null;
  }

  private void joins(List<Join> joins, List<Source> sources, List<Condition> conds) {
    if (joins == null) {
      return;
    }
    for (Join j : joins) {
      from(j.getFromItem(), sources, conds);
      Collection<Expression> on = j.getOnExpressions();
      if (on != null) {
        for (Expression e : on) {
          conditions(e, false, conds);
        }
      }
      if (j.getUsingColumns() != null && sources.size() >= 2) {
        String right = sources.get(sources.size() - 1).alias();
        String left = sources.get(sources.size() - 2).alias();
        for (Column c : j.getUsingColumns()) {
          String col = fold(c.getColumnName());
          conds.add(new Condition(Op.EQ, new Expr.Column(left, col), List.of(new Expr.Column(right, col)), false,
              false));
        }
      }
    }
  }

  private void from(FromItem item, List<Source> sources, List<Condition> conds) {
    if (item instanceof Table t) {
      String name = name(t);
      sources.add(new Source.TableSource(qualifier(t), name, alias(t.getAlias(), name)));
    } else if (item instanceof ParenthesedSelect ps) {
      List<String> cols = new ArrayList<>();
      if (ps.getAlias() != null && ps.getAlias().getAliasColumns() != null) {
        for (Alias.AliasColumn ac : ps.getAlias().getAliasColumns()) {
          cols.add(fold(ac.name));
        }
      }
      sources.add(new Source.DerivedSource(query(ps.getSelect()), alias(ps.getAlias(), ""), cols));
    } else if (item instanceof ParenthesedFromItem pf) {
      from(pf.getFromItem(), sources, conds);
      joins(pf.getJoins(), sources, conds);
    }
    // Table functions, VALUES lists and the like read no table we know.
  }

  private List<Query.SortKey> sortKeys(List<OrderByElement> elements) {
    List<Query.SortKey> keys = new ArrayList<>();
    if (elements != null) {
      for (OrderByElement o : elements) {
        keys.add(new Query.SortKey(expr(o.getExpression()), !o.isAsc()));
      }
    }
    return keys;
  }

  private void conditions(Expression e, boolean underOr, List<Condition> out) {
    Expression x = jsonComparison(unwrap(e));
    if (x instanceof AndExpression and) {
      conditions(and.getLeftExpression(), underOr, out);
      conditions(and.getRightExpression(), underOr, out);
      return;
    }
    if (x instanceof OrExpression or) {
      List<Expression> arms = new ArrayList<>();
      orArms(or, arms);
      if (!underOr && arms.stream().noneMatch(a -> a instanceof AndExpression || a instanceof OrExpression)) {
        int group = ++orGroups; // an OR of single conditions: its arms can each have an index
        for (Expression arm : arms) {
          out.add(condition(arm).armOf(group));
        }
        return;
      }
      conditions(or.getLeftExpression(), true, out);
      conditions(or.getRightExpression(), true, out);
      return;
    }
    Condition c = condition(x);
    out.add(underOr ? c.underOr() : c);
  }

  /**
   * JSqlParser reads {@code doc ->> 'k' = ? AND n > 1} as {@code doc ->> ('k' = ? AND n > 1)}: all that follows the
   * JSON operator taken for its key. PostgreSQL's JSON operators bind tighter than comparisons and logic, so their
   * key is the first operand of that expression: this moves the JSON step down to it and returns the comparison.
   */
  private static Expression jsonComparison(Expression x) {
    if (!(x instanceof net.sf.jsqlparser.expression.JsonExpression json) || json.getIdentList().isEmpty()) {
      return x;
    }
    List<java.util.Map.Entry<Expression, String>> steps = new ArrayList<>(json.getIdentList());
    java.util.Map.Entry<Expression, String> last = steps.get(steps.size() - 1);
    Expression top = last.getKey();
    if (leftOperand(top) == null) {
      return x;
    }
    Expression parent = top;
    while (leftOperand(leftOperand(parent)) != null) {
      parent = leftOperand(parent);
    }
    steps.set(steps.size() - 1, java.util.Map.entry(leftOperand(parent), last.getValue()));
    setLeftOperand(parent, new net.sf.jsqlparser.expression.JsonExpression(json.getExpression(), steps));
    return top;
  }

  /** The first operand of an operator expression, or null for anything else. */
  private static Expression leftOperand(Expression e) {
    if (e instanceof BinaryExpression b) {
      return b.getLeftExpression();
    }
    if (e instanceof InExpression in) {
      return in.getLeftExpression();
    }
    if (e instanceof Between b) {
      return b.getLeftExpression();
    }
    if (e instanceof IsNullExpression n) {
      return n.getLeftExpression();
    }
    return null;
  }

  private static void setLeftOperand(Expression e, Expression left) {
    if (e instanceof BinaryExpression b) {
      b.setLeftExpression(left);
    } else if (e instanceof InExpression in) {
      in.setLeftExpression(left);
    } else if (e instanceof Between b) {
      b.setLeftExpression(left);
    } else if (e instanceof IsNullExpression n) {
      n.setLeftExpression(left);
    }
  }

  /** How many ORs of single conditions this statement has had numbers for. */
  private int orGroups;

  /** The arms of an OR, nested ORs (and their parentheses) flattened. */
  private void orArms(Expression e, List<Expression> out) {
    Expression x = unwrap(e);
    if (x instanceof OrExpression or) {
      orArms(or.getLeftExpression(), out);
      orArms(or.getRightExpression(), out);
    } else {
      out.add(x);
    }
  }

  private Condition condition(Expression x) {
    if (x instanceof EqualsTo b) {
      return equals(b);
    }
    if (x instanceof NotEqualsTo b) {
      return binary(Op.NE, b);
    }
    if (x instanceof MinorThan b) {
      return binary(Op.LT, b);
    }
    if (x instanceof MinorThanEquals b) {
      return binary(Op.LE, b);
    }
    if (x instanceof GreaterThan b) {
      return binary(Op.GT, b);
    }
    if (x instanceof GreaterThanEquals b) {
      return binary(Op.GE, b);
    }
    if (x instanceof InExpression in) {
      List<Expr> right = new ArrayList<>();
      Expression r = in.getRightExpression();
      if (r instanceof ParenthesedSelect || r instanceof Select) {
        right.add(expr(r));
      } else if (r instanceof ExpressionList<?> list) {
        for (Object o : list) {
          right.add(expr((Expression) o));
        }
      } else {
        right.add(expr(r));
      }
      return new Condition(Op.IN, expr(in.getLeftExpression()), right, in.isNot(), false);
    }
    if (x instanceof Between b) {
      return new Condition(Op.BETWEEN, expr(b.getLeftExpression()),
          List.of(expr(b.getBetweenExpressionStart()), expr(b.getBetweenExpressionEnd())), b.isNot(), false);
    }
    if (x instanceof LikeExpression like) {
      LikeExpression.KeyWord word = like.getLikeKeyWord();
      if (word != null && word != LikeExpression.KeyWord.LIKE && word != LikeExpression.KeyWord.ILIKE) {
        // REGEXP, RLIKE, SIMILAR TO: a match no index key serves, as Calcite's translation has it
        return new Condition(Op.OTHER, new Expr.Opaque(List.of(expr(like.getLeftExpression()),
            expr(like.getRightExpression()))), List.of(), like.isNot(), false);
      }
      boolean ilike = word == LikeExpression.KeyWord.ILIKE || like.isCaseInsensitive();
      return new Condition(ilike ? Op.ILIKE : Op.LIKE, expr(like.getLeftExpression()),
          List.of(expr(like.getRightExpression())), like.isNot(), false);
    }
    if (x instanceof IsNullExpression isNull) {
      return new Condition(Op.IS_NULL, expr(isNull.getLeftExpression()), List.of(), isNull.isNot(), false);
    }
    if (x instanceof ExistsExpression ex) {
      return new Condition(Op.EXISTS, expr(ex.getRightExpression()), List.of(), ex.isNot(), false);
    }
    if (x instanceof NotExpression not) {
      Condition inner = condition(unwrap(not.getExpression()));
      if (inner.op() != Op.OTHER && inner.op() != Op.EQ && inner.op() != Op.NE && inner.op() != Op.LT
          && inner.op() != Op.LE && inner.op() != Op.GT && inner.op() != Op.GE) {
        return new Condition(inner.op(), inner.left(), inner.right(), !inner.negated(), false);
      }
      return new Condition(Op.OTHER, new Expr.Opaque(concat(inner)), List.of(), true, false);
    }
    return new Condition(Op.OTHER, expr(x), List.of(), false, false);
  }

  private static List<Expr> concat(Condition c) {
    List<Expr> all = new ArrayList<>();
    all.add(c.left());
    all.addAll(c.right());
    return all;
  }

  /**
   * {@code a = b}; or {@code col = ANY(array)}, which JSqlParser gives as a call of a function named ANY: PostgreSQL's
   * IN of values not listed; and {@code col = ANY(SELECT ...)}, an IN over a subquery.
   */
  private Condition equals(EqualsTo b) {
    Expression right = unwrap(b.getRightExpression());
    if (right instanceof Function f && f.getName() != null
        && (f.getName().equalsIgnoreCase("any") || f.getName().equalsIgnoreCase("some"))
        && f.getParameters() != null && f.getParameters().size() == 1) {
      return new Condition(Op.ANY, expr(b.getLeftExpression()), List.of(expr((Expression) f.getParameters().get(0))),
          false, false);
    }
    if (right instanceof AnyComparisonExpression any && any.getAnyType() != AnyType.ALL) {
      return new Condition(Op.IN, expr(b.getLeftExpression()), List.of(expr(any.getSelect())), false, false);
    }
    return binary(Op.EQ, b);
  }

  private Condition binary(Op op, BinaryExpression b) {
    return new Condition(op, expr(b.getLeftExpression()), List.of(expr(b.getRightExpression())), false, false);
  }

  private static Expression unwrap(Expression e) {
    Expression x = e;
    while (true) {
      if (x instanceof Parenthesis p) {
        x = p.getExpression();
      } else if (x instanceof ParenthesedExpressionList<?> list && list.size() == 1) {
        x = (Expression) list.get(0);
      } else {
        return x;
      }
    }
  }

  private Expr expr(Expression e) {
    Expression x = unwrap(e);
    if (x == null) {
      return new Expr.Opaque(List.of());
    }
    if (x instanceof Column c) {
      String qualifier = c.getTable() != null && c.getTable().getName() != null ? fold(c.getTable().getName()) : "";
      String name = fold(c.getColumnName());
      return new Expr.Column(qualifier, name, Expr.Column.niladic(qualifier, name));
    }
    if (x instanceof JdbcParameter || x instanceof JdbcNamedParameter) {
      return Expr.Value.parameter();
    }
    if (x instanceof NullValue) {
      return new Expr.Value(Expr.Value.Kind.NULL, "");
    }
    if (x instanceof StringValue s) {
      return new Expr.Value(Expr.Value.Kind.STRING, s.getValue());
    }
    if (x instanceof ParenthesedSelect ps) {
      return new Expr.Subquery(query(ps));
    }
    if (x instanceof Select s) {
      return new Expr.Subquery(query(s));
    }
    if (x instanceof Function f) {
      List<Expr> args = new ArrayList<>();
      if (f.getParameters() != null) {
        for (Object o : f.getParameters()) {
          args.add(expr((Expression) o));
        }
      }
      return new Expr.Call(f.getName() == null ? "" : f.getName().toLowerCase(Locale.ROOT), args);
    }
    if (x instanceof CastExpression cast) {
      String type = cast.getColDataType() == null ? "" : cast.getColDataType().toString();
      return new Expr.Call("cast", List.of(expr(cast.getLeftExpression()),
          new Expr.TypeName(type.toLowerCase(Locale.ROOT))));
    }
    if (x instanceof net.sf.jsqlparser.expression.JsonExpression json) {
      return json(json);
    }
    if (x instanceof AndExpression || x instanceof OrExpression || x instanceof EqualsTo
        || x instanceof InExpression || x instanceof LikeExpression || x instanceof IsNullExpression
        || x instanceof Between || x instanceof ExistsExpression || x instanceof NotExpression) {
      List<Condition> conds = new ArrayList<>();
      conditions(x, false, conds);
      List<Expr> parts = new ArrayList<>();
      for (Condition c : conds) {
        parts.addAll(concat(c));
      }
      return new Expr.Opaque(parts);
    }
    if (x instanceof BinaryExpression b) {
      return new Expr.Call(b.getStringExpression().toLowerCase(Locale.ROOT),
          List.of(expr(b.getLeftExpression()), expr(b.getRightExpression())));
    }
    if (x instanceof net.sf.jsqlparser.expression.LongValue || x instanceof net.sf.jsqlparser.expression.DoubleValue) {
      return new Expr.Value(Expr.Value.Kind.NUMBER, x.toString());
    }
    if (x instanceof net.sf.jsqlparser.expression.DateTimeLiteralExpression
        || x instanceof net.sf.jsqlparser.expression.HexValue
        || x instanceof net.sf.jsqlparser.expression.BooleanValue) {
      return new Expr.Value(Expr.Value.Kind.OTHER_LITERAL, "");
    }
    return new Expr.Opaque(collect(x));
  }

  /**
   * {@code data -> 'a' ->> 'b'}: one call per step, {@code ->} or {@code ->>} on the expression so far and the key,
   * so an index on the same path can be told from the statement's use of it.
   */
  private Expr json(net.sf.jsqlparser.expression.JsonExpression json) {
    Expr e = expr(json.getExpression());
    for (var step : json.getIdentList()) {
      e = new Expr.Call(step.getValue(), List.of(e, expr(step.getKey())));
    }
    return e;
  }

  /** Columns and subqueries anywhere inside an expression this translator does not model. */
  private List<Expr> collect(Expression x) {
    List<Expr> found = new ArrayList<>();
    ExpressionVisitorAdapter<Void> visitor = new ExpressionVisitorAdapter<>() {
      @Override
      public <S> Void visit(Column column, S context) {
        found.add(expr(column));
        return null;
      }

      @Override
      public <S> Void visit(ParenthesedSelect select, S context) {
        found.add(new Expr.Subquery(query(select)));
        return null;
      }
    };
    x.accept(visitor, null);
    return found;
  }

  private static String name(Table t) {
    return fold(t.getName());
  }

  /** The table as the statement names it, qualifier included: {@code app.users}, or {@code users}. */
  private static String ref(Table t, String name) {
    String q = qualifier(t);
    return q.isEmpty() ? name : q + "." + name;
  }

  /** The schema or database part of a table's name ({@code app} in {@code app.users}), or empty. */
  private static String qualifier(Table t) {
    return t.getSchemaName() == null ? "" : fold(t.getSchemaName());
  }

  private static String alias(Alias a, String fallback) {
    return a == null || a.getName() == null ? fallback : fold(a.getName());
  }

  /** Unquoted names fold to lower case; quoted ones keep their case and lose their quotes. */
  static String fold(String raw) {
    if (raw == null) {
      return "";
    }
    if (raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '`' || raw.charAt(0) == '[')) {
      return raw.substring(1, raw.length() - 1);
    }
    return raw.toLowerCase(Locale.ROOT);
  }
}
