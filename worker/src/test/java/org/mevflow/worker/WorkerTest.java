package org.mevflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.lang.management.ManagementFactory;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mevflow.testing.TestDatabaseInitializer;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.diagnostics.Probe;
import org.mevflow.workflows.diagnostics.RoundTripWorkflow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The worker process as it runs: real database, Temporal's test server, configured queues. */
@Tag("component")
@SpringBootTest(
    classes = WorkerApplication.class,
    properties = {
      "spring.temporal.test-server.enabled=true",
      "mevflow.temporal.register-search-attributes=true",
      "spring.main.banner-mode=off",
      "mevflow.worker.task-queues=analyses,sketch-small",
      "mevflow.storage.local.root=target/test-storage"
    })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class WorkerTest {
  @Autowired WorkflowClient client;

  private RoundTripWorkflow roundTrip(String queue) {
    return client.newWorkflowStub(
        RoundTripWorkflow.class,
        WorkflowOptions.newBuilder()
            .setTaskQueue(queue)
            .setWorkflowId("roundtrip-test-" + UUID.randomUUID())
            .build());
  }

  @Test
  void aConfiguredQueueIsServedAndItsActivityReachesTheDatabase() {
    Probe probe = roundTrip(TaskQueues.SKETCH_SMALL).run(TaskQueues.SKETCH_SMALL);
    assertThat(probe.taskQueue()).isEqualTo("sketch-small");
    assertThat(probe.databaseReachable()).isTrue();
    assertThat(probe.databaseVersion()).startsWith("PostgreSQL");
    assertThat(probe.worker()).isEqualTo(ManagementFactory.getRuntimeMXBean().getName());
  }

  @Test
  void aQueueLeftOutOfTheConfigurationIsNotPolled() {
    RoundTripWorkflow workflow = roundTrip(TaskQueues.SKETCH_LARGE);
    WorkflowClient.start(workflow::run, TaskQueues.SKETCH_LARGE);
    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    assertThatThrownBy(() -> stub.getResult(2, TimeUnit.SECONDS, Probe.class))
        .isInstanceOf(TimeoutException.class);
    stub.terminate("test over");
  }

  @Test
  void anUnknownQueueStopsStartupWithItsName() {
    var app =
        new SpringApplicationBuilder(WorkerApplication.class)
            .initializers(new TestDatabaseInitializer())
            .properties(
                "spring.temporal.test-server.enabled=true",
                "spring.main.banner-mode=off",
                "mevflow.worker.task-queues=analyses,sketch-huge",
                "mevflow.storage.local.root=target/test-storage");
    assertThatThrownBy(app::run)
        .hasRootCauseMessage(
            "unknown task queue 'sketch-huge' in mevflow.worker.task-queues; known: "
                + TaskQueues.ALL);
  }
}
