package org.mevflow.api.diagnostics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mevflow.api.problem.ApiException;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.diagnostics.Probe;
import org.mevflow.workflows.diagnostics.RoundTripWorkflow;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin check that a task queue is served: runs a round-trip workflow on it and reports which
 * worker answered. The only route that waits on a workflow, and only for a bounded time.
 */
@RestController
@Tag(name = "operators")
public class RoundTripController {
  static final Duration WAIT = Duration.ofSeconds(15);

  private final WorkflowClient client;

  public RoundTripController(WorkflowClient client) {
    this.client = client;
  }

  @GetMapping("/v1/admin/workers/{queue}/roundtrip")
  @Operation(summary = "Run a probe workflow on a task queue and report the worker that ran it")
  public Probe roundTrip(@PathVariable String queue) {
    if (!TaskQueues.ALL.contains(queue)) {
      throw ApiException.notFound("unknown task queue '" + queue + "'; known: " + TaskQueues.ALL);
    }
    RoundTripWorkflow workflow =
        client.newWorkflowStub(
            RoundTripWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(queue)
                .setWorkflowId("roundtrip-" + queue + "-" + UUID.randomUUID())
                .setWorkflowExecutionTimeout(WAIT.multipliedBy(2))
                .build());
    WorkflowClient.start(workflow::run, queue);
    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    try {
      return stub.getResult(WAIT.toMillis(), TimeUnit.MILLISECONDS, Probe.class);
    } catch (TimeoutException e) {
      // Nobody polls the queue: do not leave the probe waiting for a worker that may come later.
      stub.terminate("no worker answered within " + WAIT.toSeconds() + " s");
      throw new ApiException(
          HttpStatus.GATEWAY_TIMEOUT,
          "no worker answered on task queue '" + queue + "' within " + WAIT.toSeconds() + " s");
    }
  }
}
