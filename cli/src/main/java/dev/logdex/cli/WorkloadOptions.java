package dev.logdex.cli;

import dev.logdex.core.analysis.Analysis;
import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.InputSummary;
import dev.logdex.core.rules.LintConfig;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.SchemaException;
import dev.logdex.core.schema.SchemaSource;
import dev.logdex.core.sql.StatementAnalyzer;
import dev.logdex.core.workload.Workload;
import dev.logdex.readers.Pipeline;
import dev.logdex.readers.WorkloadReading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The inputs every workload command takes (schema, logs, how to read them), and the reading itself. */
final class WorkloadOptions {

  @Option(names = "--schema", paramLabel = "FILE",
      description = "Schema DDL (pg_dump --schema-only or mysqldump --no-data output). Give it more than once to "
          + "read several files as one schema, in order (tables in one, keys in another). Without it, no index is "
          + "known to exist and unqualified columns resolve only in single-table queries.")
  List<Path> schemaFiles = new ArrayList<>();

  @Option(names = "--db", paramLabel = "URL",
      description = "Read the schema, row estimates and index statistics from a live database instead of "
          + "--schema: jdbc:postgresql://host:5432/db, jdbc:mariadb://host:3306/db, postgres://user@host/db, "
          + "mysql://user@host/db or 'host=... dbname=... user=...' (gaps from PGHOST, PGPORT, PGDATABASE, PGUSER). "
          + "Read-only, with a statement timeout. The password comes from LOGDEX_DB_PASSWORD (or PGPASSWORD), "
          + "--db-password-file, or ~/.pgpass.")
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

  @Option(names = "--dialect", paramLabel = "NAME", completionCandidates = Candidates.Dialects.class,
      description = "postgresql or mysql (mariadb). Default: told from the schema file, else from the logs, "
          + "else postgresql.")
  Dialect dialect;

  @Option(names = "--input-format", paramLabel = "FORMAT", completionCandidates = Candidates.Formats.class,
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
          + "at most 4, or 1 for files under 1 MB in all; 1: everything on one thread). Each keeps its own counts, "
          + "so memory grows with N. The result is the same for any N.")
  Integer threads;

  @Option(names = "--max-classes", paramLabel = "N",
      description = "Stop (exit 2) when more than N distinct statement classes are held in memory. Default: what "
          + "the heap holds after the schema, about one class per 5 kB (about 95,000 with the default 512 MB and "
          + "a small schema; raise the heap with LOGDEX_JAVA_OPTS=-Xmx4g).")
  Long maxClasses;

  @Option(names = "--since", paramLabel = "TIME",
      description = "Keep only statements logged at or after TIME: a timestamp (2026-11-28T10:00:00Z, "
          + "2026-11-28 10:00, 2026-11-28) or a time ago (30m, 2h, 1d). A statement with no time is kept and counted.")
  String since;

  @Option(names = "--until", paramLabel = "TIME", description = "Keep only statements logged before TIME (as --since).")
  String until;

  @Option(names = "--database", paramLabel = "NAME", split = ",",
      description = "Keep only statements run in these databases (repeat, or separate with commas).")
  List<String> databases = new ArrayList<>();

  @Option(names = "--exclude-database", paramLabel = "NAME", split = ",",
      description = "Leave out statements run in these databases.")
  List<String> excludeDatabases = new ArrayList<>();

  @Option(names = "--user", paramLabel = "NAME", split = ",",
      description = "Keep only statements run by these users.")
  List<String> users = new ArrayList<>();

  @Option(names = "--exclude-user", paramLabel = "NAME", split = ",",
      description = "Leave out statements run by these users.")
  List<String> excludeUsers = new ArrayList<>();

  @Option(names = "--host", paramLabel = "NAME", split = ",",
      description = "Keep only statements from these client hosts (as the log names them, without a port).")
  List<String> hosts = new ArrayList<>();

  @Option(names = "--exclude-host", paramLabel = "NAME", split = ",",
      description = "Leave out statements from these client hosts.")
  List<String> excludeHosts = new ArrayList<>();

  @Option(names = "--application", paramLabel = "NAME", split = ",",
      description = "Keep only statements of these application names (PostgreSQL's application_name, from csvlog, "
          + "jsonlog or a prefix with %%a or app=).")
  List<String> applications = new ArrayList<>();

  @Option(names = "--exclude-application", paramLabel = "NAME", split = ",",
      description = "Leave out statements of these application names.")
  List<String> excludeApplications = new ArrayList<>();

  @Option(names = "--min-calls", paramLabel = "N",
      description = "Leave out query classes with fewer than N calls.")
  Long minCalls;

  @Option(names = "--min-time", paramLabel = "MS",
      description = "Leave out query classes whose total time is under MS milliseconds.")
  Double minTime;

  @Option(names = "--table", paramLabel = "NAME", split = ",",
      description = "Keep only query classes that read or write one of these tables (as the report names them).")
  List<String> tables = new ArrayList<>();

  @Option(names = "--exclude-table", paramLabel = "NAME", split = ",",
      description = "Leave out query classes that read or write one of these tables.")
  List<String> excludeTables = new ArrayList<>();

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
      List<String> said, LintConfig config, SimpleMeterRegistry registry, StatementAnalyzer analyzer,
      Optional<java.sql.Connection> live, Optional<PrintWriter> err, List<String> leftOut) {

    /**
     * The analysis of what was read (recommendations within {@code budgetBytes}, 0: no budget). What the analysis
     * doubts (a schema matching none of the tables, most statements unparsed, a budget it could not price) is said
     * on stderr as well as in the report.
     */
    AnalysisReport analysis(long budgetBytes) {
      AnalysisReport r = Analysis.run(Version.current(), schema, workload, inputs, statements, warnings, config,
          budgetBytes).withLeftOut(leftOut);
      err.ifPresent(e -> {
        r.warnings().stream().filter(w -> !warnings.contains(w))
            .forEach(w -> e.println(dev.logdex.core.report.Escape.terminal("logdex: warning: " + w)));
        e.flush();
      });
      return r;
    }

    /** The findings with what the live database adds to them, if there is one. */
    List<dev.logdex.core.rules.Finding> withLiveEvidence(List<dev.logdex.core.rules.Finding> findings) {
      return live.map(c -> dev.logdex.core.rules.LiveEvidence.add(c, schema, findings)).orElse(findings);
    }

    void close() {
      live.ifPresent(WorkloadOptions::closeQuietly);
    }
  }

  /**
   * The workload without the query classes --min-calls, --min-time, --table and --exclude-table leave out; one
   * sentence for the report's header says what they left out.
   */
  private Workload classFilter(Workload w, List<String> leftOut) {
    if (minCalls == null && minTime == null && tables.isEmpty() && excludeTables.isEmpty()) {
      return w;
    }
    java.util.Set<String> keep = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    keep.addAll(tables);
    java.util.Set<String> drop = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    drop.addAll(excludeTables);
    Workload kept = w.filter(q -> {
      java.util.Set<String> touched = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      q.profile().ifPresent(p -> {
        touched.addAll(p.tablesRead());
        touched.addAll(p.tablesWritten());
      });
      return (minCalls == null || q.calls() >= minCalls) && (minTime == null || q.totalMillis() >= minTime)
          && (keep.isEmpty() || touched.stream().anyMatch(keep::contains))
          && touched.stream().noneMatch(drop::contains);
    });
    List<String> options = new ArrayList<>();
    if (minCalls != null) {
      options.add("--min-calls " + minCalls);
    }
    if (minTime != null) {
      options.add(String.format(java.util.Locale.ROOT, "--min-time %s", minTime));
    }
    tables.forEach(t -> options.add("--table " + t));
    excludeTables.forEach(t -> options.add("--exclude-table " + t));
    long classes = w.queries().size() - kept.queries().size();
    leftOut.add(String.format(java.util.Locale.ROOT, "Filtered by query class (%s): %,d of %,d classes left out "
        + "(%,d calls, %,.1f ms). What follows is the part kept.", String.join(", ", options), classes,
        w.queries().size(), w.totalCalls() - kept.totalCalls(), w.totalMillis() - kept.totalMillis()));
    return kept;
  }

  /** The reading stage's request, filled from the options. */
  WorkloadReading.Request request() {
    return new WorkloadReading.Request(logs, Optional.ofNullable(inputFormat), Optional.ofNullable(logLinePrefix),
        Optional.ofNullable(threads), Optional.ofNullable(maxClasses), Optional.ofNullable(analysisCache),
        Version.current(), quiet, strict, new dev.logdex.readers.EventFilter(time("--since", since),
            time("--until", until), java.util.Set.copyOf(databases), java.util.Set.copyOf(excludeDatabases),
            java.util.Set.copyOf(users), java.util.Set.copyOf(excludeUsers), java.util.Set.copyOf(hosts),
            java.util.Set.copyOf(excludeHosts), java.util.Set.copyOf(applications),
            java.util.Set.copyOf(excludeApplications)));
  }

  /** A --since or --until value: a timestamp, or a time ago ({@code 30m}, {@code 2h}, {@code 1d}, {@code 1w}). */
  static Optional<java.time.Instant> time(String option, String value) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.strip();
    java.util.regex.Matcher ago = java.util.regex.Pattern.compile("(\\d+)([smhdw])").matcher(v);
    if (ago.matches()) {
      long n = Long.parseLong(ago.group(1));
      long seconds = switch (ago.group(2)) {
        case "s" -> n;
        case "m" -> n * 60;
        case "h" -> n * 3600;
        case "d" -> n * 86_400;
        default -> n * 604_800;
      };
      return Optional.of(java.time.Instant.now().minusSeconds(seconds));
    }
    try {
      if (v.length() == 10) {
        return Optional.of(java.time.LocalDate.parse(v).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
      }
      String iso = v.replace(' ', 'T');
      if (iso.endsWith("Z") || iso.matches(".*[+-]\\d{2}:?\\d{2}$")) {
        return Optional.of(java.time.OffsetDateTime.parse(iso).toInstant());
      }
      return Optional.of(java.time.LocalDateTime.parse(iso).toInstant(java.time.ZoneOffset.UTC));
    } catch (java.time.format.DateTimeParseException e) {
      throw new UserError(option + " " + value + ": give a timestamp (2026-11-28T10:00:00Z, 2026-11-28 10:00, "
          + "2026-11-28; UTC unless it says) or a time ago (30m, 2h, 1d)");
    }
  }

  Loaded load(PrintWriter err) throws IOException {
    LintConfig lint = lintConfig();
    if (db != null && !schemaFiles.isEmpty()) {
      throw new UserError("give --schema FILE or --db URL, not both");
    }
    if (dbTimeout < 1) {
      throw new UserError("--db-timeout: give 1 second or more, not " + dbTimeout);
    }
    for (Path schemaFile : schemaFiles) {
      if (!Files.isRegularFile(schemaFile)) {
        throw new UserError(schemaFile + ": schema file not found");
      }
    }
    Optional<java.sql.Connection> live = db == null ? Optional.empty() : Optional.of(LiveDatabase.connect(db,
        dbUser, dbPasswordFile, dbTimeout));
    SchemaSource source = live.<SchemaSource>map(c -> new SchemaSource.Live(c, "--db " + Secrets.scrub(db)))
        .orElse(!schemaFiles.isEmpty() ? new SchemaSource.DdlFile(schemaFiles) : new SchemaSource.None());
    if (fromDb && live.isEmpty()) {
      throw new UserError("--from-db reads pg_stat_statements: give --db jdbc:postgresql://...");
    }
    boolean terminal = Terminal.stderr() && !quiet;
    try {
      Pipeline.Loaded read = Pipeline.load(new Pipeline.Request(request(), source, Optional.ofNullable(dialect),
          fromDb), err, (name, bytes, size, events) -> Progress.start(terminal, err, name, bytes, size, events));
      List<String> leftOut = new ArrayList<>();
      Workload kept = classFilter(read.workload(), leftOut);
      return new Loaded(read.schema(), kept, read.inputs(), read.statements(), read.warnings(),
          read.said(), lint, read.registry(), read.analyzer(), live, quiet ? Optional.empty() : Optional.of(err),
          leftOut);
    } catch (SchemaException e) {
      live.ifPresent(WorkloadOptions::closeQuietly);
      throw new UserError(Secrets.scrub(e.getMessage()));
    } catch (RuntimeException | IOException e) {
      live.ifPresent(WorkloadOptions::closeQuietly);
      throw e;
    }
  }

  private static void closeQuietly(java.sql.Connection c) {
    try {
      c.close();
    } catch (java.sql.SQLException e) {
      // closing a read-only session: nothing to lose
    }
  }

  /** The rule settings: --config, or the .logdex.yml found from the working directory up. */
  LintConfig config() throws IOException {
    return lintConfig();
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
}
