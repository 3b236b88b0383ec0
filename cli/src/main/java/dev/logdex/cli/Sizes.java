package dev.logdex.cli;

import java.util.Locale;

/** Sizes as people write them: 500MB, 2GB, 1.5G, 64k, 1000000. */
final class Sizes {
  private Sizes() {}

  static long parse(String option, String text) {
    String t = text.trim().toUpperCase(Locale.ROOT).replace("IB", "B");
    long unit = 1;
    for (String[] u : new String[][] {{"TB", "1099511627776"}, {"GB", "1073741824"}, {"MB", "1048576"},
        {"KB", "1024"}, {"T", "1099511627776"}, {"G", "1073741824"}, {"M", "1048576"}, {"K", "1024"}, {"B", "1"}}) {
      if (t.endsWith(u[0])) {
        unit = Long.parseLong(u[1]);
        t = t.substring(0, t.length() - u[0].length()).trim();
        break;
      }
    }
    try {
      double v = Double.parseDouble(t);
      if (!(v > 0)) {
        throw new NumberFormatException();
      }
      return (long) (v * unit);
    } catch (NumberFormatException e) {
      throw new UserError(option + ": '" + text + "' is not a size; write it like 500MB or 2GB");
    }
  }
}
