package dev.logdex.core.sql;

import dev.logdex.core.dialect.ExpressionKey;

import dev.logdex.core.model.ColumnRef;
import dev.logdex.core.model.ColumnUse;
import dev.logdex.core.model.StatementKind;
import dev.logdex.core.model.StatementProfile;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.model.UseKind;
import dev.logdex.core.dialect.SystemObjects;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.sql.tree.Block;
import dev.logdex.core.sql.tree.Condition;
import dev.logdex.core.sql.tree.Condition.Op;
import dev.logdex.core.sql.tree.Expr;
import dev.logdex.core.sql.tree.ParsedStatement;
import dev.logdex.core.sql.tree.Query;
import dev.logdex.core.sql.tree.Source;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@link ParsedStatement} against a {@link Schema}: resolves aliases, CTEs, derived tables and unqualified
 * columns to the tables they belong to, and classifies every use of a column (equality, range, IN, join, sort,
 * grouping, expression). One instance analyses one statement; it is not reused. Public for callers that time or
 * test the stages one by one; {@link StatementAnalyzer} is the usual way in.
 */
public final class UsageExtractor {

  private final Schema schema;
  /**
   * The database an unqualified table name means, on MySQL: the one the statement ran in (the log's {@code use db}),
   * or "" when the log does not say. PostgreSQL's search path is the schema's business, not the log's.
   */
  private final String defaultDatabase;
  private final List<Binding.TableBinding> bindings = new ArrayList<>();
  private final Set<String> unresolved = new LinkedHashSet<>();

  /** The first system object the statement names, or null. */
  private String systemObject;

  private UsageExtractor(Schema schema, String defaultDatabase) {
    this.schema = schema;
    this.defaultDatabase = schema.dialect() == dev.logdex.core.model.Dialect.MYSQL ? defaultDatabase : "";
  }

  /**
   * What {@code statement} is against {@code schema}: its profile, or, when it names a system object anywhere (a
   * table of a system schema or database, or on PostgreSQL an unqualified {@code pg_*} name the schema does not
   * hold, which the search path finds in {@code pg_catalog} first), a {@link StatementAnalysis.SystemCatalog}.
   */
  static StatementAnalysis analysis(ParsedStatement statement, Schema schema, String parser,
      String defaultDatabase) {
    UsageExtractor x = new UsageExtractor(schema, defaultDatabase);
    statement.query().ifPresent(q -> x.query(q, null, List.of()));
    if (x.systemObject != null) {
      return new StatementAnalysis.SystemCatalog(x.systemObject);
    }
    return new StatementAnalysis.Parsed(x.profile(statement), parser);
  }

  /** The profile of {@code statement} against {@code schema}. */
  public static StatementProfile profile(ParsedStatement statement, Schema schema) {
    UsageExtractor x = new UsageExtractor(schema, "");
    statement.query().ifPresent(q -> x.query(q, null, List.of()));
    return x.profile(statement);
  }

  private StatementProfile profile(ParsedStatement statement) {
    UsageExtractor x = this;
    Set<String> read = new LinkedHashSet<>();
    List<TableAccess> accesses = new ArrayList<>();
    for (Binding.TableBinding b : x.bindings) {
      read.add(b.table);
      accesses.add(new TableAccess(b.table, b.uses, b.sortServed, b.limited));
    }
    Set<String> written = new LinkedHashSet<>();
    statement.target().ifPresent(t -> written.add(x.canonicalTable(t)));
    if (statement.kind() == StatementKind.INSERT) {
      // The target of INSERT ... SELECT is not read; the rows come from the query.
      read.removeAll(written);
    }
    return new StatementProfile(statement.kind(), accesses, read, written, List.copyOf(x.unresolved));
  }

  // ---- scopes and bindings ----

  /** What a name in FROM stands for. */
  private sealed interface Binding {
    String alias();

    /** A base table: uses of its columns are collected here. */
    final class TableBinding implements Binding {
      final String alias;
      final String table;
      final Optional<Table> schemaTable;
      final List<ColumnUse> uses = new ArrayList<>();
      boolean sortServed;
      boolean limited;

      TableBinding(String alias, String table, Optional<Table> schemaTable) {
        this.alias = alias;
        this.table = table;
        this.schemaTable = schemaTable;
      }

      @Override
      public String alias() {
        return alias;
      }

      /** Whether the table has the column; true when the schema does not know the table. */
      boolean has(String column) {
        return schemaTable.map(t -> t.column(column).isPresent()).orElse(true);
      }

      String columnName(String column) {
        return schemaTable.flatMap(t -> t.column(column)).map(c -> c.name()).orElse(column);
      }
    }

    /** A derived table or CTE reference: its output columns, traced to base columns where they are plain. */
    record DerivedBinding(String alias, Output output) implements Binding {}
  }

  /** The output columns of an analysed query. */
  private record Output(List<String> names, List<Resolution> bases, boolean star, Scope inner, boolean opaque) {
    Optional<Resolution> column(String name) {
      for (int i = 0; i < names.size(); i++) {
        if (names.get(i).equalsIgnoreCase(name)) {
          return Optional.of(bases.get(i));
        }
      }
      if (star && inner != null) {
        Resolution r = inner.resolveHere("", name);
        if (!(r instanceof Resolution.Unresolved)) {
          return Optional.of(r);
        }
      }
      return opaque ? Optional.of(new Resolution.Computed()) : Optional.empty();
    }
  }

  /** What a column reference turned out to be. */
  private sealed interface Resolution {
    record Base(Binding.TableBinding binding, String column) implements Resolution {}

    /** A select-list alias or a computed column of a derived table: resolved, but no base column. */
    record Computed() implements Resolution {}

    record Unresolved() implements Resolution {}
  }

  private final class Scope {
    final Scope parent;
    final List<Binding> bindings = new ArrayList<>();
    final List<Block.Cte> ctes;
    final List<Output> cteOutputs;
    List<Query.Projection> projections = List.of();

    Scope(Scope parent, List<Block.Cte> ctes, List<Output> cteOutputs) {
      this.parent = parent;
      this.ctes = ctes;
      this.cteOutputs = cteOutputs;
    }

    Optional<Output> cte(String name) {
      for (int i = ctes.size() - 1; i >= 0; i--) {
        if (ctes.get(i).name().equalsIgnoreCase(name) && i < cteOutputs.size()) {
          return Optional.of(cteOutputs.get(i));
        }
      }
      return parent == null ? Optional.empty() : parent.cte(name);
    }

    Resolution resolve(Expr.Column c) {
      for (Scope s = this; s != null; s = s.parent) {
        Resolution r = s.resolveHere(c.qualifier(), c.name());
        if (!(r instanceof Resolution.Unresolved)) {
          return r;
        }
      }
      if (c.qualifier().isEmpty()) {
        for (Query.Projection p : projections) {
          if (p.alias().equalsIgnoreCase(c.name()) && !(p.expr() instanceof Expr.Column pc
              && pc.name().equalsIgnoreCase(c.name()) && pc.qualifier().isEmpty())) {
            return new Resolution.Computed();
          }
        }
      }
      return new Resolution.Unresolved();
    }

    /** Whether {@code c} names a column of an enclosing query's table, not one of this query's (a correlation). */
    boolean resolvesOutside(Expr.Column c) {
      if (!(resolveHere(c.qualifier(), c.name()) instanceof Resolution.Unresolved)) {
        return false;
      }
      for (Scope s = parent; s != null; s = s.parent) {
        if (!(s.resolveHere(c.qualifier(), c.name()) instanceof Resolution.Unresolved)) {
          return true;
        }
      }
      return false;
    }

    Resolution resolveHere(String qualifier, String name) {
      if (!qualifier.isEmpty()) {
        for (Binding b : bindings) {
          if (b.alias().equalsIgnoreCase(qualifier)
              || b instanceof Binding.TableBinding tb && tb.table.equalsIgnoreCase(qualifier)) {
            return resolveIn(b, name);
          }
        }
        return new Resolution.Unresolved();
      }
      Resolution found = new Resolution.Unresolved();
      int tablesWithoutSchema = 0;
      for (Binding b : bindings) {
        if (b instanceof Binding.TableBinding tb && tb.schemaTable.isEmpty()) {
          tablesWithoutSchema++;
          continue;
        }
        Resolution r = resolveIn(b, name);
        if (!(r instanceof Resolution.Unresolved)) {
          if (!(found instanceof Resolution.Unresolved)) {
            return new Resolution.Unresolved(); // ambiguous: the database would refuse it too
          }
          found = r;
        }
      }
      if (found instanceof Resolution.Unresolved && tablesWithoutSchema == 1) {
        // The one table the schema does not describe is the only place the column can come from.
        for (Binding b : bindings) {
          if (b instanceof Binding.TableBinding tb && tb.schemaTable.isEmpty()) {
            return new Resolution.Base(tb, name);
          }
        }
      }
      return found;
    }

    private Resolution resolveIn(Binding b, String name) {
      if (b instanceof Binding.TableBinding tb) {
        return tb.has(name) ? new Resolution.Base(tb, tb.columnName(name)) : new Resolution.Unresolved();
      }
      Binding.DerivedBinding db = (Binding.DerivedBinding) b;
      return db.output().column(name).orElse(new Resolution.Unresolved());
    }
  }

  // ---- walking the tree ----

  private Output query(Query q, Scope parent, List<String> columnNames) {
    if (q instanceof Query.SetOperation so) {
      Output first = null;
      for (Query branch : so.branches()) {
        Output o = query(branch, parent, columnNames);
        if (first == null) {
          first = o;
        }
      }
      return first;
    }
    Block b = (Block) q;
    // CTEs first, each seeing the ones before it (and itself, for WITH RECURSIVE).
    List<Output> cteOutputs = new ArrayList<>();
    Scope cteScope = new Scope(parent, b.ctes(), cteOutputs);
    for (Block.Cte cte : b.ctes()) {
      cteOutputs.add(new Output(List.of(), List.of(), false, null, true)); // placeholder for self-reference
      Output o = query(cte.query(), cteScope, cte.columns());
      cteOutputs.set(cteOutputs.size() - 1, o);
    }
    Scope scope = new Scope(cteScope, List.of(), List.of());
    for (Source src : b.sources()) {
      if (src instanceof Source.TableSource ts) {
        Optional<Output> cte = cteScope.cte(ts.name());
        if (cte.isPresent()) {
          scope.bindings.add(new Binding.DerivedBinding(ts.alias(), cte.get()));
        } else {
          String qualifier = ts.qualifier().isEmpty() ? defaultDatabase : ts.qualifier();
          Optional<Table> t = schema.table(qualifier.isEmpty() ? ts.name() : qualifier + "." + ts.name());
          if (systemObject == null && SystemObjects.isSystem(schema.dialect(), qualifier, ts.name())
              && (!qualifier.isEmpty() || t.isEmpty())) {
            systemObject = qualifier.isEmpty() ? ts.name() : qualifier + "." + ts.name();
          }
          // The table as logdex names it: the schema's name for it, else as written, with its qualifier (on MySQL
          // the statement's database when it names none).
          String name = schema.identity(qualifier, ts.name());
          String alias = ts.alias().equals(ts.name()) ? t.map(Table::name).orElse(ts.name()) : ts.alias();
          Binding.TableBinding tb = new Binding.TableBinding(alias, name, t);
          scope.bindings.add(tb);
          bindings.add(tb);
        }
      } else {
        Source.DerivedSource ds = (Source.DerivedSource) src;
        // A FROM subquery cannot see its sibling sources, only the enclosing scopes.
        Output o = query(ds.query(), cteScope, ds.columns());
        scope.bindings.add(new Binding.DerivedBinding(ds.alias(), o));
      }
    }
    scope.projections = b.projections();
    java.util.Map<Integer, List<Condition>> ors = new java.util.LinkedHashMap<>();
    for (Condition c : b.conditions()) {
      if (c.orGroup() > 0) {
        ors.computeIfAbsent(c.orGroup(), g -> new ArrayList<>()).add(c);
      } else {
        condition(c, scope);
      }
    }
    ors.forEach((group, arms) -> or(group, arms, scope));
    for (Condition c : b.having()) {
      touchAll(c.left(), scope);
      c.right().forEach(e -> touchAll(e, scope));
    }
    for (Expr g : b.groupBy()) {
      keyUse(g, scope, UseKind.GROUP_BY, false);
    }
    orderBy(b.orderBy(), scope);
    if (b.limited()) {
      scope.bindings.stream().filter(x -> x instanceof Binding.TableBinding)
          .forEach(x -> ((Binding.TableBinding) x).limited = true);
    }
    for (Query.Projection p : b.projections()) {
      selectUses(p.expr(), scope);
    }
    for (Expr e : b.others()) {
      if (e instanceof Expr.Assignment a) {
        Resolution r = resolveOrRecord(a.target(), scope);
        if (r instanceof Resolution.Base base) {
          base.binding().uses.add(new ColumnUse(ref(base), UseKind.WRITE, false, ""));
        }
      }
      touchAll(e, scope);
    }
    return output(b, scope, columnNames);
  }

  /** Records what a select-list item reads: its columns, or every column of the tables a {@code *} names. */
  private void selectUses(Expr e, Scope scope) {
    if (e instanceof Expr.Star star) {
      for (Binding bd : scope.bindings) {
        if (bd instanceof Binding.TableBinding tb
            && (star.qualifier().isEmpty() || tb.alias.equalsIgnoreCase(star.qualifier()))) {
          tb.schemaTable.ifPresent(t -> t.columns().forEach(c -> tb.uses.add(
              new ColumnUse(new ColumnRef(tb.table, c.name()), UseKind.SELECT, false, "*"))));
        }
      }
      return;
    }
    forEachColumn(e, scope, col -> {
      Resolution r = resolveOrRecord(col, scope);
      if (r instanceof Resolution.Base base) {
        base.binding().uses.add(new ColumnUse(ref(base), UseKind.SELECT, false, ""));
      }
    });
  }

  private Output output(Block b, Scope scope, List<String> columnNames) {
    List<String> names = new ArrayList<>();
    List<Resolution> bases = new ArrayList<>();
    List<Query.Projection> named = b.projections().stream().filter(p -> !(p.expr() instanceof Expr.Star)).toList();
    for (int i = 0; i < named.size(); i++) {
      Query.Projection p = named.get(i);
      String name = i < columnNames.size() ? columnNames.get(i) : p.alias();
      names.add(name);
      bases.add(p.expr() instanceof Expr.Column c ? scope.resolve(c) : new Resolution.Computed());
    }
    // The translators drop `*` items, so a name missing from the select list is looked up in the block's own
    // sources (select t.*, ...). Names given after the alias rename positionally, which a bare `select *` makes
    // impossible to follow: then any name is accepted as computed.
    return new Output(names, bases, true, scope, named.isEmpty() && !columnNames.isEmpty());
  }

  private void orderBy(List<Query.SortKey> keys, Scope scope) {
    Binding.TableBinding only = null;
    boolean allOnOne = !keys.isEmpty();
    for (Query.SortKey k : keys) {
      Expr e = k.expr();
      Optional<Resolution.Base> base = plainBase(e, scope);
      if (base.isEmpty() && e instanceof Expr.Column c && c.qualifier().isEmpty()) {
        // ORDER BY a select-list alias of a plain column sorts by that column.
        for (Query.Projection p : scope.projections) {
          if (p.alias().equalsIgnoreCase(c.name()) && p.expr() instanceof Expr.Column pc) {
            base = plainBase(pc, scope);
          }
        }
      }
      if (base.isPresent()) {
        Resolution.Base r = base.get();
        r.binding().uses.add(new ColumnUse(ref(r), UseKind.ORDER_BY, k.descending(), ""));
        if (only == null) {
          only = r.binding();
        } else if (only != r.binding()) {
          allOnOne = false;
        }
      } else {
        allOnOne = false;
        if (!(e instanceof Expr.Value)) {
          keyUse(e, scope, UseKind.ORDER_BY, k.descending());
        }
      }
    }
    if (allOnOne && only != null && scope.bindings.contains(only)) {
      only.sortServed = true;
    }
  }

  private void keyUse(Expr e, Scope scope, UseKind kind, boolean desc) {
    Optional<Resolution.Base> base = plainBase(e, scope);
    if (base.isPresent()) {
      Resolution.Base r = base.get();
      r.binding().uses.add(new ColumnUse(ref(r), kind, desc, ""));
    } else if (e instanceof Expr.Column c) {
      resolveOrRecord(c, scope); // an alias or computed column: nothing to index, but it must resolve
    } else {
      // ORDER BY date(created_at): said so, so that no one takes the function for a filter's
      expressionUses(e, scope, "", kind == UseKind.ORDER_BY ? "ORDER BY " : "GROUP BY ");
    }
  }

  private void condition(Condition c, Scope scope) {
    if (c.op() == Op.EXISTS) {
      touchAll(c.left(), scope);
      return;
    }
    if (c.disjunctive()) {
      nonSargable(c, scope, "under OR");
      return;
    }
    if (!c.negated() && expressionCondition(c, scope)) {
      return;
    }
    Optional<Resolution.Base> left = plainBase(c.left(), scope);
    switch (c.op()) {
      case EQ -> {
        Expr rightExpr = c.right().get(0);
        Optional<Resolution.Base> right = plainBase(rightExpr, scope);
        if (left.isPresent() && right.isPresent() && left.get().binding() != right.get().binding()) {
          boolean leftOuter = c.left() instanceof Expr.Column lc && scope.resolvesOutside(lc);
          boolean rightOuter = rightExpr instanceof Expr.Column rc && scope.resolvesOutside(rc);
          if (rightOuter && !leftOuter) {
            correlated(left.get(), right.get());
          } else if (leftOuter && !rightOuter) {
            correlated(right.get(), left.get());
          } else {
            join(left.get(), right.get());
          }
        } else if (left.isPresent() && isConstantFor(rightExpr, scope, left.get().binding())) {
          compared(left.get(), UseKind.EQUALITY, literalDetail(rightExpr), rightExpr, scope);
        } else if (right.isPresent() && isConstantFor(c.left(), scope, right.get().binding())) {
          compared(right.get(), UseKind.EQUALITY, literalDetail(c.left()), c.left(), scope);
        } else {
          sides(c, scope);
        }
      }
      case LT, LE, GT, GE -> {
        Expr rightExpr = c.right().get(0);
        Optional<Resolution.Base> right = plainBase(rightExpr, scope);
        if (left.isPresent() && isConstantFor(rightExpr, scope, left.get().binding())) {
          compared(left.get(), UseKind.RANGE, "", rightExpr, scope);
        } else if (right.isPresent() && isConstantFor(c.left(), scope, right.get().binding())) {
          compared(right.get(), UseKind.RANGE, "", c.left(), scope);
        } else {
          sides(c, scope);
        }
      }
      case BETWEEN -> {
        if (left.isPresent() && !c.negated()
            && c.right().stream().allMatch(e -> isConstantFor(e, scope, left.get().binding()))) {
          use(left.get(), UseKind.RANGE, "");
          c.right().forEach(e -> touchAll(e, scope));
        } else {
          sides(c, scope);
        }
      }
      case IN, ANY -> {
        if (left.isPresent() && !c.negated()
            && c.right().stream().allMatch(e -> isConstantFor(e, scope, left.get().binding()))) {
          if (c.op() == Op.IN && c.right().size() == 1) {
            // IN ($1), as ORMs write a list of one: an equality, which (unlike a list) keeps an index's order
            compared(left.get(), UseKind.EQUALITY, literalDetail(c.right().get(0)), c.right().get(0), scope);
          } else {
            use(left.get(), UseKind.IN, "");
            c.right().forEach(e -> touchAll(e, scope));
          }
        } else {
          sides(c, scope);
        }
      }
      case LIKE -> {
        Expr pattern = c.right().get(0);
        if (left.isPresent() && !c.negated() && pattern instanceof Expr.Value v && isPrefixPattern(v.text())) {
          use(left.get(), UseKind.RANGE, LIKE_PREFIX);
        } else if (left.isPresent()) {
          use(left.get(), UseKind.NON_SARGABLE,
              pattern instanceof Expr.Value v && v.text().isEmpty() ? "LIKE with a bound pattern" : "LIKE");
          c.right().forEach(e -> touchAll(e, scope));
        } else {
          sides(c, scope);
        }
      }
      case ILIKE -> {
        if (left.isPresent()) {
          use(left.get(), UseKind.NON_SARGABLE, ILIKE);
          c.right().forEach(e -> touchAll(e, scope));
        } else {
          sides(c, scope);
        }
      }
      case IS_NULL -> {
        if (left.isPresent()) {
          use(left.get(), c.negated() ? UseKind.NON_SARGABLE : UseKind.IS_NULL, c.negated() ? "IS NOT NULL" : "");
        } else {
          sides(c, scope);
        }
      }
      case NE -> nonSargable(c, scope, "<>");
      default -> {
        // A bare boolean column (WHERE active) is an equality with true.
        if (left.isPresent() && !c.negated()) {
          use(left.get(), UseKind.EQUALITY, "boolean");
        } else {
          sides(c, scope);
        }
      }
    }
  }

  /**
   * An OR of single conditions. When every arm tests a column of one table with a value, each arm is an
   * {@link UseKind#OR_ARM} (or, all on one column and all equalities, it is an IN); otherwise nothing in it can
   * drive an index scan.
   */
  private void or(int group, List<Condition> arms, Scope scope) {
    List<Resolution.Base> columns = new ArrayList<>();
    boolean equalities = true;
    for (Condition arm : arms) {
      Optional<Resolution.Base> col = arm.negated() ? Optional.empty() : plainBase(arm.left(), scope);
      boolean sargable = col.isPresent() && switch (arm.op()) {
        case EQ, IN, ANY, LT, LE, GT, GE, BETWEEN -> arm.right().stream()
            .allMatch(e -> isConstantFor(e, scope, col.get().binding()));
        case IS_NULL -> true;
        case LIKE -> arm.right().get(0) instanceof Expr.Value v && isPrefixPattern(v.text());
        default -> false;
      };
      if (!sargable || !columns.isEmpty() && columns.get(0).binding() != col.get().binding()) {
        arms.forEach(c -> nonSargable(c, scope, "under OR"));
        return;
      }
      columns.add(col.get());
      equalities &= arm.op() == Op.EQ || arm.op() == Op.IN || arm.op() == Op.ANY;
    }
    Set<String> distinct = new java.util.LinkedHashSet<>();
    columns.forEach(c -> distinct.add(ref(c).column()));
    if (distinct.size() == 1 && equalities) {
      use(columns.get(0), UseKind.IN, "OR of equalities");
    } else {
      for (Resolution.Base c : columns) {
        use(c, UseKind.OR_ARM, "OR " + group);
      }
    }
    arms.forEach(a -> a.right().forEach(e -> touchAll(e, scope)));
  }

  /**
   * Records {@code lower(col) = value} (and IN, ranges, LIKE prefixes) as an expression use, if {@code c} is one: a
   * condition on an expression of one column an index can be built on ({@link ExpressionKey}).
   */
  private boolean expressionCondition(Condition c, Scope scope) {
    Optional<Resolution.Base> base = indexableBase(c.left(), scope);
    if (base.isEmpty() || c.right().stream().anyMatch(e -> !isConstantFor(e, scope, base.get().binding()))) {
      return false;
    }
    String detail = indexableForm(c.left()).orElseThrow();
    UseKind kind;
    boolean like = false;
    switch (c.op()) {
      case EQ, IN -> kind = UseKind.EXPRESSION_EQUALITY;
      case LT, LE, GT, GE, BETWEEN -> kind = UseKind.EXPRESSION_RANGE;
      case LIKE -> {
        if (!(c.right().get(0) instanceof Expr.Value v && isPrefixPattern(v.text()))) {
          return false;
        }
        kind = UseKind.EXPRESSION_RANGE;
        like = true;
      }
      default -> {
        return false;
      }
    }
    use(base.get(), kind, like ? ExpressionKey.likeDetail(detail) : detail);
    c.right().forEach(e -> touchAll(e, scope));
    return true;
  }

  /** The detail of a range use that is a LIKE with a fixed prefix ({@code title LIKE 'abc%'}). */
  public static final String LIKE_PREFIX = "LIKE prefix";

  /** What an equality use's detail starts with when the value is a literal: {@code = 'paid'}, {@code = 7}. */
  public static final String LITERAL = "= ";

  private static final java.util.regex.Pattern SAFE_STRING = java.util.regex.Pattern.compile("[A-Za-z0-9_ .:@/+-]{0,64}");
  private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("-?[0-9]{1,18}");

  /**
   * The detail of an equality with {@code value}: {@code = 'paid'} for a short plain string, {@code = 7} for an
   * integer, as SQL; else {@code ""}. The recommender may make it an index's predicate when every call of the
   * class writes it, so only values that need no escaping beyond their quotes are kept.
   */
  static String literalDetail(Expr value) {
    if (value instanceof Expr.Value v) {
      if (v.kind() == Expr.Value.Kind.STRING && SAFE_STRING.matcher(v.text()).matches()) {
        return LITERAL + "'" + v.text() + "'";
      }
      if (v.kind() == Expr.Value.Kind.NUMBER && NUMBER.matcher(v.text()).matches()) {
        return LITERAL + v.text();
      }
    }
    return "";
  }

  /** The column of {@code e} when it is an indexable expression of one plain column. */
  private Optional<Resolution.Base> indexableBase(Expr e, Scope scope) {
    if (indexableForm(e).isEmpty()) {
      return Optional.empty();
    }
    Expr.Call call = (Expr.Call) e;
    return plainBase(withoutTextCast(call.name().equals("date_trunc") ? call.args().get(1) : call.args().get(0)),
        scope);
  }

  /**
   * {@code col} for {@code col::text} (or {@code varchar}) of a column, else {@code e}: Django writes a
   * case-insensitive lookup as {@code UPPER("auth_user"."email"::text) = UPPER($1)}, and PostgreSQL stores an index
   * on {@code upper(email)} of a character column as {@code upper((email)::text)}, the same expression. For
   * {@code lower} and {@code upper} only, whose argument is text either way.
   */
  private static Expr withoutTextCast(Expr e) {
    if (e instanceof Expr.Call c && c.name().equalsIgnoreCase("cast") && c.args().size() == 2
        && c.args().get(0) instanceof Expr.Column && c.args().get(1) instanceof Expr.TypeName t) {
      String type = t.name().toLowerCase(Locale.ROOT);
      if (type.equals("text") || type.startsWith("varchar") || type.startsWith("character varying")) {
        return c.args().get(0);
      }
    }
    return e;
  }

  /**
   * The form of {@code e} as an {@link ExpressionKey#detail()}, when it is one an index can be built on:
   * {@code lower(c)}, {@code date_trunc('day', c)}, {@code coalesce(c, 0)}, {@code CAST(c AS date)},
   * {@code c ->> 'key'}, with literals (never parameters) where the form has an argument.
   */
  static Optional<String> indexableForm(Expr e) {
    if (!(e instanceof Expr.Call call)) {
      return Optional.empty();
    }
    List<Expr> args = call.args();
    String fn = call.name().toLowerCase(Locale.ROOT);
    String argument = null;
    Expr column = null;
    if ((fn.equals("lower") || fn.equals("upper")) && args.size() == 1) {
      argument = "";
      column = withoutTextCast(args.get(0));
    } else if (fn.equals("date_trunc") && args.size() == 2
        && args.get(0) instanceof Expr.Value v && v.kind() == Expr.Value.Kind.STRING) {
      argument = v.text();
      column = args.get(1);
    } else if (fn.equals("coalesce") && args.size() == 2 && args.get(1) instanceof Expr.Value v) {
      argument = switch (v.kind()) {
        case NUMBER -> v.text();
        case STRING -> "'" + v.text() + "'";
        default -> null;
      };
      column = args.get(0);
    } else if (fn.equals("cast") && args.size() == 2 && args.get(1) instanceof Expr.TypeName t) {
      argument = t.name();
      column = args.get(0);
    } else if (fn.equals("->>") && args.size() == 2
        && args.get(1) instanceof Expr.Value v && v.kind() == Expr.Value.Kind.STRING) {
      argument = v.text();
      column = args.get(0);
    }
    if (argument == null || !(column instanceof Expr.Column) || !ExpressionKey.accepts(fn, argument)) {
      return Optional.empty();
    }
    return Optional.of(argument.isEmpty() ? fn : fn + ":" + argument);
  }

  /** Both sides of a condition no index serves directly: plain columns are non-sargable, others expressions. */
  private void sides(Condition c, Scope scope) {
    List<Expr> all = new ArrayList<>();
    all.add(c.left());
    all.addAll(c.right());
    for (Expr e : all) {
      Optional<Resolution.Base> b = plainBase(e, scope);
      if (b.isPresent()) {
        use(b.get(), UseKind.NON_SARGABLE, c.op().name().toLowerCase(Locale.ROOT));
      } else {
        expressionUses(e, scope, "");
      }
    }
  }

  private void nonSargable(Condition c, Scope scope, String why) {
    List<Expr> all = new ArrayList<>();
    all.add(c.left());
    all.addAll(c.right());
    for (Expr e : all) {
      Optional<Resolution.Base> b = plainBase(e, scope);
      if (b.isPresent()) {
        use(b.get(), UseKind.NON_SARGABLE, why);
      } else {
        expressionUses(e, scope, why);
      }
    }
  }

  /**
   * {@code inner = outer.col} in a correlated subquery: the subquery runs once per outer row with the outer value
   * fixed (PostgreSQL and MySQL keep a scalar subquery as a per-row subplan), so for the inner table it is an
   * equality with a parameter, which an index serves; for the outer table it stays a join.
   */
  private void correlated(Resolution.Base inner, Resolution.Base outer) {
    inner.binding().uses.add(new ColumnUse(ref(inner), UseKind.EQUALITY, false,
        ColumnUse.CORRELATED + ref(outer)));
    outer.binding().uses.add(new ColumnUse(ref(outer), UseKind.JOIN, false, ref(inner).toString()));
  }

  private void join(Resolution.Base a, Resolution.Base b) {
    a.binding().uses.add(new ColumnUse(ref(a), UseKind.JOIN, false, ref(b).toString()));
    b.binding().uses.add(new ColumnUse(ref(b), UseKind.JOIN, false, ref(a).toString()));
  }

  /**
   * Column {@code r} compared with {@code value}, fixed for the statement: a use of {@code kind}, unless PostgreSQL
   * compares them as text. A {@code char(n)} column against a text value ({@code lpad($1::text, 13, '0')}, a cast to
   * text or varchar, {@code ||}) is compared as {@code (isbn)::text = ...}, which no index on the column serves
   * (measured on PostgreSQL 15: a sequential scan, where {@code isbn = $1} uses the index).
   */
  private void compared(Resolution.Base r, UseKind kind, String detail, Expr value, Scope scope) {
    if (schema.dialect() == dev.logdex.core.model.Dialect.POSTGRESQL && isBlankPadded(r) && isText(value)) {
      use(r, UseKind.NON_SARGABLE, CHAR_AS_TEXT);
    } else {
      use(r, kind, detail);
    }
    touchAll(value, scope);
  }

  /** Why a column matched with ILIKE is not an index key. */
  static final String ILIKE = "ILIKE: no B-tree index serves it, whatever the pattern (a trigram index can: "
      + "pg_trgm's gin_trgm_ops)";

  /** Why a {@code char(n)} column compared with text is not an index key. */
  static final String CHAR_AS_TEXT = "char(n) compared with text: PostgreSQL casts the column to text, so no index "
      + "on it serves this (cast the value to the column's type, or make the column varchar or text)";

  /** Whether {@code r} is a {@code char(n)} column by the schema (PostgreSQL's {@code bpchar}). */
  private static boolean isBlankPadded(Resolution.Base r) {
    String type = r.binding().schemaTable.flatMap(t -> t.column(r.column())).map(c -> c.type())
        .orElse("").toLowerCase(Locale.ROOT).strip();
    return type.equals("bpchar") || type.equals("char") || type.equals("character") || type.startsWith("char(")
        || type.startsWith("character(") || type.startsWith("bpchar(");
  }

  /** Functions of PostgreSQL's that return text whatever their arguments. */
  private static final Set<String> TEXT_FUNCTIONS = Set.of("lpad", "rpad", "lower", "upper", "initcap", "concat",
      "concat_ws", "substr", "substring", "trim", "btrim", "ltrim", "rtrim", "replace", "translate", "repeat",
      "reverse", "left", "right", "format", "to_char", "md5", "||");

  /** Whether {@code e} is text by its form: a cast to text or varchar, or a function that returns text. */
  private static boolean isText(Expr e) {
    if (!(e instanceof Expr.Call call)) {
      return false;
    }
    String name = call.name().toLowerCase(Locale.ROOT);
    if (name.equals("cast")) {
      for (Expr a : call.args()) {
        if (a instanceof Expr.TypeName t) {
          String type = t.name().toLowerCase(Locale.ROOT).strip();
          return type.equals("text") || type.startsWith("varchar") || type.startsWith("character varying");
        }
      }
      return false;
    }
    return TEXT_FUNCTIONS.contains(name);
  }

  private void use(Resolution.Base r, UseKind kind, String detail) {
    r.binding().uses.add(new ColumnUse(ref(r), kind, false, detail));
  }

  /** Records every column inside {@code e} as an expression use, and analyses its subqueries. */
  private void expressionUses(Expr e, Scope scope, String why) {
    expressionUses(e, scope, why, "");
  }

  /** The same, each use's detail starting with {@code key} ({@code "ORDER BY "}) for a sort or grouping key. */
  private void expressionUses(Expr e, Scope scope, String why, String key) {
    String fn = key + (e instanceof Expr.Call call ? indexableForm(e).orElse(call.name()) : why);
    forEachColumn(e, scope, col -> {
      Resolution r = resolveOrRecord(col, scope);
      if (r instanceof Resolution.Base base) {
        base.binding().uses.add(new ColumnUse(ref(base), UseKind.EXPRESSION, false, fn));
      }
    });
  }

  /** Resolves every column inside {@code e} (recording failures) without recording uses. */
  private void touchAll(Expr e, Scope scope) {
    forEachColumn(e, scope, col -> resolveOrRecord(col, scope));
  }

  private Resolution resolveOrRecord(Expr.Column c, Scope scope) {
    Resolution r = scope.resolve(c);
    if (r instanceof Resolution.Unresolved && !c.maybeFunction()) {
      unresolved.add(display(c));
    }
    return r;
  }

  private void forEachColumn(Expr e, Scope scope, java.util.function.Consumer<Expr.Column> action) {
    if (e instanceof Expr.Column c) {
      action.accept(c);
    } else if (e instanceof Expr.Call call) {
      call.args().forEach(a -> forEachColumn(a, scope, action));
    } else if (e instanceof Expr.Opaque o) {
      o.children().forEach(a -> forEachColumn(a, scope, action));
    } else if (e instanceof Expr.Assignment a) {
      forEachColumn(a.value(), scope, action); // the target is written, not read
    } else if (e instanceof Expr.Subquery s) {
      query(s.query(), scope, List.of());
    }
  }

  /** The base column {@code e} is, if it is a plain column reference that resolves to a table column. */
  private Optional<Resolution.Base> plainBase(Expr e, Scope scope) {
    if (e instanceof Expr.Column c) {
      Resolution r = scope.resolve(c);
      if (r instanceof Resolution.Base b) {
        return Optional.of(b);
      }
      if (r instanceof Resolution.Unresolved && !c.maybeFunction()) {
        unresolved.add(display(c));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code e} is fixed while {@code binding} is scanned: values, parameters, and expressions over other
   * tables' columns (an outer query's, or a table joined earlier).
   */
  private boolean isConstantFor(Expr e, Scope scope, Binding.TableBinding binding) {
    if (e instanceof Expr.Value) {
      return true;
    }
    if (e instanceof Expr.Column c) {
      Resolution r = scope.resolve(c);
      if (r instanceof Resolution.Unresolved) {
        return c.maybeFunction(); // CURRENT_DATE, no column of that name: fixed for the whole statement
      }
      return !(r instanceof Resolution.Base b && b.binding() == binding);
    }
    if (e instanceof Expr.TypeName) {
      return true; // the type of a cast: CAST($1 AS text), $1::text
    }
    if (e instanceof Expr.Call call) {
      return call.args().stream().allMatch(a -> isConstantFor(a, scope, binding));
    }
    if (e instanceof Expr.Subquery) {
      return true;
    }
    if (e instanceof Expr.Opaque o) {
      return o.children().stream().allMatch(a -> isConstantFor(a, scope, binding));
    }
    return false;
  }

  private static boolean isPrefixPattern(String p) {
    return !p.isEmpty() && p.charAt(0) != '%' && p.charAt(0) != '_';
  }

  private static ColumnRef ref(Resolution.Base r) {
    return new ColumnRef(r.binding().table, r.column());
  }

  private static String display(Expr.Column c) {
    return c.qualifier().isEmpty() ? c.name() : c.qualifier() + "." + c.name();
  }

  /** A statement's target ({@code app.users}, {@code users}) as logdex names the table. */
  private String canonicalTable(String written) {
    String ref = written.indexOf('.') < 0 && !defaultDatabase.isEmpty() ? defaultDatabase + "." + written : written;
    int dot = ref.lastIndexOf('.');
    return schema.table(ref).map(Table::qualifiedName).orElse(dot < 0 ? ref
        : schema.identity(ref.substring(0, dot), ref.substring(dot + 1)));
  }
}
