package org.mevflow.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.db.jooq.Tables.DATASETS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.JobKind;
import org.mevflow.db.type.PublicDb;
import org.mevflow.db.type.Runner;
import org.mevflow.db.type.SubmissionStatus;
import org.mevflow.testing.TestPostgres;

/** Jobs of every kind listed from the tables, filtered by kind, failure and time. */
class JobRepositoryTest {
  @Test
  void listsEveryKindNewestFirstAndFilters() {
    DSLContext db = DSL.using(TestPostgres.newDatabase().dataSource(), SQLDialect.POSTGRES);
    JobRepository jobs = new JobRepository(db);
    long owner = new UserRepository(db).create("j", "j@example.org", "x", false).getId();
    UUID op = UUID.randomUUID();
    new OperationRepository(db)
        .insert(
            op,
            "Row sums",
            "",
            "{}",
            Runner.LOCAL,
            true,
            null,
            null,
            "file://b/x/",
            null,
            List.of());
    ExecutionRepository executions = new ExecutionRepository(db);
    UUID ok = UUID.randomUUID();
    executions.create(ok, op, owner, null, "fine", Runner.LOCAL, "{}", Map.of());
    executions.finish(ok, ExecutionStatus.SUCCEEDED, "{}", "[]");
    UUID bad = UUID.randomUUID();
    executions.create(bad, op, owner, null, "broken", Runner.LOCAL, "{}", Map.of());
    executions.finish(bad, ExecutionStatus.FAILED, null, "[\"run.sh exited with 4\"]");

    DatasetRepository datasets = new DatasetRepository(db);
    datasets.markComputing(PublicDb.SRA, "SRR1", "sketch-small", 10, "sketch-sra-SRR1", "r1");
    datasets.markFailed(PublicDb.SRA, "SRR1", "fastq-dump exited with 1");
    datasets.markComputing(PublicDb.SRA, "SRR2", "sketch-small", 10, "sketch-sra-SRR2", "r2");
    db.update(DATASETS)
        .set(DATASETS.UPDATED_AT, OffsetDateTime.now().minusDays(3))
        .where(DATASETS.ACCESSION.eq("SRR2"))
        .execute();
    SubmissionRepository submissions = new SubmissionRepository(db);
    UUID sub = UUID.randomUUID();
    submissions.create(
        sub,
        datasets.find(PublicDb.SRA, "SRR1").orElseThrow().getId(),
        owner,
        "s3://b/k",
        1,
        "ab",
        "verify-" + sub);
    submissions.decide(sub, SubmissionStatus.UNVERIFIABLE, "run SRR1 is missing", null);

    DiscoveryRepository discoveries = new DiscoveryRepository(db);
    long day =
        discoveries.begin(java.time.LocalDate.of(2026, 11, 24), "discovery-2026-11-24", "d1");
    discoveries.finish(
        day,
        org.mevflow.db.type.DiscoveryStatus.FAILED,
        new DiscoveryRepository.Counts(0, 0, 0, 0, 0, 0, 0),
        "NCBI answered 503");

    var all = jobs.list(null, false, null, 100);
    assertThat(all)
        .extracting(JobRepository.Job::workflowId)
        .containsExactlyInAnyOrder(
            "analysis-" + ok,
            "analysis-" + bad,
            "sketch-sra-SRR1",
            "sketch-sra-SRR2",
            "verify-" + sub,
            "discovery-2026-11-24");
    assertThat(all.get(all.size() - 1).workflowId()).isEqualTo("sketch-sra-SRR2"); // the oldest

    var failed = jobs.list(null, true, null, 100);
    assertThat(failed)
        .extracting(JobRepository.Job::workflowId)
        .containsExactlyInAnyOrder(
            "analysis-" + bad, "sketch-sra-SRR1", "verify-" + sub, "discovery-2026-11-24");
    assertThat(jobs.list(JobRepository.Filter.parse("discovery", "PT1H").kind(), true, null, 10))
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.subject()).isEqualTo("discovery of 2026-11-24");
              assertThat(j.status()).isEqualTo("FAILED");
              assertThat(j.message()).isEqualTo("NCBI answered 503");
            });
    assertThat(failed)
        .filteredOn(j -> j.kind() == JobKind.SKETCH)
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.subject()).isEqualTo("SRA SRR1");
              assertThat(j.status()).isEqualTo("FAILED");
              assertThat(j.message()).isEqualTo("fastq-dump exited with 1");
            });
    assertThat(jobs.list(JobKind.ANALYSIS, true, null, 100))
        .singleElement()
        .satisfies(
            j -> {
              assertThat(j.subject()).isEqualTo("broken: Row sums");
              // the errors as a line of text, not as a JSON array
              assertThat(j.message()).isEqualTo("run.sh exited with 4");
            });
    // a success has no message (it listed "[]")
    assertThat(all)
        .filteredOn(j -> j.workflowId().equals("analysis-" + ok))
        .singleElement()
        .satisfies(j -> assertThat(j.message()).isNull());
    assertThat(jobs.list(JobKind.SKETCH, false, OffsetDateTime.now().minusDays(1), 100))
        .extracting(JobRepository.Job::workflowId)
        .containsExactly("sketch-sra-SRR1");
    assertThat(jobs.list(null, false, null, 2)).hasSize(2);
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () -> JobRepository.Filter.parse("everything", null)))
        .hasMessageContaining("known: analysis, sketch, verify, validate, discovery");
  }

  @Test
  void aLostRunIsThePreviousRunWithAReasonAndASubmittedDatasetIsNotQueued() {
    DSLContext db = DSL.using(TestPostgres.newDatabase().dataSource(), SQLDialect.POSTGRES);
    DatasetRepository datasets = new DatasetRepository(db);
    // a run that was lost: it never recorded an end
    datasets.markComputing(PublicDb.SRA, "SRR7", "sketch-small", 10, "sketch-sra-SRR7", "r1");
    datasets.markComputing(PublicDb.SRA, "SRR7", "sketch-small", 10, "sketch-sra-SRR7", "r2");
    var row = datasets.find(PublicDb.SRA, "SRR7").orElseThrow();
    assertThat(row.getPreviousRunId()).isEqualTo("r1");
    assertThat(row.getPreviousError()).contains("without recording a reason");

    var submitted =
        datasets.ensure(PublicDb.SRA, "SRR8", org.mevflow.db.type.DatasetStatus.SUBMITTED);
    assertThat(submitted.getStatus()).isEqualTo(org.mevflow.db.type.DatasetStatus.SUBMITTED);
    assertThat(submitted.getWorkflowId()).isNull();
    assertThat(datasets.requested(PublicDb.SRA, "SRR8").getStatus())
        .isEqualTo(org.mevflow.db.type.DatasetStatus.QUEUED);
    // a computed one stays computed when asked again
    datasets.markComputed(PublicDb.SRA, "SRR8", "file://b/sigs/SRR8.sig", 5, List.of());
    assertThat(datasets.requested(PublicDb.SRA, "SRR8").getStatus())
        .isEqualTo(org.mevflow.db.type.DatasetStatus.COMPUTED);
  }
}
