package org.mevflow.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.workflows.analyses.AnalysisStart;
import org.mevflow.workflows.analyses.AnalysisWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Heals the gap between an execution's row and its workflow: the API inserts the row first, so a
 * crash before the workflow starts leaves it QUEUED. Such rows get their workflow started; a
 * workflow that exists already (same id) is left alone, so this is safe to run anywhere, often.
 */
@Component
public class ExecutionReconciler {
  private static final Logger log = LoggerFactory.getLogger(ExecutionReconciler.class);

  private final ExecutionRepository executions;
  private final UserRepository users;
  private final OperationRepository operations;
  private final WorkflowClient client;
  private final Duration grace;

  public ExecutionReconciler(
      DSLContext db,
      WorkflowClient client,
      @Value("${mevflow.reconciler.grace:2m}") Duration grace) {
    this.executions = new ExecutionRepository(db);
    this.users = new UserRepository(db);
    this.operations = new OperationRepository(db);
    this.client = client;
    this.grace = grace;
  }

  /** Starts the workflow of every execution QUEUED for longer than the grace period. */
  @Scheduled(
      initialDelayString = "${mevflow.reconciler.interval:60s}",
      fixedDelayString = "${mevflow.reconciler.interval:60s}")
  public int reconcile() {
    int started = 0;
    for (ExecutionsRecord e : executions.queuedBefore(OffsetDateTime.now().minus(grace))) {
      if (start(e)) {
        started++;
        log.warn(
            "execution {} was queued without a workflow; started {}", e.getId(), e.getWorkflowId());
      }
    }
    return started;
  }

  /**
   * Starts the execution's workflow under its id, as the run route does; false when a workflow of
   * that id is already running (then nothing is done).
   */
  boolean start(ExecutionsRecord e) {
    String owner =
        users.findById(e.getOwnerId()).map(u -> u.getUsername()).orElse("user " + e.getOwnerId());
    String operation = operations.find(e.getOperationId()).map(o -> o.getName()).orElse("?");
    AnalysisWorkflow workflow =
        client.newWorkflowStub(
            AnalysisWorkflow.class,
            AnalysisStart.options(
                e.getWorkflowId(), e.getId().toString(), owner, operation, e.getJobName()));
    try {
      WorkflowClient.start(workflow::run, e.getId().toString());
      return true;
    } catch (WorkflowExecutionAlreadyStarted running) {
      return false; // its workflow exists and has not reached its first step yet
    }
  }
}
