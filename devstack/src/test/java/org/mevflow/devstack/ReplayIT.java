package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.Runner;
import org.mevflow.testing.TestPostgres;
import org.mevflow.workflows.analyses.AnalysisStart;
import org.mevflow.workflows.analyses.AnalysisWorkflow;
import org.mevflow.workflows.operators.Search;
import org.mevflow.workflows.operators.SearchAttributeRegistration;

/**
 * {@code ./mevflow replay} against a server without reset (Temporal's Java test server, as in dev):
 * a failed execution runs again as a new execution linked to it; a running one is refused.
 */
class ReplayIT {
  @TempDir Path dir;

  @Test
  void aFailedExecutionRunsAgainFromItsRecordedInputs() throws Exception {
    int temporalPort = Launcher.freePort();
    TestPostgres.Database db = TestPostgres.newDatabase();
    var jooq = DSL.using(db.dataSource(), SQLDialect.POSTGRES);
    long owner = new UserRepository(jooq).create("r", "r@example.org", "x", false).getId();
    UUID op = UUID.randomUUID();
    new OperationRepository(jooq)
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
    ExecutionRepository executions = new ExecutionRepository(jooq);
    UUID failed = UUID.randomUUID();
    UUID running = UUID.randomUUID();
    executions.create(failed, op, owner, null, "sums", Runner.LOCAL, "{\"n\":1}", Map.of());
    executions.create(running, op, owner, null, "sums", Runner.LOCAL, "{}", Map.of());

    Map<String, String> env = new HashMap<>();
    env.put("MEVFLOW_DB_URL", db.jdbcUrl());
    env.put("MEVFLOW_DB_USER", db.user());
    env.put("MEVFLOW_DB_PASSWORD", db.password());
    env.put("TEMPORAL_ADDRESS", "127.0.0.1:" + temporalPort);
    env.put("MEVFLOW_HOME", dir.toString());
    try (var temporal = TestServer.createPortBoundServer(temporalPort)) {
      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder()
                  .setTarget("127.0.0.1:" + temporalPort)
                  .build());
      SearchAttributeRegistration.register(stubs, "default");
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      for (UUID id : new UUID[] {failed, running}) {
        WorkflowClient.start(
            client.newWorkflowStub(
                    AnalysisWorkflow.class,
                    AnalysisStart.options("analysis-" + id, id.toString(), "r", "Row sums", "sums"))
                ::run,
            id.toString());
      }
      // no worker runs here: the first is ended by an operator, as a stuck run would be
      client.newUntypedWorkflowStub("analysis-" + failed).terminate("stuck");
      executions.finish(failed, ExecutionStatus.FAILED, null, "[\"stuck\"]");

      Launcher.Result replayed = Launcher.run("", env, "replay", "analysis-" + failed);
      assertThat(replayed.exitCode()).as(replayed.output()).isZero();
      assertThat(replayed.output()).contains("runs again as");
      UUID again = executions.retriesOf(failed).get(0);
      var row = executions.find(again).orElseThrow();
      assertThat(row.getInputs().data()).contains("\"n\": 1");
      assertThat(row.getJobName()).isEqualTo("sums");
      WorkflowStub started = client.newUntypedWorkflowStub("analysis-" + again);
      assertThat(started.describe().getStatus().name()).contains("RUNNING");

      // a sketch runs again as a new run of its workflow id, found by the same attributes
      var request = new org.mevflow.workflows.signatures.SketchRequest("sra", "SRR0000042", false);
      WorkflowClient.start(
          client.newWorkflowStub(
                  org.mevflow.workflows.signatures.SketchWorkflow.class, request.startOptions())
              ::compute,
          request);
      String failedRun =
          client.newUntypedWorkflowStub(request.workflowId()).describe().getExecution().getRunId();
      client.newUntypedWorkflowStub(request.workflowId()).terminate("fastq-dump kept failing");
      Launcher.Result sketch = Launcher.run("", env, "replay", request.workflowId());
      assertThat(sketch.exitCode()).as(sketch.output()).isZero();
      var rerun = client.newUntypedWorkflowStub(request.workflowId()).describe();
      assertThat(rerun.getExecution().getRunId()).isNotEqualTo(failedRun);
      assertThat(rerun.getTypedSearchAttributes().get(Search.ACCESSION)).isEqualTo("SRR0000042");
      assertThat(rerun.getTypedSearchAttributes().get(Search.KIND)).isEqualTo("sketch");
      assertThat(rerun.getTypedSearchAttributes().get(Search.STATUS)).isEqualTo("QUEUED");
      assertThat(rerun.getMemo("replay_of_run", String.class)).isEqualTo(failedRun);
      assertThat(rerun.getMemo(Search.SUMMARY, String.class)).isEqualTo("sketch sra SRR0000042");
      // with the recorded input, as it was
      var json = new com.fasterxml.jackson.databind.ObjectMapper();
      var before =
          client
              .fetchHistory(request.workflowId(), failedRun)
              .getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getInput()
              .getPayloads(0)
              .getData();
      var after =
          client
              .fetchHistory(request.workflowId(), rerun.getExecution().getRunId())
              .getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getInput()
              .getPayloads(0)
              .getData();
      assertThat(json.readTree(after.toByteArray()))
          .isEqualTo(json.readTree(before.toByteArray()))
          .isEqualTo(json.valueToTree(request));

      Launcher.Result refused = Launcher.run("", env, "replay", "analysis-" + running);
      assertThat(refused.exitCode()).isEqualTo(2);
      assertThat(refused.output()).contains("is running");
      stubs.shutdown();
    }
  }
}
