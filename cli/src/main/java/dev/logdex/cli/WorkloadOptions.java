package dev.logdex.cli;

import dev.logdex.core.analysis.Analysis;
import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.fingerprint.Fingerprinter;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.InputSummary;
import dev.logdex.core.report.Escape;
import dev.logdex.core.rules.LintConfig;
import dev.logdex.core.schema.DdlSchemaLoader;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.SchemaException;
import dev.logdex.core.snapshot.AnalysisCache;
import dev.logdex.core.sql.StatementAnalyzer;
import dev.logdex.core.workload.ClassLimit;
import dev.logdex.core.workload.ParallelWorkloadBuilder;
import dev.logdex.core.workload.Workload;
import dev.logdex.core.workload.WorkloadBuilder;
import dev.logdex.readers.FormatDetector;
import dev.logdex.readers.InputFiles;
import dev.logdex.readers.LogReader;
import dev.logdex.readers.PostgresLogReader;
import dev.logdex.readers.SkipAccount;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The inputs every workload command takes (schema, logs, how to read them), and the reading itself. */
final class WorkloadOptions {

  @Option(names = "--schema", paramLabel = "FILE",
      description = "Schema DDL (pg_dump --schema-only or mysqldump --no-data output). Without it, no index is "
          + "known to exist and unqualified columns resolve only in single-table queries.")
  Path schemaFile;

  @Option(names = "--db", paramLabel = "URL",
      description = "Read the schema, row estimates and index statistics from a live database instead of "
          + "--schema: jdbc:postgresql://host:5432/db or jdbc:mariadb://host:3306/db. Read-only, with a "
          + "statement timeout. The password comes from LOGDEX_DB_PASSWORD (or PGPASSWORD), or --db-password-file.")
  String db;

  @Option(names = "--from-db",
      description = "Read the workload from the pg_stat_statements view of the --db database, no export needed.")
  boolean fromDb;

  @Option(names = "--db-user", paramLabel = "USER",
      description = "The database user. Default: LOGDEX_DB_USER, else the user in the URL, else the driver's.")
  String dbUser;

  @Option(names = "--db-password-file", paramLabel = "FILE",
      description = "The password: a file holding it alone on its first line, or lines in the form of "
          + "PostgreSQL's .pgpass (host:port:database:user:password, * for any), of which the first that matches "
          + "--db and the user is taken. Never give a password on the command line.")
  Path dbPasswordFile;

  @Option(names = "--db-timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "The statement timeout of the --db session. Index builds under verify --rollback or "
          + "--scratch-ok count too: raise it for big tables. Default: ${DEFAULT-VALUE}.")
  int dbTimeout;

  @Option(names = "--dialect", paramLabel = "NAME",
      description = "postgresql or mysql (mariadb). Default: told from the schema file, else from the logs, "
          + "else postgresql.")
  Dialect dialect;

  @Option(names = "--input-format", paramLabel = "FORMAT",
      description = "Read every input as FORMAT instead of detecting it: pg_stat_statements, postgres, "
          + "postgres_csv, postgres_json, mysql_slow, mysql_general, sql.")
  String inputFormat;

  @Option(names = "--log-line-prefix", paramLabel = "PREFIX",
      description = "PostgreSQL's log_line_prefix as set on the server, e.g. '%%m [%%p] %%q%%u@%%d '. Default: the "
          + "prefix is found by itself (common forms: user=%%u,db=%%d and %%u@%%d).")
  String logLinePrefix;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Rule settings and suppressions. Default: .logdex.yml (or .logdex.yaml) in the working "
          + "directory or the nearest directory above it.")
  Path config;

  @Option(names = "--strict", description = "Fail (exit 2) when any input line had to be skipped.")
  boolean strict;

  @Option(names = {"-q", "--quiet"}, description = "No progress display and no skip summary on stderr.")
  boolean quiet;

  @Option(names = "--analysis-cache", paramLabel = "FILE",
      description = "Keep each statement class's analysis in FILE between runs: a run over the same schema then "
          + "parses only the classes it has not seen before. A file made for another schema or logdex version "
          + "is rebuilt.")
  Path analysisCache;

  @Option(names = "--threads", paramLabel = "N",
      description = "Threads that fingerprint and add up events while one more reads (default: the number of CPUs, "
          + "at most 4; 1: everything on one thread). Each keeps its own counts, so memory grows with N. The "
          + "result is the same for any N.")
  Integer threads;

  @Option(names = "--max-classes", paramLabel = "N",
      description = "Stop (exit 2) when more than N distinct statement classes are held in memory. Default: what "
          + "the heap holds after the schema, about one class per 5 kB (about 95,000 with the default 512 MB and "
          + "a small schema; raise the heap with LOGDEX_JAVA_OPTS=-Xmx4g).")
  Long maxClasses;

  @Parameters(paramLabel = "LOG", arity = "0..*",
      description = "Log files to read: plain or gzip, any supported format; globs are expanded; - reads "
          + "standard input.")
  List<String> logs = new ArrayList<>();

  /**
   * What reading produced.
   *
   * @param live the read-only connection to the database given with --db, for live evidence; the caller closes it
   */
  record Loaded(Schema schema, Workload workload, List<InputSummary> inputs, long statements, List<String> warnings,
      LintConfig config, SimpleMeterRegistry registry, StatementAnalyzer analyzer,
      Optional<java.sql.Connection> live) {

    /** The analysis of what was read (recommendations within {@code budgetBytes}, 0: no budget). */
    AnalysisReport analysis(long budgetBytes) {
      return Analysis.run(Version.current(), schema, workload, inputs, statements, warnings, config, budgetBytes);
    }

    /** The findings with what the live database adds to them, if there is one. */
    List<dev.logdex.core.rules.Finding> withLiveEvidence(List<dev.logdex.core.rules.Finding> findings) {
      return live.map(c -> dev.logdex.core.rules.LiveEvidence.add(c, schema, findings)).orElse(findings);
    }

    void close() {
      live.ifPresent(c -> {
        try {
          c.close();
        } catch (java.sql.SQLException e) {
          // closing a read-only session: nothing to lose
        }
      });
    }
  }

  Loaded load(PrintWriter err) throws IOException {
    Optional<Dialect> forced = Optional.ofNullable(dialect);
    LintConfig lint = lintConfig();
    List<String> warnings = new ArrayList<>();
    List<String> paths = new ArrayList<>();
    for (String log : Inputs.expand(logs)) {
      if (!log.equals("-") && Files.isRegularFile(Path.of(log)) && Files.size(Path.of(log)) == 0) {
        // One empty file among several (a log rotated but not yet written) costs nothing; it is said, not fatal.
        warnings.add(log + ": empty file, nothing to read");
        if (!quiet) {
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
    if (paths.isEmpty() && !logs.isEmpty()) {
      throw new UserError("no input can be read (" + String.join("; ", warnings) + "): there is nothing to analyze");
    }
    List<LogReader> readers = new ArrayList<>();
    for (String log : paths) {
      readers.add(readerFor(log));
    }
    if (db != null && schemaFile != null) {
      throw new UserError("give --schema FILE or --db URL, not both");
    }
    if (dbTimeout < 1) {
      throw new UserError("--db-timeout: give 1 second or more, not " + dbTimeout);
    }
    Optional<java.sql.Connection> live = db == null ? Optional.empty() : Optional.of(LiveDatabase.connect(db,
        dbUser, dbPasswordFile, dbTimeout));
    Schema schema = live.isPresent() ? LiveDatabase.schema(live.get(), db)
        : schemaFile != null ? loadSchema(forced, warnings)
        : Schema.empty(forced.or(() -> dialectOfLogs(readers)).orElse(Dialect.POSTGRESQL));

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    StatementAnalyzer analyzer = new StatementAnalyzer(schema, registry);
    String cacheKey = analysisCache == null ? "" : AnalysisCache.key(Version.current(), schema);
    if (analysisCache != null) {
      seed(analyzer, cacheKey, err);
    }
    Workload workload = Workload.empty();
    long statements = 0;
    List<InputSummary> inputs = new ArrayList<>();
    if (maxClasses != null && maxClasses < 1) {
      throw new UserError("--max-classes: give 1 or more, not " + maxClasses);
    }
    ClassLimit limit = maxClasses != null ? ClassLimit.of(maxClasses)
        : ClassLimit.forHeap(schema.estimatedBytes());
    for (int i = 0; i < paths.size(); i++) {
      LogReader reader = readers.get(i);
      Dialect logDialect = reader.dialect().orElse(schema.dialect());
      ParallelWorkloadBuilder.Result result;
      try (ParallelWorkloadBuilder builder = new ParallelWorkloadBuilder(
          logDialect == Dialect.MYSQL ? Fingerprinter.mysql() : Fingerprinter.standard(), analyzer, registry,
          workers(), limit)) {
        inputs.add(read(paths.get(i), reader, builder, err));
        result = builder.finish();
      } catch (ClassLimit.ExceededException e) {
        throw new UserError(paths.get(i) + ": stopped reading: " + e.getMessage() + " (--max-classes "
            + String.format(Locale.ROOT, "%,d", e.max()) + ") are held in memory. Raise the heap and the limit "
            + "together (LOGDEX_JAVA_OPTS=-Xmx4g raises the default), or read fewer logs at once");
      }
      workload = Workload.merge(workload, result.workload());
      statements += result.statements();
    }
    if (fromDb) {
      if (live.isEmpty() || schema.dialect() != Dialect.POSTGRESQL) {
        throw new UserError("--from-db reads pg_stat_statements: give --db jdbc:postgresql://...");
      }
      WorkloadBuilder builder = new WorkloadBuilder(Fingerprinter.standard(), analyzer, registry, limit);
      try {
        inputs.add(PgStatStatementsFromDb.read(live.get(), builder));
      } catch (ClassLimit.ExceededException e) {
        throw new UserError("--from-db: stopped reading pg_stat_statements: " + e.getMessage()
            + "; raise --max-classes and the heap (LOGDEX_JAVA_OPTS=-Xmx4g)");
      }
      workload = Workload.merge(workload, builder.build());
      statements += builder.statements();
    }
    if (analysisCache != null) {
      saveCache(analyzer, cacheKey, err);
    }
    long skipped = inputs.stream().mapToLong(InputSummary::skippedTotal).sum();
    if (!quiet || strict && skipped > 0) {
      printSkips(inputs, err);
    }
    if (strict && skipped > 0) {
      throw new UserError("--strict: " + skipped + " input records were skipped (listed above)");
    }
    return new Loaded(schema, workload, inputs, statements, warnings, lint, registry, analyzer, live);
  }

  /** Seeds the analyzer from --analysis-cache; a missing file is a first run, a bad one is rebuilt. */
  private void seed(StatementAnalyzer analyzer, String key, PrintWriter err) {
    if (!Files.isRegularFile(analysisCache)) {
      return;
    }
    try (java.io.Reader in = Files.newBufferedReader(analysisCache)) {
      AnalysisCache.read(in, key).ifPresent(analyzer::seed);
    } catch (IOException e) {
      if (!quiet) {
        err.println("logdex: " + analysisCache + ": not an analysis cache logdex can read (" + e.getMessage()
            + "); it will be written anew");
      }
    }
  }

  /** Writes every analysis to --analysis-cache, through a temporary file so that a crash leaves the old one. */
  private void saveCache(StatementAnalyzer analyzer, String key, PrintWriter err) {
    Path dir = analysisCache.toAbsolutePath().getParent();
    try {
      Path tmp = Files.createTempFile(dir, ".logdex-cache", ".tmp");
      try (java.io.Writer out = Files.newBufferedWriter(tmp)) {
        AnalysisCache.write(out, key, analyzer.analyses());
      }
      Files.move(tmp, analysisCache, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      err.println("logdex: " + analysisCache + ": cannot write the analysis cache (" + e.getMessage() + ")");
    }
  }

  private LintConfig lintConfig() throws IOException {
    Path file = config;
    if (file == null) {
      Path start = Path.of(System.getProperty("user.dir", "")).toAbsolutePath();
      for (Path dir = start; dir != null && file == null; dir = dir.getParent()) {
        for (String name : List.of(".logdex.yml", ".logdex.yaml")) {
          if (Files.isRegularFile(dir.resolve(name))) {
            file = dir.resolve(name);
            break;
          }
        }
      }
      if (file == null) {
        return LintConfig.defaults();
      }
    } else if (!Files.isRegularFile(file)) {
      throw new UserError(file + ": config file not found");
    }
    try {
      LintConfig c = LintConfig.parse(Files.readString(file));
      dev.logdex.core.rules.Rules.builtIn(c); // thresholds are read here: a bad number fails now, naming the file
      for (String rule : c.settings().keySet()) {
        if (dev.logdex.core.rules.Rules.byId(rule).isEmpty()) {
          throw new IllegalArgumentException("rules." + rule + ": no such rule (see logdex rules)");
        }
        c.severity(rule);
      }
      return c;
    } catch (IllegalArgumentException e) {
      throw new UserError(file + ": " + e.getMessage());
    }
  }

  private Schema loadSchema(Optional<Dialect> forced, List<String> warnings) {
    if (!Files.isRegularFile(schemaFile)) {
      throw new UserError(schemaFile + ": schema file not found");
    }
    Schema schema;
    try {
      DdlSchemaLoader.Result loaded = new DdlSchemaLoader(forced).load(schemaFile);
      schema = loaded.schema();
      warnings.addAll(loaded.warnings());
    } catch (SchemaException e) {
      throw new UserError(e.getMessage());
    }
    if (schema.isEmpty()) {
      throw new UserError(schemaFile + ": no CREATE TABLE statement found; is this a schema dump?");
    }
    return schema;
  }

  /** Without a schema or --dialect, the logs say which database they come from, when they agree. */
  private static Optional<Dialect> dialectOfLogs(List<LogReader> readers) {
    List<Dialect> said = readers.stream().map(LogReader::dialect).flatMap(Optional::stream).distinct().toList();
    return said.size() == 1 ? Optional.of(said.get(0)) : Optional.empty();
  }

  private LogReader readerFor(String log) throws IOException {
    boolean stream = log.equals("-");
    if (!stream) {
      Path p = Path.of(log);
      if (Files.isDirectory(p)) {
        throw new UserError(log + ": is a directory, not a log; give the files in it, or a glob such as '"
            + p.resolve("*.log") + "'");
      }
      if (!Files.exists(p)) {
        throw new UserError(log + ": log file not found");
      }
      if (!Files.isReadable(p)) {
        throw new UserError(log + ": permission denied");
      }
      stream = !Files.isRegularFile(p); // a named pipe or a device: it can be read once only
    }
    LogReader reader;
    if (inputFormat != null) {
      reader = FormatDetector.byName(inputFormat).orElseThrow(() -> new UserError("--input-format: unknown format '"
          + inputFormat + "'; known: " + String.join(", ", FormatDetector.formats())));
    } else if (stream) {
      throw new UserError((log.equals("-") ? "standard input" : log + ": not a regular file (a pipe?); it")
          + " needs --input-format, since it cannot be read twice to detect the format");
    } else {
      reader = FormatDetector.detect(log).orElseThrow(() -> new UserError(log
          + ": cannot tell the log format from its first lines; give --input-format (known: "
          + String.join(", ", FormatDetector.formats()) + ")"));
    }
    if (logLinePrefix != null && reader instanceof PostgresLogReader) {
      reader = new PostgresLogReader(logLinePrefix);
    }
    return reader;
  }

  /** Threads that fingerprint and add up, besides the one that reads and decompresses. */
  private static final int DEFAULT_MAX_THREADS = 4;

  private int workers() {
    // Each thread keeps its own counts of every class it sees, so memory grows with threads; past a few, the
    // reading thread is the limit anyway.
    int n = threads != null ? threads : Math.min(DEFAULT_MAX_THREADS, Runtime.getRuntime().availableProcessors());
    if (n < 1) {
      throw new UserError("--threads: give 1 or more, not " + n);
    }
    return n;
  }

  private InputSummary read(String log, LogReader reader, ParallelWorkloadBuilder workload, PrintWriter err)
      throws IOException {
    SkipAccount skips = new SkipAccount(log);
    boolean terminal = System.console() != null && !quiet;
    try (InputFiles.Input in = InputFiles.openCounted(log);
        AutoCloseable progress = Progress.start(terminal, err, log, in.bytesRead(), in.size(), skips::events)) {
      reader.read(in.reader(), log, workload, skips);
      // Damaged compressed data ends the text early: what came before is read, the damage is a skip with its place.
      in.damaged().ifPresent(d -> skips.skip(d.reason(), d.line()));
    } catch (NoSuchFileException e) {
      throw new UserError(log + ": log file not found");
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
            Escape.terminal(reason),
            Escape.terminal(in.firstSkipAt().get(reason))));
      }
    }
    err.flush();
  }
}
