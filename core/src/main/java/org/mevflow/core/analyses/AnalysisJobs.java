package org.mevflow.core.analyses;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import org.jooq.DSLContext;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.workflows.analyses.AnalysisStart;
import org.mevflow.workflows.analyses.AnalysisWorkflow;

/**
 * The one place an analysis's workflow is started, run again and cancelled: the run route, the
 * reconcilers and {@code ./mevflow replay} all come here, so the workflow id, task queue, search
 * attributes and the row's status move the same way whoever asks.
 */
public final class AnalysisJobs {
  private final ExecutionRepository executions;
  private final UserRepository users;
  private final OperationRepository operations;
  private final WorkflowClient client;

  public AnalysisJobs(DSLContext db, WorkflowClient client) {
    this.executions = new ExecutionRepository(db);
    this.users = new UserRepository(db);
    this.operations = new OperationRepository(db);
    this.client = client;
  }

  /**
   * Starts the execution's workflow under the row's workflow id; false when a workflow of that id
   * exists already (then nothing is done), so calling it again is harmless.
   */
  public boolean start(ExecutionsRecord e) {
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
      return false;
    }
  }

  /**
   * Starts a row that was just inserted; if its workflow cannot be started the row ends FAILED with
   * that reason (never left QUEUED behind an error the caller reports) and the error is rethrown.
   */
  public void startNew(ExecutionsRecord e) {
    try {
      start(e);
    } catch (RuntimeException notStarted) {
      executions.finish(
          e.getId(), ExecutionStatus.FAILED, null, "[\"the execution could not be started\"]");
      throw notStarted;
    }
  }

  /** Runs an ended execution again with its recorded inputs: a new row linked by retry_of. */
  public ExecutionsRecord retry(ExecutionsRecord ended) {
    ExecutionsRecord row = executions.again(ended);
    startNew(row);
    return row;
  }

  /** What a cancel did. */
  public enum Cancel {
    /** The workflow was asked to stop its job; the row says ABORTING until it has. */
    REQUESTED,
    /** No workflow ever ran (a row queued by a request that died): the row ends ABORTED here. */
    ENDED
  }

  /** Cancels a running execution: its workflow aborts the job and records ABORTED. */
  public Cancel cancel(ExecutionsRecord e) {
    executions.status(e.getId(), ExecutionStatus.ABORTING);
    try {
      client.newUntypedWorkflowStub(e.getWorkflowId()).cancel();
      return Cancel.REQUESTED;
    } catch (WorkflowNotFoundException noWorkflow) {
      executions.finish(e.getId(), ExecutionStatus.ABORTED, null, "[\"cancelled by the user\"]");
      return Cancel.ENDED;
    }
  }
}
