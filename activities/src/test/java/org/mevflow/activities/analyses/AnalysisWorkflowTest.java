package org.mevflow.activities.analyses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mevflow.activities.testing.AnalysisFixture;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.Runner;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.analyses.AnalysisWorkflow;
import org.mevflow.workflows.analyses.AnalysisWorkflowImpl;

/** Local executions end to end: the real example operation, real files, real database. */
class AnalysisWorkflowTest extends AnalysisFixture {
  @BeforeEach
  void startWorker() {
    startLocalWorker();
  }

  @AfterEach
  void tearDown(org.junit.jupiter.api.TestInfo test) {
    recordHistory(last, "local", test);
    env.close();
  }

  private UUID last;

  private UUID operation(Path folder) throws Exception {
    return catalog.ingest(folder, null, null).operation().getId();
  }

  private UUID execution(UUID op, UUID input) {
    return execution(op, Runner.LOCAL, "my job", "matrix", input);
  }

  private AnalysisWorkflow stub(UUID id) {
    last = id;
    return env.getWorkflowClient()
        .newWorkflowStub(
            AnalysisWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.ANALYSES)
                .setWorkflowId("analysis-" + id)
                .build());
  }

  private Path customOperation(String runSh) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("op-" + UUID.randomUUID()));
    Path examples = Path.of(System.getProperty("mevflow.examples", "../examples/operations"));
    Files.copy(
        examples.resolve("row-sums/operation_spec.json"), folder.resolve("operation_spec.json"));
    Files.writeString(folder.resolve("run.sh"), runSh);
    return folder;
  }

  @Test
  void rowSumsRunsAndItsOutputBecomesAResourceInTheWorkspace() throws Exception {
    Path examples = Path.of(System.getProperty("mevflow.examples", "../examples/operations"));
    UUID input = matrix("gene\tS1\tS2\nTP53\t1.5\t2\nEGFR\t3\tNA\n");
    UUID exec = execution(operation(examples.resolve("row-sums")), input);

    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.SUCCEEDED);

    ExecutionsRecord row = executions.find(exec).orElseThrow();
    assertThat(row.getStatus()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(row.getStartedAt()).isNotNull();
    assertThat(row.getFinishedAt()).isNotNull();
    String outputId =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(row.getOutputs().data())
            .get("row_sums")
            .asText();
    var output = resources.find(UUID.fromString(outputId)).orElseThrow();
    assertThat(output.getProducedBy()).isEqualTo(exec);
    assertThat(output.getResourceType()).isEqualTo("FT");
    assertThat(workspaces.resources(workspace)).contains(output.getId());
    try (InputStream in = storage.get(ObjectRef.fromUri(URI.create(output.getStorageUri())))) {
      assertThat(new String(in.readAllBytes())).isEqualTo("gene\trow_sum\nTP53\t3.5\nEGFR\t3\n");
    }
  }

  @Test
  void theLocalTimeLimitSettingBoundsTheRunActivityToo() throws Exception {
    Path examples = Path.of(System.getProperty("mevflow.examples", "../examples/operations"));
    UUID input = matrix("gene\tS1\nTP53\t1.5\n");
    UUID exec = execution(operation(examples.resolve("row-sums")), input);
    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.SUCCEEDED);

    // the worker's local limit is 5 minutes: Temporal's bound on the run is that plus the margin,
    // so a raised setting is never cut short by a fixed timeout
    var scheduled =
        env.getWorkflowClient().fetchHistory("analysis-" + exec).getEvents().stream()
            .filter(e -> e.hasActivityTaskScheduledEventAttributes())
            .map(e -> e.getActivityTaskScheduledEventAttributes())
            .filter(a -> a.getActivityType().getName().equals("Run"))
            .findFirst()
            .orElseThrow();
    assertThat(scheduled.getStartToCloseTimeout().getSeconds())
        .isEqualTo(Duration.ofMinutes(5).plus(AnalysisWorkflowImpl.LOCAL_RUN_MARGIN).toSeconds());
  }

  @Test
  void aToolErrorIsAFailedExecutionWithItsMessage() throws Exception {
    UUID input = matrix("g\ts\nA\t1\n");
    UUID exec =
        execution(operation(customOperation("echo 'matrix has no samples' >&2\nexit 4\n")), input);
    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.FAILED);
    ExecutionsRecord row = executions.find(exec).orElseThrow();
    assertThat(row.getStatus()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(row.getErrorMessages().data())
        .contains("run.sh exited with 4")
        .contains("matrix has no samples");
  }

  @Test
  void aMissingRequiredOutputFailsTheExecution() throws Exception {
    UUID input = matrix("g\ts\nA\t1\n");
    UUID exec = execution(operation(customOperation("printf '{}' > outputs.json\n")), input);
    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.FAILED);
    assertThat(executions.find(exec).orElseThrow().getErrorMessages().data())
        .contains("required output 'row_sums' was not produced");
  }

  @Test
  void anOutputThatIsNotItsDeclaredTypeFailsTheExecutionAndNothingIsRegistered() throws Exception {
    UUID input = matrix("g\ts\nA\t1\n");
    // row_sums is declared a feature table: a file with a ragged row is not one
    String runSh =
        "printf 'gene\\trow_sum\\nA\\t1\\textra\\n' > out.tsv\n"
            + "printf '{\"row_sums\": \"out.tsv\"}' > outputs.json\n";
    UUID exec = execution(operation(customOperation(runSh)), input);
    // the workflow fails too (operators find it among failed workflows), the row says why
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> stub(exec).run(exec.toString()))
        .isInstanceOf(io.temporal.client.WorkflowFailedException.class);
    assertThat(executions.find(exec).orElseThrow().getStatus()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(executions.find(exec).orElseThrow().getErrorMessages().data())
        .contains("output 'row_sums' is not valid")
        .contains("Feature table: line 2: 3 fields, but the header has 2");
    assertThat(resources.producedBy(exec)).isEmpty();
  }

  /** An operation of this spec and run.sh, in WebMEV's shapes. */
  private Path operationOf(String spec, String runSh) throws IOException {
    Path folder = Files.createDirectories(dir.resolve("op-" + UUID.randomUUID()));
    Files.writeString(folder.resolve("operation_spec.json"), spec);
    Files.writeString(folder.resolve("run.sh"), runSh);
    return folder;
  }

  @Test
  void valueOutputsAreTheExecutionsOutputsAndJsonFilesAreJson() throws Exception {
    String spec =
        """
        {"name": "Summary", "description": "counts and a report",
         "inputs": {"matrix": {"name": "Matrix", "required": true,
           "spec": {"attribute_type": "DataResource", "resource_type": "EXP_MTX", "many": false}}},
         "outputs": {
           "genes": {"spec": {"attribute_type": "NonNegativeInteger"}},
           "top": {"spec": {"attribute_type": "FeatureSet"}},
           "report": {"spec": {"attribute_type": "DataResource", "resource_type": "JSON",
             "many": false}}},
         "mode": "local", "workspace_operation": true}
        """;
    String runSh =
        "printf '{\"n\": 1}' > report.json\n"
            + "printf '{\"genes\": 1, \"top\": {\"elements\": [{\"id\": \"A\"}]},"
            + " \"report\": \"report.json\"}' > outputs.json\n";
    UUID input = matrix("g\ts\nA\t1\n");
    UUID exec = execution(operation(operationOf(spec, runSh)), input);
    assertThat(stub(exec).run(exec.toString())).isEqualTo(ExecutionStatus.SUCCEEDED);
    var outputs =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(executions.find(exec).orElseThrow().getOutputs().data());
    assertThat(outputs.get("genes").asInt()).isEqualTo(1);
    assertThat(outputs.at("/top/elements/0/id").asText()).isEqualTo("A");
    var report = resources.find(UUID.fromString(outputs.get("report").asText())).orElseThrow();
    assertThat(report.getResourceType()).isEqualTo("JSON");
    assertThat(report.getFileFormat()).isEqualTo("json");

    // a value that does not fit its spec fails the run with the reason
    String negative =
        "printf '{\"n\": 1}' > report.json\n"
            + "printf '{\"genes\": -1, \"top\": {\"elements\": []}, \"report\":"
            + " \"report.json\"}' > outputs.json\n";
    UUID bad =
        execution(operation(operationOf(spec.replace("Summary", "Summary2"), negative)), input);
    assertThat(stub(bad).run(bad.toString())).isEqualTo(ExecutionStatus.FAILED);
    assertThat(executions.find(bad).orElseThrow().getErrorMessages().data())
        .contains("output 'genes' is not a valid NonNegativeInteger")
        .contains("is not a non-negative integer");
  }

  @Test
  void cancellingARunningExecutionKillsItAndRecordsAborted() throws Exception {
    Path marker = dir.resolve("started");
    UUID input = matrix("g\ts\nA\t1\n");
    UUID exec = execution(operation(customOperation("touch '" + marker + "'\nsleep 120\n")), input);
    AnalysisWorkflow workflow = stub(exec);
    WorkflowClient.start(workflow::run, exec.toString());
    long until = System.currentTimeMillis() + 30_000;
    while (!Files.exists(marker) && System.currentTimeMillis() < until) {
      Thread.sleep(100);
    }
    assertThat(marker).exists();
    WorkflowStub.fromTyped(workflow).cancel();
    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(String.class))
        .isInstanceOf(WorkflowFailedException.class);
    assertThat(executions.find(exec).orElseThrow().getStatus()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(executions.find(exec).orElseThrow().getErrorMessages().data())
        .contains("cancelled by the user");
  }
}
