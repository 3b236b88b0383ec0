package dev.logdex.spark;

import dev.logdex.core.model.InputSummary;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.sql.StatementAnalysis;
import dev.logdex.core.workload.QueryStats;
import dev.logdex.core.workload.Workload;
import dev.logdex.readers.FormatDetector;
import dev.logdex.readers.InputFiles;
import dev.logdex.readers.LogReader;
import dev.logdex.readers.PostgresLogReader;
import dev.logdex.readers.WorkloadReading;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * The work of one task on one file: telling its format, and reading it into a {@link Partial} with the same
 * readers, skips and workload as {@code logdex analyze}. A file that cannot be read is a skip with its reason,
 * never a failed job.
 */
final class FileTask {
  private FileTask() {}

  /**
   * How the files are read: the command's reading options that the job takes ({@code ""} when not given; an
   * {@link Optional} is not serializable, and these travel to the tasks).
   */
  record Options(String format, String prefix, int threads, String version, String groupBy)
      implements Serializable {
    /** The group of an event of the file at {@code uri}: its server (the log's directory), its database, or none. */
    java.util.function.Function<dev.logdex.core.model.QueryEvent, String> groupOf(String uri) {
      return switch (groupBy) {
        case "database" -> dev.logdex.core.model.QueryEvent::database;
        case "host" -> {
          String host = HadoopFiles.host(uri);
          yield e -> host;
        }
        default -> e -> "";
      };
    }

    Optional<String> inputFormat() {
      return format.isEmpty() ? Optional.empty() : Optional.of(format);
    }

    Optional<String> logLinePrefix() {
      return prefix.isEmpty() ? Optional.empty() : Optional.of(prefix);
    }
  }

  /**
   * A file and its format.
   *
   * @param uri where it is, for its file system
   * @param name what reports call it
   * @param format the reader's format, or {@code ""} when it cannot be read
   * @param problem why it cannot be read, or {@code ""}
   */
  record Detected(String uri, String name, String format, String problem, long size, boolean gzip)
      implements Serializable {
    Detected(String uri, String name, String format, String problem) {
      this(uri, name, format, problem, 0, false);
    }
  }

  /** The format of the file at {@code uri}, from its first lines (or the one the user gave). */
  static Detected detect(HadoopFiles.Settings settings, Options options, String uri) {
    String name = HadoopFiles.name(uri);
    Configuration conf = settings.configuration();
    try {
      long size = HadoopFiles.size(conf, uri);
      if (size == 0) {
        return new Detected(uri, name, "", "empty file, nothing to read");
      }
      try (java.io.BufferedInputStream raw = new java.io.BufferedInputStream(HadoopFiles.range(conf, uri, 0, -1))) {
        raw.mark(2);
        boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b; // as InputFiles tells it: by content
        raw.reset();
        if (options.inputFormat().isPresent()) {
          return new Detected(uri, name, FormatDetector.byName(options.inputFormat().get()).orElseThrow().format(),
              "", size, gzip);
        }
        try (InputFiles.Input in = InputFiles.open(raw, size); BufferedReader r = new BufferedReader(in.reader())) {
          return FormatDetector.detect(r).map(reader -> new Detected(uri, name, reader.format(), "", size, gzip))
              .orElse(new Detected(uri, name, "", "cannot tell the log format from its first lines (give "
                  + "--input-format)"));
        }
      }
    } catch (IOException e) {
      return new Detected(uri, name, "", "cannot be read: " + e.getMessage());
    }
  }

  /** The reader of a detected file. */
  static LogReader reader(Detected d, Options options) {
    LogReader reader = FormatDetector.byName(d.format()).orElseThrow();
    return options.logLinePrefix().isPresent() && reader instanceof PostgresLogReader
        ? new PostgresLogReader(options.logLinePrefix().get()) : reader;
  }

  /**
   * Reads the file into a part, against the schema of {@code schemaPart} (a part with no workload), counting
   * what it read in {@code counts}.
   */
  static Part read(HadoopFiles.Settings settings, Options options, String schemaPart, Detected d, Counts counts) {
    Schema schema = Partial.read(schemaPart).schema();
    Configuration conf = settings.configuration();
    WorkloadReading.Request request = new WorkloadReading.Request(List.of(d.name()), options.inputFormat(),
        options.logLinePrefix(), Optional.of(options.threads()), Optional.empty(), Optional.empty(),
        options.version(), true, false);
    WorkloadReading.Opened opened = new WorkloadReading.Opened(List.of(d.name()), List.of(reader(d, options)),
        List.of());
    WorkloadReading.Grouped read;
    try {
      read = WorkloadReading.readPart(request, opened, schema,
          name -> InputFiles.open(HadoopFiles.range(conf, d.uri(), 0, -1), d.size()), options.groupOf(d.uri()));
    } catch (IOException | RuntimeException e) {
      String reason = "cannot be read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      counts.add("files not read", 1);
      return new Part(Partial.write(options.version(), schema, Workload.empty(), List.of(unreadable(d.name(),
          d.format(), reason)), 0), Map.of());
    }
    counts.add("files read", 1);
    return part(options, schema, read, read.inputs(), counts);
  }

  /** A task's part from what it read: the account of its inputs, and its workload by group. */
  static Part part(Options options, Schema schema, WorkloadReading.Grouped read, List<InputSummary> inputs,
      Counts counts) {
    Map<String, String> groups = new java.util.TreeMap<>();
    long unparsed = 0;
    for (var g : read.workloads().entrySet()) {
      long n = read.statements().get(g.getKey());
      groups.put(g.getKey(), Partial.write(options.version(), schema, g.getValue(), List.of(), n));
      counts.add("statements", n);
      for (QueryStats q : g.getValue().queries()) {
        if (q.analysis() instanceof StatementAnalysis.Unparsed) {
          unparsed += q.calls();
        }
      }
    }
    counts.add("statements not parsed", unparsed);
    for (InputSummary in : inputs) {
      in.skipped().forEach((reason, n) -> counts.add("skipped: " + reason, n));
    }
    return new Part(Partial.write(options.version(), schema, Workload.empty(), inputs, 0), groups);
  }

  /** A file that could not be read, as the account of an input: one skip with its reason. */
  static InputSummary unreadable(String name, String format, String reason) {
    return new InputSummary(name, format.isEmpty() ? "unknown" : format, 0, Map.of(reason, 1L),
        Map.of(reason, name), Map.of());
  }

}
