package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordFileTest {
  private static final String PG = "jdbc:postgresql://db.internal:5432/shop";

  private static Path file(Path dir, String text) throws Exception {
    Path p = dir.resolve("pass");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void aFileWithThePasswordAloneGivesIt(@TempDir Path dir) throws Exception {
    assertThat(PasswordFile.read(file(dir, "s3cret:with:colons\n"), PG, "app").password())
        .isEqualTo("s3cret:with:colons");
  }

  @Test
  void aPgpassFileGivesTheFirstLineThatMatchesHostPortDatabaseAndUser(@TempDir Path dir) throws Exception {
    Path p = file(dir, """
        # staging first
        staging:5432:shop:app:wrong
        db.internal:5432:shop:reporting:also-wrong
        db.internal:*:shop:app:right\\:one
        *:*:*:*:fallback
        """);
    assertThat(PasswordFile.read(p, PG, "app")).isEqualTo(new PasswordFile.Credentials(Optional.empty(), "right:one"));
    assertThat(PasswordFile.read(p, "jdbc:postgresql://other/x", "app").password()).isEqualTo("fallback");
    assertThat(PasswordFile.read(p, "jdbc:postgresql://db.internal/shop?user=app&ssl=true", null).password())
        .isEqualTo("right:one"); // the user from the URL, the port by default
  }

  @Test
  void withoutAUserTheMatchingLineNamesIt(@TempDir Path dir) throws Exception {
    Path p = file(dir, "db.internal:3306:shop:admin:pw\n");
    assertThat(PasswordFile.read(p, "jdbc:mariadb://db.internal/shop", null))
        .isEqualTo(new PasswordFile.Credentials(Optional.of("admin"), "pw"));
  }

  @Test
  void noMatchOrABadLineIsAnErrorNamingTheFileAndNeverThePassword(@TempDir Path dir) throws Exception {
    Path p = file(dir, "staging:5432:shop:app:topsecret\nprod:5432:shop:app:othersecret\n");
    assertThatThrownBy(() -> PasswordFile.read(p, PG, "app")).isInstanceOf(UserError.class)
        .hasMessageContaining(p + ": no line matches db.internal:5432:shop:app")
        .hasMessageNotContaining("secret");
    Path bad = file(dir, "a:b:c:d:e\nonly:three:fields\n");
    assertThatThrownBy(() -> PasswordFile.read(bad, PG, "app")).isInstanceOf(UserError.class)
        .hasMessageContaining(bad + ":2: expected host:port:database:user:password");
    assertThatThrownBy(() -> PasswordFile.read(file(dir, "\n"), PG, "app")).hasMessageContaining("empty");
  }
}
