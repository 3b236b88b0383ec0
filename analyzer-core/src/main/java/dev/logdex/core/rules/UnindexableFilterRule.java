package dev.logdex.core.rules;

import dev.logdex.core.dialect.IndexDdl;
import dev.logdex.core.model.ColumnUse;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.TableAccess;
import dev.logdex.core.model.UseKind;
import dev.logdex.core.schema.Column;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A statement that spends a good share of the logged time and filters a table only with conditions no B-tree index
 * serves ({@code title ILIKE $1}, {@code body LIKE '%x%'}, {@code meta @> $1}, {@code status <> 'done'}): each call
 * scans the table, and logdex proposes no index for it. Said so, rather than left for the user to notice that
 * the heaviest query has no recommendation.
 */
public final class UnindexableFilterRule implements Rule {

  /** A statement below this share of the logged time is not worth a finding. */
  static final double MIN_SHARE = 0.01;

  /** Uses an index key serves: an access with one of them is not filtered by unindexable conditions only. */
  private static final Set<UseKind> INDEXABLE = EnumSet.of(UseKind.EQUALITY, UseKind.IN, UseKind.IS_NULL,
      UseKind.RANGE, UseKind.JOIN, UseKind.EXPRESSION_EQUALITY, UseKind.EXPRESSION_RANGE, UseKind.OR_ARM);

  @Override
  public String id() {
    return "unindexable-filter";
  }

  @Override
  public String title() {
    return "Filter no index serves";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.WARNING;
  }

  @Override
  public String help() {
    return "A statement that takes 1% or more of the logged time and filters a table only with conditions no B-tree"
        + " index serves: ILIKE, a LIKE with a leading wildcard or a bound pattern, <>, an OR of conditions that"
        + " are not all simple, a char(n) column compared with text, or an operator such as PostgreSQL's @>, ?,"
        + " @@, && or ~, a function of the column logdex has no index on the expression for (DATE(created_at) ="
        + " '2025-01-01', YEAR(created_at) = 2025), or, on MySQL and MariaDB, a TEXT, BLOB or JSON column, which"
        + " they key only by a prefix. Each call scans the table, and logdex proposes no index for"
        + " it. Fix: make the filter one an index serves (a LIKE prefix, a range on the column itself:"
        + " created_at >= '2025-01-01' AND created_at < '2025-01-02', lower(col) = lower($1) with an index on"
        + " lower(col), the value cast to the column's type), or, on PostgreSQL, an index of another kind, which"
        + " logdex does not propose: a GIN index with pg_trgm's gin_trgm_ops for ILIKE and LIKE '%x%', a GIN"
        + " index on a jsonb, array or tsvector column for @>, ?, && and @@; on MySQL and MariaDB, for a search of"
        + " words, a FULLTEXT index queried with MATCH ... AGAINST, and for a TEXT column an index on a prefix of"
        + " it, col(N), or on a generated column of its hash.";
  }

  @Override
  public List<Finding> findings(Schema schema, Workload workload) {
    double total = workload.totalMillis();
    if (total <= 0) {
      return List.of();
    }
    List<Workloads.Profiled> heavy = new ArrayList<>();
    for (Workloads.Profiled p : Workloads.profiled(workload)) {
      if (p.stats().totalMillis() >= MIN_SHARE * total) {
        heavy.add(p);
      }
    }
    heavy.sort(Comparator.comparingDouble((Workloads.Profiled p) -> -p.stats().totalMillis())
        .thenComparing(p -> p.stats().fingerprint().id()));
    List<Finding> out = new ArrayList<>();
    for (Workloads.Profiled p : heavy) {
      Set<String> seen = new LinkedHashSet<>();
      for (TableAccess a : p.profile().accesses()) {
        if (!seen.add(a.table()) || a.uses().stream()
            .anyMatch(u -> INDEXABLE.contains(u.kind()) && prefixOnlyType(schema, a, u).isEmpty())) {
          continue;
        }
        Set<String> conditions = new LinkedHashSet<>();
        Set<String> columns = new LinkedHashSet<>();
        List<String> otherKinds = otherKindsOfIndex(schema, a.table());
        Set<String> prefixOnly = new LinkedHashSet<>(); // on columns MySQL keys only by a prefix
        for (ColumnUse u : a.uses()) {
          Optional<String> type = prefixOnlyType(schema, a, u);
          String what = type.map(t -> "of type " + t).orElseGet(() -> condition(u));
          type.ifPresent(t -> prefixOnly.add(u.column().column() + " " + what));
          if (!what.isEmpty() && !mentions(otherKinds, u.column().column())) {
            conditions.add(u.column().column() + " " + what);
            columns.add(u.column().column());
          }
        }
        if (conditions.isEmpty()) {
          continue;
        }
        boolean jsonOnly = conditions.stream().allMatch(c -> c.endsWith(JSON_FIELD));
        String why = prefixOnly.containsAll(conditions) ? "MySQL and MariaDB index such a column only by a prefix, "
            + "whose length logdex does not choose (an index on a prefix, col(N), or on a generated column of its "
            + "hash would serve an equality)" : "no B-tree index serves that";
        String message = String.format(Locale.ROOT, "query %s (%s, %,.1f ms, %.0f%% of the logged time) filters %s "
            + "only by %s: %s, so each call scans the table, and logdex proposes no index for it",
            p.stats().fingerprint().id().substring(0, 8), Workloads.calls(p.stats().calls()),
            p.stats().totalMillis(), 100 * p.stats().totalMillis() / total, a.table(),
            String.join(", ", conditions), jsonOnly ? "an index on that field's expression would serve it, but "
                + "logdex cannot name the field (its key is a parameter, as pg_stat_statements writes every "
                + "constant, or a path of several keys; a server log with the values names it)"
                : why);
        out.add(new Finding(id(), defaultSeverity(), a.table(), List.copyOf(columns), message,
            "-- make the filter one an index serves, or see: logdex rules " + id()));
      }
    }
    return out;
  }

  /**
   * The declared type of the column {@code u} filters by equality, IN or a range, where it is one that MySQL and
   * MariaDB key only by a prefix (TEXT, BLOB, JSON): an index logdex proposes does not serve that filter there.
   */
  private static Optional<String> prefixOnlyType(Schema schema, TableAccess a, ColumnUse u) {
    if (schema.dialect() != Dialect.MYSQL || !(u.kind().isEqualityLike() || u.kind() == UseKind.RANGE)) {
      return Optional.empty();
    }
    return schema.table(a.table()).flatMap(t -> t.column(u.column().column())).map(Column::type)
        .filter(IndexDdl::mysqlKeysOnlyByPrefix).map(IndexDdl::typeName);
  }

  /** What a JSON field's condition ends with, said: {@code metadata ->> (a JSON field)}. */
  private static final String JSON_FIELD = " (a JSON field)";

  /** Aggregates, which a HAVING applies to the rows already found: no filter of the table's. */
  private static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "bool_and", "bool_or",
      "every", "string_agg", "array_agg", "group_concat", "json_agg", "jsonb_agg", "stddev", "variance");

  /**
   * The keys, in lower case, of the table's indexes of other kinds than B-tree (GIN, GiST, hash, BRIN): one of them
   * may serve what no B-tree does ({@code USING gin (title gin_trgm_ops)} an ILIKE), so a condition on a column they
   * name is not reported.
   */
  private static List<String> otherKindsOfIndex(Schema schema, String table) {
    List<String> keys = new ArrayList<>();
    schema.table(table).ifPresent(t -> t.indexes().stream().filter(ix -> !ix.isBtree())
        .forEach(ix -> ix.keys().forEach(k -> keys.add(k.toLowerCase(Locale.ROOT)))));
    return keys;
  }

  /** Whether one of {@code keys} names {@code column}, alone or inside an expression. */
  private static boolean mentions(List<String> keys, String column) {
    if (keys.isEmpty()) {
      return false;
    }
    java.util.regex.Pattern word = java.util.regex.Pattern.compile("(^|[^a-z0-9_$])\"?"
        + java.util.regex.Pattern.quote(column.toLowerCase(Locale.ROOT)) + "\"?($|[^a-z0-9_$])");
    return keys.stream().anyMatch(k -> word.matcher(k).find());
  }

  /**
   * What a filtering use no index serves is, said as SQL would ({@code ILIKE}, {@code <>}, {@code @>}), or
   * {@code ""} for a use that is no such filter or whose reason is not sure: a NOT NULL test keeps most rows
   * whatever the index, a sort or grouping key's expression says so ({@code ORDER BY date}) and is no filter, an
   * aggregate is a HAVING's, and a comparison of two columns may be a join logdex could not resolve.
   */
  private static String condition(ColumnUse u) {
    String d = u.detail();
    if (u.kind() == UseKind.NON_SARGABLE) {
      if (d.equals("IS NOT NULL")) {
        return "";
      }
      int colon = d.indexOf(':');
      String head = colon > 0 ? d.substring(0, colon) : d;
      return switch (head) {
        case "LIKE" -> "NOT LIKE or LIKE with a leading wildcard";
        case "under OR" -> "under an OR";
        case "<>", "ne" -> "<>";
        case "ILIKE", "LIKE with a bound pattern" -> head;
        // Not a comparison of two columns, or with one logdex could not resolve: said only where the reason is sure.
        default -> head.startsWith("char(n)") ? "of type char(n) compared with text" : "";
      };
    }
    if (u.kind() == UseKind.EXPRESSION && Set.of("->>", "->", "#>>", "#>").contains(d)) {
      return d + JSON_FIELD;
    }
    if (u.kind() == UseKind.EXPRESSION && !d.isEmpty() && d.chars().noneMatch(Character::isLetterOrDigit)) {
      // an operator: @>, ?, @@, &&, ~ test the column; arithmetic and || compute from it
      return Set.of("+", "-", "*", "/", "%", "||").contains(d) ? "under " + d : d;
    }
    if (u.kind() == UseKind.EXPRESSION && d.matches("[A-Za-z_][A-Za-z0-9_]*") // a sort key's says ORDER BY
        && !AGGREGATES.contains(d.toLowerCase(Locale.ROOT))) {
      return "under " + d + "()"; // DATE(created_at) = '2025-01-01', YEAR(created_at) = 2025
    }
    return "";
  }
}
