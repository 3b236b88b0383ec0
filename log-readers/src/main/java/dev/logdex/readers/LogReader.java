package dev.logdex.readers;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.QueryEvent;
import java.io.IOException;
import java.io.Reader;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads one log format. A reader streams: it hands each event to the consumer as soon as it is complete, and keeps
 * no more than one entry in memory. Damaged input never stops it: each skipped line or record goes into the
 * account with its reason.
 */
public interface LogReader {

  /** The format name, as {@code --input-format} takes it and reports print it. */
  String format();

  /** The database family whose logs this format is, when it says (a plain SQL file does not). */
  default Optional<Dialect> dialect() {
    return Optional.empty();
  }

  /**
   * Reads {@code input} to its end.
   *
   * @param source the name of the input, for events and skip locations
   * @throws IOException only when the input itself cannot be read (not for bad content)
   */
  void read(Reader input, String source, Consumer<QueryEvent> events, SkipAccount skips) throws IOException;

  /** How this format reads one byte range of a large plain log, when it can be cut (see {@link RangeReading}). */
  default Optional<RangeReading> ranges() {
    return Optional.empty();
  }
}
