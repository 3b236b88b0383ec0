package dev.logdex.core.recommend;

import dev.logdex.core.dialect.ExpressionKey;
import dev.logdex.core.dialect.Identifiers;
import dev.logdex.core.dialect.PatternKey;
import dev.logdex.core.dialect.FixSql;
import dev.logdex.core.model.Fix;
import dev.logdex.core.model.ColumnUse;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.StatementProfile;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.model.UseKind;
import dev.logdex.core.schema.Index;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a workload and a schema into ranked index recommendations.
 *
 * <p>Per query and per table it scans, a candidate of its equality columns, then at most one range column, or its
 * ORDER BY keys when every filter is an equality (so the index serves the sort too). A column the query tests with
 * {@code IS NULL} or {@code IS NOT NULL} becomes the predicate of a partial index on PostgreSQL (elsewhere it follows
 * the equalities), never a leading column. Candidates an existing index already serves are dropped. Unindexed
 * foreign keys the workload joins or filters on are candidates too. The recommendations are then chosen as a set
 * ({@link Selection}): each by what it adds to the ones before it, for the time of the queries it serves, weighted by
 * how much of their filtering it does, less the write cost it adds to its table.
 */
public final class Recommender {

  /** Share of a table's write time one more index adds: every INSERT, and UPDATEs of indexed rows, maintain it. */
  static final double WRITE_OVERHEAD_PER_INDEX = 0.10;

  /** An index on join columns alone helps only when the planner drives the join from the other side. */
  static final double JOIN_ONLY_WEIGHT = 0.5;

  private final Schema schema;
  private final Dialect dialect;
  private final InnodbKeys innodb;
  private final long budgetBytes;

  public Recommender(Schema schema) {
    this(schema, 0);
  }

  /**
   * A recommender that keeps the proposals' estimated total size within {@code budgetBytes} (0: no budget),
   * choosing by estimated benefit per byte. Sizes come from the schema's row estimates (a live database).
   */
  public Recommender(Schema schema, long budgetBytes) {
    this.schema = schema;
    this.dialect = schema.dialect();
    this.innodb = new InnodbKeys(schema);
    this.budgetBytes = budgetBytes;
  }

  /**
   * The estimated size of an index, or -1 when the table's rows are unknown (see {@link IndexSizes}). An estimate
   * for budgeting, not a measurement.
   */
  public long estimatedBytes(IndexCandidate c) {
    return IndexSizes.estimatedBytes(schema, c);
  }

  /**
   * A candidate that was not recommended, and why.
   *
   * @param reason "already covered by ..." or "too little gain: ..." or "merged into ..."
   */
  public record Rejection(IndexCandidate candidate, String reason) {
    /** How the reason of a candidate that could not be priced under a budget begins. */
    static final String UNPRICED = "size unknown under a budget";

    /** Whether the candidate was left out of a budget because its table has no statistics to price it with. */
    public boolean unpriced() {
      return reason.startsWith(UNPRICED);
    }

    /** Whether the candidate was left out because, with no schema to say, its column is likely a primary key. */
    public boolean likelyPrimaryKey() {
      return reason.startsWith(LikelyKeys.REASON);
    }
  }

  /**
   * Recommendations, best first, and the candidates rejected on the way with their reasons.
   *
   * @param orArms for {@link #candidates}: the candidates of each OR's arms, which serve its query only together
   */
  public record Result(List<Recommendation> recommendations, List<Rejection> rejections,
      List<List<IndexCandidate>> orArms) {
    /** A result with no OR arms to tell. */
    public Result(List<Recommendation> recommendations, List<Rejection> rejections) {
      this(recommendations, rejections, List.of());
    }
  }

  /** The recommendations for {@code workload}, best first. */
  public List<Recommendation> recommend(Workload workload) {
    return run(workload).recommendations();
  }

  /** The recommendations for {@code workload} and every rejected candidate with its reason. */
  public Result run(Workload workload) {
    List<Rejection> rejections = new ArrayList<>();
    List<Selection.OrBundle> bundles = new ArrayList<>();
    Map<IndexCandidate, Evidence> candidates = pool(workload, rejections, bundles);
    boolean timed = workload.totalMillis() > 0;
    // One selection for both: a storage budget in bytes, or (no budget) as many indexes as pay for their writes.
    Map<String, Workload.TableWrites> writes = workload.writesByTable();
    Selection.Limit limit = budgetBytes > 0 ? Selection.Limit.bytes(this::estimatedBytes, budgetBytes)
        : Selection.Limit.unlimited();
    Selection.Outcome o = Selection.select(candidates, bundles, limit, c -> writeCost(writes, c, timed),
        this::tableShare, this::partialShare, timed);
    rejections.addAll(o.rejections());
    return new Result(recommendations(o.ranked(), timed), rejections);
  }

  /**
   * Every candidate worth considering for {@code workload}, each as a recommendation worth what it serves alone (its
   * write cost deducted), best first, and the candidates dropped before any choice with their reasons: what a
   * selection by other means (the planner's, {@code plan.PlannerSelection}) chooses from.
   */
  public Result candidates(Workload workload) {
    List<Rejection> rejections = new ArrayList<>();
    List<Selection.OrBundle> bundles = new ArrayList<>();
    Map<IndexCandidate, Evidence> candidates = pool(workload, rejections, bundles);
    boolean timed = workload.totalMillis() > 0;
    Map<String, Workload.TableWrites> writes = workload.writesByTable();
    List<Selection.Pick> picks = new ArrayList<>();
    candidates.forEach((c, e) -> picks.add(new Selection.Pick(c, e, e.benefit(timed) - writeCost(writes, c, timed))));
    if (dialect == Dialect.POSTGRESQL) {
      // The same index with the few other columns its queries read, for an index-only scan: the planner weighs it
      // against the plain one (only one of the two is ever taken), since only plans say whether it pays.
      candidates.forEach((c, e) -> coveringColumns(c, e).ifPresent(cols -> picks.add(new Selection.Pick(
          c.including(cols), e, e.benefit(timed) - writeCost(writes, c, timed)))));
    }
    picks.sort(Comparator.comparingDouble(Selection.Pick::gain).reversed()
        .thenComparing(x -> x.candidate().table()).thenComparing(x -> String.join(",", x.candidate().keys())));
    List<List<IndexCandidate>> arms = new ArrayList<>();
    for (Selection.OrBundle b : bundles) {
      List<IndexCandidate> left = b.arms().stream().filter(candidates::containsKey).toList();
      if (left.size() > 1 && !arms.contains(left)) {
        arms.add(left);
      }
    }
    return new Result(recommendations(picks, timed), rejections, arms);
  }

  /** Most columns an INCLUDE list takes: a covering index for a narrow query, not a copy of the table. */
  static final int MAX_INCLUDE = 3;

  /**
   * The columns besides its keys that every query of {@code c} reads from its table, when they are few (at most
   * {@link #MAX_INCLUDE}) and known (a {@code SELECT *} reads them all): with them the index answers the queries
   * alone.
   */
  private Optional<List<String>> coveringColumns(IndexCandidate c, Evidence e) {
    Optional<Table> table = schema.table(c.table());
    if (table.isEmpty()) {
      return Optional.empty();
    }
    Set<String> keys = new java.util.HashSet<>();
    for (int i = 0; i < c.keys().size(); i++) {
      keys.add(c.column(i).toLowerCase(Locale.ROOT));
    }
    Set<String> extra = new java.util.TreeSet<>();
    for (QueryStats q : e.queries().values()) {
      for (TableAccess a : q.profile().map(StatementProfile::accesses).orElse(List.of())) {
        if (!a.table().equals(c.table())) {
          continue;
        }
        if (a.uses().stream().anyMatch(u -> u.kind() == UseKind.WRITE)) {
          return Optional.empty();
        }
        for (ColumnUse u : a.uses()) {
          String col = u.column().column();
          if (ExpressionKey.parse(col).isPresent() || table.get().column(col).isEmpty()) {
            return Optional.empty();
          }
          boolean inPredicate = !c.where().isEmpty() && (u.kind() == UseKind.IS_NULL
              || u.kind() == UseKind.NON_SARGABLE && u.detail().equals("IS NOT NULL"));
          if (!inPredicate && !keys.contains(col.toLowerCase(Locale.ROOT))) {
            extra.add(col); // a partial index's own predicate needs no column stored; anything else read does
          }
        }
      }
    }
    return extra.isEmpty() || extra.size() > MAX_INCLUDE ? Optional.empty() : Optional.of(List.copyOf(extra));
  }

  /**
   * What one more index on a candidate's table adds to the time (or, untimed, the calls) of {@code workload}'s
   * writes; the writes are added up once, here, for every candidate asked about after.
   */
  public static java.util.function.ToDoubleFunction<IndexCandidate> writeCosts(Workload workload) {
    Map<String, Workload.TableWrites> writes = workload.writesByTable();
    boolean timed = workload.totalMillis() > 0;
    return c -> writeCost(writes, c, timed);
  }

  /** The candidates of {@code workload}, less those an existing index or key makes pointless (with reasons). */
  private Map<IndexCandidate, Evidence> pool(Workload workload, List<Rejection> rejections,
      List<Selection.OrBundle> bundles) {
    Map<IndexCandidate, Evidence> candidates = new LinkedHashMap<>();
    for (QueryStats q : workload.queries()) {
      Optional<StatementProfile> p = q.profile();
      if (p.isEmpty()) {
        continue;
      }
      for (TableAccess a : p.get().accesses()) {
        Optional<Table> table = schema.table(a.table());
        if (table.isEmpty() && !schema.isEmpty()) {
          continue; // a view, a temporary table, or a table the schema file lacks: nothing to index safely
        }
        AccessCandidates own = candidatesFor(a, q);
        for (Weighted c : own.candidates()) {
          candidates.computeIfAbsent(c.candidate(), k -> new Evidence()).add(q, c.weight(), c.why(), c.or());
        }
        own.orArms().forEach(arms -> bundles.add(new Selection.OrBundle(q, arms)));
        for (CandidateWithWhy j : joinCandidates(a)) {
          candidates.computeIfAbsent(j.candidate(), k -> new Evidence()).add(q, JOIN_ONLY_WEIGHT, j.why());
        }
      }
    }
    ForeignKeyCandidates.add(schema, workload, candidates);
    candidates.keySet().removeIf(c -> {
      Optional<Index> by = coveringIndex(c);
      by.ifPresent(ix -> rejections.add(new Rejection(c, "already covered by " + named(ix))));
      return by.isPresent();
    });
    candidates.keySet().removeIf(c -> {
      Optional<String> why = addsNothing(c);
      why.ifPresent(w -> rejections.add(new Rejection(c, w)));
      return why.isPresent();
    });
    candidates.entrySet().removeIf(c -> {
      Optional<String> why = literalVaries(c.getKey(), c.getValue());
      why.ifPresent(w -> rejections.add(new Rejection(c.getKey(), w)));
      return why.isPresent();
    });
    if (dialect == Dialect.MYSQL) {
      candidates = innodb.keyable(candidates, rejections);
      candidates.keySet().removeIf(c -> {
        Optional<String> why = unbuildableOnMysql(c);
        why.ifPresent(w -> rejections.add(new Rejection(c, w)));
        return why.isPresent();
      });
    } else {
      candidates.entrySet().removeIf(c -> {
        Optional<String> why = unbuildable(c.getKey());
        why.ifPresent(w -> rejections.add(new Rejection(c.getKey(), w)));
        return why.isPresent();
      });
    }
    candidates.replaceAll((c, e) -> alreadyNarrowed(c).map(n -> e.discounted(n.factor(), n.why())).orElse(e));
    if (dialect == Dialect.MYSQL) {
      candidates = innodb.covering(candidates, this::coveringColumns); // after the discount: for equalities alone
    }
    if (!schema.isGiven()) {
      LikelyKeys keys = LikelyKeys.of(workload);
      candidates.keySet().removeIf(c -> {
        boolean key = keys.isLikelyKey(c.table(), c.keys().get(0));
        if (key) {
          rejections.add(new Rejection(c, LikelyKeys.REASON + ": " + c.keys().get(0)));
        }
        return key;
      });
    }
    return candidates;
  }

  /**
   * Why MySQL and MariaDB could not index one of {@code c}'s expression keys through a generated column, if they
   * could not: no such function there, a column type logdex cannot give the generated column, or a column of the
   * generated column's name already there.
   */
  private Optional<String> unbuildableOnMysql(IndexCandidate c) {
    Optional<Table> table = schema.table(c.table());
    for (String k : c.keys()) {
      Optional<ExpressionKey> e = ExpressionKey.parse(k);
      if (e.isEmpty()) {
        continue;
      }
      Optional<String> unsupported = e.get().mysqlUnsupported();
      if (unsupported.isPresent()) {
        return unsupported;
      }
      String type = table.flatMap(t -> t.column(e.get().column())).map(dev.logdex.core.schema.Column::type)
          .orElse("");
      if (e.get().mysqlColumnType(type).isEmpty()) {
        return Optional.of(type.isEmpty()
            ? "logdex needs the column's type to write the generated column MySQL and MariaDB index " + k
                + " through (give the schema with --schema or --db)"
            : "logdex cannot write a generated column for " + k + " on a column of type " + type
                + (type.toLowerCase(java.util.Locale.ROOT).matches(".*(text|blob).*")
                    ? " (a TEXT or BLOB column needs a prefix length to be indexed)" : ""));
      }
      String generated = dev.logdex.core.dialect.IndexDdl.generatedColumn(e.get());
      if (table.flatMap(t -> t.column(generated)).isPresent()) {
        return Optional.of("the table already has a column named " + generated + ", the name logdex gives the "
            + "generated column of " + k);
      }
    }
    return Optional.empty();
  }

  /** The generated column types of {@code c}'s expression keys on MySQL and MariaDB, by key. */
  private Map<String, String> generatedTypes(IndexCandidate c) {
    if (dialect != Dialect.MYSQL) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    Optional<Table> table = schema.table(c.table());
    for (String k : c.keys()) {
      ExpressionKey.parse(k).ifPresent(e -> table.flatMap(t -> t.column(e.column()))
          .flatMap(col -> e.mysqlColumnType(col.type())).ifPresent(type -> out.put(k, type)));
    }
    return out;
  }

  /** Why PostgreSQL could not build one of {@code c}'s expression keys on its column's type, if it could not. */
  private Optional<String> unbuildable(IndexCandidate c) {
    Optional<Table> table = schema.table(c.table());
    for (String k : c.keys()) {
      Optional<ExpressionKey> e = ExpressionKey.parse(PatternKey.column(k));
      if (e.isPresent()) {
        String type = table.flatMap(t -> t.column(e.get().column())).map(dev.logdex.core.schema.Column::type)
            .orElse("");
        Optional<String> why = e.get().unbuildable(type);
        if (why.isPresent()) {
          return why;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Why an expression key's literal would not serve every call of the queries it was made for, if so: a class
   * groups calls that differ only in literals ({@code date_trunc('day', ...)} and {@code date_trunc('month', ...)}),
   * and an index on one serves none of the other's calls. Such a key is written with {@link ExpressionKey#VARIES}.
   */
  private static Optional<String> literalVaries(IndexCandidate c, Evidence e) {
    for (String k : c.keys()) {
      if (ExpressionKey.isVarying(k)) {
        return Optional.of("the calls of query " + e.queries().values().iterator().next().fingerprint().id()
            + " write different literals in " + k + ": an index on one of them would not serve the others");
      }
    }
    return Optional.empty();
  }

  private record CandidateWithWhy(IndexCandidate candidate, String why) {}

  /**
   * A candidate of an access, with how fully it serves the access's query.
   *
   * @param or for the index of one arm of an OR, the OR and the arm ({@code "OR 1/assignee_id"}), else {@code ""}
   */
  private record Weighted(IndexCandidate candidate, double weight, String why, String or) {}

  /**
   * The candidates of one access: its own, and one per arm of each OR on it.
   *
   * @param orArms for each OR, the candidates of its arms: the query is served only when every arm is
   */
  private record AccessCandidates(List<Weighted> candidates, List<List<IndexCandidate>> orArms) {}

  private AccessCandidates candidatesFor(TableAccess a, QueryStats q) {
    Optional<CandidateWithWhy> main = candidateFor(a, q);
    Map<String, Set<String>> ors = new LinkedHashMap<>();
    for (ColumnUse u : a.uses()) {
      if (u.kind() == UseKind.OR_ARM) {
        ors.computeIfAbsent(u.detail(), g -> new LinkedHashSet<>()).add(u.column().column());
      }
    }
    if (ors.isEmpty()) {
      return new AccessCandidates(main.map(c -> List.of(new Weighted(c.candidate(), 1.0, c.why(), "")))
          .orElse(List.of()), List.of());
    }
    // Each arm of an OR needs an index of its own, led by the access's equality columns: the database scans each
    // and ORs the rows (a BitmapOr; MySQL's index merge). The access's own candidate filters only its equalities.
    List<String> eqKeys = main.map(c -> c.candidate().keys().subList(0, c.candidate().equalityPrefix()))
        .orElse(List.of());
    String where = main.map(c -> c.candidate().where()).orElse("");
    List<Weighted> out = new ArrayList<>();
    main.ifPresent(c -> out.add(new Weighted(c.candidate(),
        c.candidate().keys().size() / (c.candidate().keys().size() + 1.0), c.why(), "")));
    List<List<IndexCandidate>> bundles = new ArrayList<>();
    for (Map.Entry<String, Set<String>> or : ors.entrySet()) {
      Set<String> columns = or.getValue();
      if (columns.stream().anyMatch(eqKeys::contains)) {
        continue; // an arm the equalities already decide: the OR narrows nothing an index could use
      }
      String why = "one arm of an OR over " + String.join(", ", columns) + ": each arm needs its own index";
      List<IndexCandidate> arms = new ArrayList<>();
      for (String col : columns) {
        List<String> keys = new ArrayList<>(eqKeys);
        keys.add(col);
        IndexCandidate arm = new IndexCandidate(a.table(), keys, keys.size(), where);
        arms.add(arm);
        out.add(new Weighted(arm, 1.0 / columns.size(), why, or.getKey() + "/" + col));
      }
      bundles.add(arms);
    }
    return new AccessCandidates(out, bundles);
  }

  private Optional<CandidateWithWhy> candidateFor(TableAccess a, QueryStats q) {
    Set<String> eq = new LinkedHashSet<>();
    Set<String> in = new LinkedHashSet<>(); // IN lists of more than one value: an equality per value, in no order
    // Equalities with a literal every call of the class writes (status = 'pending'): on PostgreSQL the index's
    // predicate, which keeps the index to the rows they select, rather than a key column.
    Map<String, String> constant = new java.util.TreeMap<>();
    Set<String> isNull = new java.util.TreeSet<>();
    Set<String> notNull = new java.util.TreeSet<>();
    String range = null;
    boolean rangeIsLike = false;
    boolean nonEquality = false;
    List<ColumnUse> order = new ArrayList<>();
    for (ColumnUse u : a.uses()) {
      String col = u.column().column();
      switch (u.kind()) {
        case EQUALITY -> {
          if (dialect == Dialect.POSTGRESQL && ConstantLiterals.everyCallWrites(q, u.detail())) {
            constant.merge(col, u.detail().substring(dev.logdex.core.sql.UsageExtractor.LITERAL.length()),
                (x, y) -> x.equals(y) ? x : "");
          } else {
            eq.add(col);
          }
        }
        case IN -> in.add(col);
        case EXPRESSION_EQUALITY -> expressionKey(u).ifPresent(eq::add);
        case EXPRESSION_RANGE -> {
          nonEquality = true;
          if (range == null) {
            range = expressionKey(u).orElse(null);
            rangeIsLike = ExpressionKey.isLikeDetail(u.detail());
          }
        }
        case IS_NULL -> isNull.add(col);
        case NON_SARGABLE -> {
          if (u.detail().equals("IS NOT NULL")) {
            notNull.add(col);
          }
        }
        case RANGE -> {
          nonEquality = true;
          if (range == null) {
            range = col;
            rangeIsLike = u.detail().equals(dev.logdex.core.sql.UsageExtractor.LIKE_PREFIX);
          }
        }
        case ORDER_BY -> order.add(u);
        default -> { }
      }
    }
    constant.values().removeIf(String::isEmpty); // two different literals for one column: no rows, no predicate
    in.removeAll(eq);
    // An IN of several values reads one run of the index per value: the rows come in key order within each run, not
    // across them, so no key after it serves an ORDER BY. With a LIMIT and another equality to narrow first, the
    // sort keys come before it instead and it is tested in the index (equality, sort, then IN); the scan stops
    // after LIMIT rows pass. Otherwise, or where the statistics say so few rows pass the IN that the scan would read
    // on and on, it is an equality key, and the query sorts what it finds.
    boolean sortBeforeIn = !in.isEmpty() && !nonEquality && a.limited() && a.sortServed() && !order.isEmpty()
        && (!eq.isEmpty() || !isNull.isEmpty() && dialect != Dialect.POSTGRESQL)
        && !sortKeys(order, eq).isEmpty() && !rareIn(a.table(), eq, in);
    if (!sortBeforeIn) {
      eq.addAll(in);
    }
    constant.keySet().removeAll(eq);
    constant.keySet().removeAll(in);
    isNull.removeAll(eq);
    isNull.removeAll(in);
    notNull.removeAll(isNull);
    // A NULL test keeps the rows that are (or are not) NULL, often most of the table: as a leading column it would
    // barely narrow the scan and would push the columns after it out of the sort. On PostgreSQL it becomes the
    // index's predicate, which also makes the index smaller; elsewhere it follows the true equalities.
    List<String> predicates = new ArrayList<>();
    List<String> trailingEq = new ArrayList<>();
    if (dialect == Dialect.POSTGRESQL) {
      constant.forEach((col, literal) -> predicates.add(Identifiers.quote(dialect, col) + " = " + literal));
      isNull.forEach(col -> predicates.add(Identifiers.quote(dialect, col) + " IS NULL"));
      notNull.forEach(col -> predicates.add(Identifiers.quote(dialect, col) + " IS NOT NULL"));
    } else {
      trailingEq.addAll(isNull);
    }
    String where = String.join(" AND ", predicates);
    boolean filtered = !eq.isEmpty() || !in.isEmpty() || !isNull.isEmpty() || !constant.isEmpty();
    List<String> keys = new ArrayList<>(bySelectivity(a.table(), eq));
    keys.addAll(trailingEq);
    int equalities = keys.size();
    StringBuilder why = new StringBuilder();
    if (!keys.isEmpty()) {
      why.append("equality on ").append(String.join(", ", keys));
    }
    Set<String> eqAll = new LinkedHashSet<>(keys);
    if (sortBeforeIn) {
      List<String> sortKeys = sortKeys(order, eqAll); // an IN column the query sorts by keeps its place in the sort
      keys.addAll(sortKeys);
      List<String> tested = in.stream().filter(c -> sortKeys.stream().noneMatch(k -> k.equals(c)
          || k.equals(c + " DESC"))).toList();
      keys.addAll(tested);
      why.append("; serves ORDER BY ").append(String.join(", ", sortKeys)).append(" (LIMIT)");
      if (!tested.isEmpty()) {
        why.append("; then ").append(String.join(", ", tested))
            .append(", tested in the index: an IN of several values before the sort keys would break their order");
      }
    } else if (range != null && !eqAll.contains(range)) {
      why.append(why.length() > 0 ? "; " : "").append("range on ").append(range);
      if (rangeIsLike && dialect == Dialect.POSTGRESQL) {
        // Under any collation but C, PostgreSQL turns a LIKE prefix into a range only of a pattern class's index.
        String column = range;
        range = PatternKey.of(column, ExpressionKey.parse(column).isPresent() ? "text" // what lower() and ->> give
            : schema.table(a.table()).flatMap(t -> t.column(column)).map(dev.logdex.core.schema.Column::type)
                .orElse("text"));
        why.append(" (LIKE prefix: ").append(PatternKey.opclass(range).orElseThrow()).append(", as PostgreSQL needs "
            + "under any collation but C)");
      }
      keys.add(range);
    } else if (!nonEquality && in.isEmpty() && a.sortServed() && !order.isEmpty()
        && (filtered || a.limited() && !unindexedFilter(a))) {
      // With no filter, index order only pays when the query stops early (LIMIT); a full sort reads every row. With
      // a filter no key serves (an OR, a function, <>), reading in index order until LIMIT rows pass it can read
      // most of the table when the rows that pass are rare: no sort-only index then.
      List<String> sortKeys = sortKeys(order, eqAll);
      if (!sortKeys.isEmpty()) {
        keys.addAll(sortKeys);
        why.append(why.length() > 0 ? "; " : "").append("serves ORDER BY ")
            .append(String.join(", ", sortKeys));
      }
    }
    Optional<String> queueColumn = isNull.stream().filter(c -> !dev.logdex.core.schema.SoftDelete.isColumn(c))
        .findFirst();
    if (keys.isEmpty() && queueColumn.isPresent()) {
      // Nothing else to key on (a queue's "WHERE done_at IS NULL"): the column itself, under its predicate. Not a
      // soft-delete column: the rows not deleted are most of the table, which an index would not narrow.
      String col = queueColumn.get();
      keys.add(col);
      equalities = 1;
      why.append("equality on ").append(col);
    }
    if (keys.isEmpty() && !constant.isEmpty()) {
      // Nothing else to key on: the constant's column is the key after all, a lookup of its one value.
      keys.addAll(constant.keySet());
      equalities = keys.size();
      why.append("equality on ").append(String.join(", ", keys));
      predicates.removeIf(p -> constant.keySet().stream().anyMatch(c -> p.startsWith(Identifiers.quote(dialect, c)
          + " = ")));
      where = String.join(" AND ", predicates);
      constant.clear();
    }
    if (keys.isEmpty()) {
      return Optional.empty();
    }
    if (!constant.isEmpty()) {
      why.append(why.length() > 0 ? "; " : "").append("every logged call writes ").append(String.join(" and ",
          constant.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).toList()))
          .append(", so the index holds only those rows");
    }
    boolean expression = false;
    for (ColumnUse u : a.uses()) {
      String col = u.column().column();
      if (ExpressionKey.parse(col).isPresent() && keys.contains(col)) {
        return Optional.empty(); // a column named like an expression ("lower(x)"): not told apart, not proposed
      }
      expression |= u.kind() == UseKind.EXPRESSION_EQUALITY || u.kind() == UseKind.EXPRESSION_RANGE;
    }
    if (expression) {
      why.append(why.length() > 0 ? "; " : "").append("an index on the expression: one on the column alone does not "
          + "serve it").append(dialect == Dialect.MYSQL ? " (through a generated column: MariaDB before 11.8 uses it "
          + "only for queries that name that column)" : "");
    }
    if (!where.isEmpty()) {
      why.append(" (partial: ").append(where).append(")");
    }
    return Optional.of(new CandidateWithWhy(new IndexCandidate(a.table(), keys, equalities, where), why.toString()));
  }

  /**
   * The key of an expression use: {@code lower(email)}; or, where the calls of the class write different literals
   * in it, a key that says so ({@code date_trunc(?, created_at)}), which the pool rejects with the reason.
   */
  private static Optional<String> expressionKey(ColumnUse u) {
    String col = u.column().column();
    return ExpressionKey.ofDetail(u.detail(), col).map(ExpressionKey::key)
        .or(() -> ExpressionKey.varyingKey(u.detail(), col));
  }

  /** Whether the access filters on something an index key of its candidate would not serve. */
  private static boolean unindexedFilter(TableAccess a) {
    return a.uses().stream().anyMatch(u -> u.kind() == UseKind.OR_ARM || u.kind() == UseKind.NON_SARGABLE
        || u.kind() == UseKind.EXPRESSION);
  }

  /**
   * Above this fraction of a table's rows left by its equality columns, an index on them alone is not used for a
   * query: reading that much of the table through an index costs more than scanning it (PostgreSQL's planner turns
   * to a sequential scan well before this on a table that is not cached).
   */
  static final double UNSELECTIVE = 0.1;

  /**
   * The share of {@code served}'s queries that an index leading with {@code keys} of its keys serves. Without
   * statistics, in proportion to the keys. With them for each of its equality columns, their part of the keys is
   * split by the rows each index reads: a scan reads the table, an index the fraction {@code p} its equalities leave,
   * each row at about {@code 1 / UNSELECTIVE} times a scanned row's cost (the point where plans turn to a scan). So
   * an index on the lead serves {@code (1 - p_lead / UNSELECTIVE) / (1 - p_all / UNSELECTIVE)} of what the full one
   * does: {@code shipment_id} (5 events of 1.9 million) serves all but a trace of a lookup on {@code shipment_id}
   * and {@code status}, where reading 5 rows instead of 1 costs nothing measurable. None where the equality columns
   * it serves leave more than {@link #UNSELECTIVE} of the rows ({@code status = 'paid'}), since no plan reads that
   * much of a table through an index. Where only the shared columns have statistics, at least the share they
   * would serve of an index that read no row at all.
   *
   * <p>The logged time is that of the access the database has now: where an existing index already leads with
   * some of the equality columns, the queries read what it leaves, not the table. A chosen index that leads with
   * no more of them than that index serves nothing of the query beyond it: an InnoDB foreign-key index on
   * {@code shipment_id} already finds a shipment's events, and {@code (shipment_id, status)} still saves most of a
   * probe that reads 5 events for the one it wants (measured on MariaDB: 1.0 ms a query against 0.2 ms), with
   * {@code (shipment_id, occurred_at)} chosen or not.
   */
  private double partialShare(IndexCandidate server, IndexCandidate served, int keys) {
    double byKeys = Selection.PartialShare.byKeys().of(server, served, keys);
    Optional<Table> t = schema.table(served.table());
    int eq = served.equalityPrefix();
    if (t.isEmpty() || eq == 0) {
      return byKeys;
    }
    int shared = Math.min(keys, eq);
    double mine = fractionLeft(t.get(), server.keys().subList(0, shared)); // what the shared equalities leave
    if (mine < 0) {
      return byKeys; // a shared column without statistics: no grounds to say more
    }
    double now = readCost(existingFractionLeft(t.get(), served)); // the logged time's access, in scans
    double left = readCost(mine);
    if (keys <= eq && left >= now) {
      return 0; // no better than a scan, or than an existing index that already leads with these columns
    }
    double all = fractionLeft(t.get(), served.keys().subList(0, eq)); // and all of served's
    double eqShare;
    if (keys >= eq || all >= 0 && readCost(all) >= now) {
      eqShare = 1;
    } else if (all >= 0) {
      eqShare = (now - left) / (now - readCost(all));
    } else {
      // A column of served's alone has no statistics: its own index saves at most all of the access, so the shared
      // columns serve at least (now - left) / now of it, whatever the others leave (a shipment's 5 events of 1.9
      // million, where MariaDB has the cardinality of shipment_id's index and none of status).
      eqShare = Math.max((double) shared / eq, (now - left) / now);
    }
    int size = served.keys().size();
    return (double) eq / size * Math.min(1, eqShare) + (double) Math.max(0, keys - eq) / size;
  }

  /**
   * What reading the fraction {@code p} of a table through an index costs, in scans of it: each row about
   * {@code 1 / UNSELECTIVE} times a scanned row, never more than the scan the plan would take instead.
   */
  private static double readCost(double p) {
    return Math.min(1, p / UNSELECTIVE);
  }

  /**
   * The fraction of the rows that the best existing B-tree index of {@code t} leaves of {@code c}'s equalities, by
   * the equality columns it leads with: what the logged queries read already. 1 (a scan) where none leads with one,
   * or its columns have no statistics.
   */
  private static double existingFractionLeft(Table t, IndexCandidate c) {
    return bestExisting(t, c).map(Narrowing::left).orElse(1.0);
  }

  /** An existing index that finds a candidate's rows by {@code keys} of its equality columns, leaving {@code left}. */
  private record Narrowing(Index index, int keys, double left) {}

  private static Optional<Narrowing> bestExisting(Table t, IndexCandidate c) {
    Narrowing best = null;
    for (Index ix : t.indexes()) {
      if (!ix.isBtree() || ix.isPartial()) {
        continue;
      }
      int k = Math.min(Coverage.servedKeys(ix.keys(), c), c.equalityPrefix());
      if (k > 0) {
        double f = fractionLeft(t, ix.keys().subList(0, k));
        // On a tie, the one that leads with more of them (a column of one value leaves all rows).
        if (f >= 0 && f < 1 && (best == null || f < best.left() || f == best.left() && k > best.keys())) {
          best = new Narrowing(ix, k, f);
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** How much of its queries' time a candidate is worth, and why, where an existing index does part of its work. */
  private record Discount(double factor, String why) {}

  /**
   * Where an existing index already finds a lookup's rows by some of its equality columns, the logged time is that
   * of reading what the index leaves, and the candidate saves only the part of those reads its other equality
   * columns take away ({@link #partialShare}'s rows read): beside {@code (tenant_id)}, {@code (tenant_id, kind)} (40
   * kinds) reads a 40th as many rows and is worth almost all of its queries' time; {@code (tenant_id,
   * is_active)}, 95% active, reads 90% as many and is worth a tenth (measured on PostgreSQL: 1.04 ms a query
   * without it, 1.08 ms with it; 0.86 and 0.087 ms for the other). For lookups by equality alone; range and sort
   * keys save what no statistic here says.
   */
  private Optional<Discount> alreadyNarrowed(IndexCandidate c) {
    int eq = c.equalityPrefix();
    Optional<Table> t = schema.table(c.table());
    if (eq == 0 || c.keys().size() != eq || t.isEmpty()) {
      return Optional.empty();
    }
    Optional<Narrowing> by = bestExisting(t.get(), c);
    double all = fractionLeft(t.get(), c.keys());
    if (by.isEmpty() || by.get().keys() >= eq || all < 0) {
      return Optional.empty();
    }
    double now = readCost(by.get().left());
    double after = readCost(all);
    double factor = Math.max(0, (now - after) / now);
    if (factor >= 0.99) {
      return Optional.empty();
    }
    Index ix = by.get().index();
    return Optional.of(new Discount(factor, String.format(Locale.ROOT, "%s already finds these rows by %s: "
        + "this one reads about %.0f%% as many, so it is counted at %.0f%% of its queries' time", named(ix),
        String.join(", ", ix.keys().subList(0, by.get().keys())), 100 * after / now, 100 * factor)));
  }

  /** The fraction of the rows that equalities on index keys {@code keys} leave, or -1 if unknown. */
  static double fractionLeft(Table t, List<String> keys) {
    double left = 1;
    for (String k : keys) {
      double f = t.column(PatternKey.column(k)).map(Recommender::equalityMatch).orElse(2.0); // without DESC too
      if (f > 1 || f <= 0) {
        return -1;
      }
      left *= f;
    }
    return left;
  }

  /**
   * Equality columns, the most selective first when the database's statistics say (they all come before the range
   * and sort keys, so their order loses no sort); in statement order otherwise.
   */
  private List<String> bySelectivity(String table, Set<String> eq) {
    List<String> cols = new ArrayList<>(eq);
    Optional<Table> t = schema.table(table);
    if (t.isEmpty() || cols.stream().noneMatch(c -> t.get().column(c).map(x -> x.distinct() >= 0).orElse(false))) {
      return cols;
    }
    // The fraction of rows an equality leaves, smallest first: from the most common values where the database
    // has them (a skewed column leaves far more than 1/distinct), else 1/distinct; unknown columns last.
    cols.sort(Comparator.comparingDouble((String c) -> t.get().column(c).map(Recommender::equalityMatch)
        .orElse(2.0)));
    return cols;
  }

  private static double equalityMatch(dev.logdex.core.schema.Column c) {
    if (c.equalityMatch() >= 0) {
      return c.equalityMatch();
    }
    return c.distinct() > 0 ? 1 / c.distinct() : 2.0;
  }

  /** How many rows a query that stops early is taken to want, where the statement's LIMIT is a parameter. */
  static final int ASSUMED_LIMIT = 50;

  /**
   * Whether the statistics say an IN passes so few of the rows its table's equalities leave that reading them in
   * sort order until LIMIT of them pass reads more than finding the ones that pass and sorting them: about
   * {@code LIMIT / f} rows against {@code rows x f}, for the IN's share {@code f} (its columns' equality match, for
   * lists of two values). True too where the IN's and the equalities' columns hold a unique key ({@code id IN
   * (...)}): a row or none per value. False where a column has no statistics: the usual IN (of statuses, of types)
   * passes a good share of the rows.
   */
  private boolean rareIn(String table, Set<String> eq, Set<String> in) {
    Optional<Table> t = schema.table(table);
    if (t.isEmpty()) {
      return false;
    }
    Set<String> all = new LinkedHashSet<>(eq);
    all.addAll(in);
    if (t.get().uniqueKeyAmong(all).isPresent()) {
      return true;
    }
    if (t.get().rows().isEmpty()) {
      return false;
    }
    double rows = t.get().rows().getAsLong();
    double share = 1;
    for (String c : eq) {
      Optional<dev.logdex.core.schema.Column> col = t.get().column(c);
      if (col.isEmpty() || col.get().distinct() < 0) {
        return false;
      }
      rows *= Math.min(1, equalityMatch(col.get()));
    }
    for (String c : in) {
      Optional<dev.logdex.core.schema.Column> col = t.get().column(c);
      if (col.isEmpty() || col.get().distinct() < 0) {
        return false;
      }
      share *= Math.min(1, 2 * equalityMatch(col.get()));
    }
    return share * share * rows < ASSUMED_LIMIT;
  }

  /** ORDER BY keys after the equality columns; normalised so the first is ascending (a B-tree scans both ways). */
  private static List<String> sortKeys(List<ColumnUse> order, Set<String> eq) {
    List<ColumnUse> rest = order.stream().filter(u -> !eq.contains(u.column().column())).toList();
    if (rest.isEmpty()) {
      return List.of();
    }
    boolean flip = rest.get(0).descending();
    List<String> keys = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (ColumnUse u : rest) {
      if (seen.add(u.column().column())) {
        keys.add(u.column().column() + (u.descending() != flip ? " DESC" : ""));
      }
    }
    return keys;
  }

  /** A single-column candidate for each join column of an access that has no equality filter of its own. */
  private List<CandidateWithWhy> joinCandidates(TableAccess a) {
    boolean filtered = a.uses().stream().anyMatch(u -> u.kind().isEqualityLike());
    if (filtered) {
      return List.of();
    }
    List<CandidateWithWhy> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (ColumnUse u : a.uses()) {
      if (u.kind() == UseKind.JOIN && seen.add(u.column().column())) {
        out.add(new CandidateWithWhy(new IndexCandidate(a.table(), List.of(u.column().column()), 1, ""),
            "join on " + u.column() + " = " + u.detail()));
      }
    }
    return out;
  }

  /**
   * Tables of fewer rows than this are read whole as fast as through an index (a page or two): no index is proposed
   * on them. Known only from a live database's estimates.
   */
  static final long SMALL_TABLE_ROWS = 1000;

  /**
   * Why an index would add nothing, if it would not: its equality columns already hold a unique key (the lookup
   * finds one row without it), or its table is small enough that a scan costs the same.
   */
  private Optional<String> addsNothing(IndexCandidate c) {
    Optional<Table> t = schema.table(c.table());
    if (t.isEmpty()) {
      return Optional.empty();
    }
    Optional<Index> unique = t.get().uniqueKeyAmong(c.keys().subList(0, c.equalityPrefix()));
    if (unique.isPresent()) {
      Index ix = unique.get();
      return Optional.of("adds nothing: its equality columns hold " + (ix.primary() ? "the primary key" : "unique "
          + "index " + ix.name()) + " (" + String.join(", ", ix.keys()) + "), which finds the one row already");
    }
    long rows = t.get().rowEstimate();
    if (rows >= 0 && rows < SMALL_TABLE_ROWS && !t.get().isPartitioned()) {
      return Optional.of(String.format(Locale.ROOT, "adds nothing: %s has about %,d rows, which a scan reads as "
          + "fast as an index (under %,d)", c.table(), rows, SMALL_TABLE_ROWS));
    }
    return rows < 0 ? Optional.empty() : fewRowsLeft(t.get(), c, rows);
  }

  /**
   * At most this many rows per lookup, found by an existing index, leave nothing measurable to a longer index's
   * range or sort keys: it would sort or filter these few rows in the index instead of after reading them.
   */
  static final double FEW_ROWS = 20;

  /**
   * Why an existing index that leads with all of {@code c}'s equality columns already serves it, if the database's
   * statistics say those leave {@link #FEW_ROWS} or fewer: {@code (shipment_id, occurred_at)} for a shipment's 5
   * events in date order, beside the foreign key's index on {@code shipment_id} (measured on MariaDB: no faster).
   * Not for more equality columns than the index has: {@code (shipment_id, status)} still saves 4 of the 5 rows'
   * reads per probe, and can answer a probe from the index alone.
   */
  private Optional<String> fewRowsLeft(Table t, IndexCandidate c, long rows) {
    int eq = c.equalityPrefix();
    if (eq == 0 || c.keys().size() == eq) {
      return Optional.empty();
    }
    return bestExisting(t, c).filter(n -> n.keys() == eq && n.left() * rows <= FEW_ROWS).map(n -> String.format(
        Locale.ROOT, "adds nothing: %s finds about %,d rows a lookup by %s, which its other keys would sort or "
            + "filter no faster (at most %d)", named(n.index()), Math.max(1, Math.round(n.left() * rows)),
        String.join(", ", n.index().keys().subList(0, eq)), (int) FEW_ROWS));
  }

  /** An existing index as reasons name it, with its keys: {@code the primary key (id)}, {@code index ix (a, b)}. */
  private static String named(Index ix) {
    return (ix.primary() ? "the primary key" : "index " + ix.name()) + " (" + String.join(", ", ix.keys()) + ")";
  }

  private Optional<Index> coveringIndex(IndexCandidate c) {
    Optional<Table> t = schema.table(c.table());
    if (t.isEmpty()) {
      return Optional.empty();
    }
    for (Index ix : t.get().indexes()) {
      if (Coverage.covers(ix, c)) {
        return Optional.of(ix);
      }
    }
    return Optional.empty();
  }

  private List<Recommendation> recommendations(List<Selection.Pick> ranked, boolean timed) {
    List<Recommendation> out = new ArrayList<>();
    dev.logdex.core.dialect.ObjectNames names = new dev.logdex.core.dialect.ObjectNames(dialect,
        schema.objectNames());
    for (Selection.Pick p : ranked) {
      IndexCandidate c = p.candidate();
      List<String> nameParts = new ArrayList<>(c.keys());
      if (!c.include().isEmpty()) {
        nameParts.add("incl");
        nameParts.addAll(c.include());
      }
      String name = names.index(c.table(), nameParts, c.where());
      Optional<Table> table = schema.table(c.table());
      // The schema's table, in its schema; a table the schema lacks as the statements named it (db4.t).
      int dot = c.table().lastIndexOf('.');
      String tableSchema = table.map(Table::schema)
          .orElse(dot > 0 && !schema.isGiven() ? c.table().substring(0, dot) : "");
      String tableName = table.map(Table::name)
          .orElse(tableSchema.isEmpty() ? c.table() : c.table().substring(dot + 1));
      List<Fix.PartitionIndex> onPartitions = names.onPartitions(table.map(Table::partitions).orElse(List.of()),
          nameParts, c.where());
      Fix.CreateIndex fix = new Fix.CreateIndex(Table.isDefaultSchema(tableSchema) ? "" : tableSchema, tableName,
          name, c.keys(), c.where(), table.map(Table::isPartitioned).orElse(false), c.include(), generatedTypes(c),
          onPartitions);
      out.add(new Recommendation(out.size() + 1, c, fix, FixSql.render(dialect, fix), round(p.gain()),
          p.evidence().reason(timed) + servedAbove(p.partlyServedBy()), p.evidence().served()));
    }
    return out;
  }

  /** Why an index is worth less than its queries' time: what the indexes ranked above it already serve of them. */
  private static String servedAbove(List<IndexCandidate> above) {
    if (above.isEmpty()) {
      return "";
    }
    List<String> names = above.stream().limit(2).map(a -> "(" + String.join(", ", a.keys()) + ")"
        + (a.where().isEmpty() ? "" : " WHERE " + a.where())).toList();
    return "; " + String.join(" and ", names) + (above.size() > 2 ? " and " + (above.size() - 2) + " more" : "")
        + ", ranked above, already serve" + (above.size() == 1 ? "s" : "") + " some of this, which its benefit does"
        + " not count";
  }

  /**
   * The part of {@code q}'s time that falls to {@code table}: its rows over the rows of all the tables the query
   * reads (all of it when a row estimate is missing).
   */
  double tableShare(QueryStats q, String table) {
    Set<String> tables = new java.util.TreeSet<>();
    q.profile().ifPresent(p -> p.accesses().forEach(a -> tables.add(a.table())));
    if (tables.size() <= 1) {
      return 1;
    }
    double total = 0;
    double mine = 0;
    for (String t : tables) {
      double rows = schema.table(t).map(Table::rowEstimate).orElse(-1L);
      if (rows < 0) {
        // No estimate to split by (a schema file): each table is credited with the whole query, as an index on
        // either side may be the one that turns its scan into a lookup.
        return tables.contains(table) ? 1.0 : 0;
      }
      total += Math.max(1, rows);
      if (t.equals(table)) {
        mine = Math.max(1, rows);
      }
    }
    return total == 0 ? 0 : mine / total;
  }

  /** What one more index on the candidate's table adds to the time of the workload's writes to it. */
  private static double writeCost(Map<String, Workload.TableWrites> writes, IndexCandidate c, boolean timed) {
    Workload.TableWrites w = writes.get(c.table());
    return w == null ? 0 : WRITE_OVERHEAD_PER_INDEX * (timed ? w.totalMillis() : w.calls());
  }

  private static double round(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
