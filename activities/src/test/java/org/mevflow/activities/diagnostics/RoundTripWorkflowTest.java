package org.mevflow.activities.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.RetryState;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mevflow.activities.testing.Histories;
import org.mevflow.testing.TestPostgres;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.diagnostics.Probe;
import org.mevflow.workflows.diagnostics.RoundTripWorkflow;
import org.mevflow.workflows.diagnostics.RoundTripWorkflowImpl;
import org.postgresql.ds.PGSimpleDataSource;

/** The probe workflow with its real activity, on Temporal's time-skipping test environment. */
@Tag("component")
class RoundTripWorkflowTest {
  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  @AfterEach
  void close() {
    env.close();
  }

  private Probe run(DSLContext db, String name) {
    Worker worker = env.newWorker(TaskQueues.ANALYSES);
    worker.registerWorkflowImplementationTypes(RoundTripWorkflowImpl.class);
    worker.registerActivitiesImplementations(new DiagnosticsActivitiesImpl(db));
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    String id = "roundtrip-" + name;
    try {
      return client
          .newWorkflowStub(
              RoundTripWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setTaskQueue(TaskQueues.ANALYSES)
                  .setWorkflowId(id)
                  .build())
          .run(TaskQueues.ANALYSES);
    } finally {
      Histories.record(client, id, id);
    }
  }

  @Test
  void theProbeReportsTheDatabaseItReached() {
    DSLContext db = DSL.using(TestPostgres.newDatabase().dataSource(), SQLDialect.POSTGRES);
    Probe probe = run(db, "reached");
    assertThat(probe.databaseReachable()).isTrue();
    assertThat(probe.databaseVersion()).startsWith("PostgreSQL 17");
  }

  @Test
  void anUnreachableDatabaseFailsTheProbeAfterABoundedNumberOfAttempts() {
    PGSimpleDataSource nowhere = new PGSimpleDataSource();
    nowhere.setUrl("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1");
    DSLContext db = DSL.using(nowhere, SQLDialect.POSTGRES);
    assertThatThrownBy(() -> run(db, "unreachable"))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ActivityFailure.class)
        .satisfies(
            f ->
                assertThat(((ActivityFailure) f).getRetryState())
                    .isEqualTo(RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED));
  }
}
