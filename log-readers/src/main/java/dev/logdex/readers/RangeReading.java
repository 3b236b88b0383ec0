package dev.logdex.readers;

import dev.logdex.core.model.QueryEvent;
import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/**
 * How a reader reads one byte range of a large plain log, so that the ranges of a file, read by separate tasks,
 * give the events and the account of skips of reading it whole ({@link ByteRanges} does the bytes):
 *
 * <ol>
 *   <li>A range starts at the first line after its first byte that {@link #startsRange} accepts, and ends where
 *       the next range starts: no entry is read twice or lost at a cut.
 *   <li>What a log carries from entry to entry (MySQL's {@code use db}, a PostgreSQL backend's statement waiting
 *       for its duration) is the range's <em>carry</em>, written as text. A first pass over each range, with the
 *       carry before it unknown, says what the range does to it ({@link #scan}); those are added up in file order
 *       ({@link #after}, cheap, on one machine); a second pass reads each range with the carry before it
 *       ({@link #read}).
 * </ol>
 */
public interface RangeReading {

  /** Whether a range may start at {@code line}, given the whole line before it. */
  boolean startsRange(String previous, String line);

  /**
   * What the first pass found.
   *
   * @param effect what the range does to the carry, as {@link #after} reads it
   * @param cut whether the range ends inside an entry (the line after it does not start one): the file must then
   *     be read whole
   */
  record Scan(String effect, boolean cut) {}

  /**
   * The first pass over a range's text, with the carry before it unknown; {@code next} the line after it,
   * {@code first} whether it is the file's first range (which holds a header, where a format has one).
   */
  Scan scan(Reader text, String name, String next, boolean first) throws IOException;

  /** The carry at the start of the file. */
  String start();

  /** The carry after a range, from the carry before it and the range's {@link Scan#effect}. */
  String after(String carry, String effect);

  /**
   * The second pass: the range's events and skips, read with the carry before it; {@code next} the line after it,
   * null for the file's last range (what still waits at its end is then emitted, as at the end of the file;
   * otherwise it is the next range's).
   */
  void read(Reader text, String name, Consumer<QueryEvent> events, SkipAccount skips, String carry, String next)
      throws IOException;
}
