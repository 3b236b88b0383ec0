package dev.logdex.cli;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.rehearse.Server;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The server behind {@code --db}, reached for a rehearsal: other databases on it by name, as the same user. */
final class RehearsalServer implements Server {
  private final String scheme;
  private final String authority;
  private final String host;
  private final int port;
  private final String database;
  private final List<String> params;
  private final Dialect dialect;
  private final String user;
  private final Path passwordFile;

  private RehearsalServer(String scheme, String authority, String host, int port, String database,
      List<String> params, String user, Path passwordFile) {
    this.scheme = scheme;
    this.authority = authority;
    this.host = host;
    this.port = port;
    this.database = database;
    this.params = params;
    this.dialect = scheme.equals("postgresql") ? Dialect.POSTGRESQL : Dialect.MYSQL;
    this.user = user;
    this.passwordFile = passwordFile;
  }

  /** The server of {@code url}, a {@code jdbc:postgresql://host[:port]/db} or {@code jdbc:mariadb://...} URL. */
  static RehearsalServer of(String given, String user, Path passwordFile) {
    String url = ConnectionString.toJdbc(given);
    String rest = url.startsWith("jdbc:") ? url.substring(5) : url;
    URI uri;
    try {
      uri = new URI(rest);
    } catch (URISyntaxException e) {
      throw new UserError("--db " + Secrets.scrub(url) + ": not a URL logdex can read: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("mysql")) {
      scheme = "mariadb";
    }
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (!(scheme.equals("postgresql") || scheme.equals("mariadb")) || uri.getRawAuthority() == null
        || path.isEmpty()) {
      throw new UserError("--db " + Secrets.scrub(url) + ": rehearse needs jdbc:postgresql://host[:port]/database"
          + " or jdbc:mariadb://host[:port]/database");
    }
    List<String> params = new ArrayList<>();
    if (uri.getRawQuery() != null) {
      params.addAll(List.of(uri.getRawQuery().split("&")));
    }
    int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("postgresql") ? 5432 : 3306;
    String host = uri.getHost() == null ? "localhost" : uri.getHost();
    String u = user != null ? user : System.getenv("LOGDEX_DB_USER");
    if (u == null) {
      u = params.stream().filter(p -> p.startsWith("user=")).map(p -> p.substring(5)).findFirst().orElse(null);
    }
    return new RehearsalServer(scheme, uri.getRawAuthority(), host, port, path, params, u, passwordFile);
  }

  /** The URL of {@code db} on this server; without the URL's own user and password when {@code asOther}. */
  private String url(String db, boolean asOther) {
    List<String> kept = params.stream().filter(p -> !asOther || !(p.startsWith("user=") || p.startsWith("password=")))
        .toList();
    return "jdbc:" + scheme + "://" + authority + "/" + db + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
  }

  @Override
  public Dialect dialect() {
    return dialect;
  }

  @Override
  public String sourceDatabase() {
    return database;
  }

  /** Opens a connection for writing, with no time limit: building an index on the copy takes what it takes. */
  @Override
  public Connection connect(String db) throws SQLException {
    String target = db.isEmpty() ? (dialect == Dialect.POSTGRESQL ? "postgres" : "") : db;
    return writable(LiveDatabase.connect(url(target, false), user, passwordFile));
  }

  @Override
  public Connection readSource() {
    return LiveDatabase.connect(url(database, false), user, passwordFile); // read-only, as --db always is
  }

  @Override
  public Connection connectAs(String db, String otherUser, String password) throws SQLException {
    return writable(LiveDatabase.connectAs(url(db, true), otherUser, password, LiveDatabase.TIMEOUT_SECONDS));
  }

  private Connection writable(Connection c) throws SQLException {
    c.setReadOnly(false);
    try (Statement st = c.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        st.execute("SET default_transaction_read_only = off");
        st.execute("SET statement_timeout = 0");
      } else {
        st.execute("SET SESSION TRANSACTION READ WRITE");
        st.execute(dev.logdex.core.rehearse.MysqlFlavor.statementLimit(c, 0));
      }
    }
    return c;
  }

  @Override
  public boolean isLocal() {
    return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]") || host.equals("::1");
  }

  @Override
  public Optional<DumpTools> dumpTools() {
    if (dialect != Dialect.POSTGRESQL || !onPath("pg_dump") || !onPath("pg_restore")) {
      return Optional.empty();
    }
    String password = System.getenv("LOGDEX_DB_PASSWORD");
    if (password == null) {
      password = System.getenv("PGPASSWORD");
    }
    if (passwordFile != null) {
      password = PasswordFile.read(passwordFile, url(database, false), user).password();
    }
    String u = user != null ? user : System.getProperty("user.name");
    return Optional.of(new DumpTools(host, port, u, Optional.ofNullable(password)));
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }
}
