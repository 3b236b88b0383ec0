package dev.logdex.core.model;

import java.util.Objects;

/**
 * The identity of a query class: the statement with its literals, parameters, comments, whitespace and keyword case
 * taken out.
 *
 * @param id a short stable hash of {@code normalized}; equal across runs, machines and log sources
 * @param normalized the normalized text the id is computed from
 */
public record Fingerprint(String id, String normalized) {
  public Fingerprint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(normalized, "normalized");
  }
}
