package dev.logdex.core.recommend;

import java.util.Objects;

/**
 * A query class a recommendation serves: the evidence behind it.
 *
 * @param fingerprint the class id
 * @param sample one statement of the class
 * @param calls executions in the workload
 * @param totalMillis their total time
 */
public record ServedQuery(String fingerprint, String sample, long calls, double totalMillis) {
  public ServedQuery {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(sample, "sample");
  }
}
