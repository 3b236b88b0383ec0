package dev.logdex.readers;

import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.lex.OwnStatements;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.InputSummary;
import dev.logdex.core.report.Escape;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.snapshot.AnalysisCache;
import dev.logdex.core.sql.StatementAnalyzer;
import dev.logdex.core.workload.ClassLimit;
import dev.logdex.core.workload.ParallelWorkloadBuilder;
import dev.logdex.core.workload.Workload;
import dev.logdex.core.workload.WorkloadBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The reading stage of the pipeline, from log files to a workload: which inputs can be read and with which reader,
 * the threads, the memory bound, the analysis cache, the account of skips and the strict policy. A command fills a
 * {@link Request} and calls {@link #open} and {@link #read}; it decides none of this itself.
 */
public final class WorkloadReading {
  private WorkloadReading() {}

  /**
   * What to read and how.
   *
   * @param logs the inputs as given: files, globs, {@code -} for standard input
   * @param inputFormat read every input as this format instead of detecting it
   * @param logLinePrefix PostgreSQL's log_line_prefix, for the stderr reader
   * @param threads threads that fingerprint and add up; empty: the CPUs, at most 4, or 1 for files under 1 MB
   * @param maxClasses the bound on classes held in memory; empty: what the heap holds after the schema
   * @param analysisCache where analyses are kept between runs
   * @param version logdex's version, part of the analysis cache's key
   * @param quiet no progress and no skip summary
   * @param strict any skipped record fails the run
   * @param filter the events to keep
   */
  public record Request(List<String> logs, Optional<String> inputFormat, Optional<String> logLinePrefix,
      Optional<Integer> threads, Optional<Long> maxClasses, Optional<Path> analysisCache, String version,
      boolean quiet, boolean strict, EventFilter filter) {
    public Request {
      logs = List.copyOf(logs);
      java.util.Objects.requireNonNull(filter, "filter");
    }

    /** A request that keeps every event. */
    public Request(List<String> logs, Optional<String> inputFormat, Optional<String> logLinePrefix,
        Optional<Integer> threads, Optional<Long> maxClasses, Optional<Path> analysisCache, String version,
        boolean quiet, boolean strict) {
      this(logs, inputFormat, logLinePrefix, threads, maxClasses, analysisCache, version, quiet, strict,
          EventFilter.NONE);
    }
  }

  /** A problem with the user's inputs or their options: said in one line, never a crash. */
  public static final class InputException extends RuntimeException {
    public InputException(String message) {
      super(message);
    }
  }

  /** Shows the reading's progress (the caller knows whether there is a terminal to show it on). */
  public interface ProgressDisplay {
    /** Starts showing the reading of {@code name}; closing the result stops it. */
    AutoCloseable start(String name, AtomicLong bytes, long size, LongSupplier events);
  }

  /** More statements from elsewhere than files (a live database's pg_stat_statements). */
  public interface Source {
    /** Feeds {@code builder} and says what was read. */
    InputSummary read(WorkloadBuilder builder) throws Exception;

    /** What to call it in a message. */
    String name();
  }

  /**
   * The inputs that can be read, each with its reader, and what was said of the others.
   *
   * @param warnings inputs left out (empty, or damaged before their first line), for the report
   */
  public record Opened(List<String> paths, List<LogReader> readers, List<String> warnings) {
    /** The database family the logs say they come from, when they all agree. */
    public Optional<Dialect> dialect() {
      List<Dialect> said = readers.stream().map(LogReader::dialect).flatMap(Optional::stream).distinct().toList();
      return said.size() == 1 ? Optional.of(said.get(0)) : Optional.empty();
    }
  }

  /** Opens an input by its name: a local file, or a file of a distributed job's file system. */
  @FunctionalInterface
  public interface Opener {
    InputFiles.Input open(String name) throws IOException;
  }

  /** What reading produced. */
  public record Read(Workload workload, List<InputSummary> inputs, long statements, SimpleMeterRegistry registry,
      StatementAnalyzer analyzer) {}

  /** Expands the inputs, leaves out (and says) those with nothing to read, and finds each one's reader. */
  public static Opened open(Request request, PrintWriter err) throws IOException {
    List<String> warnings = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (String log : InputPaths.expand(request.logs())) {
      if (!log.equals("-") && Files.isRegularFile(Path.of(log)) && Files.size(Path.of(log)) == 0) {
        // One empty file among several (a log rotated but not yet written) costs nothing; it is said, not fatal.
        warnings.add(log + ": empty file, nothing to read");
        if (!request.quiet()) {
          err.println(Escape.terminal("logdex: " + log + ": empty file, nothing to read"));
        }
        continue;
      }
      Optional<String> unreadable = log.equals("-") || !Files.isRegularFile(Path.of(log)) ? Optional.empty()
          : InputFiles.unreadable(log);
      if (unreadable.isPresent()) {
        // Damaged beyond its first line: said, and the other inputs still read.
        warnings.add(log + ": " + unreadable.get());
        err.println(Escape.terminal("logdex: " + log + ": " + unreadable.get()));
        continue;
      }
      paths.add(log);
    }
    if (paths.isEmpty() && !request.logs().isEmpty()) {
      throw new InputException("no input can be read (" + String.join("; ", warnings)
          + "): there is nothing to analyze");
    }
    List<LogReader> readers = new ArrayList<>();
    for (String log : paths) {
      readers.add(readerFor(request, log));
    }
    return new Opened(paths, readers, warnings);
  }

  /**
   * Reads the opened inputs, and then {@code extra} when given, into one workload analysed against
   * {@code schema}; keeps the analysis cache, prints the skips and applies the strict policy.
   */
  public static Read read(Request request, Opened opened, Schema schema, Optional<Source> extra, PrintWriter err,
      ProgressDisplay progress) throws IOException {
    return read(request, opened, schema, extra, err, progress, InputFiles::openCounted);
  }

  /**
   * The same, with each input opened by {@code opener}: a distributed job reads its files from their own file
   * system (HDFS, S3) with the same readers, the same account of skips and the same workload as the command.
   */
  public static Read read(Request request, Opened opened, Schema schema, Optional<Source> extra, PrintWriter err,
      ProgressDisplay progress, Opener opener) throws IOException {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    StatementAnalyzer analyzer = new StatementAnalyzer(schema, registry);
    String cacheKey = request.analysisCache().isEmpty() ? "" : AnalysisCache.key(request.version(), schema);
    request.analysisCache().ifPresent(file -> seed(request, file, analyzer, cacheKey, err));
    ClassLimit limit = limit(request, schema);
    Read files = readFiles(request, opened, schema, analyzer, registry, limit, progress, opener);
    Workload workload = files.workload();
    long statements = files.statements();
    List<InputSummary> inputs = new ArrayList<>(files.inputs());
    if (extra.isPresent()) {
      WorkloadBuilder builder = new WorkloadBuilder(Fingerprinter.standard(), analyzer, registry, limit);
      try {
        inputs.add(extra.get().read(builder));
      } catch (ClassLimit.ExceededException e) {
        throw new InputException(extra.get().name() + ": stopped reading: " + e.getMessage()
            + "; raise --max-classes and the heap (LOGDEX_JAVA_OPTS=-Xmx4g)");
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      workload = Workload.merge(workload, builder.build());
      statements += builder.statements();
    }
    if (statements == 0 && (!opened.paths().isEmpty() || extra.isPresent())) {
      List<String> names = new ArrayList<>(opened.paths());
      extra.ifPresent(e -> names.add(e.name()));
      printSkips(inputs, err);
      long leftOut = inputs.stream().flatMap(in -> in.passedOver().entrySet().stream())
          .filter(x -> x.getKey().startsWith(EventFilter.PREFIX)).mapToLong(java.util.Map.Entry::getValue).sum();
      if (leftOut > 0) {
        throw new InputException(String.format(Locale.ROOT, "the filters (%s) left out all %,d statements of %s: "
            + "there is nothing to analyze", request.filter().describe(), leftOut, String.join(", ", names)));
      }
      throw new InputException("no statement was read from " + String.join(", ", names)
          + ": there is nothing to analyze (the skipped records, if any, are listed above)");
    }
    request.analysisCache().ifPresent(file -> saveCache(file, analyzer, cacheKey, err));
    long skipped = inputs.stream().mapToLong(InputSummary::skippedTotal).sum();
    if (!request.quiet() || request.strict() && skipped > 0) {
      printSkips(inputs, err);
    }
    if (request.strict() && skipped > 0) {
      throw new InputException("--strict: " + skipped + " input records were skipped (listed above)");
    }
    return new Read(workload, inputs, statements, registry, analyzer);
  }

  /**
   * Reads the opened inputs into a workload, each opened by {@code opener}, and checks nothing of the whole: one
   * part of a distributed read (a file of a fleet's logs), whose parts add up (by {@link Workload#merge}) to what
   * {@link #read} gives for all of them. A part with no statement is no error: others may have them.
   */
  public static Read readPart(Request request, Opened opened, Schema schema, Opener opener) throws IOException {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    StatementAnalyzer analyzer = new StatementAnalyzer(schema, registry);
    return readFiles(request, opened, schema, analyzer, registry, limit(request, schema),
        (name, bytes, size, events) -> () -> { }, opener);
  }

  /**
   * What a grouped part read (see {@link #readPart(Request, Opened, Schema, Opener, java.util.function.Function)}).
   *
   * @param inputs the account of each input, whatever its events' groups
   * @param workloads by group, its workload
   * @param statements by group, its statements
   */
  public record Grouped(List<InputSummary> inputs, java.util.Map<String, Workload> workloads,
      java.util.Map<String, Long> statements) {}

  /**
   * The same as {@link #readPart(Request, Opened, Schema, Opener)}, with the events kept apart by {@code groupOf}
   * (their database, say): one workload per group, which add up to the part's whole.
   */
  public static Grouped readPart(Request request, Opened opened, Schema schema, Opener opener,
      java.util.function.Function<dev.logdex.core.model.QueryEvent, String> groupOf) throws IOException {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    StatementAnalyzer analyzer = new StatementAnalyzer(schema, registry);
    ClassLimit limit = limit(request, schema);
    int workers = workers(request, opened.paths());
    java.util.Map<String, Workload> workloads = new java.util.TreeMap<>();
    java.util.Map<String, Long> statements = new java.util.TreeMap<>();
    List<InputSummary> inputs = new ArrayList<>();
    for (int i = 0; i < opened.paths().size(); i++) {
      LogReader reader = opened.readers().get(i);
      String path = opened.paths().get(i);
      Fingerprinter fingerprinter = reader.dialect().orElse(schema.dialect()) == Dialect.MYSQL
          ? Fingerprinter.mysql() : Fingerprinter.standard();
      java.util.Map<String, ParallelWorkloadBuilder> builders = new java.util.TreeMap<>();
      try {
        inputs.add(readOne(request, path, reader, e -> builders.computeIfAbsent(groupOf.apply(e),
            g -> new ParallelWorkloadBuilder(fingerprinter, analyzer, registry, workers, limit)).accept(e),
            (name, bytes, size, events) -> () -> { }, opener));
        for (var b : builders.entrySet()) {
          ParallelWorkloadBuilder.Result r = b.getValue().finish();
          workloads.merge(b.getKey(), r.workload(), Workload::merge);
          statements.merge(b.getKey(), r.statements(), Long::sum);
        }
      } catch (ClassLimit.ExceededException e) {
        throw new InputException(path + ": stopped reading: " + e.getMessage());
      } finally {
        for (ParallelWorkloadBuilder b : builders.values()) {
          b.close();
        }
      }
    }
    return new Grouped(inputs, workloads, statements);
  }

  private static ClassLimit limit(Request request, Schema schema) {
    if (request.maxClasses().isPresent() && request.maxClasses().get() < 1) {
      throw new InputException("--max-classes: give 1 or more, not " + request.maxClasses().get());
    }
    return request.maxClasses().map(ClassLimit::of).orElseGet(() -> ClassLimit.forHeap(schema.estimatedBytes()));
  }

  private static Read readFiles(Request request, Opened opened, Schema schema, StatementAnalyzer analyzer,
      SimpleMeterRegistry registry, ClassLimit limit, ProgressDisplay progress, Opener opener) throws IOException {
    int workers = workers(request, opened.paths());
    Workload workload = Workload.empty();
    long statements = 0;
    List<InputSummary> inputs = new ArrayList<>();
    for (int i = 0; i < opened.paths().size(); i++) {
      LogReader reader = opened.readers().get(i);
      String path = opened.paths().get(i);
      Dialect logDialect = reader.dialect().orElse(schema.dialect());
      ParallelWorkloadBuilder.Result result;
      try (ParallelWorkloadBuilder builder = new ParallelWorkloadBuilder(
          logDialect == Dialect.MYSQL ? Fingerprinter.mysql() : Fingerprinter.standard(), analyzer, registry,
          workers, limit)) {
        InputSummary summary = readOne(request, path, reader, builder::accept, progress, opener);
        inputs.add(summary);
        result = builder.finish();
        if (summary.events() == 0 && request.inputFormat().isPresent()) {
          throw new InputException(path + ": read as " + request.inputFormat().get() + ", nothing in it was "
              + "recognised" + (summary.skippedTotal() > 0 ? " (" + summary.skippedTotal() + " records skipped)" : "")
              + detected(path) + "; give the right --input-format, or none to detect it");
        }
      } catch (ClassLimit.ExceededException e) {
        throw new InputException(path + ": stopped reading: " + e.getMessage() + " (--max-classes "
            + String.format(Locale.ROOT, "%,d", e.max()) + ") are held in memory. Raise the heap and the limit "
            + "together (LOGDEX_JAVA_OPTS=-Xmx4g raises the default), or read fewer logs at once");
      }
      workload = Workload.merge(workload, result.workload());
      statements += result.statements();
    }
    return new Read(workload, inputs, statements, registry, analyzer);
  }

  /** Seeds the analyzer from the analysis cache; a missing file is a first run, a bad one is rebuilt. */
  private static void seed(Request request, Path file, StatementAnalyzer analyzer, String key, PrintWriter err) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    try (java.io.Reader in = Files.newBufferedReader(file)) {
      AnalysisCache.read(in, key).ifPresent(analyzer::seed);
    } catch (IOException e) {
      if (!request.quiet()) {
        err.println("logdex: " + file + ": not an analysis cache logdex can read (" + e.getMessage()
            + "); it will be written anew");
      }
    }
  }

  /** Writes every analysis to the cache, through a temporary file so that a crash leaves the old one. */
  private static void saveCache(Path file, StatementAnalyzer analyzer, String key, PrintWriter err) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Path tmp = Files.createTempFile(dir, ".logdex-cache", ".tmp");
      try (java.io.Writer out = Files.newBufferedWriter(tmp)) {
        AnalysisCache.write(out, key, analyzer.analyses());
      }
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      err.println("logdex: " + file + ": cannot write the analysis cache (" + e.getMessage() + ")");
    }
  }

  private static LogReader readerFor(Request request, String log) throws IOException {
    boolean stream = log.equals("-");
    if (!stream) {
      Path p = Path.of(log);
      if (Files.isDirectory(p)) {
        throw new InputException(log + ": is a directory, not a log; give the files in it, or a glob such as '"
            + p.resolve("*.log") + "'");
      }
      if (!Files.exists(p)) {
        throw new InputException(log + ": log file not found");
      }
      if (!Files.isReadable(p)) {
        throw new InputException(log + ": permission denied");
      }
      stream = !Files.isRegularFile(p); // a named pipe or a device: it can be read once only
    }
    LogReader reader;
    if (request.inputFormat().isPresent()) {
      String format = request.inputFormat().get();
      reader = FormatDetector.byName(format).orElseThrow(() -> new InputException("--input-format: unknown format '"
          + format + "'; known: " + String.join(", ", FormatDetector.formats())));
    } else if (stream) {
      throw new InputException((log.equals("-") ? "standard input" : log + ": not a regular file (a pipe?); it")
          + " needs --input-format, since it cannot be read twice to detect the format");
    } else {
      reader = FormatDetector.detect(log).orElseThrow(() -> new InputException(log
          + ": cannot tell the log format from its first lines; give --input-format (known: "
          + String.join(", ", FormatDetector.formats()) + ")"));
    }
    if (request.logLinePrefix().isPresent() && reader instanceof PostgresLogReader) {
      reader = new PostgresLogReader(request.logLinePrefix().get());
    }
    return reader;
  }

  /** What the file looks like when its format is detected, for a message: {@code " (it looks like mysql_slow)"}. */
  private static String detected(String path) {
    if (path.equals("-") || !Files.isRegularFile(Path.of(path))) {
      return "";
    }
    try {
      return FormatDetector.detect(path).map(r -> " (it looks like " + r.format() + ")").orElse("");
    } catch (IOException e) {
      return "";
    }
  }

  /** Threads that fingerprint and add up, besides the one that reads and decompresses. */
  private static final int DEFAULT_MAX_THREADS = 4;

  /**
   * Below this much input, all of it in files (a gzipped file counted at eight times its size), one thread reads
   * and adds up unless {@code --threads} says otherwise: handing a few hundred events to other threads costs more
   * than it frees. Alternating runs of generated slow logs, one thread against the default: 0.1 MB 0.35 -> 0.32 s,
   * 0.5 MB 0.54 -> 0.51 s, but 2 MB 0.66 -> 0.75 s. The launcher runs one compiler thread below the same size.
   */
  static final long ONE_THREAD_BELOW_BYTES = 1L << 20;

  static int workers(Request request, List<String> paths) {
    // Each thread keeps its own counts of every class it sees, so memory grows with threads; past a few, the
    // reading thread is the limit anyway.
    int n = request.threads().orElseGet(() -> smallFiles(paths) ? 1
        : Math.min(DEFAULT_MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    if (n < 1) {
      throw new InputException("--threads: give 1 or more, not " + n);
    }
    return n;
  }

  /** Whether {@code paths} are all files, together smaller than {@link #ONE_THREAD_BELOW_BYTES}. */
  private static boolean smallFiles(List<String> paths) {
    long total = 0;
    for (String path : paths) {
      Path file = Path.of(path);
      if (path.equals("-") || !Files.isRegularFile(file)) {
        return false; // standard input, a pipe: its size is not known in advance
      }
      try {
        long size = Files.size(file);
        total += path.endsWith(".gz") || path.endsWith(".gzip") ? size * 8 : size;
      } catch (IOException e) {
        return false; // the reading will say what is wrong with it
      }
    }
    return total < ONE_THREAD_BELOW_BYTES;
  }

  private static InputSummary readOne(Request request, String log, LogReader reader,
      java.util.function.Consumer<dev.logdex.core.model.QueryEvent> workload, ProgressDisplay progress,
      Opener opener) throws IOException {
    SkipAccount skips = new SkipAccount(log);
    try (InputFiles.Input in = opener.open(log);
        AutoCloseable shown = progress.start(log, in.bytesRead(), in.size(), skips::events)) {
      // logdex's own statements (its catalog reads, its EXPLAINs) are in the logs it is given: left out, counted.
      EventFilter filter = request.filter();
      reader.read(in.reader(), log, e -> {
        if (OwnStatements.isOwn(e.text())) {
          skips.ownStatement();
          return;
        }
        String leftOut = filter.leftOutBy(e);
        if (leftOut != null) {
          skips.leftOut(leftOut);
          return;
        }
        if (filter.untimed(e)) {
          skips.passOver(EventFilter.UNTIMED);
        }
        workload.accept(e);
      }, skips);
      // Damaged compressed data ends the text early: what came before is read, the damage is a skip with its place.
      in.damaged().ifPresent(d -> skips.skip(d.reason(), d.line()));
    } catch (NoSuchFileException e) {
      throw new InputException(log + ": log file not found");
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return skips.summary(reader.format());
  }

  private static void printSkips(List<InputSummary> inputs, PrintWriter err) {
    for (InputSummary in : inputs) {
      if (in.skippedTotal() > 0) {
        // File names come from directories others may write to: escaped like any other text.
        err.printf(Locale.ROOT, "logdex: %s: skipped %,d records:%n", Escape.terminal(in.path()), in.skippedTotal());
        in.skipped().forEach((reason, n) -> err.printf(Locale.ROOT, "  %,d x %s (first at %s)%n", n,
            Escape.terminal(reason), Escape.terminal(in.firstSkipAt().get(reason))));
      }
    }
    err.flush();
  }
}
