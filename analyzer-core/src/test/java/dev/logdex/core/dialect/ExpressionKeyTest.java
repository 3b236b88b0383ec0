package dev.logdex.core.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpressionKeyTest {

  private static final List<String> COLUMNS = List.of("email", "Order", "created at", "a:b", "x>y", "sé");

  @Test
  void everyFormsKeyReadsBackAsThatForm() {
    for (String column : COLUMNS) {
      for (ExpressionKey k : List.of(new ExpressionKey("lower", column), new ExpressionKey("upper", column),
          new ExpressionKey("date_trunc", "day", column), new ExpressionKey("coalesce", "0", column),
          new ExpressionKey("coalesce", "'none'", column), new ExpressionKey("cast", "date", column),
          new ExpressionKey("->>", "tenant", column))) {
        assertThat(ExpressionKey.parse(k.key())).as(k.key()).contains(k);
      }
    }
  }

  @Test
  void aPlainColumnNameIsNoExpression() {
    for (String column : List.of("email", "Order", "created at", "a.b", "ö", "lower", "date_trunc", "")) {
      assertThat(ExpressionKey.parse(column)).as(column).isEmpty();
    }
  }

  @Test
  void aNameThatOnlyLooksLikeAFormIsNoExpression() {
    // A parenthesis, a colon or a '>' sends a key to the matchers, which still decide.
    for (String key : List.of("lower(", "f(x)", "a::text", "a::", "a > 'b'", "a ->> b", "coalesce(a, b)",
        "date_trunc('fortnight', a)", "x:y")) {
      assertThat(ExpressionKey.parse(key)).as(key).isEqualTo(Optional.empty());
    }
  }
}
