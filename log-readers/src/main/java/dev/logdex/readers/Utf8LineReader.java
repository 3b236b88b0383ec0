package dev.logdex.readers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * UTF-8 text whose lines are found in its bytes: what {@code new BufferedReader(new InputStreamReader(in, UTF-8))}
 * gives, malformed bytes replaced by U+FFFD alike, with {@link #readLine()} cutting each line out of the bytes and
 * decoding it once. A {@code BufferedReader} decodes every byte into its char buffer and then copies each line's
 * chars into a builder and a string, which compresses them back to bytes: a quarter of the reading thread's time on
 * a slow log. The line readers ask for {@code BufferedReader} and get this one unchanged; {@link #read(char[], int,
 * int)} decodes from the same bytes, for the readers that take characters, so a caller may mix both.
 */
final class Utf8LineReader extends BufferedReader {
  private final InputStream in;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
  private byte[] buf;
  private int pos;
  private int end;
  private boolean eof;
  /** The last line ended at a {@code \r}: a {@code \n} right after it ends the same line, as BufferedReader has it. */
  private boolean skipLf;
  /**
   * A char decoded but not yet returned, or -1: a one-char read where two chars were due (the low half of a pair,
   * or a char after a malformed sequence the decoder would only replace with room for a pair).
   */
  private int pending = -1;
  /** What {@link #read()} reads into. */
  private final char[] one = new char[1];

  Utf8LineReader(InputStream in, int size) {
    super(Reader.nullReader(), 1);
    this.in = in;
    this.buf = new byte[size];
  }

  @Override
  public String readLine() throws IOException {
    int low = pending; // a one-char read left a char behind: it starts this line, or ends it
    pending = -1;
    if (low == '\n' || low == '\r') {
      skipLf = low == '\r';
      return "";
    }
    skipLfAfterCr();
    int i = pos;
    while (true) {
      i = lineEnd(i, end);
      if (i < end) {
        String line = text(pos, i, low);
        skipLf = buf[i] == '\r';
        pos = i + 1;
        return line;
      }
      int scanned = i - pos;
      if (!fill()) {
        if (end == pos && low < 0) {
          return null;
        }
        String line = text(pos, end, low);
        pos = end;
        return line;
      }
      i = pos + scanned; // fill moved the unread bytes to the front; scan on from where it stopped
    }
  }

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  /**
   * The index of the first {@code \n} or {@code \r} in {@code buf[from, to)}, else {@code to}. Eight bytes at a time:
   * a byte by byte loop was a seventh of the reading thread's time on a 1 GB log. In each word, {@code (x - ONES) &
   * ~x & HIGHS} has its lowest bit in the first byte of {@code x} that is zero (a borrow can set bits above it, never
   * below), so the lowest bit of both tests together is the first line end, in the words' little-endian order.
   */
  private int lineEnd(int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(buf, i);
      long lf = word ^ 0x0A0A0A0A0A0A0A0AL;
      long cr = word ^ 0x0D0D0D0D0D0D0D0DL;
      long hits = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
      if (hits != 0) {
        return i + (Long.numberOfTrailingZeros(hits) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (buf[i] == '\n' || buf[i] == '\r') {
        return i;
      }
    }
    return to;
  }

  private String text(int from, int to, int low) {
    String s = new String(buf, from, to - from, StandardCharsets.UTF_8);
    return low < 0 ? s : (char) low + s;
  }

  /** After a line that ended at {@code \r}, a {@code \n} that follows belongs to it. */
  private void skipLfAfterCr() throws IOException {
    if (!skipLf) {
      return;
    }
    if (pos >= end) {
      fill();
    }
    if (pos < end && buf[pos] == '\n') {
      pos++;
    }
    skipLf = false;
  }

  /**
   * Reads more bytes after those not yet taken, moving these to the front (and growing the buffer when they fill
   * it); false at the end of the input.
   */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int unread = end - pos;
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, unread);
    } else if (unread == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    pos = 0;
    end = unread;
    int n = in.read(buf, end, buf.length - end);
    if (n < 0) {
      eof = true;
      return false;
    }
    end += n;
    return true;
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, cbuf.length);
    if (len == 0) {
      return 0;
    }
    if (pending >= 0) {
      cbuf[off] = (char) pending;
      pending = -1;
      return 1;
    }
    skipLfAfterCr();
    while (true) {
      ByteBuffer bytes = ByteBuffer.wrap(buf, pos, end - pos);
      CharBuffer chars = CharBuffer.wrap(cbuf, off, len);
      CoderResult r = decoder.decode(bytes, chars, eof);
      pos = bytes.position();
      int n = chars.position() - off;
      if (n > 0) {
        return n;
      }
      if (r.isOverflow()) {
        // One char asked for where the decoder wants room for two: give the first now and keep the second.
        char[] pair = new char[2];
        CharBuffer two = CharBuffer.wrap(pair);
        ByteBuffer again = ByteBuffer.wrap(buf, pos, end - pos);
        decoder.decode(again, two, eof);
        pos = again.position();
        if (two.position() > 0) {
          cbuf[off] = pair[0];
          if (two.position() == 2) {
            pending = pair[1];
          }
          return 1;
        }
      }
      if (eof) {
        return -1; // at the end every byte is decoded: a sequence cut short became U+FFFD above
      }
      fill();
    }
  }

  @Override
  public int read() throws IOException {
    return read(one, 0, 1) < 0 ? -1 : one[0];
  }

  @Override
  public boolean ready() throws IOException {
    return pending >= 0 || pos < end || in.available() > 0;
  }

  @Override
  public long skip(long n) throws IOException {
    if (n < 0) {
      throw new IllegalArgumentException("skip value is negative");
    }
    char[] sink = new char[(int) Math.min(n, 8192)];
    long left = n;
    while (left > 0) {
      int got = read(sink, 0, (int) Math.min(left, sink.length));
      if (got < 0) {
        break;
      }
      left -= got;
    }
    return n - left;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public void mark(int readAheadLimit) throws IOException {
    throw new IOException("mark() not supported");
  }

  @Override
  public void reset() throws IOException {
    throw new IOException("reset() not supported");
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
