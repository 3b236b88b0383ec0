package dev.logdex.cli;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The passwords this run has seen, however they were given (in a URL, an option, a password file, the environment),
 * so that no message, error or stack trace logdex prints can show one: drivers echo URLs and option parsers echo
 * arguments in their errors.
 */
final class Secrets {
  private Secrets() {}

  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

  /** {@code user:password@} in a URL, and {@code password=} among its parameters. */
  private static final Pattern IN_URL = Pattern.compile("//[^/:@\\s'\"]*:([^@/\\s'\"]*)@");
  private static final Pattern PARAMETER = Pattern.compile("(?i)(?:password|passwd|pwd)=([^&;\\s'\"]*)");

  /** Remembers {@code secret}, and the password in it when it is a URL. */
  static void add(String secret) {
    if (secret != null && !secret.isEmpty()) {
      KNOWN.add(secret);
    }
  }

  /** Remembers the passwords in {@code url} ({@code //user:password@host}, {@code password=...}). */
  static void addFromUrl(String url) {
    if (url == null) {
      return;
    }
    for (Pattern p : List.of(IN_URL, PARAMETER)) {
      Matcher m = p.matcher(url);
      while (m.find()) {
        add(m.group(1));
      }
    }
  }

  /**
   * Remembers what the command line holds that may be a password: the value of any option whose name says
   * password ({@code --db-password=x}, {@code --db-password x}, even a misspelt one), and passwords in URLs.
   */
  static void addFromArguments(String... args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      addFromUrl(a);
      String lower = a.toLowerCase(Locale.ROOT);
      if (!a.startsWith("-") || !(lower.contains("password") || lower.contains("passwd") || lower.contains("pwd"))
          || lower.contains("password-file")) {
        continue;
      }
      int eq = a.indexOf('=');
      if (eq >= 0) {
        add(a.substring(eq + 1));
      } else if (i + 1 < args.length) {
        add(args[i + 1]);
      }
    }
  }

  /** {@code text} with every known password, and any password-shaped part of a URL, replaced by {@code ***}. */
  static String scrub(String text) {
    if (text == null) {
      return "";
    }
    String out = IN_URL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
        m.group().substring(0, m.start(1) - m.start()) + "***@"));
    out = PARAMETER.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
        m.group().substring(0, m.start(1) - m.start()) + "***"));
    for (String s : KNOWN) {
      out = out.replace(s, "***");
    }
    return out;
  }

  /** Forgets every password: for tests that run the command line several times in one process. */
  static void clear() {
    KNOWN.clear();
  }
}
