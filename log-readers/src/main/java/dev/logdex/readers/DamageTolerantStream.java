package dev.logdex.readers;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ends a compressed stream cleanly where its data is damaged (a cut-off download, a disk error, junk after a gzip
 * header): what decompressed before the damage is kept, up to its last whole line, and the damage is recorded with
 * its offset instead of ending the run. A line cut in two by the damage is never handed on as if it were whole.
 */
final class DamageTolerantStream extends InputStream {
  private final InputStream in;
  private final AtomicLong compressedRead;
  private final byte[] held = new byte[1 << 16];
  private int heldStart;
  private int heldEnd;
  private boolean ended;
  private long lines;
  private long delivered;
  private String damage;

  /**
   * @param in the decompressing stream
   * @param compressedRead the count of compressed bytes read so far, for the damage's offset
   */
  DamageTolerantStream(InputStream in, AtomicLong compressedRead) {
    this.in = in;
    this.compressedRead = compressedRead;
  }

  /** What was wrong and where, once the damage was met; null while the data is whole. */
  String damage() {
    return damage;
  }

  /** Whole lines handed on so far. */
  long lines() {
    return lines;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n <= 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (true) {
      // Hand on held bytes up to the last line break among them; the rest waits for its line to end.
      int lastBreak = -1;
      for (int i = heldEnd - 1; i >= heldStart; i--) {
        if (held[i] == '\n') {
          lastBreak = i;
          break;
        }
      }
      int ready = ended && damage == null ? heldEnd - heldStart : lastBreak < 0 ? 0 : lastBreak + 1 - heldStart;
      if (ready > 0 || heldEnd - heldStart == held.length) {
        int n = Math.min(len, ready > 0 ? ready : heldEnd - heldStart); // a line longer than the buffer: as it is
        System.arraycopy(held, heldStart, buf, off, n);
        for (int i = 0; i < n; i++) {
          if (buf[off + i] == '\n') {
            lines++;
          }
        }
        heldStart += n;
        delivered += n;
        return n;
      }
      if (ended) {
        return -1; // the damaged tail (an unfinished line) is not handed on
      }
      if (heldStart > 0) {
        System.arraycopy(held, heldStart, held, 0, heldEnd - heldStart);
        heldEnd -= heldStart;
        heldStart = 0;
      }
      try {
        int n = in.read(held, heldEnd, held.length - heldEnd);
        if (n < 0) {
          ended = true;
        } else {
          heldEnd += n;
        }
      } catch (java.util.zip.ZipException | java.io.EOFException e) {
        ended = true;
        damage = (e instanceof java.io.EOFException ? "truncated" : "corrupt") + " gzip data near compressed byte "
            + compressedRead.get() + " (after " + (delivered + heldEnd - heldStart) + " bytes of text: "
            + e.getMessage() + "); the rest of the file is not read";
      }
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
