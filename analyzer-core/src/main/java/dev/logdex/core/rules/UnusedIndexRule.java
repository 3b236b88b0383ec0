package dev.logdex.core.rules;

import dev.logdex.core.schema.Index;
import dev.logdex.core.schema.IndexUsage;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.Table;
import dev.logdex.core.workload.Workload;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** An index the database has never scanned since its statistics were reset: all write cost, no read benefit. */
public final class UnusedIndexRule implements Rule {

  @Override
  public String id() {
    return "unused-index";
  }

  @Override
  public String title() {
    return "Index never scanned";
  }

  @Override
  public Severity defaultSeverity() {
    return Severity.WARNING;
  }

  @Override
  public String help() {
    return "With a live database (--db), an index with no scans since the statistics were reset, largest first."
        + " It costs every write and its space and serves no read. Indexes that enforce something (primary keys,"
        + " unique indexes) are not flagged. Check the statistics cover a full business cycle (month-end jobs)"
        + " and every replica before dropping. Fix: drop the index.";
  }

  @Override
  public List<Finding> findings(Schema schema, Workload workload) {
    List<IndexUsage> unused = schema.indexUsage().stream().filter(u -> u.scans() == 0)
        .sorted(Comparator.comparingLong(IndexUsage::sizeBytes).reversed()).toList();
    List<Finding> out = new ArrayList<>();
    for (IndexUsage u : unused) {
      Optional<Table> t = schema.table(u.table());
      Optional<Index> ix = t.flatMap(x -> x.indexes().stream().filter(i -> i.name().equals(u.index())).findFirst());
      if (ix.isEmpty() || ix.get().primary() || ix.get().unique()) {
        continue;
      }
      String since = u.since().isEmpty() ? "" : " since " + u.since();
      out.add(Finding.of(id(), defaultSeverity(), u.table(), ix.get().keys(),
          String.format(Locale.ROOT, "index %s (%s) has not been scanned%s; it takes %s", u.index(),
              String.join(", ", ix.get().keys()), since, size(u.sizeBytes())),
          IndexDuplicationRules.dropFix(t.get(), ix.get()), schema.dialect()));
    }
    return out;
  }

  private static String size(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }
    if (bytes >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }
    return String.format(Locale.ROOT, "%d kB", bytes / 1024);
  }
}
