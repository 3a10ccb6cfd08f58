package org.mevflow.workflows.analyses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.Runner;
import org.mevflow.workflows.operators.Search;

/**
 * The analysis workflow's decisions with its activities mocked, on Temporal's in-memory test server
 * with time skipped: the Cromwell job submitted once and tracked until it ends, its outputs
 * registered, the time limit enforced by an abort, a job aborted elsewhere, a tool's failure
 * recorded with its words, a cancel aborting the job. Real activities against the Cromwell
 * simulator: {@code CromwellExecutionTest} in the activities module.
 */
@Timeout(
    value = 1,
    unit = TimeUnit.MINUTES) // a hang guard (a failing workflow task retries forever)
class AnalysisWorkflowImplTest {
  static final String QUEUE = org.mevflow.workflows.TaskQueues.ANALYSES;

  TestWorkflowEnvironment env;
  ExecutionActivities records =
      mock(ExecutionActivities.class, withSettings().withoutAnnotations());
  CromwellActivities cromwell = mock(CromwellActivities.class, withSettings().withoutAnnotations());
  LocalRunnerActivities local =
      mock(LocalRunnerActivities.class, withSettings().withoutAnnotations());
  String execution = UUID.randomUUID().toString();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    Search.registrations().forEach(env::registerSearchAttribute);
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(AnalysisWorkflowImpl.class);
    worker.registerActivitiesImplementations(records, cromwell, local);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private AnalysisWorkflow workflow() {
    return env.getWorkflowClient()
        .newWorkflowStub(
            AnalysisWorkflow.class,
            AnalysisStart.options("analysis-" + execution, execution, "ann", "op", "job"));
  }

  private void planned(Runner runner, long limitSeconds) {
    when(records.plan(execution))
        .thenReturn(new ExecutionPlan(runner, false, null, null, 0, limitSeconds));
  }

  @Test
  void aCromwellJobIsSubmittedOnceTrackedUntilItEndsAndItsOutputsRegistered() {
    planned(Runner.CROMWELL, 3600);
    when(cromwell.submit(execution)).thenReturn("job-1");
    when(cromwell.status("job-1"))
        .thenReturn(CromwellStatus.SUBMITTED, CromwellStatus.RUNNING, CromwellStatus.SUCCEEDED);
    List<OutputFile> files = List.of(new OutputFile("table", -1, "file://b/o/t.tsv", "FT"));
    when(cromwell.collect(execution, "job-1")).thenReturn(RunOutputs.succeeded(files, Map.of()));
    when(records.registerFiles(execution, files)).thenReturn(Map.of("table", "resource-1"));

    assertThat(workflow().run(execution)).isEqualTo(ExecutionStatus.SUCCEEDED);

    verify(cromwell, times(1)).submit(execution);
    verify(cromwell, times(3)).status("job-1");
    var order = inOrder(records);
    order.verify(records).status(execution, ExecutionStatus.SUBMITTING);
    order.verify(records).status(execution, ExecutionStatus.RUNNING);
    order.verify(records).status(execution, ExecutionStatus.FINALIZING);
    order
        .verify(records)
        .finish(execution, ExecutionStatus.SUCCEEDED, Map.of("table", "resource-1"), List.of());
  }

  @Test
  void aJobAlreadySubmittedIsTrackedNotSubmittedAgain() {
    when(records.plan(execution))
        .thenReturn(new ExecutionPlan(Runner.CROMWELL, false, null, "job-2", 0, 3600));
    when(cromwell.status("job-2")).thenReturn(CromwellStatus.FAILED);
    when(cromwell.collect(execution, "job-2"))
        .thenReturn(RunOutputs.failed(List.of("task rowmeans failed: exit 1")));

    assertThat(workflow().run(execution)).isEqualTo(ExecutionStatus.FAILED);
    verify(cromwell, never()).submit(anyString());
    verify(records)
        .finish(
            execution, ExecutionStatus.FAILED, Map.of(), List.of("task rowmeans failed: exit 1"));
  }

  @Test
  void aJobPastItsTimeLimitIsAbortedAndTheExecutionFailsSayingSo() {
    planned(Runner.CROMWELL, 600);
    when(cromwell.submit(execution)).thenReturn("job-3");
    when(cromwell.status("job-3")).thenReturn(CromwellStatus.RUNNING);
    when(cromwell.abort("job-3")).thenReturn(CromwellStatus.ABORTING);

    assertThat(workflow().run(execution)).isEqualTo(ExecutionStatus.FAILED);
    verify(cromwell).abort("job-3");
    verify(records)
        .finish(
            eq(execution),
            eq(ExecutionStatus.FAILED),
            eq(Map.of()),
            argThat(
                errors ->
                    errors.size() == 1
                        && errors
                            .get(0)
                            .equals(
                                "the job ran longer than its limit of 10m and was aborted on"
                                    + " Cromwell (now Aborting)")));
    // polled with growing waits: 5 s doubling to 60 s leaves about 13 calls in 10 minutes
    verify(cromwell, atLeast(10)).status("job-3");
    verify(cromwell, never()).collect(anyString(), anyString());
  }

  @Test
  void aJobAbortedOnTheServerEndsAborted() {
    planned(Runner.CROMWELL, 3600);
    when(cromwell.submit(execution)).thenReturn("job-4");
    when(cromwell.status("job-4")).thenReturn(CromwellStatus.ABORTED);

    assertThat(workflow().run(execution)).isEqualTo(ExecutionStatus.ABORTED);
    verify(records)
        .finish(
            execution,
            ExecutionStatus.ABORTED,
            Map.of(),
            List.of("the Cromwell job job-4 was aborted on the Cromwell server"));
  }

  @Test
  void cromwellRefusingTheSubmitFailsTheExecutionWithItsWords() {
    planned(Runner.CROMWELL, 3600);
    when(cromwell.submit(execution))
        .thenThrow(
            ApplicationFailure.newNonRetryableFailure(
                "Cromwell refused the workflow: 400 invalid inputs", CromwellActivities.REFUSED));

    assertThatThrownBy(() -> workflow().run(execution)).isInstanceOf(WorkflowFailedException.class);
    verify(cromwell, times(1)).submit(execution);
    verify(records)
        .finish(
            eq(execution),
            eq(ExecutionStatus.FAILED),
            eq(Map.of()),
            argThat(e -> e.get(0).contains("Cromwell refused the workflow: 400 invalid inputs")));
  }

  @Test
  void aLocalToolErrorIsRecordedAndNotRunAgain() {
    planned(Runner.LOCAL, 600);
    when(local.run(execution)).thenReturn(RunOutputs.failed(List.of("run.sh exited with 4")));

    assertThat(workflow().run(execution)).isEqualTo(ExecutionStatus.FAILED);
    verify(local, times(1)).run(execution);
    verify(records)
        .finish(execution, ExecutionStatus.FAILED, Map.of(), List.of("run.sh exited with 4"));
    verify(records, never()).registerFiles(anyString(), anyList());
  }

  @Test
  void cancellingARunningJobAbortsItOnCromwellAndRecordsAborted() {
    planned(Runner.CROMWELL, 3600);
    when(cromwell.submit(execution)).thenReturn("job-5");
    when(cromwell.status("job-5")).thenReturn(CromwellStatus.RUNNING);
    when(cromwell.abort("job-5")).thenReturn(CromwellStatus.ABORTED);
    AnalysisWorkflow workflow = workflow();
    WorkflowClient.start(workflow::run, execution);
    env.sleep(Duration.ofMinutes(2));

    WorkflowStub.fromTyped(workflow).cancel();
    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(ExecutionStatus.class))
        .isInstanceOf(WorkflowFailedException.class);
    verify(cromwell).abort("job-5");
    verify(records).status(execution, ExecutionStatus.ABORTING);
    verify(records)
        .finish(execution, ExecutionStatus.ABORTED, Map.of(), List.of("cancelled by the user"));
    verify(records, never()).finish(eq(execution), eq(ExecutionStatus.FAILED), anyMap(), any());
  }
}
