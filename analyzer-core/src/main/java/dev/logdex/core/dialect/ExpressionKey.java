package dev.logdex.core.dialect;

import dev.logdex.core.model.Dialect;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An index key on a function of one column, such as {@code lower(email)}: written that way in a proposal's key list,
 * and turned into SQL here, with the column quoted as a name. Only functions logdex proposes indexes for are read as
 * expressions, so no text from a log or a schema is ever copied into a statement as an expression.
 *
 * @param function the function, lower case, one of {@link #FUNCTIONS}
 * @param column the column's name as the database stores it
 */
public record ExpressionKey(String function, String column) {

  /** The functions an expression key may apply: they map a column's values one to one for lookups. */
  public static final Set<String> FUNCTIONS = Set.of("lower", "upper");

  private static final Pattern FORM = Pattern.compile("([a-z]+)\\((.+)\\)", Pattern.DOTALL);

  public ExpressionKey {
    if (!FUNCTIONS.contains(function)) {
      throw new IllegalArgumentException("not an indexable function: " + function);
    }
  }

  /** The key as a proposal writes it: {@code lower(email)}. */
  public String key() {
    return function + "(" + column + ")";
  }

  /** The key read back from a proposal's key list, if it is an expression key. */
  public static Optional<ExpressionKey> parse(String key) {
    Matcher m = FORM.matcher(key);
    if (m.matches() && FUNCTIONS.contains(m.group(1))) {
      return Optional.of(new ExpressionKey(m.group(1), m.group(2)));
    }
    return Optional.empty();
  }

  /** The expression in SQL: {@code lower("Email")}. */
  public String sql(Dialect dialect) {
    return function + "(" + Identifiers.quote(dialect, column) + ")";
  }
}
