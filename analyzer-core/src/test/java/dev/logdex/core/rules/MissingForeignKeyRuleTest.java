package dev.logdex.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.Dialect;
import java.util.List;
import org.junit.jupiter.api.Test;

/** missing-foreign-key: a column the workload joins to a key, with no constraint. */
class MissingForeignKeyRuleTest {
  @Test
  void aJoinToAKeyWithoutAConstraintIsAMissingForeignKey() {
    List<Finding> found = RuleFixture.of(RuleFixture.SHOP,
        "SELECT n.body, u.name FROM notes n JOIN users u ON u.id = n.author_id WHERE n.id = $1")
        .run(new MissingForeignKeyRule());
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.table()).isEqualTo("notes");
      assertThat(f.columns()).containsExactly("author_id");
      assertThat(f.message()).contains("notes.author_id is joined to users.id (10 calls)");
      assertThat(f.fix()).contains("SELECT count(*) FROM notes c WHERE c.author_id IS NOT NULL AND NOT EXISTS")
          .contains("ALTER TABLE notes ADD CONSTRAINT notes_author_id_fkey FOREIGN KEY (author_id) REFERENCES"
              + " users (id) NOT VALID;")
          .contains("ALTER TABLE notes VALIDATE CONSTRAINT notes_author_id_fkey;");
    });
  }

  @Test
  void missingForeignKeyNearMisses() {
    assertThat(RuleFixture.of(RuleFixture.SHOP, "SELECT * FROM orders o JOIN users u ON u.id = o.customer_id")
        .run(new MissingForeignKeyRule())).as("the constraint exists").isEmpty();
    assertThat(RuleFixture.of(RuleFixture.SHOP, "SELECT * FROM notes n JOIN orders o ON o.total = n.author_id")
        .run(new MissingForeignKeyRule())).as("not joined to a key").isEmpty();
    assertThat(RuleFixture.of(RuleFixture.SHOP).run(new MissingForeignKeyRule())).as("author_id alone, no join confirms it")
        .isEmpty();
  }

  @Test
  void aCorrelatedSubqueryOnAKeyIsAJoinToo() {
    List<Finding> found = RuleFixture.of(RuleFixture.SHOP,
        "SELECT u.name FROM users u WHERE EXISTS (SELECT 1 FROM notes n WHERE n.author_id = u.id AND n.id > 5)")
        .run(new MissingForeignKeyRule());
    assertThat(found).singleElement().satisfies(f -> {
      assertThat(f.table()).isEqualTo("notes");
      assertThat(f.message()).contains("notes.author_id is joined to users.id");
    });
  }

  @Test
  void onMysqlAColumnOfAnotherIntegerTypeThanItsKeyGetsAdviceNotAStatementInnodbRefuses() {
    // A legacy table's int user_id joined to a bigint id: MariaDB refuses the constraint (errno 150).
    String ddl = """
        CREATE TABLE users (id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY, name varchar(40));
        CREATE TABLE favorites (id bigint PRIMARY KEY, user_id int(11) NOT NULL, owner_id bigint(20),
          signed_id bigint unsigned, handle varchar(20));
        CREATE TABLE handles (handle varchar(40) PRIMARY KEY);
        """;
    List<Finding> found = RuleFixture.of(Dialect.MYSQL, ddl,
        "SELECT * FROM favorites f JOIN users u ON u.id = f.user_id",
        "SELECT * FROM favorites f JOIN users u ON u.id = f.owner_id",
        "SELECT * FROM favorites f JOIN users u ON u.id = f.signed_id",
        "SELECT * FROM favorites f JOIN handles h ON h.handle = f.handle").run(new MissingForeignKeyRule());
    assertThat(found).hasSize(4).anySatisfy(f -> {
      assertThat(f.columns()).containsExactly("user_id");
      assertThat(f.message()).endsWith("; its type, int, is not bigint, as MySQL and MariaDB require of a foreign key"
          + " (and bigint values past the int range would not fit in it)");
      assertThat(f.fix()).startsWith("-- MySQL and MariaDB refuse this foreign key until favorites.user_id has the"
          + " type of users.id (bigint)").doesNotContain("ALTER TABLE");
    }).anySatisfy(f -> {
      assertThat(f.columns()).containsExactly("signed_id");
      assertThat(f.message()).contains("its type, bigint unsigned, is not bigint");
      assertThat(f.fix()).doesNotContain("ALTER TABLE");
    }).anySatisfy(f -> {
      assertThat(f.columns()).as("bigint(20) is bigint").containsExactly("owner_id");
      assertThat(f.fix()).contains("ALTER TABLE favorites ADD CONSTRAINT");
    }).anySatisfy(f -> {
      assertThat(f.columns()).as("strings of other lengths are allowed").containsExactly("handle");
      assertThat(f.fix()).contains("ALTER TABLE favorites ADD CONSTRAINT");
    });
    // PostgreSQL takes an integer foreign key to a bigint key.
    assertThat(RuleFixture.of(ddl.replace(" AUTO_INCREMENT", "").replace("int(11)", "int").replace("bigint(20)",
        "bigint").replace(" unsigned", ""), "SELECT * FROM favorites f JOIN users u ON u.id = f.user_id")
        .run(new MissingForeignKeyRule())).singleElement().satisfies(f -> assertThat(f.fix()).contains("NOT VALID"));
  }
}
