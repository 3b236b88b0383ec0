package dev.logdex.core.schema;

import java.util.Optional;
import java.util.regex.Pattern;

/** The columns apps use to mark a row deleted instead of deleting it. */
public final class SoftDelete {
  private SoftDelete() {}

  private static final Pattern NAME =
      Pattern.compile("(?i)(is_)?(deleted|archived|removed|discarded|trashed)(_at|_on|_date|_time)?");

  /** Whether a column name is a soft-delete marker ({@code deleted_at}, {@code is_deleted}, {@code deleted}, ...). */
  public static boolean isColumn(String name) {
    return NAME.matcher(name).matches();
  }

  /** The table's soft-delete column, if it has one. */
  public static Optional<Column> of(Table t) {
    return t.columns().stream().filter(c -> isColumn(c.name())).findFirst();
  }
}
