package dev.logdex.readers;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands the LOG arguments: files as given, {@code -}, and glob patterns the shell did not expand. */
final class InputPaths {
  private InputPaths() {}

  static List<String> expand(List<String> args) throws IOException {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      if (a.equals("-") || Files.exists(Path.of(a)) || !isGlob(a)) {
        out.add(a);
        continue;
      }
      Path pattern = Path.of(a);
      Path base = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
      while (isGlob(base.toString())) {
        base = base.getParent() == null ? Path.of(".") : base.getParent();
      }
      PathMatcher m;
      try {
        m = FileSystems.getDefault().getPathMatcher("glob:" + a);
      } catch (java.util.regex.PatternSyntaxException e) {
        // Not a pattern after all (an unclosed [ or {): a file name, which opening reports as missing.
        out.add(a);
        continue;
      }
      List<String> matched;
      try (Stream<Path> s = Files.walk(base, a.contains("**") ? Integer.MAX_VALUE : pattern.getNameCount())) {
        Path b = base;
        matched = s.filter(Files::isRegularFile)
            .filter(p -> m.matches(b.equals(Path.of(".")) ? Path.of(".").relativize(p) : p)
                || m.matches(p))
            .map(Path::toString).sorted().toList();
      }
      if (matched.isEmpty()) {
        throw new WorkloadReading.InputException(a + ": no file matches this pattern");
      }
      out.addAll(matched);
    }
    return out;
  }

  private static boolean isGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('{') >= 0;
  }
}
