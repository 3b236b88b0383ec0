package dev.logdex.core.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What was read from one input.
 *
 * @param path the file (or {@code -} for standard input)
 * @param format the format it was read as
 * @param events events read
 * @param skipped skipped lines or records by reason
 * @param firstSkipAt for each reason, where it first happened ({@code file:line})
 * @param passedOver lines that are not statements (server messages, banners), by kind
 */
public record InputSummary(
    String path,
    String format,
    long events,
    Map<String, Long> skipped,
    Map<String, String> firstSkipAt,
    Map<String, Long> passedOver) {
  public InputSummary {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(format, "format");
    skipped = java.util.Collections.unmodifiableMap(new TreeMap<>(skipped));
    firstSkipAt = java.util.Collections.unmodifiableMap(new TreeMap<>(firstSkipAt));
    passedOver = java.util.Collections.unmodifiableMap(new TreeMap<>(passedOver));
  }

  /** Total skipped over all reasons. */
  public long skippedTotal() {
    return skipped.values().stream().mapToLong(Long::longValue).sum();
  }
}
