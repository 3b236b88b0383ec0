package dev.logdex.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.logdex.core.rules.Finding;
import dev.logdex.core.rules.Rule;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

/** The output of {@code logdex lint} and {@code logdex rules}: findings with their fixes, and the rule catalogue. */
public final class FindingsReport {
  private FindingsReport() {}

  /** Findings for a terminal: one block each, the fix indented under its message. */
  public static void text(List<Finding> findings, Writer out) throws IOException {
    text(findings, out, false);
  }

  /** The same, with ANSI colours when {@code color}. */
  public static void text(List<Finding> findings, Writer out, boolean color) throws IOException {
    StringBuilder b = new StringBuilder();
    for (Finding f : findings) {
      b.append(TextReport.severity(String.format(Locale.ROOT, "%-7s", f.severity().label()), f.severity(), color))
          .append(String.format(Locale.ROOT, " %s%s%n", f.rule(),
          f.table().isEmpty() ? "" : "  " + Escape.terminalLine(f.table() + (f.columns().isEmpty() ? ""
              : "(" + String.join(", ", f.columns()) + ")"))));
      b.append("        ").append(Escape.terminal(f.message())).append('\n');
      for (String line : f.fix().split("\n")) {
        if (!line.isBlank()) {
          b.append("        | ").append(Escape.terminalLine(line)).append('\n');
        }
      }
    }
    b.append(String.format(Locale.ROOT, "%d findings%n", findings.size()));
    out.write(b.toString());
    out.flush();
  }

  public static void json(String version, List<Finding> findings, Writer out) throws IOException {
    ObjectMapper m = dev.logdex.core.json.JsonOutput.mapper();
    ObjectNode root = m.createObjectNode();
    root.put("logdex", version);
    root.set("findings", dev.logdex.core.json.ResultJson.findings(findings));
    m.writeValue(out, root);
    out.write(System.lineSeparator());
    out.flush();
  }

  public static void markdown(List<Finding> findings, Writer out) throws IOException {
    StringBuilder b = new StringBuilder("# logdex findings\n\n");
    if (findings.isEmpty()) {
      b.append("None.\n");
    }
    for (Finding f : findings) {
      b.append("- **").append(f.severity().label()).append("** `").append(f.rule()).append("` ")
          .append(MarkdownReport.cell(f.message())).append("\n\n");
      if (!f.fix().isBlank()) {
        b.append("  ```sql\n");
        for (String line : f.fix().replace("```", "` ` `").split("\n")) {
          b.append("  ").append(Escape.terminalLine(line).replace("```", "` ` `")).append('\n');
        }
        b.append("  ```\n\n");
      }
    }
    out.write(b.toString());
    out.flush();
  }

  /** The rule catalogue as a Markdown table (the README's table is this output). */
  public static String rulesTable(List<Rule> rules) {
    StringBuilder b = new StringBuilder("| rule | severity | what it finds |\n|---|---|---|\n");
    for (Rule r : rules) {
      b.append("| `").append(r.id()).append("` | ").append(r.defaultSeverity().label()).append(" | ")
          .append(r.title()).append(" |\n");
    }
    return b.toString();
  }

  /** The rule catalogue for a terminal. */
  public static String rulesText(List<Rule> rules) {
    StringBuilder b = new StringBuilder();
    for (Rule r : rules) {
      b.append(String.format(Locale.ROOT, "%-24s %-8s %s%n", r.id(), r.defaultSeverity().label(), r.title()));
    }
    return b.toString();
  }
}
