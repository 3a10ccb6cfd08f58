package org.mevflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.db.jooq.Tables.DATASETS;
import static org.mevflow.db.jooq.Tables.EXECUTIONS;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.SubmissionRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.jooq.Tables;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.PublicDb;
import org.mevflow.db.type.Runner;
import org.mevflow.db.type.SubmissionStatus;
import org.mevflow.testing.TestDatabaseInitializer;
import org.mevflow.workflows.analyses.AnalysisWorkflow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * Rows whose workflow is gone (Temporal's data lost) are started again under the same id; rows
 * whose workflow closed without ending them are ended with the reason; rows still moving are left.
 * The worker here polls only {@code sketch-small}, so the workflows it starts stay where they are.
 */
@Tag("component")
@SpringBootTest(
    classes = WorkerApplication.class,
    properties = {
      "spring.temporal.test-server.enabled=true",
      "mevflow.temporal.register-search-attributes=true",
      "spring.main.banner-mode=off",
      "mevflow.worker.task-queues=sketch-small",
      "mevflow.storage.local.root=target/test-storage",
      "mevflow.reconciler.interval=1h"
    })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class StrandedJobsTest {
  @Autowired StrandedJobs stranded;
  @Autowired DSLContext db;
  @Autowired WorkflowClient client;

  @Test
  void restartsWhatLostItsWorkflowAndEndsWhatItsWorkflowLeft() {
    long owner = new UserRepository(db).create("s", "s@example.org", "x", false).getId();
    UUID op = UUID.randomUUID();
    new OperationRepository(db)
        .insert(
            op, "x", "", "{}", Runner.CROMWELL, true, null, null, "file://b/x/", null, List.of());
    ExecutionRepository executions = new ExecutionRepository(db);
    UUID lost = execution(executions, op, owner, ExecutionStatus.RUNNING, true);
    UUID aborting = execution(executions, op, owner, ExecutionStatus.ABORTING, true);
    UUID terminated = execution(executions, op, owner, ExecutionStatus.RUNNING, true);
    UUID moving = execution(executions, op, owner, ExecutionStatus.RUNNING, false);
    // the terminated one has a workflow, ended by an operator before it recorded anything
    AnalysisWorkflow w =
        client.newWorkflowStub(
            AnalysisWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue("analyses")
                .setWorkflowId("analysis-" + terminated)
                .build());
    WorkflowClient.start(w::run, terminated.toString());
    client.newUntypedWorkflowStub("analysis-" + terminated).terminate("by hand");

    DatasetRepository datasets = new DatasetRepository(db);
    dataset(datasets, "GCA_000000009.1", "sketch-genomes-GCA_000000009.1");
    dataset(datasets, "GCA_000000010.1", "sketch-genomes-GCA_000000010.1");
    client
        .newUntypedWorkflowStub(
            "SketchWorkflow",
            WorkflowOptions.newBuilder()
                .setTaskQueue("signatures")
                .setWorkflowId("sketch-genomes-GCA_000000010.1")
                .build())
        .start(
            new org.mevflow.workflows.signatures.SketchRequest(
                "genomes", "GCA_000000010.1", false));
    client.newUntypedWorkflowStub("sketch-genomes-GCA_000000010.1").terminate("by hand");

    assertThat(stranded.reconcile()).isEqualTo(new StrandedJobs.Healed(3, 2));

    assertThat(status("analysis-" + lost)).isEqualTo("RUNNING");
    assertThat(status("analysis-" + aborting)).isEqualTo("RUNNING");
    assertThat(
            client.fetchHistory("analysis-" + aborting).getEvents().stream()
                .map(e -> e.getEventType()))
        .contains(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED);
    assertThat(executions.find(terminated).orElseThrow().getStatus())
        .isEqualTo(ExecutionStatus.FAILED);
    assertThat(executions.find(terminated).orElseThrow().getErrorMessages().data())
        .contains("analysis-" + terminated)
        .contains("ended (terminated) without recording the job's end");
    assertThat(executions.find(moving).orElseThrow().getStatus())
        .isEqualTo(ExecutionStatus.RUNNING);
    assertThat(status("sketch-genomes-GCA_000000009.1")).isEqualTo("RUNNING");
    var failed = datasets.find(PublicDb.GENOMES, "GCA_000000010.1").orElseThrow();
    assertThat(failed.getStatus()).isEqualTo(DatasetStatus.FAILED);
    assertThat(failed.getLastError()).contains("ended (terminated)");

    // the next pass: the restarted ones have workflows now; the ended ones are final
    assertThat(stranded.reconcile()).isEqualTo(new StrandedJobs.Healed(0, 0));
  }

  @Test
  void verificationsThatLostTheirWorkflowAreStartedAgainAndThoseItLeftAreEnded() {
    var users = new UserRepository(db);
    long owner = users.create("v", "v@example.org", "x", false).getId();
    DatasetRepository datasets = new DatasetRepository(db);
    SubmissionRepository submissions = new SubmissionRepository(db);
    long dataset = datasets.ensure(PublicDb.SRA, "SRR0000777", DatasetStatus.SUBMITTED).getId();
    UUID lost = UUID.randomUUID();
    submissions.create(
        lost,
        dataset,
        owner,
        "file://wort-sra/submitted/x.sig",
        10,
        "0".repeat(64),
        "verify-" + lost);
    UUID left = UUID.randomUUID();
    submissions.create(
        left,
        dataset,
        owner,
        "file://wort-sra/submitted/y.sig",
        10,
        "0".repeat(64),
        "verify-" + left);
    client
        .newUntypedWorkflowStub(
            "VerifyWorkflow",
            WorkflowOptions.newBuilder()
                .setTaskQueue("signatures")
                .setWorkflowId("verify-" + left)
                .build())
        .start(
            new org.mevflow.workflows.signatures.VerifyRequest(
                org.mevflow.workflows.signatures.VerifyRequest.Subject.SUBMISSION,
                left.toString(),
                "sra",
                "SRR0000777",
                "file://wort-sra/submitted/y.sig"));
    client.newUntypedWorkflowStub("verify-" + left).terminate("by hand");
    // a re-verification of a served signature whose workflow is gone
    datasets.markComputed(
        PublicDb.SRA, "SRR0000777", "file://wort-sra/sigs/SRR0000777.sig", 5, List.of());
    UUID reverify = UUID.randomUUID();
    submissions.createVerification(reverify, dataset, owner, "verify-" + reverify);
    db.update(Tables.SUBMISSIONS)
        .set(Tables.SUBMISSIONS.CREATED_AT, OffsetDateTime.now().minusMinutes(10))
        .execute();
    db.update(Tables.VERIFICATIONS)
        .set(Tables.VERIFICATIONS.CREATED_AT, OffsetDateTime.now().minusMinutes(10))
        .execute();

    assertThat(stranded.reconcile()).isEqualTo(new StrandedJobs.Healed(2, 1));

    // started again with the request rebuilt from the rows
    assertThat(status("verify-" + lost)).isEqualTo("RUNNING");
    String input =
        client
            .fetchHistory("verify-" + lost)
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput()
            .getPayloads(0)
            .getData()
            .toStringUtf8();
    assertThat(input)
        .contains("\"accession\":\"SRR0000777\"")
        .contains("\"signatureUri\":\"file://wort-sra/submitted/x.sig\"")
        .contains("\"subject\":\"SUBMISSION\"");
    assertThat(status("verify-" + reverify)).isEqualTo("RUNNING");
    var ended = submissions.find(left).orElseThrow();
    assertThat(ended.getStatus()).isEqualTo(SubmissionStatus.UNVERIFIABLE);
    assertThat(ended.getReason()).contains("ended (terminated) without deciding");

    assertThat(stranded.reconcile()).isEqualTo(new StrandedJobs.Healed(0, 0));
  }

  private UUID execution(
      ExecutionRepository executions, UUID op, long owner, ExecutionStatus status, boolean old) {
    UUID id = UUID.randomUUID();
    executions.create(id, op, owner, null, "j", Runner.CROMWELL, "{}", Map.of());
    db.update(EXECUTIONS)
        .set(EXECUTIONS.STATUS, status)
        .set(EXECUTIONS.UPDATED_AT, OffsetDateTime.now().minusMinutes(old ? 10 : 0))
        .where(EXECUTIONS.ID.eq(id))
        .execute();
    return id;
  }

  private void dataset(DatasetRepository datasets, String accession, String workflowId) {
    datasets.markComputing(PublicDb.GENOMES, accession, "sketch-genomes", 1, workflowId, "run-1");
    db.update(DATASETS)
        .set(DATASETS.UPDATED_AT, OffsetDateTime.now().minusMinutes(10))
        .where(DATASETS.ACCESSION.eq(accession))
        .execute();
  }

  private String status(String workflowId) {
    return client
        .newUntypedWorkflowStub(workflowId)
        .describe()
        .getStatus()
        .name()
        .replace("WORKFLOW_EXECUTION_STATUS_", "");
  }
}
