package dev.logdex.core.dialect;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A PostgreSQL index key with a pattern operator class, {@code title text_pattern_ops}: the key a {@code LIKE
 * 'abc%'} needs. A plain B-tree index compares by the column's collation, and under any collation but {@code C}
 * (en_US.UTF-8, C.UTF-8: most databases) PostgreSQL cannot turn a LIKE prefix into a range of it, so the query reads
 * the whole table beside an index it cannot use. An index with the pattern class compares byte by byte and serves
 * LIKE prefixes and equality under every collation, though not {@code <}, {@code >} or ORDER BY.
 *
 * <p>Keys are written as the DDL writes them: the column, a space and the class ({@code "title text_pattern_ops"}),
 * optionally followed by {@code " DESC"}. Only the three classes below are ever written, so no text from a log or a
 * schema reaches a statement through one.
 */
public final class PatternKey {
  private PatternKey() {}

  /** The pattern operator classes, one per character type. */
  public static final Set<String> CLASSES = Set.of("text_pattern_ops", "varchar_pattern_ops", "bpchar_pattern_ops");

  /** The key on {@code column}, of SQL type {@code type}, that serves a LIKE prefix on PostgreSQL. */
  public static String of(String column, String type) {
    String t = type.toLowerCase(Locale.ROOT).strip();
    String opclass = t.startsWith("character varying") || t.startsWith("varchar") ? "varchar_pattern_ops"
        : t.equals("bpchar") || t.startsWith("char") || t.startsWith("character") || t.startsWith("bpchar(")
            ? "bpchar_pattern_ops" : "text_pattern_ops";
    return column + " " + opclass;
  }

  /** The operator class of {@code key} ({@code "title text_pattern_ops DESC"}), if it is a pattern key. */
  public static Optional<String> opclass(String key) {
    String k = withoutDirection(key);
    int space = k.lastIndexOf(' ');
    if (space < 0) {
      return Optional.empty();
    }
    String c = k.substring(space + 1);
    return CLASSES.contains(c) ? Optional.of(c) : Optional.empty();
  }

  /** The column of {@code key}: without its direction and its pattern class, if any. */
  public static String column(String key) {
    String k = withoutDirection(key);
    return opclass(k).map(c -> k.substring(0, k.length() - c.length() - 1)).orElse(k);
  }

  private static String withoutDirection(String key) {
    return key.endsWith(" DESC") ? key.substring(0, key.length() - 5) : key;
  }
}
