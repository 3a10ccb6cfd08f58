package org.mevflow.core.discovery;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.time.LocalDate;
import java.time.ZoneId;
import org.mevflow.workflows.discovery.DiscoveryRequest;
import org.mevflow.workflows.discovery.DiscoveryWorkflow;

/**
 * The one place a day's discovery workflow is started by hand or by the worker's in-process trigger
 * (the Temporal Schedule starts it by itself; {@code DiscoverySchedule}). One workflow id per day:
 * while a run of that day is open, a second start finds it.
 */
public final class DiscoveryJobs {
  private final WorkflowClient client;

  public DiscoveryJobs(WorkflowClient client) {
    this.client = client;
  }

  /** Whether a day may run again once a run of it has closed. */
  public enum Again {
    /** An operator's run: a day already run is run again (it records what is new since). */
    ALLOWED,
    /** The daily trigger: a day that ran on this server is not started twice. */
    REFUSED
  }

  /**
   * What a start did: the workflow id, and whether a run of that day existed so nothing started (an
   * open one; with {@link Again#REFUSED}, a closed one too).
   */
  public record Started(String workflowId, boolean existed) {}

  /**
   * Starts the discovery of {@code day}'s publications; an invalid size (concurrency, page size) is
   * an IllegalArgumentException, before anything starts.
   */
  public Started start(LocalDate day, ZoneId zone, int concurrency, int pageSize, Again again) {
    DiscoveryRequest request = DiscoveryRequest.of(day, zone, concurrency, pageSize);
    String id = DiscoveryRequest.workflowId(day);
    DiscoveryWorkflow workflow =
        client.newWorkflowStub(
            DiscoveryWorkflow.class,
            request.startOptions(
                id,
                again == Again.ALLOWED
                    ? WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE
                    : WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE));
    try {
      WorkflowClient.start(workflow::discover, request);
      return new Started(id, false);
    } catch (WorkflowExecutionAlreadyStarted running) {
      return new Started(id, true);
    }
  }
}
