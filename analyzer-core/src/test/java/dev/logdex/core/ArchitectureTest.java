package dev.logdex.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Data flows one way: each package of the core uses only the packages below it in this list, never one above it.
 * The reader-facing model is at the bottom, the writers at the top; the result value and the one place that runs
 * the pipeline ({@code analysis}) stand between the deciders and the writers.
 */
class ArchitectureTest {

  /** Bottom first. */
  static final List<String> LAYERS = List.of(
      "model", // records everything shares
      "lex", // SQL text as the databases lex it
      "fingerprint",
      "dialect", // SQL logdex writes
      "schema",
      "sql", // statement analysis, which resolves names against the schema
      "workload",
      "recommend",
      "rules",
      "plan", // the planner's verdicts on a live database
      "analysis", // the result value and the pipeline
      "json", // the result's one JSON form
      "snapshot",
      "migration",
      "rehearse", // the migration applied to a copy, and the workload measured on it
      "report");

  @Test
  void noPackageUsesOneAboveIt() {
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.logdex.core");
    for (int i = 0; i < LAYERS.size(); i++) {
      String[] above = LAYERS.subList(i + 1, LAYERS.size()).stream().map(p -> "dev.logdex.core." + p + "..")
          .toArray(String[]::new);
      if (above.length == 0) {
        continue;
      }
      noClasses().that().resideInAPackage("dev.logdex.core." + LAYERS.get(i) + "..")
          .should().dependOnClassesThat().resideInAnyPackage(above)
          .because("data flows down only: " + LAYERS.get(i) + " is below " + String.join(", ",
              LAYERS.subList(i + 1, LAYERS.size())))
          .check(classes);
    }
  }

  @Test
  void everyPackageOfTheCoreHasItsPlace() {
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.logdex.core");
    java.util.Set<String> packages = new java.util.TreeSet<>();
    classes.forEach(c -> {
      String rest = c.getPackageName().replaceFirst("^dev\\.logdex\\.core\\.?", "");
      if (!rest.isEmpty()) {
        packages.add(rest.split("\\.")[0]);
      }
    });
    org.assertj.core.api.Assertions.assertThat(LAYERS).as("a new package needs a layer").containsAll(packages);
  }
}
