package dev.logdex.core.rules;

import dev.logdex.core.model.Fix;
import dev.logdex.core.model.UseKind;
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
        + " and every replica before dropping. DROP is proposed only when the statistics cover at least"
        + " unused-index.min-days (7 by default) and no statement in the logs filters, joins or sorts on the"
        + " index's first column. Fix: drop the index.";
  }

  /** Statistics younger than this say nothing of month-end jobs or weekly reports: no DROP is proposed. */
  static final int DEFAULT_MIN_DAYS = 7;

  private final double minDays;

  public UnusedIndexRule() {
    this(DEFAULT_MIN_DAYS);
  }

  /** With statistics needed to cover at least {@code minDays} days before a DROP is proposed. */
  public UnusedIndexRule(double minDays) {
    if (minDays < 0) {
      throw new IllegalArgumentException("unused-index.min-days: give 0 or more, not " + minDays);
    }
    this.minDays = minDays;
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
      String keys = String.join(", ", ix.get().keys());
      String covers = u.days() < 0 ? (u.since().isEmpty() ? "" : " since " + u.since())
          : String.format(Locale.ROOT, " in the %s the statistics cover (since %s)", days(u.days()), u.since());
      String message = String.format(Locale.ROOT, "index %s (%s) has not been scanned%s; it takes %s", u.index(),
          keys, covers, size(u.sizeBytes()));
      long serving = servingCalls(workload, t.get(), ix.get());
      if (serving > 0) {
        // The logs given use it: whatever the counters say (a replica, a reset), dropping it would hurt them.
        out.add(Finding.of(id(), Severity.INFO, u.table(), ix.get().keys(), message + ", but queries in the logs "
            + "filter, join or sort on " + ix.get().keys().get(0) + " (" + Workloads.calls(serving) + "): keep it"
            + " (they may run on a replica, or since a reset)",
            new Fix.Review("-- keep " + u.index() + ": the logs' queries can use it"), schema.dialect()));
      } else if (u.days() >= 0 && u.days() < minDays) {
        out.add(Finding.of(id(), Severity.INFO, u.table(), ix.get().keys(), message + String.format(Locale.ROOT,
            "; too short to call it unused (at least %s, unused-index.min-days)", days(minDays)),
            new Fix.Review(String.format(Locale.ROOT, "-- look again once the statistics cover %s",
                days(minDays))), schema.dialect()));
      } else {
        out.add(Finding.of(id(), defaultSeverity(), u.table(), ix.get().keys(), message
            + (u.days() < 0 ? "; how long the statistics cover is unknown: check before dropping" : ""),
            IndexDuplicationRules.dropFix(t.get(), ix.get()), schema.dialect()));
      }
    }
    return out;
  }

  /** The calls of the logs' statements that filter, join or sort on the index's first column. */
  private static long servingCalls(Workload workload, Table t, Index ix) {
    String first = ix.keys().get(0);
    if (first.startsWith("(")) {
      return 0; // an expression key: its uses are not matched
    }
    return Workloads.callsUsing(workload, t.qualifiedName(), (a, use) -> use.column().column().equalsIgnoreCase(first)
        && use.kind() != UseKind.SELECT && use.kind() != UseKind.WRITE && use.kind() != UseKind.NON_SARGABLE);
  }

  private static String days(double d) {
    return d < 1 ? String.format(Locale.ROOT, "%.1f hours", d * 24)
        : String.format(Locale.ROOT, "%.1f days", d).replace(".0 days", " days");
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
