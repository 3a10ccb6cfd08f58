package org.mevflow.api.resources;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.mevflow.api.problem.ApiException;
import org.mevflow.core.resources.ResourceType;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.type.JobKind;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.operators.Search;
import org.mevflow.workflows.resources.ValidateRequest;
import org.mevflow.workflows.resources.ValidateResourceWorkflow;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Starts a resource's validation: the row says VALIDATING before the workflow exists. */
@Service
public class Validations {
  private final ResourceRepository resources;
  private final WorkflowClient client;

  public Validations(ResourceRepository resources, WorkflowClient client) {
    this.resources = resources;
    this.client = client;
  }

  public void start(UUID resource, ResourceType type, String format, String owner) {
    if (!resources.startValidation(resource)) {
      throw new ApiException(
          HttpStatus.CONFLICT, "this resource is being validated already; wait for it");
    }
    ValidateRequest request = new ValidateRequest(resource.toString(), type.key(), format);
    try {
      ValidateResourceWorkflow workflow =
          client.newWorkflowStub(
              ValidateResourceWorkflow.class,
              Search.tag(
                      WorkflowOptions.newBuilder()
                          .setTaskQueue(TaskQueues.ANALYSES)
                          .setWorkflowId("validate-" + resource + "-" + UUID.randomUUID())
                          .setWorkflowExecutionTimeout(Duration.ofHours(2)),
                      JobKind.VALIDATE,
                      "validate resource " + resource + " as " + type.key() + " (" + owner + ")",
                      Map.of(Search.OWNER, owner))
                  .build());
      WorkflowClient.start(workflow::validate, request);
    } catch (RuntimeException e) {
      resources.rejected(resource, "validation could not be started; try again");
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE, "validation could not be started; try again later");
    }
  }
}
