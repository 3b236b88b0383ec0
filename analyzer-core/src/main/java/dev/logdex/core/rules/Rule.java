package dev.logdex.core.rules;

import dev.logdex.core.schema.Schema;
import dev.logdex.core.workload.Workload;
import java.util.List;

/** One schema rule: a small stateless check with its metadata. */
public interface Rule {
  /** Stable kebab-case id, used in output, suppressions and {@code logdex rules ID}. */
  String id();

  /** One-line title. */
  String title();

  Severity defaultSeverity();

  /** What the finding means, why it matters, how to fix it. */
  String help();

  /** The findings for {@code schema} under {@code workload} (which may be empty). */
  List<Finding> findings(Schema schema, Workload workload);
}
