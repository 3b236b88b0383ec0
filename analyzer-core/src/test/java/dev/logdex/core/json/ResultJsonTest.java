package dev.logdex.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.logdex.core.model.Dialect;
import dev.logdex.core.model.Fix;
import dev.logdex.core.rules.Finding;
import dev.logdex.core.rules.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A finding's fix keeps its type through JSON, so that migrate --from a snapshot applies what analyze found. */
class ResultJsonTest {

  @Test
  void everyKindOfFixReadsBackAsItWasWritten() {
    List<Finding> findings = List.of(
        Finding.of("unindexed-foreign-key", Severity.WARNING, "orders", List.of("user_id"), "m",
            new Fix.CreateIndex("", "orders", "idx_orders_user_id", List.of("user_id"), ""), Dialect.POSTGRESQL),
        Finding.of("duplicate-index", Severity.WARNING, "Orders", List.of("a"), "m",
            new Fix.DropIndex("Sales", "Orders", "i2"), Dialect.POSTGRESQL),
        Finding.of("missing-foreign-key", Severity.WARNING, "notes", List.of("author_id"), "m",
            new Fix.AddForeignKey("notes", List.of("author_id"), "users", List.of("id")), Dialect.MYSQL),
        new Finding("god-table", Severity.INFO, "t", List.of(), "m", "-- split the table"));
    List<Finding> back = ResultJson.findings(ResultJson.findings(findings));
    assertThat(back).isEqualTo(findings);
    assertThat(back.get(1).fix()).isEqualTo("DROP INDEX CONCURRENTLY IF EXISTS \"Sales\".i2;");
    assertThat(back.get(3).change()).isEqualTo(new Fix.Review("-- split the table"));
  }

  @Test
  void aFindingFromAnOlderSnapshotIsAdviceToRead() {
    var node = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
    node.addObject().put("rule", "duplicate-index").put("severity", "warning").put("table", "t")
        .put("message", "m").put("fix", "DROP INDEX i;").putArray("columns");
    assertThat(ResultJson.findings(node)).singleElement()
        .satisfies(f -> assertThat(f.change()).isEqualTo(new Fix.Review("DROP INDEX i;")));
  }

  @Test
  void aRecommendationOutsideTheDefaultSchemaReadsBackWithItsFix() {
    var rec = new dev.logdex.core.recommend.Recommendation(1,
        new dev.logdex.core.recommend.IndexCandidate("app.users", List.of("email"), 1, ""),
        new Fix.CreateIndex("app", "users", "idx_app_users_email", List.of("email"), "", true), "ddl", 5, "why",
        List.of());
    assertThat(ResultJson.recommendations(ResultJson.recommendations(List.of(rec)))).containsExactly(rec);
  }

  @Test
  void aCoveringIndexKeepsItsIncludeColumns() {
    var rec = new dev.logdex.core.recommend.Recommendation(1,
        new dev.logdex.core.recommend.IndexCandidate("events", List.of("account"), 1, "", List.of("kind")),
        new Fix.CreateIndex("", "events", "idx_events_account_incl_kind", List.of("account"), "", false,
            List.of("kind")), "ddl", 5, "why", List.of());
    assertThat(ResultJson.recommendations(ResultJson.recommendations(List.of(rec)))).containsExactly(rec);
    List<Finding> findings = List.of(Finding.of("unindexed-foreign-key", Severity.WARNING, "events",
        List.of("account"), "m", rec.fix(), Dialect.POSTGRESQL));
    assertThat(ResultJson.findings(ResultJson.findings(findings))).isEqualTo(findings);
    assertThat(findings.get(0).fix()).isEqualTo("CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_events_account_incl_kind "
        + "ON events (account) INCLUDE (kind);");
  }

  @Test
  void anIndexOnAPartitionedTableKeepsTheIndexesOnItsPartitions() {
    // The parent's index made on it alone, each partition's built concurrently and attached, one level down too.
    List<Fix.PartitionIndex> parts = List.of(
        new Fix.PartitionIndex("App Data", "Loan_2024", "idx_app_data_loan_2024_member_id", false, List.of()),
        new Fix.PartitionIndex("public", "loan_2025", "idx_loan_2025_member_id", true, List.of(
            new Fix.PartitionIndex("public", "loan_2025_a", "idx_loan_2025_a_member_id", false, List.of()))));
    Fix.CreateIndex fix = new Fix.CreateIndex("App Data", "Loan", "idx_app_data_loan_member_id",
        List.of("member_id"), "", true, List.of(), java.util.Map.of(), parts);
    var rec = new dev.logdex.core.recommend.Recommendation(1,
        new dev.logdex.core.recommend.IndexCandidate("App Data.Loan", List.of("member_id"), 1, ""), fix, "ddl", 5,
        "why", List.of());
    assertThat(ResultJson.recommendations(ResultJson.recommendations(List.of(rec)))).containsExactly(rec);
    List<Finding> findings = List.of(Finding.of("unindexed-foreign-key", Severity.WARNING, "App Data.Loan",
        List.of("member_id"), "m", fix, Dialect.POSTGRESQL));
    assertThat(ResultJson.findings(ResultJson.findings(findings))).isEqualTo(findings);
    assertThat(findings.get(0).fix()).endsWith("""
        CREATE INDEX IF NOT EXISTS idx_app_data_loan_member_id ON ONLY "App Data"."Loan" (member_id);
        CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_app_data_loan_2024_member_id ON "App Data"."Loan_2024" (member_id);
        ALTER INDEX "App Data".idx_app_data_loan_member_id ATTACH PARTITION "App Data".idx_app_data_loan_2024_member_id;
        CREATE INDEX IF NOT EXISTS idx_loan_2025_member_id ON ONLY loan_2025 (member_id);
        CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_loan_2025_a_member_id ON loan_2025_a (member_id);
        ALTER INDEX idx_loan_2025_member_id ATTACH PARTITION idx_loan_2025_a_member_id;
        ALTER INDEX "App Data".idx_app_data_loan_member_id ATTACH PARTITION idx_loan_2025_member_id;""");
  }
}
