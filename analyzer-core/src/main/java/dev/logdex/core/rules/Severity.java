package dev.logdex.core.rules;

/** How much a finding matters. */
public enum Severity {
  INFO,
  WARNING,
  ERROR;

  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses {@code info}, {@code warning} or {@code error}. */
  public static java.util.Optional<Severity> parse(String s) {
    for (Severity v : values()) {
      if (v.label().equalsIgnoreCase(s.trim())) {
        return java.util.Optional.of(v);
      }
    }
    return java.util.Optional.empty();
  }
}
