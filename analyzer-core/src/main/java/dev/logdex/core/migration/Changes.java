package dev.logdex.core.migration;

import dev.logdex.core.dialect.ConstraintDdl;
import dev.logdex.core.dialect.FixSql;
import dev.logdex.core.dialect.IndexDdl;
import dev.logdex.core.dialect.ObjectNames;
import dev.logdex.core.dialect.SqlText;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.Fix;
import dev.logdex.core.recommend.Recommendation;
import dev.logdex.core.recommend.ServedQuery;
import dev.logdex.core.rules.Finding;
import dev.logdex.core.schema.Index;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Turns recommendations and finding fixes into {@link Change}s with their undo. */
public final class Changes {
  private Changes() {}

  /** What {@code --only} selects by default: index proposals and the fixes that are safe to apply as they are. */
  public static final Set<String> DEFAULT_SELECTION = Set.of("indexes", "unindexed-foreign-key",
      "missing-foreign-key", "duplicate-index", "redundant-index");

  /** Every name {@code --only} takes. */
  public static final Set<String> SELECTABLE = Set.of("indexes", "unindexed-foreign-key", "missing-foreign-key",
      "duplicate-index", "redundant-index", "unused-index");

  /**
   * The changes for {@code recommendations} and {@code findings}, in that order, limited to {@code selection}
   * ("indexes" for the recommendations, and rule ids). Info-level findings (an index the workload does not need)
   * are left out unless {@code includeInfo}, as when the user names their rule.
   */
  public static List<Change> of(Schema schema, List<Recommendation> recommendations,
      List<Finding> findings, Set<String> selection, boolean includeInfo) {
    Dialect d = schema.dialect();
    List<Change> out = new ArrayList<>();
    ObjectNames names = new ObjectNames(d, schema.objectNames());
    recommendations.forEach(r -> names.take(r.name()));
    List<Recommendation> created = new ArrayList<>(); // the indexes the recommendations create
    if (selection.contains("indexes")) {
      for (Recommendation r : recommendations) {
        Fix.CreateIndex fix = r.fix();
        List<String> why = new ArrayList<>();
        why.add("logdex: index on " + r.index().table() + " (" + String.join(", ", r.index().keys()) + ")"
            + (r.index().where().isEmpty() ? "" : " WHERE " + r.index().where()));
        why.add("why: " + r.reason());
        why.add(String.format(Locale.ROOT, "estimated effect: %,.1f ms less over the analysed workload", r.benefit()));
        for (ServedQuery q : r.queries()) {
          why.add(String.format(Locale.ROOT, "serves %s (%,d calls, %,.1f ms): %s", q.fingerprint(), q.calls(),
              q.totalMillis(), oneLine(q.sample(), 120)));
        }
        out.add(new Change("add_index_" + slug(fix.name().replaceFirst("^idx_", "")), why,
            statements(d, FixSql.render(d, fix)),
            List.of(FixSql.undo(d, fix)),
            d == Dialect.POSTGRESQL));
        if (r.index().where().isEmpty()) {
          created.add(r);
        }
      }
    }
    // The findings' fixes by their type, whatever rule found them; foreign keys last, once their indexes exist.
    List<Finding> foreignKeys = new ArrayList<>();
    for (Finding f : findings) {
      if (!selection.contains(f.rule()) || !includeInfo && f.severity() == dev.logdex.core.rules.Severity.INFO) {
        continue;
      }
      if (f.change() instanceof Fix.CreateIndex c && c.where().isEmpty()) {
        // Not again when a recommendation's index already leads with the key (the same test as the rule's).
        if (created.stream().noneMatch(r -> r.fix().table().equals(c.table()) && r.fix().schema().equals(c.schema())
            && dev.logdex.core.schema.Table.leadWith(r.index().keys(), c.keys()))) {
          String name = names.index(c.table(), c.keys(), "");
          List<Fix.PartitionIndex> onPartitions = names.onPartitions(schema.table(f.table())
              .map(Table::partitions).orElse(List.of()), c.keys(), "");
          out.add(new Change("add_index_" + slug(name.replaceFirst("^idx_", "")), List.of("logdex: " + f.message()),
              statements(d, IndexDdl.create(d, c.schema(), c.table(), name, c.keys(), "", c.partitioned(), List.of(),
                  java.util.Map.of(), onPartitions)),
              List.of(IndexDdl.drop(d, c.schema(), c.table(), name, c.partitioned())), d == Dialect.POSTGRESQL));
        }
      } else if (f.change() instanceof Fix.DropIndex drop) {
        dropIndex(schema, f, drop, names).ifPresent(out::add);
      } else if (f.change() instanceof Fix.AddForeignKey) {
        foreignKeys.add(f);
      }
    }
    for (Finding f : foreignKeys) {
      out.add(addForeignKey(d, f, (Fix.AddForeignKey) f.change(), names));
    }
    return out;
  }

  /**
   * The statements of {@code sql}, each with its terminator, as a change runs them one by one: an expression index
   * on MySQL is a generated column and then the index.
   */
  private static List<String> statements(Dialect d, String sql) {
    List<dev.logdex.core.lex.SqlScript.Statement> parts = dev.logdex.core.lex.SqlScript.split(sql, d);
    return parts.size() <= 1 ? List.of(sql) : parts.stream().map(p -> p.text() + ";").toList();
  }

  private static Change addForeignKey(Dialect d, Finding f, Fix.AddForeignKey fk, ObjectNames names) {
    String child = fk.table();
    List<String> cols = fk.columns();
    List<String> parentCols = fk.parentColumns();
    String name = names.foreignKey(child, cols);
    String orphans = ConstraintDdl.orphanCount(d, fk.schema(), child, cols, fk.parentSchema(), fk.parent(),
        parentCols);
    List<String> up = new ArrayList<>();
    List<String> add = ConstraintDdl.addForeignKey(d, fk.schema(), child, name, cols, fk.parentSchema(), fk.parent(),
        parentCols, "", fk.partitioned());
    if (d == Dialect.POSTGRESQL) {
      // Once only (PostgreSQL has no ADD CONSTRAINT IF NOT EXISTS), and not at all while rows would make it fail:
      // then stop with a clear message, before any lock is taken. Every name in the block is data: identifiers
      // quoted, text in literals, the block in a dollar quote whose tag none of it holds.
      String exists = orphans.replaceFirst("^SELECT count\\(\\*\\) FROM", "SELECT 1 FROM").replaceAll(";$", "");
      String addNotValid = add.get(0).replaceAll(";$", "");
      // Constraint names are unique per table, so the check names the table too.
      String regclass = SqlText.literal(d, dev.logdex.core.dialect.Identifiers.qualified(d, fk.schema(), child));
      String body = " BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = " + SqlText.literal(d, name)
          + " AND conrelid = " + regclass + "::regclass) THEN IF EXISTS (" + exists + ") THEN RAISE EXCEPTION '%', "
          + SqlText.literal(d, "rows of " + Table.qualifiedName(fk.schema(), child) + " reference no "
              + Table.qualifiedName(fk.parentSchema(), fk.parent()) + " row: count them with "
              + orphans) + "; END IF; " + addNotValid + "; END IF; END ";
      up.add("DO " + SqlText.dollarQuoted(body) + ";");
      if (add.size() > 1) {
        up.add(add.get(1)); // VALIDATE: a no-op once valid, and outside the DO block so it locks less
      }
    } else {
      up.add("-- rows that would block the constraint: " + SqlText.commentLine(orphans));
      up.addAll(add);
    }
    return new Change("add_foreign_key_" + slug(child + "_" + String.join("_", cols)),
        List.of("logdex: " + f.message()),
        up, List.of(ConstraintDdl.dropForeignKey(d, fk.schema(), child, name)), d == Dialect.POSTGRESQL);
  }

  /** The index a duplicate/redundant/unused finding drops, with the statement that creates it again. */
  private static Optional<Change> dropIndex(Schema schema, Finding f, Fix.DropIndex drop, ObjectNames names) {
    Optional<Table> t = schema.table(drop.table());
    if (t.isEmpty()) {
      return Optional.empty();
    }
    Dialect d = schema.dialect();
    String qualifier = drop.schema();
    for (Index ix : t.get().indexes()) {
      if (ix.name().isEmpty() || !ix.name().equals(drop.name())) {
        continue;
      }
      String undo;
      try {
        undo = IndexDdl.recreate(d, qualifier, t.get().name(), ix.name(), ix.keys(), ix.unique(), ix.method(),
            ix.where(), t.get().isPartitioned(), names.onPartitions(t.get().partitions(), ix.keys(), ix.where()));
      } catch (IllegalArgumentException e) {
        return Optional.empty(); // no drop without a safe way back
      }
      return Optional.of(new Change("drop_index_" + slug(ix.name()), List.of("logdex: " + f.message()),
          List.of(FixSql.render(d, drop)), statements(d, undo), d == Dialect.POSTGRESQL));
    }
    return Optional.empty();
  }

  /** A file-name-safe, lower-case slug. */
  static String slug(String s) {
    String x = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return x.length() <= 80 ? x : x.substring(0, 80);
  }

  private static String oneLine(String s, int max) {
    String one = s.replaceAll("\\s+", " ").trim();
    return one.length() <= max ? one : one.substring(0, max - 3) + "...";
  }
}
