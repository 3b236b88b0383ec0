package dev.logdex.spark;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.workload.Workload;
import dev.logdex.readers.InputFiles;
import dev.logdex.readers.LogReader;
import dev.logdex.readers.SkipAccount;
import dev.logdex.readers.SlowLogReader;
import dev.logdex.readers.SlowLogRanges;
import dev.logdex.readers.WorkloadReading;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;

/**
 * A large plain slow log read by several tasks, each a byte range of it ({@link SlowLogRanges}): a first pass
 * finds where each range starts and ends, which database its last {@code use} leaves to the next and how many
 * lines it has; the driver adds those up in order; a second pass reads each range knowing the database before
 * it, into a part whose account of skips counts lines from the file's start.
 */
final class RangeTask {
  private RangeTask() {}

  /** Only slow logs are cut; the other formats are read one task per file. */
  static boolean splits(FileTask.Detected d, long splitSize) {
    return d.format().equals(SlowLogReader.FORMAT) && !d.gzip() && d.size() > splitSize;
  }

  /** The ranges of a file: one per {@code splitSize} bytes, in order. */
  static List<Range> ranges(FileTask.Detected d, long splitSize) {
    List<Range> out = new ArrayList<>();
    int i = 0;
    for (long start = 0; start < d.size(); start += splitSize) {
      out.add(new Range(d, i++, start, Math.min(d.size(), start + splitSize)));
    }
    return out;
  }

  /** The bytes from {@code start} to {@code end} of a file, before they are moved to entry boundaries. */
  record Range(FileTask.Detected file, int index, long start, long end) implements Serializable {}

  /**
   * What the first pass found of a range.
   *
   * @param from the first byte of its first entry; {@code to} the first byte of the next range's
   * @param next the line at {@code to}, or null at the end of the file
   * @param database the database its last {@code use} sets, or null when it has none
   * @param cut whether it ends inside an entry: the file is then read whole
   * @param lines its lines
   */
  record Scanned(Range range, long from, long to, String next, String database, boolean cut, long lines)
      implements Serializable {}

  /** The first pass over one range. */
  static Scanned scan(HadoopFiles.Settings settings, Range r) throws IOException {
    Configuration conf = settings.configuration();
    String uri = r.file().uri();
    long size = r.file().size();
    long from = boundary(conf, uri, r.start(), size);
    long to = r.end() >= size ? size : boundary(conf, uri, r.end(), size);
    if (from >= to) {
      return new Scanned(r, from, from, null, null, false, 0);
    }
    String next = null;
    if (to < size) {
      try (InputStream in = HadoopFiles.range(conf, uri, to, -1)) {
        next = SlowLogRanges.firstLine(in);
      }
    }
    try (InputFiles.Input in = InputFiles.open(HadoopFiles.range(conf, uri, from, to - from), to - from)) {
      SlowLogRanges.Part p = SlowLogRanges.read(in.reader(), r.file().name(), next, e -> { });
      return new Scanned(r, from, to, next, p.database().orElse(null), p.cutInsideEntry(), p.lines());
    }
  }

  private static long boundary(Configuration conf, String uri, long offset, long size) throws IOException {
    try (InputStream in = HadoopFiles.range(conf, uri, offset, -1)) {
      long b = SlowLogRanges.boundary(in, offset);
      return b < 0 ? size : offset + b;
    }
  }

  /**
   * A range ready for the second pass.
   *
   * @param database the database before it (of the last {@code use} in the ranges before it, or {@code ""})
   * @param linesBefore the lines of the ranges before it
   */
  record Known(Scanned scanned, String database, long linesBefore) implements Serializable {}

  /** The ranges of one file from the first pass, in order, with what each needs from those before it. */
  static List<Known> known(List<Scanned> inOrder) {
    List<Known> out = new ArrayList<>();
    String database = "";
    long lines = 0;
    for (Scanned s : inOrder) {
      out.add(new Known(s, database, lines));
      database = s.database() == null ? database : s.database();
      lines += s.lines();
    }
    return out;
  }

  /** The second pass over one range: its part, as a file's part is. */
  static String read(HadoopFiles.Settings settings, FileTask.Options options, String schemaPart, Known k,
      Counts counts) throws IOException {
    Schema schema = Partial.read(schemaPart).schema();
    Scanned s = k.scanned();
    FileTask.Detected d = s.range().file();
    if (s.from() >= s.to()) {
      return Partial.write(options.version(), schema, Workload.empty(), List.of(), 0);
    }
    Configuration conf = settings.configuration();
    LogReader range = new LogReader() {
      @Override
      public String format() {
        return SlowLogReader.FORMAT;
      }

      @Override
      public Optional<Dialect> dialect() {
        return Optional.of(Dialect.MYSQL);
      }

      @Override
      public void read(Reader input, String source, Consumer<QueryEvent> events, SkipAccount skips)
          throws IOException {
        new SlowLogReader().readRange(input, source, events, skips, s.next(), k.database());
      }
    };
    WorkloadReading.Request request = new WorkloadReading.Request(List.of(d.name()), Optional.empty(),
        Optional.empty(), Optional.of(options.threads()), Optional.empty(), Optional.empty(), options.version(), true,
        false);
    WorkloadReading.Read read = WorkloadReading.readPart(request,
        new WorkloadReading.Opened(List.of(d.name()), List.of(range), List.of()), schema,
        name -> InputFiles.open(HadoopFiles.range(conf, d.uri(), s.from(), s.to() - s.from()), s.to() - s.from()));
    counts.add("statements", read.statements());
    if (s.range().index() == 0) {
      counts.add("files read", 1);
    }
    return Partial.write(options.version(), schema, read.workload(),
        read.inputs().stream().map(in -> SlowLogRanges.shifted(in, k.linesBefore())).toList(), read.statements());
  }
}
