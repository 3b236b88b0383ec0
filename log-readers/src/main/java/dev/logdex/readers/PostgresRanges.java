package dev.logdex.readers;

import dev.logdex.core.model.QueryEvent;
import java.io.IOException;
import java.io.Reader;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * Ranges of a large PostgreSQL log (stderr or jsonlog): the carry is the statements each backend has waiting for
 * its duration or parameters line, which may come in the next range; a range's first pass says which backends
 * logged a statement in it (and what each leaves waiting) and keeps the messages of the others that act on what
 * waited before it, to be played on it once the ranges before are known.
 */
final class PostgresRanges implements RangeReading {

  /**
   * Hands each message of a text to a {@link PostgresMessages}; returns whether the text ended inside a message
   * ({@code fileEnd} false: a range's end, where the whole file's reading would have gone on with it).
   */
  interface Feed {
    boolean feed(Reader input, String source, PostgresMessages messages, SkipAccount skips, boolean fileEnd)
        throws IOException;
  }

  private final BiPredicate<String, String> starts;
  private final Feed feed;

  PostgresRanges(BiPredicate<String, String> starts, Feed feed) {
    this.starts = starts;
    this.feed = feed;
  }

  @Override
  public boolean startsRange(String previous, String line) {
    return starts.test(previous, line);
  }

  @Override
  public Scan scan(Reader text, String name, String next, boolean first) throws IOException {
    SkipAccount skips = new SkipAccount(name);
    PostgresMessages messages = new PostgresMessages(e -> { }, skips, Map.of(), true);
    boolean cut = feed.feed(text, name, messages, skips, next == null);
    return new Scan(messages.effect(), cut);
  }

  @Override
  public String start() {
    return PostgresMessages.carry(Map.of());
  }

  @Override
  public String after(String carry, String effect) {
    return PostgresMessages.after(carry, effect);
  }

  @Override
  public void read(Reader text, String name, Consumer<QueryEvent> events, SkipAccount skips, String carry,
      String next) throws IOException {
    PostgresMessages messages = new PostgresMessages(events, skips, PostgresMessages.carried(carry), false);
    feed.feed(text, name, messages, skips, next == null);
    if (next == null) { // the file's end: what still waits is emitted, as a whole reading does
      messages.finish();
    }
  }
}
