package dev.logdex.readers;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/** Opens inputs: plain or gzip (by content, not by name), files or {@code -} for standard input. */
public final class InputFiles {
  private InputFiles() {}

  /**
   * An open input with a count of the bytes read from it so far (compressed bytes for gzip, so that it compares
   * with the file's size).
   *
   * @param size the file's size in bytes, or -1 for standard input
   */
  public record Input(Reader reader, AtomicLong bytesRead, long size, java.util.function.Supplier<Damage> damage)
      implements AutoCloseable {
    @Override
    public void close() throws IOException {
      reader.close();
    }

    /** The damage met in compressed data so far, or empty while it is whole. */
    public java.util.Optional<Damage> damaged() {
      return java.util.Optional.ofNullable(damage.get());
    }
  }

  /**
   * Where compressed data was found damaged: everything before it was read, nothing after.
   *
   * @param reason what and where, in words
   * @param line the number of the first line not read
   */
  public record Damage(String reason, long line) {}

  /** Opens {@code path} ({@code -} is standard input) as UTF-8 text, gunzipping when it is gzip. */
  public static Reader open(String path) throws IOException {
    return openCounted(path).reader();
  }

  /** Opens {@code path} like {@link #open(String)}, counting the bytes read. */
  public static Input openCounted(String path) throws IOException {
    boolean stdin = path.equals("-");
    Path file = stdin ? null : Path.of(path);
    // A named pipe cannot seek, which a file channel's stream tries to; FileInputStream does not.
    InputStream source = stdin ? System.in
        : Files.isRegularFile(file) ? Files.newInputStream(file) : new java.io.FileInputStream(file.toFile());
    return open(source, stdin || !Files.isRegularFile(file) ? -1 : Files.size(file));
  }

  /**
   * Opens the bytes of {@code source} like {@link #open(String)}: a file of another file system (a distributed
   * job's), of {@code size} bytes, -1 when unknown.
   */
  public static Input open(InputStream source, long size) throws IOException {
    AtomicLong count = new AtomicLong();
    InputStream raw = new Counting(source, count);
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    InputStream body = in;
    DamageTolerantStream gzip = null;
    if (b1 == 0x1f && b2 == 0x8b) {
      try {
        gzip = new DamageTolerantStream(new GZIPInputStream(in, 1 << 16), count);
      } catch (java.util.zip.ZipException | java.io.EOFException e) {
        // The header itself is damaged: nothing can be read, which is said as damage, not as a crash.
        String reason = "corrupt gzip header (" + e.getMessage() + "); nothing of the file is read";
        return new Input(new java.io.StringReader(""), count, size, () -> new Damage(reason, 1));
      }
      body = gzip;
    }
    DamageTolerantStream damaged = gzip;
    // Logs hold whatever bytes applications sent: malformed UTF-8 becomes U+FFFD instead of stopping the read.
    Reader reader = new Utf8LineReader(body, 1 << 16);
    return new Input(reader, count, size,
        () -> damaged == null || damaged.damage() == null ? null : new Damage(damaged.damage(), damaged.lines() + 1));
  }

  /**
   * Why {@code path} holds nothing to read at all: compressed data damaged before its first whole line, or binary
   * data (an image, a database file, a core dump given by mistake) rather than text; empty when something can be
   * read (damage further on is reported by {@link Input#damaged()} as it is met).
   */
  public static java.util.Optional<String> unreadable(String path) throws IOException {
    try (Input in = openCounted(path)) {
      char[] head = new char[8192];
      int n = in.reader().read(head);
      if (n < 0 && in.damaged().isPresent()) {
        return java.util.Optional.of(in.damaged().get().reason());
      }
      return n > 0 && isBinary(head, n) ? java.util.Optional.of("binary data, not a text log") : java.util.Optional.empty();
    }
  }

  /**
   * Whether the first characters of a file are not text: more than three in ten being control characters or bytes
   * that are not UTF-8. A log holds some of each (MySQL writes a binary string's bytes as they are, NULs too), never
   * that many; random bytes are more than half.
   */
  static boolean isBinary(char[] head, int n) {
    if (n < 64) {
      return false; // too little to tell; the format detection says what it can
    }
    int odd = 0;
    for (int i = 0; i < n; i++) {
      char c = head[i];
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == '\uFFFD') {
        odd++;
      }
    }
    return odd * 10 > n * 3;
  }

  private static final class Counting extends FilterInputStream {
    private final AtomicLong count;

    Counting(InputStream in, AtomicLong count) {
      super(in);
      this.count = count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        count.addAndGet(n);
      }
      return n;
    }
  }
}
