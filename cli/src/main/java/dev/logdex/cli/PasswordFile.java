package dev.logdex.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The password for a --db URL from a file: either the password alone on the first line, or lines in the format of
 * PostgreSQL's {@code .pgpass}, {@code host:port:database:user:password}, where {@code *} matches anything and
 * {@code \:} and {@code \\} escape. The first line that matches the URL's host, port, database and user wins, as in
 * libpq.
 */
final class PasswordFile {
  private PasswordFile() {}

  /**
   * The credentials found.
   *
   * @param user the user of the matching line, when the caller gave none and the line names one
   */
  record Credentials(Optional<String> user, String password) {}

  /** The credentials in {@code file} for {@code jdbcUrl}, connecting as {@code user} (null: not given). */
  static Credentials read(Path file, String jdbcUrl, String user) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UserError(file + ": cannot read the password file: " + e.getMessage());
    }
    List<String> entries = lines.stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    if (entries.isEmpty()) {
      throw new UserError(file + ": the password file is empty");
    }
    if (entries.size() == 1 && fields(entries.get(0)).size() != 5) {
      return new Credentials(Optional.empty(), entries.get(0)); // the password alone
    }
    Target t = Target.of(jdbcUrl);
    String u = user != null ? user : t.user;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      List<String> f = fields(line);
      if (f.size() != 5) {
        throw new UserError(file + ":" + (i + 1) + ": expected host:port:database:user:password (5 fields, "
            + "':' escaped as '\\:'), found " + f.size() + " fields");
      }
      if (matches(f.get(0), t.host) && matches(f.get(1), t.port) && matches(f.get(2), t.database)
          && (u == null || matches(f.get(3), u))) {
        Optional<String> lineUser = u == null && !f.get(3).equals("*") ? Optional.of(f.get(3)) : Optional.empty();
        return new Credentials(lineUser, f.get(4));
      }
    }
    throw new UserError(file + ": no line matches " + t.host + ":" + t.port + ":" + t.database + ":"
        + (u == null ? "*" : u));
  }

  private static boolean matches(String pattern, String value) {
    return pattern.equals("*") || pattern.equals(value);
  }

  /** The fields of a line, split at unescaped colons, unescaped. */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length()) {
        cur.append(line.charAt(++i));
      } else if (c == ':' && out.size() < 4) { // the password may hold colons
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  /** Host, port, database and URL user of a jdbc:postgresql or jdbc:mariadb URL. */
  private record Target(String host, String port, String database, String user) {
    static Target of(String jdbcUrl) {
      String rest = jdbcUrl.substring("jdbc:".length());
      URI uri;
      try {
        uri = URI.create(rest);
      } catch (IllegalArgumentException e) {
        throw new UserError("--db: cannot read the URL to look its password up: " + Secrets.scrub(jdbcUrl));
      }
      boolean pg = rest.startsWith("postgresql:");
      String host = uri.getHost() == null ? "localhost" : uri.getHost();
      String port = uri.getPort() < 0 ? (pg ? "5432" : "3306") : String.valueOf(uri.getPort());
      String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      String user = null;
      if (uri.getQuery() != null) {
        for (String p : uri.getQuery().split("&")) {
          if (p.startsWith("user=")) {
            user = p.substring(5);
          }
        }
      }
      return new Target(host, port, path, user);
    }
  }
}
