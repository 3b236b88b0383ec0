package dev.logdex.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A database as people write it becomes the JDBC URL the drivers take; what libpq would fill in, logdex fills in. */
class ConnectionStringTest {
  private static final ConnectionString.Env NONE = name -> null;

  @Test
  void aJdbcUrlIsTakenAsItIs() {
    assertThat(ConnectionString.toJdbc("jdbc:postgresql://db1/shop?user=app", NONE))
        .isEqualTo("jdbc:postgresql://db1/shop?user=app");
  }

  @Test
  void postgresUrisWithTheirUserPasswordAndParameters() {
    assertThat(ConnectionString.toJdbc("postgres://app:s%40cret@db1:6432/shop?sslmode=require", NONE))
        .isEqualTo("jdbc:postgresql://db1:6432/shop?user=app&password=s%40cret&sslmode=require");
    assertThat(ConnectionString.toJdbc("postgresql://db1/shop", NONE)).isEqualTo("jdbc:postgresql://db1:5432/shop");
  }

  @Test
  void whatAUriOrConninfoLeavesOutComesFromThePgVariablesAsInLibpq() {
    Map<String, String> env = Map.of("PGHOST", "db9", "PGPORT", "5433", "PGUSER", "ops", "PGDATABASE", "crm");
    assertThat(ConnectionString.toJdbc("postgresql://", env::get))
        .isEqualTo("jdbc:postgresql://db9:5433/crm?user=ops");
    assertThat(ConnectionString.toJdbc("postgresql:///shop", env::get))
        .isEqualTo("jdbc:postgresql://db9:5433/shop?user=ops");
    assertThat(ConnectionString.toJdbc("dbname=shop", Map.of("PGUSER", "app")::get))
        .as("the database defaults to the user's name, the host to localhost")
        .isEqualTo("jdbc:postgresql://localhost:5432/shop?user=app");
  }

  @Test
  void conninfoStringsWithQuotedValues() {
    assertThat(ConnectionString.toJdbc("host=db1 port=6432 dbname=shop user=app password='a b\\'c'"
        + " application_name=logdex", NONE))
        .isEqualTo("jdbc:postgresql://db1:6432/shop?user=app&password=a%20b%27c&ApplicationName=logdex");
    assertThatThrownBy(() -> ConnectionString.toJdbc("host=db1 dbname=shop krbsrvname=x", NONE))
        .hasMessageContaining("does not read krbsrvname");
  }

  @Test
  void mysqlAndMariadbUris() {
    assertThat(ConnectionString.toJdbc("mysql://root:pw@127.0.0.1:3306/shop", NONE))
        .isEqualTo("jdbc:mariadb://127.0.0.1:3306/shop?user=root&password=pw");
    assertThat(ConnectionString.toJdbc("mariadb://db2/crm", NONE)).isEqualTo("jdbc:mariadb://db2/crm");
  }

  @Test
  void anythingElseIsRefusedWithTheFormsItTakes() {
    assertThatThrownBy(() -> ConnectionString.toJdbc("redis://x", NONE)).hasMessageContaining("JDBC URL");
    assertThatThrownBy(() -> ConnectionString.toJdbc("shop", NONE)).hasMessageContaining("conninfo");
    assertThatThrownBy(() -> ConnectionString.toJdbc("postgresql://", NONE)).hasMessageContaining("PGDATABASE");
  }
}
