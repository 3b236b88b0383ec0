package dev.logdex.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The usage text of every command, made from the whole command model: the build writes them into the jar
 * ({@code help/logdex.txt}, {@code help/analyze.txt}, ...), and {@code logdex --help} prints them from there.
 */
final class HelpTexts {
  private HelpTexts() {}

  /** Usage texts by file name: {@code logdex.txt} for the top level, {@code NAME.txt} for each subcommand. */
  static Map<String, String> all() {
    CommandLine top = Logdex.commandLine();
    Map<String, String> out = new LinkedHashMap<>();
    out.put("logdex.txt", usage(top));
    top.getSubcommands().forEach((name, sub) -> {
      if (!name.equals("help")) {
        out.put(name + ".txt", usage(sub));
      }
    });
    return out;
  }

  static String usage(CommandLine c) {
    StringWriter w = new StringWriter();
    c.usage(new java.io.PrintWriter(w), CommandLine.Help.Ansi.OFF);
    return w.toString();
  }

  /** The text for {@code args} ({@code --help}, or {@code COMMAND --help}) as the build wrote it, or null. */
  static String stored(String[] args) {
    String name = args.length == 1 ? "logdex" : args[0];
    if (!name.matches("[a-z-]+")) {
      return null;
    }
    try (var in = HelpTexts.class.getResourceAsStream("help/" + name + ".txt")) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  /** Writes every usage text into the directory given: the build's step. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    for (Map.Entry<String, String> e : all().entrySet()) {
      Files.writeString(dir.resolve(e.getKey()), e.getValue());
    }
  }
}
