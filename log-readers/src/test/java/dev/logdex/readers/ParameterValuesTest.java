package dev.logdex.readers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Logged parameter values go where PostgreSQL would put them, and nowhere its lexer reads as text. */
class ParameterValuesTest {

  @Test
  void onlyParametersOutsideTextAreReplaced() {
    assertThat(ParameterValues.bind("SELECT E'\\'$1', a$1, $$ $1 $$ FROM t /* /* $1 */ $1 */ WHERE b = $1 AND c = $2",
        "$1 = '7', $2 = NULL")).isEqualTo(
            "SELECT E'\\'$1', a$1, $$ $1 $$ FROM t /* /* $1 */ $1 */ WHERE b = '7' AND c = NULL");
  }

  @Test
  void unreadableValuesOrStatementsAreLeftAsTheyWere() {
    assertThat(ParameterValues.bind("SELECT $1", "$1 = 7")).as("an unquoted value is not PostgreSQL's form")
        .isEqualTo("SELECT $1");
    assertThat(ParameterValues.bind("SELECT '$1", "$1 = '7'")).as("an open quote").isEqualTo("SELECT '$1");
    assertThat(ParameterValues.bind("SELECT $12", "$1 = 'a'")).isEqualTo("SELECT $12");
  }
}
