package dev.logdex.core.lex;

/**
 * logdex's own statements carry a comment that says so, so that a DBA sees in pg_stat_statements, a slow log or
 * a general log which queries were logdex's, and so that logdex leaves them out when it reads those logs again.
 */
public final class OwnStatements {
  private OwnStatements() {}

  /** The comment every statement logdex sends begins with. */
  public static final String MARKER = "/* logdex */";

  /** {@code sql} with the marker in front. */
  public static String tag(String sql) {
    return isOwn(sql) ? sql : MARKER + " " + sql;
  }

  /** Whether {@code sql} is one of logdex's own: it begins, after white space, with the marker. */
  public static boolean isOwn(String sql) {
    int i = 0;
    while (i < sql.length() && Character.isWhitespace(sql.charAt(i))) {
      i++;
    }
    return sql.startsWith(MARKER, i);
  }
}
