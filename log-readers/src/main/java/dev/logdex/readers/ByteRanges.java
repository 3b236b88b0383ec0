package dev.logdex.readers;

import dev.logdex.core.model.InputSummary;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bytes of a large plain log cut into ranges (see {@link RangeReading}): where a range starts, the line after
 * it, its lines as the readers count them, and the places of its skips moved to the file's lines.
 */
public final class ByteRanges {
  private ByteRanges() {}

  /** The longest line a cut looks at; past it a line is judged by its first megabyte. */
  private static final int MAX_LINE = 1 << 20;

  /**
   * Where, from {@code offset} on, the first range may start, as a count of bytes after {@code offset}; -1 when
   * none may before the end. {@code in} reads the file from {@code offset}; offset 0 is always a start. The line
   * holding the offset may be cut, so it says nothing; the first whole line after it is the previous line of the
   * first that may start a range.
   */
  public static long boundary(InputStream in, long offset, RangeReading reading) throws IOException {
    if (offset == 0) {
      return 0;
    }
    BufferedInputStream b = new BufferedInputStream(in, 1 << 16);
    Line cut = Line.read(b);
    Line line = cut == null ? null : Line.read(b);
    if (line == null) {
      return -1;
    }
    long pos = cut.bytes() + line.bytes();
    String previous = line.text();
    while (true) {
      Line next = Line.read(b);
      if (next == null) {
        return -1;
      }
      if (reading.startsRange(previous, next.text())) {
        return pos;
      }
      pos += next.bytes();
      previous = next.text();
    }
  }

  /** The first line {@code in} reads (the one after a range), or null at the end. */
  public static String firstLine(InputStream in) throws IOException {
    Line l = Line.read(new BufferedInputStream(in, 1 << 12));
    return l == null ? null : l.text();
  }

  /** {@code s} with each first skip's line moved down by {@code lines} (the lines of the ranges before). */
  public static InputSummary shifted(InputSummary s, long lines) {
    Map<String, String> first = new TreeMap<>();
    s.firstSkipAt().forEach((reason, at) -> first.put(reason, at.substring(0, at.lastIndexOf(':') + 1)
        + (SkipAccount.lineOf(at) + lines)));
    return new InputSummary(s.path(), s.format(), s.events(), s.skipped(), first, s.passedOver());
  }

  /** A reader that counts the lines it passes on as {@code BufferedReader.readLine} does (\n, \r or \r\n). */
  public static final class LineCounting extends FilterReader {
    private long lines;
    private boolean afterCr;

    public LineCounting(Reader in) {
      super(in);
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      for (int i = off; i < off + Math.max(n, 0); i++) {
        char c = buf[i];
        if (c == '\r' || c == '\n' && !afterCr) {
          lines++;
        }
        afterCr = c == '\r';
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      char[] one = new char[1];
      return read(one, 0, 1) < 0 ? -1 : one[0];
    }

    /** The lines read so far. */
    public long lines() {
      return lines;
    }
  }

  /** One line of bytes, decoded (an odd byte as U+FFFD: the cut rules look at ASCII). */
  private record Line(String text, long bytes) {
    static Line read(InputStream in) throws IOException {
      ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
      long n = 0;
      int c;
      while ((c = in.read()) >= 0) {
        n++;
        if (c == '\n') {
          break;
        }
        if (buf.size() < MAX_LINE) {
          buf.write(c);
        }
      }
      if (n == 0) {
        return null;
      }
      String text = buf.toString(StandardCharsets.UTF_8);
      return new Line(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text, n);
    }
  }
}
