package dev.logdex.core.workload;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.Fingerprint;
import dev.logdex.core.model.QueryEvent;
import dev.logdex.core.sql.StatementAnalysis;
import dev.logdex.core.sql.StatementAnalyzer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Folds events into a {@link Workload}: fingerprint, analyse once per class (through the analyzer's cache), add up.
 * Memory grows with the number of distinct fingerprints, not with events. Not thread-safe: one builder per thread,
 * merged at the end.
 */
public final class WorkloadBuilder implements Consumer<QueryEvent> {
  private final Fingerprinter fingerprinter;
  private final StatementAnalyzer analyzer;
  /** Each class by its id. */
  private final Map<String, Tally> classes = new HashMap<>();
  /** The class of each fingerprint as first seen. */
  private final Map<String, Tally> queries = new HashMap<>();
  /** The class of a fingerprint in another database than first seen in, by {@code id@database}. */
  private final Map<String, Tally> inDatabase = new HashMap<>();
  private final Counter events;
  private final ClassLimit limit;
  private long statements;
  private java.time.Instant first;
  private java.time.Instant last;

  public WorkloadBuilder(Fingerprinter fingerprinter, StatementAnalyzer analyzer, MeterRegistry registry) {
    this(fingerprinter, analyzer, registry, ClassLimit.unlimited());
  }

  /** A builder that stops with {@link ClassLimit.ExceededException} past {@code limit} classes. */
  public WorkloadBuilder(Fingerprinter fingerprinter, StatementAnalyzer analyzer, MeterRegistry registry,
      ClassLimit limit) {
    this.fingerprinter = fingerprinter;
    this.analyzer = analyzer;
    this.events = registry.counter("logdex.events.read");
    this.limit = limit;
  }

  @Override
  public void accept(QueryEvent e) {
    events.increment();
    statements += e.calls();
    java.time.Instant t = e.time().orElse(null);
    if (t != null) {
      if (first == null || t.isBefore(first) || t.isAfter(last)) {
        first = first == null || t.isBefore(first) ? t : first;
        last = last == null || t.isAfter(last) ? t : last;
        widen(Timeline.widthFor(first.getEpochSecond(), last.getEpochSecond()));
      }
      if (e.calls() == 1 && e.totalMillis() > 0) {
        long bucket = Math.floorDiv(t.getEpochSecond(), width);
        if (bucket != lastBucket || lastLatency == null) {
          // Events mostly come in time order: most land in the bucket of the one before.
          lastLatency = latency.computeIfAbsent(bucket, b -> new Latency.Recorder());
          lastBucket = bucket;
        }
        lastLatency.record(Math.round(QueryStats.nanosOf(e.totalMillis()) / 1000.0));
      }
    }
    literalCount = 0;
    Fingerprint fp = fingerprinter.fingerprint(e.text(), literalSink);
    Tally tally = queries.get(fp.id());
    if (tally != null && !tally.anyDatabase && !tally.database.equals(e.database())) {
      tally = inDatabase.get(fp.id() + "@" + e.database());
      if (tally == null) {
        tally = classOf(fp, e);
        inDatabase.put(fp.id() + "@" + e.database(), tally);
      } else {
        analyzer.countNearHit();
      }
    } else if (tally == null) {
      tally = classOf(fp, e);
      queries.put(fp.id(), tally);
    } else {
      analyzer.countNearHit(); // the class's analysis is at hand: a first-level cache hit
    }
    tally.add(e, t, width);
    tally.constants.add(literalHashes, literalCount);
  }

  /** The literal values of the event being added, as the fingerprinter found them: no allocation per event. */
  private final long[] literalHashes = new long[Constants.TRACKED];
  private int literalCount;
  private final Fingerprinter.LiteralSink literalSink = (i, hash) -> {
    if (i < Constants.TRACKED) {
      literalHashes[i] = hash;
    }
    literalCount = i + 1;
  };

  /** The bucket width of the period seen so far; it only grows. */
  private long width = Timeline.WIDTHS[0];
  /** The latency of each bucket, of every class. */
  private java.util.TreeMap<Long, Latency.Recorder> latency = new java.util.TreeMap<>();
  private long lastBucket;
  private Latency.Recorder lastLatency;

  private void widen(long w) {
    if (w <= width) {
      return;
    }
    java.util.TreeMap<Long, Latency.Recorder> wider = new java.util.TreeMap<>();
    long factor = w / width;
    latency.forEach((b, r) -> wider.computeIfAbsent(Math.floorDiv(b, factor), k -> new Latency.Recorder()).add(r));
    latency = wider;
    width = w;
    lastLatency = null;
  }

  /**
   * The class of a statement as run in its database. Where the database decides which tables the statement means
   * (MySQL's {@code use db} and an unqualified name), the statement in another database is another class, with an
   * id of its own; where it does not, the calls of every database are one class.
   */
  private Tally classOf(Fingerprint fp, QueryEvent e) {
    StatementAnalysis analysis = analyzer.analyze(fp, e.text(), e.database());
    boolean anyDatabase = analyzer.isDatabaseFree(fp, e.text());
    // Where the statement in this database means what it means with no database said (the schema's own database),
    // it is the fingerprint's class; in another database, a class of its own.
    Fingerprint cls = anyDatabase || analysis.equals(analyzer.analyze(fp, e.text())) ? fp
        : new Fingerprint(Fingerprinter.idOf(fp.normalized() + "\n-- in database " + e.database()), fp.normalized());
    Tally tally = classes.get(cls.id());
    if (tally == null) {
      limit.admit(cls.id());
      tally = new Tally(cls, analysis, e.text(), anyDatabase, e.database());
      classes.put(cls.id(), tally);
    }
    return tally;
  }

  /** Statements added so far (an aggregate event counts its calls). */
  public long statements() {
    return statements;
  }

  /** The workload built so far. */
  public Workload build() {
    Map<String, QueryStats> out = new HashMap<>();
    classes.forEach((id, t) -> out.put(id, t.toStats()));
    java.util.Map<Long, Latency> byBucket = new java.util.TreeMap<>();
    latency.forEach((b, r) -> byBucket.put(b, r.toLatency()));
    return new Workload(out, first, last, new Timeline(width, byBucket, true));
  }

  /** One class's counts while reading: mutable, so that an event costs no allocation here. */
  private static final class Tally {
    private final Fingerprint fingerprint;
    private final StatementAnalysis analysis;
    /** Whether the class is the same whatever database it runs in; else it is the class of {@code database}. */
    final boolean anyDatabase;
    final String database;
    private final Latency.Recorder latency = new Latency.Recorder();
    /** The smallest distinct texts seen, at most {@link QueryStats#SAMPLES}. */
    private final java.util.TreeSet<String> samples = new java.util.TreeSet<>();
    /** The largest of {@link #samples} once it holds them all: what each later text is compared with. */
    private String largestKept;
    private long calls;
    private long nanos;
    private long rows = -1;
    private long rowsExamined = -1;
    private long lockNanos;
    private final Origins.Recorder origins = new Origins.Recorder();
    private final Series.Recorder series = new Series.Recorder();
    final Constants.Recorder constants = new Constants.Recorder();

    Tally(Fingerprint fingerprint, StatementAnalysis analysis, String sample, boolean anyDatabase, String database) {
      this.fingerprint = fingerprint;
      this.anyDatabase = anyDatabase;
      this.database = database;
      this.analysis = analysis;
      this.samples.add(sample);
    }

    /** Adds {@code e}, which ran at {@code t} ({@code null}: its log does not say). */
    void add(QueryEvent e, java.time.Instant t, long width) {
      calls += e.calls();
      long n = QueryStats.nanosOf(e.totalMillis());
      nanos += n;
      if (t != null) {
        series.record(t, width, e.calls(), n);
      }
      if (e.rows() >= 0) {
        rows = rows < 0 ? e.rows() : rows + e.rows();
      }
      if (e.rowsExamined() >= 0) {
        rowsExamined = rowsExamined < 0 ? e.rowsExamined() : rowsExamined + e.rowsExamined();
      }
      lockNanos += QueryStats.nanosOf(e.lockMillis());
      origins.add(e.database(), e.user(), e.host(), e.application(), e.calls());
      // Only a single timed execution tells the distribution; a time of exactly 0 is a log without timing.
      if (e.calls() == 1 && n > 0) {
        latency.record(Math.round(n / 1000.0));
      }
      // Of all samples the smallest texts, so that the result does not depend on the order of events; a text
      // larger than every one kept costs one comparison (with a field: the tree's last node was a walk and a cache
      // miss per event).
      if (largestKept == null || e.text().compareTo(largestKept) < 0) {
        samples.add(e.text());
        if (samples.size() > QueryStats.SAMPLES) {
          samples.pollLast();
        }
        largestKept = samples.size() == QueryStats.SAMPLES ? samples.last() : null;
      }
    }

    QueryStats toStats() {
      Constants literals = constants.toConstants();
      return new QueryStats(fingerprint, samples.first(), calls, QueryStats.millisOf(nanos), rows,
          literals.settle(analysis),
          latency.toLatency(), List.copyOf(samples), rowsExamined, QueryStats.millisOf(lockNanos),
          origins.toOrigins(), series.toSeries(), literals);
    }
  }
}
