package dev.logdex.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A database as people write it, as the JDBC URL the drivers take: a JDBC URL as it is; a {@code postgres://} or
 * {@code postgresql://} URI or a libpq conninfo string ({@code host=db1 dbname=shop user=app}), with what they leave
 * out taken from {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE} and {@code PGUSER} as libpq takes it; a
 * {@code mysql://} or {@code mariadb://} URI.
 */
final class ConnectionString {
  private ConnectionString() {}

  /** The environment a conninfo's gaps are filled from: {@code System::getenv}, or a map in tests. */
  interface Env {
    String get(String name);
  }

  /** {@code db} as a JDBC URL. */
  static String toJdbc(String db) {
    return toJdbc(db, System::getenv);
  }

  static String toJdbc(String db, Env env) {
    String s = db.strip();
    if (s.startsWith("jdbc:")) {
      return s;
    }
    int scheme = s.indexOf("://");
    if (scheme > 0) {
      String name = s.substring(0, scheme).toLowerCase(java.util.Locale.ROOT);
      return switch (name) {
        case "postgres", "postgresql" -> postgres(uri(db, "postgresql" + s.substring(scheme)), env);
        case "mysql", "mariadb" -> mariadb(uri(db, "mariadb" + s.substring(scheme)));
        default -> throw new UserError("--db: " + Secrets.scrub(db) + ": give a JDBC URL, a postgres:// or mysql:// "
            + "URI, or host=... dbname=... (" + name + ":// is not one logdex reads)");
      };
    }
    if (s.contains("=")) {
      return conninfo(db, s, env);
    }
    throw new UserError("--db: " + Secrets.scrub(db) + ": give a JDBC URL (jdbc:postgresql://host/db), a URI "
        + "(postgres://user@host/db, mysql://user@host/db) or a conninfo string (host=... dbname=...)");
  }

  /** Stands for the host a URI leaves out ({@code postgresql://}, {@code postgresql:///shop}): the default one. */
  private static final String NO_HOST = "logdex.no.host";

  private static URI uri(String db, String text) {
    int after = text.indexOf("://") + 3;
    if (after == text.length() || "/?".indexOf(text.charAt(after)) >= 0) {
      text = text.substring(0, after) + NO_HOST + text.substring(after);
    }
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      throw new UserError("--db: " + Secrets.scrub(db) + ": not a URI logdex can read: " + e.getReason());
    }
  }

  /** The parts of a PostgreSQL connection: each may be null, filled from the environment. */
  private static String postgresUrl(String host, String port, String database, String user, String password,
      Map<String, String> params, Env env) {
    host = first(host, env.get("PGHOST"), "localhost");
    port = first(port, env.get("PGPORT"), "5432");
    user = first(user, env.get("PGUSER"), null);
    database = first(database, env.get("PGDATABASE"), user);
    if (database == null) {
      throw new UserError("--db: no database named (give it in the URI, dbname=..., or PGDATABASE)");
    }
    Map<String, String> all = new LinkedHashMap<>();
    if (user != null) {
      all.put("user", user);
    }
    if (password != null) {
      all.put("password", password);
    }
    all.putAll(params);
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return "jdbc:postgresql://" + h + ":" + port + "/" + encode(database) + query(all);
  }

  private static String postgres(URI u, Env env) {
    String[] userInfo = userInfo(u);
    String path = u.getRawPath() == null ? "" : u.getRawPath().replaceFirst("^/", "");
    return postgresUrl(NO_HOST.equals(u.getHost()) ? null : u.getHost(), u.getPort() > 0 ? Integer.toString(u.getPort()) : null,
        path.isEmpty() ? null : decode(path), userInfo[0], userInfo[1], params(u.getRawQuery()), env);
  }

  private static String mariadb(URI u) {
    String[] userInfo = userInfo(u);
    Map<String, String> all = new LinkedHashMap<>();
    if (userInfo[0] != null) {
      all.put("user", userInfo[0]);
    }
    if (userInfo[1] != null) {
      all.put("password", userInfo[1]);
    }
    all.putAll(params(u.getRawQuery()));
    String path = u.getRawPath() == null ? "/" : u.getRawPath();
    return "jdbc:mariadb://" + (u.getHost() == null || NO_HOST.equals(u.getHost()) ? "localhost" : u.getHost())
        + (u.getPort() > 0 ? ":" + u.getPort() : "") + (path.isEmpty() ? "/" : path) + query(all);
  }

  /** libpq's keyword=value form; values may be single-quoted, with {@code \'} and {@code \\} inside. */
  private static String conninfo(String db, String s, Env env) {
    Map<String, String> kv = new LinkedHashMap<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i >= s.length()) {
        break;
      }
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        throw new UserError("--db: " + Secrets.scrub(db) + ": expected keyword=value at offset " + i);
      }
      String key = s.substring(i, eq).strip();
      i = eq + 1;
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      StringBuilder v = new StringBuilder();
      if (i < s.length() && s.charAt(i) == '\'') {
        i++;
        while (i < s.length() && s.charAt(i) != '\'') {
          if (s.charAt(i) == '\\' && i + 1 < s.length()) {
            i++;
          }
          v.append(s.charAt(i++));
        }
        if (i >= s.length()) {
          throw new UserError("--db: " + Secrets.scrub(db) + ": a quoted value is not closed");
        }
        i++;
      } else {
        while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
          v.append(s.charAt(i++));
        }
      }
      kv.put(key, v.toString());
    }
    if (kv.containsKey("password")) {
      Secrets.add(kv.get("password"));
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (String k : List.of("sslmode", "connect_timeout", "application_name", "options")) {
      if (kv.containsKey(k)) {
        params.put(k.equals("connect_timeout") ? "connectTimeout" : k.equals("application_name") ? "ApplicationName"
            : k, kv.get(k));
      }
    }
    List<String> unknown = new ArrayList<>(kv.keySet());
    unknown.removeAll(List.of("host", "hostaddr", "port", "dbname", "user", "password", "sslmode", "connect_timeout",
        "application_name", "options"));
    if (!unknown.isEmpty()) {
      throw new UserError("--db: " + Secrets.scrub(db) + ": logdex does not read " + String.join(", ", unknown)
          + " in a conninfo string; give a JDBC URL for those");
    }
    return postgresUrl(kv.getOrDefault("host", kv.get("hostaddr")), kv.get("port"), kv.get("dbname"),
        kv.get("user"), kv.get("password"), params, env);
  }

  private static String[] userInfo(URI u) {
    String raw = u.getRawUserInfo();
    if (raw == null) {
      return new String[2];
    }
    int colon = raw.indexOf(':');
    String user = decode(colon < 0 ? raw : raw.substring(0, colon));
    String password = colon < 0 ? null : decode(raw.substring(colon + 1));
    if (password != null) {
      Secrets.add(password);
    }
    return new String[] {user.isEmpty() ? null : user, password};
  }

  private static Map<String, String> params(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery != null) {
      for (String p : rawQuery.split("&")) {
        int eq = p.indexOf('=');
        if (eq > 0) {
          out.put(decode(p.substring(0, eq)), decode(p.substring(eq + 1)));
        }
      }
    }
    return out;
  }

  private static String query(Map<String, String> params) {
    List<String> parts = new ArrayList<>();
    params.forEach((k, v) -> parts.add(encode(k) + "=" + encode(v)));
    return parts.isEmpty() ? "" : "?" + String.join("&", parts);
  }

  private static String first(String a, String b, String c) {
    return a != null && !a.isEmpty() ? a : b != null && !b.isEmpty() ? b : c;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
