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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDelete;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlBetweenOperator;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.parser.impl.SqlParserImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Parses with Calcite (its core parser, else its Babel parser) and translates the tree into the neutral form. Public
 * for callers that time or test the stages one by one; {@link StatementAnalyzer} is the usual way in.
 */
public final class CalciteTranslator {

  /** Which of Calcite's two parsers read a statement. */
  public enum Grammar {
    /**
     * The core parser, and Babel where the core one cannot read the statement: what the analyzer uses. The core
     * parser reads the statements of an application's log (SELECT, INSERT, UPDATE, DELETE in standard SQL) about
     * three times as fast (ParseBenchmark): Babel makes hundreds of keywords usable as names, and its lookahead
     * tries each of them at every name. Babel's grammar is the core one with more added, and a differential test
     * over every statement of the corpus holds the two to the same analysis wherever the core parser reads one.
     */
    CORE_FIRST,
    /** The core parser alone, for the tests and benchmarks that tell the two apart. */
    CORE,
    /** Babel alone: the reference that differential test compares against. */
    BABEL
  }

  private static final ThreadLocal<ReusedParser> BACKTICKS = ReusedParser.perThread(config(true, true));
  private static final ThreadLocal<ReusedParser> DOUBLE_QUOTES = ReusedParser.perThread(config(false, true));
  private static final ThreadLocal<ReusedParser> CORE_BACKTICKS = ReusedParser.perThread(config(true, false));
  private static final ThreadLocal<ReusedParser> CORE_DOUBLE_QUOTES = ReusedParser.perThread(config(false, false));

  /** The Babel parser, or null for the core one alone. */
  private final ThreadLocal<ReusedParser> babel;
  /** The core parser, tried first; or null for Babel alone. */
  private final ThreadLocal<ReusedParser> core;

  /** @param backticks whether {@code `name`} quotes names (MySQL); otherwise {@code "name"} does */
  public CalciteTranslator(boolean backticks) {
    this(backticks, Grammar.CORE_FIRST);
  }

  /**
   * @param backticks whether {@code `name`} quotes names (MySQL); otherwise {@code "name"} does
   * @param grammar which parsers read a statement
   */
  public CalciteTranslator(boolean backticks, Grammar grammar) {
    this.babel = grammar == Grammar.CORE ? null : backticks ? BACKTICKS : DOUBLE_QUOTES;
    this.core = grammar == Grammar.BABEL ? null : backticks ? CORE_BACKTICKS : CORE_DOUBLE_QUOTES;
  }

  /** The same settings for both parsers, Babel's conformance included: only the grammar differs. */
  private static SqlParser.Config config(boolean backticks, boolean babel) {
    return SqlParser.config()
        .withParserFactory(babel ? SqlBabelParserImpl.FACTORY : SqlParserImpl.FACTORY)
        .withConformance(SqlConformanceEnum.BABEL)
        .withQuoting(backticks ? Quoting.BACK_TICK : Quoting.DOUBLE_QUOTE)
        .withUnquotedCasing(Casing.UNCHANGED)
        .withQuotedCasing(Casing.UNCHANGED)
        .withCaseSensitive(false)
        .withIdentifierMaxLength(1024);
  }

  /** Parses {@code sql} (parameters already turned into {@code ?}). */
  public ParsedStatement parse(String sql) throws SqlParseException {
    if (babel == null) {
      return statement(core.get().parse(sql));
    }
    if (core != null) {
      SqlNode node;
      try {
        node = core.get().parse(sql);
      } catch (SqlParseException | RuntimeException | StackOverflowError e) {
        node = null; // not in the core grammar (`::`, `!~`, a reserved word as a name, ...): Babel's turn
      }
      if (node != null) {
        return statement(node);
      }
    }
    return statement(babel.get().parse(sql));
  }

  private ParsedStatement statement(SqlNode node) {
    if (node instanceof SqlInsert insert) {
      String target = tableName(insert.getTargetTable());
      SqlNode source = insert.getSource();
      Optional<Query> q = source.getKind() == SqlKind.VALUES ? Optional.empty() : Optional.of(query(source));
      return new ParsedStatement(StatementKind.INSERT, Optional.of(ref(insert.getTargetTable(), target)), q);
    }
    if (node instanceof SqlUpdate update) {
      String target = tableName(update.getTargetTable());
      String alias = update.getAlias() != null ? simple(update.getAlias()) : target;
      List<Expr> values = new ArrayList<>();
      List<SqlNode> sources = update.getSourceExpressionList().getList();
      List<SqlNode> targets = update.getTargetColumnList().getList();
      for (int i = 0; i < sources.size(); i++) {
        Expr value = expr(sources.get(i));
        values.add(i < targets.size() && expr(targets.get(i)) instanceof Expr.Column column
            ? new Expr.Assignment(column, value) : value);
      }
      Block b = rowBlock(qualifier(update.getTargetTable()), target, alias, update.getCondition(), values);
      return new ParsedStatement(StatementKind.UPDATE, Optional.of(ref(update.getTargetTable(), target)),
          Optional.of(b));
    }
    if (node instanceof SqlDelete delete) {
      String target = tableName(delete.getTargetTable());
      String alias = delete.getAlias() != null ? simple(delete.getAlias()) : target;
      Block b = rowBlock(qualifier(delete.getTargetTable()), target, alias, delete.getCondition(), List.of());
      return new ParsedStatement(StatementKind.DELETE, Optional.of(ref(delete.getTargetTable(), target)),
          Optional.of(b));
    }
    SqlKind k = node.getKind();
    if (node instanceof SqlSelect || node instanceof SqlOrderBy || node instanceof SqlWith
        || k == SqlKind.UNION || k == SqlKind.INTERSECT || k == SqlKind.EXCEPT) {
      return new ParsedStatement(StatementKind.SELECT, Optional.empty(), Optional.of(query(node)));
    }
    return new ParsedStatement(StatementKind.OTHER, Optional.empty(), Optional.empty());
  }

  private Block rowBlock(String qualifier, String table, String alias, SqlNode where, List<Expr> others) {
    List<Condition> conds = new ArrayList<>();
    if (where != null) {
      conditions(where, false, conds);
    }
    return new Block(List.of(), List.of(new Source.TableSource(qualifier, table, alias)), List.of(), conds, List.of(),
        List.of(), List.of(), others, false);
  }

  private Query query(SqlNode node) {
    if (node instanceof SqlWith with) {
      List<Block.Cte> ctes = new ArrayList<>();
      for (SqlNode item : with.withList) {
        SqlWithItem wi = (SqlWithItem) item;
        List<String> cols = new ArrayList<>();
        if (wi.columnList != null) {
          for (SqlNode c : wi.columnList) {
            cols.add(simple((SqlIdentifier) c));
          }
        }
        ctes.add(new Block.Cte(simple(wi.name), cols, query(wi.query)));
      }
      Query body = query(with.body);
      return withCtes(body, ctes);
    }
    if (node instanceof SqlOrderBy ob) {
      Query inner = query(ob.query);
      List<Query.SortKey> keys = sortKeys(ob.orderList);
      List<Expr> others = new ArrayList<>();
      if (ob.offset != null) {
        others.add(expr(ob.offset));
      }
      if (ob.fetch != null) {
        others.add(expr(ob.fetch));
      }
      if (inner instanceof Block b) {
        return b.withOrder(keys, others, ob.fetch != null);
      }
      Query.SetOperation so = (Query.SetOperation) inner;
      return new Query.SetOperation(so.branches(), keys);
    }
    if (node instanceof SqlSelect s) {
      return select(s);
    }
    SqlKind k = node.getKind();
    if (k == SqlKind.UNION || k == SqlKind.INTERSECT || k == SqlKind.EXCEPT) {
      List<Query> branches = new ArrayList<>();
      for (SqlNode op : ((SqlCall) node).getOperandList()) {
        Query q = query(op);
        if (q instanceof Query.SetOperation so && so.orderBy().isEmpty()) {
          branches.addAll(so.branches());
        } else {
          branches.add(q);
        }
      }
      return new Query.SetOperation(branches, List.of());
    }
    // VALUES and anything else used as a query: keep its columns, read no table.
    return new Block(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
        List.of(expr(node)), false);
  }

  private static Query withCtes(Query body, List<Block.Cte> ctes) {
    // A WITH over a set operation wraps it, so that every branch sees the CTEs.
    return body instanceof Block b ? b.withCtes(ctes) : Block.wrapping(ctes, body);
  }

  private Block select(SqlSelect s) {
    List<Source> sources = new ArrayList<>();
    List<Condition> conds = new ArrayList<>();
    if (s.getFrom() != null) {
      from(s.getFrom(), sources, conds);
    }
    if (s.getWhere() != null) {
      conditions(s.getWhere(), false, conds);
    }
    List<Query.Projection> projections = new ArrayList<>();
    List<Expr> others = new ArrayList<>();
    for (SqlNode item : s.getSelectList()) {
      if (item.getKind() == SqlKind.AS) {
        SqlCall as = (SqlCall) item;
        projections.add(new Query.Projection(expr(as.operand(0)), simple((SqlIdentifier) as.operand(1))));
      } else if (item instanceof SqlIdentifier id && id.isStar()) {
        projections.add(new Query.Projection(new Expr.Star(id.names.size() > 1 ? part(id, id.names.size() - 2) : ""),
            ""));
      } else {
        Expr e = expr(item);
        String name = e instanceof Expr.Column c ? c.name() : "";
        projections.add(new Query.Projection(e, name));
      }
    }
    List<Expr> group = new ArrayList<>();
    if (s.getGroup() != null) {
      for (SqlNode g : s.getGroup()) {
        group.add(expr(g));
      }
    }
    List<Condition> having = new ArrayList<>();
    if (s.getHaving() != null) {
      conditions(s.getHaving(), false, having);
    }
    List<Query.SortKey> order = s.getOrderList() != null ? sortKeys(s.getOrderList()) : List.of();
    if (s.getFetch() != null) {
      others.add(expr(s.getFetch()));
    }
    if (s.getOffset() != null) {
      others.add(expr(s.getOffset()));
    }
    return new Block(List.of(), sources, projections, conds, having, group, order, others,
        s.getFetch() != null);
  }

  private List<Query.SortKey> sortKeys(SqlNodeList list) {
    List<Query.SortKey> keys = new ArrayList<>();
    for (SqlNode n : list) {
      boolean desc = false;
      SqlNode e = n;
      while (e instanceof SqlCall c && (c.getKind() == SqlKind.DESCENDING || c.getKind() == SqlKind.NULLS_FIRST
          || c.getKind() == SqlKind.NULLS_LAST)) {
        if (c.getKind() == SqlKind.DESCENDING) {
          desc = true;
        }
        e = c.operand(0);
      }
      keys.add(new Query.SortKey(expr(e), desc));
    }
    return keys;
  }

  private void from(SqlNode node, List<Source> sources, List<Condition> conds) {
    if (node instanceof SqlJoin join) {
      from(join.getLeft(), sources, conds);
      from(join.getRight(), sources, conds);
      if (join.getCondition() != null) {
        if (join.getCondition() instanceof SqlNodeList using) {
          usingColumns(using, sources, conds);
        } else {
          conditions(join.getCondition(), false, conds);
        }
      }
      return;
    }
    String alias = null;
    List<String> columns = new ArrayList<>();
    SqlNode target = node;
    if (node.getKind() == SqlKind.AS) {
      List<SqlNode> ops = ((SqlCall) node).getOperandList();
      target = ops.get(0);
      alias = simple((SqlIdentifier) ops.get(1));
      for (int i = 2; i < ops.size(); i++) {
        columns.add(simple((SqlIdentifier) ops.get(i)));
      }
    }
    if (target instanceof SqlIdentifier id) {
      String name = tableName(id);
      sources.add(new Source.TableSource(qualifier(id), name, alias != null ? alias : name));
    } else if (target.getKind() == SqlKind.LATERAL || target.getKind() == SqlKind.COLLECTION_TABLE) {
      SqlNode inner = ((SqlCall) target).operand(0);
      sources.add(new Source.DerivedSource(query(inner), alias != null ? alias : "", columns));
    } else {
      sources.add(new Source.DerivedSource(query(target), alias != null ? alias : "", columns));
    }
  }

  /** JOIN ... USING (c): an equality of the column between the last two sources. */
  private static void usingColumns(SqlNodeList using, List<Source> sources, List<Condition> conds) {
    if (sources.size() < 2) {
      return;
    }
    String right = sources.get(sources.size() - 1).alias();
    String left = sources.get(sources.size() - 2).alias();
    for (SqlNode n : using) {
      String col = simple((SqlIdentifier) n);
      conds.add(new Condition(Op.EQ, new Expr.Column(left, col), List.of(new Expr.Column(right, col)), false,
          false));
    }
  }

  private void conditions(SqlNode node, boolean underOr, List<Condition> out) {
    node = castFirst(node);
    SqlKind k = node.getKind();
    if (k == SqlKind.AND) {
      for (SqlNode op : ((SqlCall) node).getOperandList()) {
        conditions(op, underOr, out);
      }
      return;
    }
    if (k == SqlKind.OR) {
      List<SqlNode> arms = new ArrayList<>();
      orArms(node, arms);
      if (!underOr && arms.stream().noneMatch(a -> isBoolean(a.getKind()))) {
        int group = ++orGroups; // an OR of single conditions: its arms can each have an index
        for (SqlNode arm : arms) {
          out.add(condition(arm).armOf(group));
        }
        return;
      }
      for (SqlNode op : ((SqlCall) node).getOperandList()) {
        conditions(op, true, out);
      }
      return;
    }
    Condition c = condition(node);
    out.add(underOr ? c.underOr() : c);
  }

  /** How many ORs of single conditions this statement has had numbers for. */
  private int orGroups;

  /** The arms of an OR, nested ORs flattened. */
  private static void orArms(SqlNode node, List<SqlNode> out) {
    if (node.getKind() == SqlKind.OR) {
      for (SqlNode op : ((SqlCall) node).getOperandList()) {
        orArms(op, out);
      }
    } else {
      out.add(node);
    }
  }

  /**
   * {@code node} with PostgreSQL's {@code ::} bound as tightly as PostgreSQL binds it. Calcite's Babel parser (1.42
   * here) binds it more loosely than a comparison or arithmetic: it reads {@code title = $1::text} as
   * {@code (title = $1)::text}, so the column was an expression's, no index key, and {@code id > $1::int AND ...}
   * lost its range. Such a cast of an operator's call moves onto the call's last operand, as far down as it goes.
   * (A cast of a parenthesised comparison, {@code (a = b)::text}, is read the PostgreSQL way too, as
   * {@code a = b::text}: no WHERE compares that way.)
   */
  static SqlNode castFirst(SqlNode node) {
    if (node instanceof SqlBasicCall cast && cast.getOperator().getName().equals("::") && cast.operandCount() == 2
        && cast.operand(0) instanceof SqlBasicCall inner && inner.operandCount() >= 1
        && (inner.getOperator() instanceof org.apache.calcite.sql.SqlBinaryOperator
            || inner.getOperator() instanceof org.apache.calcite.sql.SqlPrefixOperator
            || (inner.getKind() == SqlKind.LIKE || inner.getKind() == SqlKind.SIMILAR) && inner.operandCount() == 2)) {
      List<SqlNode> ops = new ArrayList<>(inner.getOperandList());
      int last = ops.size() - 1;
      ops.set(last, castFirst(cast.getOperator().createCall(cast.getParserPosition(), ops.get(last),
          cast.operand(1))));
      return inner.getOperator().createCall(inner.getFunctionQuantifier(), inner.getParserPosition(),
          ops.toArray(new SqlNode[0]));
    }
    // An operator over such a cast took the looser operator inside it too: user_id = $1::bigint + 1 came as
    // ((user_id = $1)::bigint) + 1, and is user_id = ($1::bigint + 1).
    if (node instanceof SqlBasicCall call && call.getOperator() instanceof org.apache.calcite.sql.SqlBinaryOperator b
        && call.operandCount() == 2 && call.operand(0) instanceof SqlBasicCall first
        && first.getOperator().getName().equals("::")) {
      SqlNode fixed = castFirst(first);
      if (fixed != first && fixed instanceof SqlBasicCall loose && loose.operandCount() == 2
          && loose.getOperator().getLeftPrec() < b.getLeftPrec()) {
        SqlNode right = castFirst(b.createCall(call.getParserPosition(), loose.operand(1), call.operand(1)));
        return loose.getOperator().createCall(loose.getFunctionQuantifier(), loose.getParserPosition(),
            loose.operand(0), right);
      }
    }
    return node;
  }

  private Condition condition(SqlNode node) {
    node = castFirst(node);
    if (!(node instanceof SqlCall call)) {
      return new Condition(Op.OTHER, expr(node), List.of(), false, false);
    }
    List<SqlNode> ops = call.getOperandList();
    switch (call.getKind()) {
      case EQUALS:
        return binary(Op.EQ, ops);
      case NOT_EQUALS:
        return binary(Op.NE, ops);
      case LESS_THAN:
        return binary(Op.LT, ops);
      case LESS_THAN_OR_EQUAL:
        return binary(Op.LE, ops);
      case GREATER_THAN:
        return binary(Op.GT, ops);
      case GREATER_THAN_OR_EQUAL:
        return binary(Op.GE, ops);
      case IN:
      case NOT_IN:
        return new Condition(Op.IN, expr(ops.get(0)), inList(ops.get(1)), call.getKind() == SqlKind.NOT_IN, false);
      case SOME:
        return quantified(call);
      case BETWEEN:
        boolean notBetween = call.getOperator() instanceof SqlBetweenOperator b && b.isNegated();
        return new Condition(Op.BETWEEN, expr(ops.get(0)), List.of(expr(ops.get(1)), expr(ops.get(2))),
            notBetween, false);
      case LIKE:
        boolean notLike = call.getOperator() instanceof SqlLikeOperator l && l.isNegated();
        boolean ilike = call.getOperator() instanceof SqlLikeOperator l && !l.isCaseSensitive();
        return new Condition(ilike ? Op.ILIKE : Op.LIKE, expr(ops.get(0)), List.of(expr(ops.get(1))), notLike, false);
      case IS_NULL:
        return new Condition(Op.IS_NULL, expr(ops.get(0)), List.of(), false, false);
      case IS_NOT_NULL:
        return new Condition(Op.IS_NULL, expr(ops.get(0)), List.of(), true, false);
      case EXISTS:
        return new Condition(Op.EXISTS, new Expr.Subquery(query(ops.get(0))), List.of(), false, false);
      case NOT:
        Condition inner = condition(ops.get(0));
        if (inner.op() == Op.EXISTS || inner.op() == Op.IN || inner.op() == Op.LIKE || inner.op() == Op.IS_NULL
            || inner.op() == Op.BETWEEN) {
          return new Condition(inner.op(), inner.left(), inner.right(), !inner.negated(), false);
        }
        return new Condition(Op.OTHER, new Expr.Opaque(List.of(inner.left())), inner.right(), true, false);
      default:
        return new Condition(Op.OTHER, expr(node), List.of(), false, false);
    }
  }

  /**
   * {@code col = ANY(...)}: over an array ({@code = ANY($1)}, {@code = ANY(ARRAY[1, 2])}) PostgreSQL's IN of values
   * not listed; over a subquery or a list, an IN. Any other comparison with ANY is no equality an index looks up.
   */
  private Condition quantified(SqlCall call) {
    SqlNode values = call.operand(1);
    if (!(call.getOperator() instanceof org.apache.calcite.sql.fun.SqlQuantifyOperator q)
        || q.comparisonKind != SqlKind.EQUALS) {
      return new Condition(Op.OTHER, expr(call), List.of(), false, false);
    }
    if (values instanceof SqlNodeList list && list.size() == 1 && !list.get(0).isA(SqlKind.QUERY)) {
      return new Condition(Op.ANY, expr(call.operand(0)), List.of(expr(list.get(0))), false, false);
    }
    return new Condition(Op.IN, expr(call.operand(0)), inList(values), false, false);
  }

  private Condition binary(Op op, List<SqlNode> ops) {
    return new Condition(op, expr(ops.get(0)), List.of(expr(ops.get(1))), false, false);
  }

  private List<Expr> inList(SqlNode node) {
    if (node instanceof SqlNodeList list) {
      List<Expr> out = new ArrayList<>();
      for (SqlNode n : list) {
        out.add(expr(n));
      }
      return out;
    }
    return List.of(expr(node));
  }

  private Expr expr(SqlNode node) {
    if (node == null) {
      return new Expr.Opaque(List.of());
    }
    node = castFirst(node);
    if (node instanceof SqlIdentifier id) {
      if (id.isStar()) {
        return new Expr.Opaque(List.of());
      }
      int n = id.names.size();
      String name = part(id, n - 1);
      String qualifier = n >= 2 ? part(id, n - 2) : "";
      // CURRENT_DATE and friends come as names from Calcite's parser: functions unless the schema has the column.
      boolean niladic = n == 1 && !id.isComponentQuoted(0) && Expr.Column.niladic(qualifier, name);
      return new Expr.Column(qualifier, name, niladic);
    }
    if (node instanceof SqlDynamicParam) {
      return Expr.Value.parameter();
    }
    if (node instanceof SqlLiteral lit) {
      if (lit.getTypeName() == org.apache.calcite.sql.type.SqlTypeName.NULL) {
        return new Expr.Value(Expr.Value.Kind.NULL, "");
      }
      if (lit instanceof SqlCharStringLiteral s) {
        return new Expr.Value(Expr.Value.Kind.STRING, s.getValueAs(String.class));
      }
      if (lit instanceof org.apache.calcite.sql.SqlNumericLiteral n) {
        return new Expr.Value(Expr.Value.Kind.NUMBER, n.toValue());
      }
      return new Expr.Value(Expr.Value.Kind.OTHER_LITERAL, "");
    }
    if (node instanceof org.apache.calcite.sql.SqlDataTypeSpec type) {
      return new Expr.TypeName(type.getTypeName().getSimple().toLowerCase(Locale.ROOT));
    }
    if (node instanceof SqlNodeList list) {
      List<Expr> children = new ArrayList<>();
      for (SqlNode n : list) {
        children.add(expr(n));
      }
      return new Expr.Opaque(children);
    }
    if (node instanceof SqlSelect || node instanceof SqlOrderBy || node instanceof SqlWith
        || node.getKind() == SqlKind.UNION || node.getKind() == SqlKind.INTERSECT
        || node.getKind() == SqlKind.EXCEPT) {
      return new Expr.Subquery(query(node));
    }
    if (node instanceof SqlCall call) {
      if (call.getOperator().getSyntax() == SqlSyntax.FUNCTION_ID && call.operandCount() == 0) {
        // USER, CURRENT_DATE and friends: a column only if the schema says so.
        return new Expr.Column("", call.getOperator().getName().toLowerCase(Locale.ROOT), true);
      }
      List<Expr> args = new ArrayList<>();
      for (SqlNode op : call.getOperandList()) {
        if (op != null) {
          args.add(expr(op));
        }
      }
      if (call instanceof SqlBasicCall && isBoolean(call.getKind())) {
        List<Condition> conds = new ArrayList<>();
        conditions(call, false, conds);
        List<Expr> parts = new ArrayList<>();
        for (Condition c : conds) {
          parts.add(c.left());
          parts.addAll(c.right());
        }
        return new Expr.Opaque(parts);
      }
      String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
      return new Expr.Call(name.equals("::") ? "cast" : name, args); // PostgreSQL's a::t is CAST(a AS t)
    }
    return new Expr.Opaque(List.of());
  }

  private static boolean isBoolean(SqlKind k) {
    return k == SqlKind.AND || k == SqlKind.OR;
  }

  /** The table as the statement names it, qualifier included: {@code app.users}, or {@code users}. */
  private static String ref(SqlNode node, String name) {
    String q = qualifier(node);
    return q.isEmpty() ? name : q + "." + name;
  }

  /** The schema or database part of a table's name ({@code app} in {@code app.users}), or empty. */
  private static String qualifier(SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      return id.names.size() > 1 ? part(id, id.names.size() - 2) : "";
    }
    if (node.getKind() == SqlKind.AS || node instanceof SqlCall c && c.operandCount() > 0) {
      return qualifier(((SqlCall) node).operand(0));
    }
    return "";
  }

  private static String tableName(SqlNode node) {
    if (node instanceof SqlIdentifier id) {
      return part(id, id.names.size() - 1);
    }
    if (node.getKind() == SqlKind.AS) {
      return tableName(((SqlCall) node).operand(0));
    }
    if (node instanceof SqlCall c && c.operandCount() > 0) {
      return tableName(c.operand(0)); // TABLE_REF with hints
    }
    return node.toString();
  }

  private static String simple(SqlIdentifier id) {
    return part(id, id.names.size() - 1);
  }

  private static String part(SqlIdentifier id, int i) {
    String s = id.names.get(i);
    return id.isComponentQuoted(i) ? s : s.toLowerCase(Locale.ROOT);
  }
}
