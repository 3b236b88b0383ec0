package dev.logdex.core.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.Dialect;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

  @Test
  void plainNamesStayBare() {
    assertThat(Identifiers.quote(Dialect.POSTGRESQL, "user_id")).isEqualTo("user_id");
    assertThat(Identifiers.quote(Dialect.MYSQL, "UserId")).isEqualTo("UserId");
  }

  @Test
  void reservedWordsMixedCaseAndOddCharactersAreQuoted() {
    assertThat(Identifiers.quote(Dialect.POSTGRESQL, "order")).isEqualTo("\"order\"");
    assertThat(Identifiers.quote(Dialect.POSTGRESQL, "UserId")).isEqualTo("\"UserId\"");
    assertThat(Identifiers.quote(Dialect.MYSQL, "key")).isEqualTo("`key`");
    assertThat(Identifiers.quote(Dialect.MYSQL, "123")).isEqualTo("`123`");
    assertThat(Identifiers.quote(Dialect.MYSQL, "a b")).isEqualTo("`a b`");
  }

  @Test
  void aHostileNameCannotEndItsQuotes() {
    assertThat(Identifiers.quote(Dialect.POSTGRESQL, "x\"; DROP TABLE users; --"))
        .isEqualTo("\"x\"\"; DROP TABLE users; --\"");
    assertThat(Identifiers.quote(Dialect.MYSQL, "x`; DROP TABLE users; --"))
        .isEqualTo("`x``; DROP TABLE users; --`");
    String ddl = IndexDdl.create(Dialect.POSTGRESQL, "", "t\"; DROP TABLE x; --", "idx", List.of("c"), "");
    assertThat(ddl).isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx ON \"t\"\"; DROP TABLE x; --\" (c);");
  }

  @Test
  void indexNamesAreReadableDeterministicAndWithinTheLimit() {
    assertThat(IndexDdl.name(Dialect.POSTGRESQL, "orders", List.of("user_id", "created_at DESC"), ""))
        .isEqualTo("idx_orders_user_id_created_at_desc");
    String longName = IndexDdl.name(Dialect.POSTGRESQL, "a".repeat(60), List.of("b".repeat(30)), "");
    assertThat(longName).hasSize(63).isEqualTo(IndexDdl.name(Dialect.POSTGRESQL, "a".repeat(60),
        List.of("b".repeat(30)), ""));
    assertThat(longName).isNotEqualTo(IndexDdl.name(Dialect.POSTGRESQL, "a".repeat(60), List.of("c".repeat(30)), ""));
    assertThat(IndexDdl.name(Dialect.MYSQL, "t", List.of("Weird Col!"), "")).isEqualTo("idx_t_weird_col");
  }
}
