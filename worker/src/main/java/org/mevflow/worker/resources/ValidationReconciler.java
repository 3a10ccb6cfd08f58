package org.mevflow.worker.resources;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.mevflow.core.resources.ValidationJobs;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.jooq.tables.records.ResourcesRecord;
import org.mevflow.worker.ReconcilerProperties;
import org.mevflow.worker.WorkflowStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Heals resources left VALIDATING. A row names its validation's workflow: when Temporal has no such
 * workflow (its data was lost) the validation is started again under the same id, from what the row
 * says was asked; when the workflow closed without ending the row (terminated, timed out), the last
 * valid type is restored and the status says why. A row from before validations were named is ended
 * once older than {@code mevflow.reconciler.validation-limit}, longer than a validation may run.
 */
@Component
public class ValidationReconciler {
  private static final Logger log = LoggerFactory.getLogger(ValidationReconciler.class);
  static final int BATCH = 200;

  private final ResourceRepository resources;
  private final ValidationJobs validations;
  private final WorkflowClient client;
  private final Duration grace;
  private final Duration limit;

  public ValidationReconciler(
      ResourceRepository resources,
      ValidationJobs validations,
      WorkflowClient client,
      ReconcilerProperties settings) {
    this.resources = resources;
    this.validations = validations;
    this.client = client;
    this.grace = settings.grace();
    this.limit = settings.validationLimit();
  }

  @Scheduled(
      initialDelayString = "${mevflow.reconciler.interval:60s}",
      fixedDelayString = "${mevflow.reconciler.interval:60s}")
  public int reconcile() {
    int healed = 0;
    for (ResourcesRecord r : resources.validatingBefore(OffsetDateTime.now().minus(grace), BATCH)) {
      String workflow = r.getValidationWorkflowId();
      Optional<WorkflowExecutionStatus> state = WorkflowStates.of(client, workflow);
      if (state.isEmpty()) {
        if (validations.restart(r)) {
          log.warn(
              "resource {} was validating without a workflow: started {}", r.getId(), workflow);
          healed++;
        }
      } else if (state.get() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        String why =
            "its validation "
                + workflow
                + " "
                + WorkflowStates.ended(state.get())
                + " without a result; set the type again";
        resources.rejected(r.getId(), why);
        log.warn("resource {} was validating but {}", r.getId(), why);
        healed++;
      }
    }
    for (UUID id : resources.validatingSince(OffsetDateTime.now().minus(limit))) {
      resources.rejected(id, "the validation did not finish; set the type again");
      log.warn(
          "resource {} was left validating for over {}; its last valid type is back", id, limit);
      healed++;
    }
    return healed;
  }
}
