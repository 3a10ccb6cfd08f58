package org.mevflow.core.resources;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.jooq.tables.records.ResourcesRecord;
import org.mevflow.db.jooq.tables.records.UsersRecord;
import org.mevflow.db.type.JobKind;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.operators.Search;
import org.mevflow.workflows.resources.ValidateRequest;
import org.mevflow.workflows.resources.ValidateResourceWorkflow;

/**
 * A resource's validation as a workflow: the row says VALIDATING, names the workflow and what it
 * checks before the workflow exists, so the API (which starts it) and the worker's healer (which
 * starts it again under the same id when Temporal lost it) start the same thing.
 */
public final class ValidationJobs {
  /** Longer than any validation may run (the stack's largest upload, read once). */
  public static final Duration TIME_LIMIT = Duration.ofHours(2);

  private final ResourceRepository resources;
  private final UserRepository users;
  private final WorkflowClient client;

  public ValidationJobs(ResourceRepository resources, UserRepository users, WorkflowClient client) {
    this.resources = resources;
    this.users = users;
    this.client = client;
  }

  /** Temporal did not take the workflow: the row was put back, the caller may try again. */
  public static final class NotStarted extends RuntimeException {
    NotStarted(RuntimeException cause) {
      super("validation could not be started", cause);
    }
  }

  /**
   * Validates {@code resource} as {@code type} in {@code format} for {@code owner}; false when a
   * validation of it is under way already. Throws {@link NotStarted} when Temporal refused.
   */
  public boolean start(UUID resource, ResourceType type, String format, String owner) {
    String workflowId = "validate-" + resource + "-" + UUID.randomUUID();
    if (!resources.startValidation(resource, workflowId, type.key(), format)) {
      return false;
    }
    try {
      launch(workflowId, resource, type.key(), format, owner);
    } catch (RuntimeException e) {
      resources.rejected(resource, "validation could not be started; try again");
      throw new NotStarted(e);
    }
    return true;
  }

  /**
   * Starts a VALIDATING row's validation again under its own workflow id, from what the row says
   * was asked (Temporal has no such workflow: its data was lost); false if it is running.
   */
  public boolean restart(ResourcesRecord row) {
    String owner =
        row.getOwnerId() == null
            ? ""
            : users.findById(row.getOwnerId()).map(UsersRecord::getUsername).orElse("");
    try {
      launch(
          row.getValidationWorkflowId(),
          row.getId(),
          row.getValidationType(),
          row.getValidationFormat(),
          owner);
      return true;
    } catch (WorkflowExecutionAlreadyStarted running) {
      return false;
    }
  }

  private void launch(String workflowId, UUID resource, String type, String format, String owner) {
    ValidateResourceWorkflow workflow =
        client.newWorkflowStub(
            ValidateResourceWorkflow.class,
            Search.tag(
                    WorkflowOptions.newBuilder()
                        .setTaskQueue(TaskQueues.ANALYSES)
                        .setWorkflowId(workflowId)
                        .setWorkflowExecutionTimeout(TIME_LIMIT),
                    JobKind.VALIDATE,
                    "validate resource " + resource + " as " + type + " (" + owner + ")",
                    Map.of(Search.OWNER, owner))
                .build());
    WorkflowClient.start(
        workflow::validate, new ValidateRequest(resource.toString(), type, format));
  }
}
