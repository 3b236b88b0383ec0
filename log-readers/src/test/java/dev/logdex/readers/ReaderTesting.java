package dev.logdex.readers;

import dev.logdex.core.model.QueryEvent;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Runs a reader over a string. */
final class ReaderTesting {
  private ReaderTesting() {}

  record Result(List<QueryEvent> events, SkipAccount skips) {}

  static Result read(LogReader reader, String text) throws IOException {
    List<QueryEvent> events = new ArrayList<>();
    SkipAccount skips = new SkipAccount("t.log");
    reader.read(new StringReader(text), "t.log", events::add, skips);
    return new Result(events, skips);
  }
}
