package dev.logdex.spark;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import dev.logdex.core.schema.Schema;
import dev.logdex.core.workload.Workload;
import dev.logdex.readers.InputFiles;
import dev.logdex.readers.LogReader;
import dev.logdex.readers.SkipAccount;
import dev.logdex.readers.ByteRanges;
import dev.logdex.readers.RangeReading;
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
 * A large plain log read by several tasks, each a byte range of it ({@link RangeReading}, {@link ByteRanges}): a
 * first pass finds where each range starts and ends, what it does to what the log carries from entry to entry
 * (a database, a statement waiting for its duration) and how many lines it has; the driver adds those up in
 * order; a second pass reads each range with the carry before it, into a part whose account of skips counts lines
 * from the file's start.
 */
final class RangeTask {
  private RangeTask() {}

  /** Whether the file is read in ranges: plain (gzip cannot be cut) and larger than a range. */
  static boolean splits(FileTask.Detected d, FileTask.Options options, long splitSize) {
    return !d.gzip() && d.size() > splitSize && FileTask.reader(d, options).ranges().isPresent();
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

  /** The bytes from {@code start} to {@code end} of a file, before they are moved to range starts. */
  record Range(FileTask.Detected file, int index, long start, long end) implements Serializable {}

  /**
   * What the first pass found of a range.
   *
   * @param from the first byte of its first entry; {@code to} the first byte of the next range's
   * @param next the line at {@code to}, or null at the end of the file
   * @param effect what it does to the carry
   * @param cut whether it ends inside an entry: the file is then read whole
   * @param lines its lines
   */
  record Scanned(Range range, long from, long to, String next, String effect, boolean cut, long lines)
      implements Serializable {}

  /** The first pass over one range. */
  static Scanned scan(HadoopFiles.Settings settings, FileTask.Options options, Range r) throws IOException {
    Configuration conf = settings.configuration();
    RangeReading reading = FileTask.reader(r.file(), options).ranges().orElseThrow();
    String uri = r.file().uri();
    long size = r.file().size();
    long from = boundary(conf, uri, r.start(), size, reading);
    long to = r.end() >= size ? size : boundary(conf, uri, r.end(), size, reading);
    if (from >= to) {
      return new Scanned(r, from, from, null, null, false, 0);
    }
    String next = null;
    if (to < size) {
      try (InputStream in = HadoopFiles.range(conf, uri, to, -1)) {
        next = ByteRanges.firstLine(in);
      }
    }
    try (InputFiles.Input in = InputFiles.open(HadoopFiles.range(conf, uri, from, to - from), to - from)) {
      ByteRanges.LineCounting text = new ByteRanges.LineCounting(in.reader());
      RangeReading.Scan scan = reading.scan(text, r.file().name(), next, from == 0);
      return new Scanned(r, from, to, next, scan.effect(), scan.cut(), text.lines());
    }
  }

  private static long boundary(Configuration conf, String uri, long offset, long size, RangeReading reading)
      throws IOException {
    try (InputStream in = HadoopFiles.range(conf, uri, offset, -1)) {
      long b = ByteRanges.boundary(in, offset, reading);
      return b < 0 ? size : offset + b;
    }
  }

  /**
   * A range ready for the second pass.
   *
   * @param carry what the log carries into it from the ranges before
   * @param linesBefore the lines of the ranges before it
   */
  record Known(Scanned scanned, String carry, long linesBefore) implements Serializable {}

  /** The ranges of one file from the first pass, in order, with what each needs from those before it. */
  static List<Known> known(List<Scanned> inOrder, RangeReading reading) {
    List<Known> out = new ArrayList<>();
    String carry = reading.start();
    long lines = 0;
    for (Scanned s : inOrder) {
      out.add(new Known(s, carry, lines));
      if (s.from() < s.to()) {
        carry = reading.after(carry, s.effect());
        lines += s.lines();
      }
    }
    return out;
  }

  /** The second pass over one range: its part, as a file's part is. */
  static Part read(HadoopFiles.Settings settings, FileTask.Options options, String schemaPart, Known k,
      Counts counts) throws IOException {
    Schema schema = Partial.read(schemaPart).schema();
    Scanned s = k.scanned();
    FileTask.Detected d = s.range().file();
    if (s.from() >= s.to()) {
      return new Part(Partial.write(options.version(), schema, Workload.empty(), List.of(), 0), java.util.Map.of());
    }
    Configuration conf = settings.configuration();
    LogReader whole = FileTask.reader(d, options);
    RangeReading reading = whole.ranges().orElseThrow();
    LogReader range = new LogReader() {
      @Override
      public String format() {
        return whole.format();
      }

      @Override
      public Optional<Dialect> dialect() {
        return whole.dialect();
      }

      @Override
      public void read(Reader input, String source, Consumer<QueryEvent> events, SkipAccount skips)
          throws IOException {
        reading.read(input, source, events, skips, k.carry(), s.next());
      }
    };
    WorkloadReading.Request request = new WorkloadReading.Request(List.of(d.name()), Optional.empty(),
        Optional.empty(), Optional.of(options.threads()), Optional.empty(), Optional.empty(), options.version(), true,
        false);
    WorkloadReading.Grouped read = WorkloadReading.readPart(request,
        new WorkloadReading.Opened(List.of(d.name()), List.of(range), List.of()), schema,
        name -> InputFiles.open(HadoopFiles.range(conf, d.uri(), s.from(), s.to() - s.from()), s.to() - s.from()),
        options.groupOf(d.uri()));
    if (s.range().index() == 0) {
      counts.add("files read", 1);
    }
    return FileTask.part(options, schema, read,
        read.inputs().stream().map(in -> ByteRanges.shifted(in, k.linesBefore())).toList(), counts);
  }
}
