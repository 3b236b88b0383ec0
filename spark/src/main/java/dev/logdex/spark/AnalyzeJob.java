package dev.logdex.spark;

import dev.logdex.core.analysis.Analysis;
import dev.logdex.core.analysis.AnalysisReport;
import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.InputSummary;
import dev.logdex.core.report.Escape;
import dev.logdex.core.report.GroupsReport;
import dev.logdex.core.report.JsonReport;
import dev.logdex.core.report.MarkdownReport;
import dev.logdex.core.report.TextReport;
import dev.logdex.core.rules.LintConfig;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.schema.SchemaException;
import dev.logdex.core.schema.SchemaLoading;
import dev.logdex.core.schema.SchemaSource;
import dev.logdex.core.snapshot.Groups;
import dev.logdex.core.snapshot.Snapshot;
import dev.logdex.core.snapshot.SnapshotJson;
import dev.logdex.core.snapshot.Snapshots;
import dev.logdex.core.workload.Workload;
import dev.logdex.readers.FormatDetector;
import dev.logdex.readers.LogReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code logdex analyze} on Apache Spark, for a fleet's logs: each file is read by a task of its own with the
 * command's readers, the parts add up as snapshots merge (exactly, in any order), and the driver makes the same
 * analysis, snapshot and report as the command would of the same files.
 *
 * <pre>
 * spark-submit --class dev.logdex.spark.AnalyzeJob logdex-spark.jar \
 *     --schema schema.sql --save day.json 's3a://logs/2026-11-28/&#42;/postgresql-*.log.gz'
 * </pre>
 */
@Command(name = "AnalyzeJob", mixinStandardHelpOptions = true, versionProvider = AnalyzeJob.Version.class,
    description = "logdex analyze on Apache Spark: reads the logs (paths or globs of any Hadoop file system, plain "
        + "or gzip, of every format logdex reads) one task per file, adds the parts up and writes the same "
        + "snapshot and report as logdex analyze of the same files.")
public final class AnalyzeJob implements Callable<Integer> {

  @Parameters(paramLabel = "LOG", arity = "1..*", description = "Log files or globs: local, hdfs://, s3a:// ...")
  List<String> logs;

  @Option(names = "--schema", paramLabel = "FILE", description = "Schema DDL (pg_dump --schema-only or mysqldump "
      + "--no-data output), on any Hadoop file system. Give it more than once for several files.")
  List<String> schemaFiles = new ArrayList<>();

  @Option(names = "--dialect", paramLabel = "NAME", description = "postgresql or mysql, when neither the schema "
      + "nor the logs say.")
  String dialect;

  @Option(names = "--save", paramLabel = "FILE", description = "Write the snapshot here (any Hadoop file system): "
      + "logdex analyze --from, diff, merge and migrate --from read it.")
  String save;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here instead of "
      + "standard output (any Hadoop file system).")
  String output;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
      description = "The report's format: text, markdown or json. Default: text.")
  String format;

  @Option(names = "--input-format", paramLabel = "FORMAT", description = "Read every log as this format instead of "
      + "detecting it.")
  String inputFormat;

  @Option(names = "--log-line-prefix", paramLabel = "PREFIX", description = "PostgreSQL's log_line_prefix, for "
      + "stderr logs whose prefix logdex does not find by itself.")
  String logLinePrefix;

  @Option(names = "--group-by", paramLabel = "WHAT", defaultValue = "none", description = "none: the shards' "
      + "logs add up into one workload (a sharded application's whole). host: also one workload per server, the "
      + "directory each log is in (logs/DAY/SERVER/FILE); database: also one per database the logs name. The "
      + "snapshot keeps each group and the report shows each after the whole. Default: none.")
  String groupBy;

  @Option(names = "--split-size", paramLabel = "SIZE", defaultValue = "128m", description = "A plain file larger "
      + "than this, of any format, is read by several tasks, one per SIZE bytes (k, m, g), each from the first "
      + "entry after its first byte; a gzip file by one task. Default: 128m.")
  String splitSize;

  @Option(names = "--threads-per-task", paramLabel = "N", defaultValue = "1", description = "Threads each task "
      + "fingerprints and adds up with, besides its reading thread. Default: 1 (Spark runs a task per core).")
  int threadsPerTask;

  /** The Spark context to run in; null: made by {@link #call()} from spark-submit's settings. */
  private final JavaSparkContext given;
  private final PrintWriter err;

  /** A job for spark-submit. */
  public AnalyzeJob() {
    this(null, new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
  }

  AnalyzeJob(JavaSparkContext given, PrintWriter err) {
    this.given = given;
    this.err = err;
  }

  /** Runs the job as spark-submit gives it its arguments; exits 2 on a user's mistake, as the command does. */
  public static void main(String[] args) {
    System.exit(run(null, args, new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
  }

  /** Runs the job in {@code spark} (or a context made from spark-submit's settings when null). */
  static int run(JavaSparkContext spark, String[] args, PrintWriter err) {
    CommandLine cl = new CommandLine(new AnalyzeJob(spark, err));
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof UserError || e instanceof HadoopFiles.InputError || e instanceof SchemaException
          || e instanceof java.io.IOException) { // a file system that refuses or cannot be reached: said, not traced
        err.println(Escape.terminal("logdex: " + e.getMessage()));
        err.flush();
        return 2;
      }
      throw e;
    });
    return cl.execute(args);
  }

  /** A mistake in the job's arguments or inputs. */
  static final class UserError extends RuntimeException {
    UserError(String message) {
      super(message);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (!List.of("none", "host", "database").contains(groupBy)) {
      throw new UserError("--group-by: none, host or database, not " + groupBy);
    }
    if (!List.of("text", "markdown", "json").contains(format)) {
      throw new UserError("--format: text, markdown or json, not " + format);
    }
    if (threadsPerTask < 1) {
      throw new UserError("--threads-per-task: give 1 or more, not " + threadsPerTask);
    }
    if (inputFormat != null && FormatDetector.byName(inputFormat).isEmpty()) {
      throw new UserError("--input-format: unknown format '" + inputFormat + "'; known: "
          + String.join(", ", FormatDetector.formats()));
    }
    bytes(splitSize); // a mistake in it is said before Spark starts
    Optional<Dialect> forced = Optional.ofNullable(dialect).map(d -> Dialect.parse(d)
        .orElseThrow(() -> new UserError("--dialect: postgresql or mysql, not " + d)));
    JavaSparkContext spark = given != null ? given
        : new JavaSparkContext(new SparkConf().setAppName("logdex analyze").setIfMissing("spark.master", "local[*]"));
    try {
      return analyze(spark, forced);
    } finally {
      if (given == null) {
        spark.stop();
      }
    }
  }

  private int analyze(JavaSparkContext spark, Optional<Dialect> forced) throws IOException, SchemaException {
    Configuration conf = spark.hadoopConfiguration();
    HadoopFiles.Settings settings = HadoopFiles.Settings.of(conf);
    String version = Version.current();
    FileTask.Options options = new FileTask.Options(inputFormat == null ? "" : inputFormat,
        logLinePrefix == null ? "" : logLinePrefix, threadsPerTask, version, groupBy);
    List<String> files = HadoopFiles.expand(conf, logs);

    // Each file's format, told from its first lines by a task of its own: one listing, no reading on the driver.
    List<FileTask.Detected> detected = spark.parallelize(files, Math.max(1, files.size()))
        .map(uri -> FileTask.detect(settings, options, uri)).collect();
    List<FileTask.Detected> readable = detected.stream().filter(d -> d.problem().isEmpty()).toList();
    List<InputSummary> notRead = new ArrayList<>();
    for (FileTask.Detected d : detected) {
      if (!d.problem().isEmpty()) {
        err.println(Escape.terminal("logdex: " + d.name() + ": " + d.problem()));
        notRead.add(FileTask.unreadable(d.name(), d.format(), d.problem()));
      }
    }
    if (readable.isEmpty()) {
      throw new UserError("no input can be read (each is listed above)");
    }

    List<Dialect> logsSay = readable.stream().map(d -> FileTask.reader(d, options)).map(LogReader::dialect)
        .flatMap(Optional::stream).toList();
    SchemaLoading.Loaded loaded = SchemaLoading.load(schemaSource(conf), forced, logsSay);
    Schema schema = loaded.schema();
    Broadcast<String> schemaPart = spark.broadcast(Partial.write(version, schema, Workload.empty(), List.of(), 0));

    Counts counts = new Counts();
    spark.sc().register(counts, "logdex");
    long split = bytes(splitSize);
    // Large plain files in byte ranges: a first pass finds each range's bounds and what it leaves to the next.
    List<FileTask.Detected> whole = new ArrayList<>();
    List<RangeTask.Range> ranges = new ArrayList<>();
    for (FileTask.Detected d : readable) {
      if (RangeTask.splits(d, options, split)) {
        ranges.addAll(RangeTask.ranges(d, split));
      } else {
        whole.add(d);
      }
    }
    List<RangeTask.Known> known = new ArrayList<>();
    if (!ranges.isEmpty()) {
      List<RangeTask.Scanned> scanned = spark.parallelize(ranges, ranges.size())
          .map(r -> RangeTask.scan(settings, options, r)).collect();
      java.util.Map<String, List<RangeTask.Scanned>> byFile = new java.util.TreeMap<>();
      scanned.forEach(x -> byFile.computeIfAbsent(x.range().file().uri(), k -> new ArrayList<>()).add(x));
      for (List<RangeTask.Scanned> file : byFile.values()) {
        file.sort(java.util.Comparator.comparingInt(x -> x.range().index()));
        if (file.stream().anyMatch(RangeTask.Scanned::cut)) {
          // An entry the cut rule does not see the start of: read whole, where no cut can be wrong.
          err.println(Escape.terminal("logdex: " + file.get(0).range().file().name() + ": read by one task (an entry "
              + "starts where the cut rule does not look)"));
          whole.add(file.get(0).range().file());
        } else {
          known.addAll(RangeTask.known(file, FileTask.reader(file.get(0).range().file(), options).ranges()
              .orElseThrow()));
        }
      }
    }
    JavaRDD<Part> parts = spark.parallelize(whole, Math.max(1, whole.size()))
        .map(d -> {
          Counts mine = counts; // the task's copy, sent back with its result
          return FileTask.read(settings, options, schemaPart.value(), d, mine);
        });
    if (!known.isEmpty()) {
      parts = parts.union(spark.parallelize(known, known.size())
          .map(k -> RangeTask.read(settings, options, schemaPart.value(), k, counts)));
    }
    Part sum = parts.treeReduce(Part::merge);
    // The whole is the groups added up, each read once.
    Workload workload = Workload.empty();
    long statements = 0;
    List<Groups.Group> members = new ArrayList<>();
    for (var e : sum.groups().entrySet()) {
      Snapshot g = Partial.read(e.getValue());
      members.add(new Groups.Group(e.getKey(), g.statements(), g.workload()));
      workload = Workload.merge(workload, g.workload());
      statements += g.statements();
    }
    Groups groups = groupBy.equals("none") ? Groups.NONE : new Groups(groupBy, members);
    List<InputSummary> inputs = new ArrayList<>(Partial.read(sum.inputs()).inputs());
    inputs.addAll(notRead);
    inputs.sort(java.util.Comparator.comparing(InputSummary::path).thenComparing(InputSummary::format));
    if (statements == 0) {
      throw new UserError("no statement was read from " + files.size() + " file(s): there is nothing to analyze");
    }

    List<String> warnings = new ArrayList<>(loaded.assumptions());
    warnings.addAll(loaded.unread());
    AnalysisReport report = Analysis.run(version, schema, workload, inputs, statements, warnings,
        LintConfig.defaults(), 0);
    if (save != null) {
      try (Writer w = create(conf, save)) {
        SnapshotJson.write(Snapshots.of(version, schema, workload, report).withGroups(groups), w);
      }
    }
    if (output != null) {
      try (Writer w = create(conf, output)) {
        writeReport(report, groups, workload, w);
      }
    } else {
      Writer w = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
      writeReport(report, groups, workload, w);
      w.flush();
    }
    say(counts.value(), files.size(), known.stream().map(k -> k.scanned().range().file().uri()).distinct().count(),
        known.size());
    return 0;
  }

  /** The report of the whole, then, when the logs were kept apart, each group's line. */
  private void writeReport(AnalysisReport report, Groups groups, Workload whole, Writer w) throws IOException {
    switch (format) {
      case "json" -> {
        if (groups.isEmpty()) {
          JsonReport.write(report, w);
        } else {
          java.io.StringWriter json = new java.io.StringWriter();
          JsonReport.write(report, json);
          var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
          var root = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(json.toString());
          root.set("groups", GroupsReport.json(groups, mapper));
          mapper.writerWithDefaultPrettyPrinter().writeValue(w, root);
          w.write("\n");
        }
      }
      case "markdown" -> {
        MarkdownReport.write(report, w);
        if (!groups.isEmpty()) {
          GroupsReport.write(groups, whole, w, true);
        }
      }
      default -> {
        TextReport.write(report, Escape.writer(w), false, false); // whole lines: a file, read later
        if (!groups.isEmpty()) {
          GroupsReport.write(groups, whole, w, false);
        }
      }
    }
    w.flush();
  }

  /** A size in bytes from {@code 128m}, {@code 4k}, {@code 1g} or plain bytes. */
  static long bytes(String size) {
    String t = size.trim().toLowerCase(Locale.ROOT);
    long unit = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : t.endsWith("g") ? 1L << 30 : 1;
    try {
      long n = Long.parseLong(unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
      if (n < 1024) {
        throw new UserError("--split-size: give 1k or more, not " + size);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UserError("--split-size: a size such as 128m, 4k or 1g, not " + size);
    }
  }

  /** One line on stderr of what the tasks counted. */
  private void say(Map<String, Long> c, int files, long cut, int ranges) {
    err.println(Escape.terminal(String.format(Locale.ROOT, "logdex: %,d file(s), %,d read (%,d of them in %,d byte "
        + "ranges), %,d statements, %,d not parsed, %,d records skipped", files, c.getOrDefault("files read", 0L),
        cut, ranges, c.getOrDefault("statements", 0L),
        c.getOrDefault("statements not parsed", 0L), c.entrySet().stream().filter(e -> e.getKey()
            .startsWith("skipped: ")).mapToLong(Map.Entry::getValue).sum())));
    err.flush();
  }

  /** The schema files, copied to the driver's disk when they are on another file system. */
  private SchemaSource schemaSource(Configuration conf) throws IOException {
    if (schemaFiles.isEmpty()) {
      return new SchemaSource.None();
    }
    List<Path> local = new ArrayList<>();
    for (String f : schemaFiles) {
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(f);
      String scheme = p.toUri().getScheme();
      if (scheme == null || scheme.equals("file")) {
        Path path = Path.of(p.toUri().getPath());
        if (!Files.isRegularFile(path)) {
          throw new UserError(f + ": schema file not found");
        }
        local.add(path);
        continue;
      }
      FileSystem fs = p.getFileSystem(conf);
      if (!fs.exists(p)) {
        throw new UserError(f + ": schema file not found");
      }
      Path copy = Files.createTempFile("logdex-schema", ".sql");
      copy.toFile().deleteOnExit();
      try (InputStream in = fs.open(p)) {
        Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      local.add(copy);
    }
    return new SchemaSource.DdlFile(local);
  }

  private static Writer create(Configuration conf, String where) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(where);
    return new OutputStreamWriter(p.getFileSystem(conf).create(p, true), StandardCharsets.UTF_8);
  }

  /** The logdex version, as the build wrote it. */
  static final class Version implements CommandLine.IVersionProvider {
    static String current() {
      try (InputStream in = AnalyzeJob.class.getResourceAsStream("version.txt")) {
        return in == null ? "dev" : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        return "dev";
      }
    }

    @Override
    public String[] getVersion() {
      return new String[] {"logdex " + current()};
    }
  }
}
