package dev.logdex.core.analysis;

import dev.logdex.core.recommend.Recommender;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What makes an analysis weaker than it looks, said as warnings rather than left for the user to find: a schema that
 * matches none of the logs' tables, most statements unread, a budget that could not be priced.
 */
final class Doubts {
  private Doubts() {}

  /** Past this share of unparsed statement classes, what is recommended rests on a minority of the workload. */
  static final double MOSTLY_UNPARSED = 0.5;

  static List<String> of(Schema schema, Workload workload, long parsed, List<UnparsedStatement> unparsed,
      List<Recommender.Rejection> rejections) {
    List<String> out = new ArrayList<>();
    Set<String> named = new TreeSet<>();
    for (QueryStats q : workload.queries()) {
      q.profile().ifPresent(p -> {
        named.addAll(p.tablesRead());
        named.addAll(p.tablesWritten());
      });
    }
    if (schema.isGiven() && !named.isEmpty() && named.stream().noneMatch(t -> schema.table(t).isPresent())) {
      out.add("none of the " + named.size() + " tables the logs name (" + list(named) + ") is in the schema, "
          + "which has " + schema.tables().size() + " tables: is it the schema of another database? Nothing "
          + "could be checked against existing indexes");
    }
    Set<String> missing = new TreeSet<>();
    named.stream().filter(t -> schema.table(t).isEmpty()).forEach(missing::add);
    if (schema.isGiven() && schema.isWholeDatabase() && !missing.isEmpty() && missing.size() < named.size()) {
      out.add(missing.size() + " of the " + named.size() + " tables the logs name (" + list(missing) + ") are not "
          + "in the schema" + (schema.database().isEmpty() ? "" : " of database " + schema.database())
          + ", which describes a whole database, so nothing is proposed for them"
          + (schema.dialect() == dev.logdex.core.model.Dialect.MYSQL
              ? "; a MySQL statement's unqualified tables are those of the database the log says it ran in (use db)"
              : ""));
    }
    long total = parsed + unparsed.size();
    if (total > 0 && unparsed.size() > MOSTLY_UNPARSED * total) {
      out.add(String.format(Locale.ROOT, "%,d of %,d statement classes could not be parsed (listed under Not "
          + "parsed): recommendations rest on the %,d that could", unparsed.size(), total, parsed));
    }
    Set<String> unpriced = new TreeSet<>();
    rejections.stream().filter(Recommender.Rejection::unpriced).forEach(r -> unpriced.add(r.candidate().table()));
    if (!unpriced.isEmpty()) {
      out.add("the budget could not price indexes on " + unpriced.size() + " table(s) that have no statistics ("
          + list(unpriced) + "), so they were left out; run ANALYZE on " + list(unpriced) + " and analyze again");
    }
    return out;
  }

  private static String list(Set<String> names) {
    List<String> l = new ArrayList<>(names);
    return l.size() <= 6 ? String.join(", ", l) : String.join(", ", l.subList(0, 6)) + ", ...";
  }
}
