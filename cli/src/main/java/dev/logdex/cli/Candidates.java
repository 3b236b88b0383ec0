package dev.logdex.cli;

import java.util.Iterator;
import java.util.List;

/** The values shell completion offers for options that take a name: taken from what logdex has, not a copy. */
final class Candidates {
  private Candidates() {}

  /** The log formats {@code --input-format} takes. */
  static final class Formats implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return dev.logdex.readers.FormatDetector.formats().iterator();
    }
  }

  /** The dialects {@code --dialect} takes. */
  static final class Dialects implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return java.util.Arrays.stream(dev.logdex.core.model.Dialect.values()).map(d -> d.label()).iterator();
    }
  }

  /** The ids of the rules, for {@code rules ID}. */
  static final class RuleIds implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> ids = dev.logdex.core.rules.Rules.builtIn().stream().map(r -> r.id()).toList();
      return ids.iterator();
    }
  }
}
