package org.mevflow.worker;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.mevflow.core.analyses.AnalysisJobs;
import org.mevflow.core.signatures.SketchJobs;
import org.mevflow.core.signatures.VerifyJobs;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.SubmissionRepository;
import org.mevflow.db.jooq.tables.records.DatasetsRecord;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.db.jooq.tables.records.SubmissionsRecord;
import org.mevflow.db.jooq.tables.records.VerificationsRecord;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.SubmissionStatus;
import org.mevflow.db.type.VerificationStatus;
import org.mevflow.workflows.signatures.VerifyRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Heals rows whose workflow is gone: an execution SUBMITTING, RUNNING, FINALIZING or ABORTING, a
 * dataset COMPUTING, a submission PENDING or VERIFYING, or a re-verification RUNNING, while
 * Temporal has no such workflow (its data was lost: the in-memory test server restarted, a
 * different server, a deleted SQLite file) or has it closed without the row having been ended
 * (terminated by hand, timed out).
 *
 * <ul>
 *   <li>No workflow: it is started again under the same id. An execution's plan picks up its
 *       Cromwell job from the row (the job is tracked, not submitted twice); a sketch skips what is
 *       stored. An execution that was ABORTING is started and cancelled, so its job is aborted.
 *   <li>Workflow closed: the row is ended with the reason (FAILED, or ABORTED for a cancelled one).
 * </ul>
 *
 * Every step is idempotent (same workflow ids, final states written once), so every worker may run
 * it.
 */
@Component
public class StrandedJobs {
  private static final Logger log = LoggerFactory.getLogger(StrandedJobs.class);
  static final int BATCH = 200;

  private final ExecutionRepository executions;
  private final DatasetRepository datasets;
  private final AnalysisJobs analyses;
  private final SketchJobs sketches;
  private final VerifyJobs verifications;
  private final SubmissionRepository submissions;
  private final WorkflowClient client;
  private final Duration grace;

  public StrandedJobs(
      ExecutionRepository executions,
      DatasetRepository datasets,
      WorkflowClient client,
      AnalysisJobs analyses,
      SketchJobs sketches,
      VerifyJobs verifications,
      SubmissionRepository submissions,
      ReconcilerProperties settings) {
    this.verifications = verifications;
    this.submissions = submissions;
    this.executions = executions;
    this.datasets = datasets;
    this.analyses = analyses;
    this.sketches = sketches;
    this.client = client;
    this.grace = settings.grace();
  }

  /** What one pass did. */
  public record Healed(int restarted, int ended) {}

  @Scheduled(
      initialDelayString = "${mevflow.reconciler.interval:60s}",
      fixedDelayString = "${mevflow.reconciler.interval:60s}")
  public Healed reconcile() {
    OffsetDateTime before = OffsetDateTime.now().minus(grace);
    int restarted = 0;
    int ended = 0;
    for (ExecutionsRecord e : executions.unfinishedBefore(before, BATCH)) {
      Optional<WorkflowExecutionStatus> state = state(e.getWorkflowId());
      if (state.isEmpty()) {
        restart(e);
        restarted++;
      } else if (state.get() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        boolean cancelled =
            state.get() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED;
        String why = "its workflow " + e.getWorkflowId() + " " + closed(state.get());
        executions.finish(
            e.getId(),
            cancelled ? ExecutionStatus.ABORTED : ExecutionStatus.FAILED,
            null,
            jsonList(why));
        log.warn("execution {} was {} but {}: ended", e.getId(), e.getStatus(), why);
        ended++;
      }
    }
    for (DatasetsRecord d : datasets.computingBefore(before, BATCH)) {
      Optional<WorkflowExecutionStatus> state = state(d.getWorkflowId());
      if (state.isEmpty()) {
        SketchJobs.Started started = sketches.compute(d.getDb(), d.getAccession(), false);
        if (!started.joined()) { // else: started since we looked
          log.warn(
              "dataset {} was computing without a workflow: started {}",
              d.getAccession(),
              started.workflowId());
          restarted++;
        }
      } else if (state.get() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        String why = "its workflow " + d.getWorkflowId() + " " + closed(state.get());
        datasets.markFailed(d.getDb(), d.getAccession(), why);
        log.warn("dataset {} was computing but {}: marked failed", d.getAccession(), why);
        ended++;
      }
    }
    for (SubmissionsRecord s : submissions.undecidedBefore(before, BATCH)) {
      Optional<WorkflowExecutionStatus> state = state(s.getWorkflowId());
      if (state.isEmpty()) {
        var request = verifications.requestFor(s);
        if (request.isPresent() && verifications.start(request.get(), null)) {
          log.warn("submission {} was undecided without a workflow: verified again", s.getId());
          restarted++;
        }
      } else if (state.get() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        String why = "its verification " + s.getWorkflowId() + " " + closedUndecided(state.get());
        submissions.decide(s.getId(), SubmissionStatus.UNVERIFIABLE, why, null);
        log.warn("submission {} was undecided but {}: unverifiable", s.getId(), why);
        ended++;
      }
    }
    for (VerificationsRecord v : submissions.runningBefore(before, BATCH)) {
      Optional<WorkflowExecutionStatus> state = state(v.getWorkflowId());
      var request = state.isEmpty() ? verifications.requestFor(v) : Optional.<VerifyRequest>empty();
      if (state.isEmpty() && request.isPresent()) {
        if (verifications.start(request.get(), null)) {
          log.warn("verification {} was running without a workflow: started again", v.getId());
          restarted++;
        }
      } else if (state.isEmpty()
          || state.get() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        String why =
            state.isEmpty()
                ? "its workflow was lost and the dataset no longer serves a signature"
                : "its workflow " + v.getWorkflowId() + " " + closedUndecided(state.get());
        submissions.decideVerification(
            v.getId(),
            VerificationStatus.FAILED,
            "{\"reason\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(why) + "}");
        log.warn("verification {} was running but {}: failed", v.getId(), why);
        ended++;
      }
    }
    return new Healed(restarted, ended);
  }

  private static String closedUndecided(WorkflowExecutionStatus status) {
    return WorkflowStates.ended(status) + " without deciding";
  }

  private Optional<WorkflowExecutionStatus> state(String workflowId) {
    return WorkflowStates.of(client, workflowId);
  }

  private void restart(ExecutionsRecord e) {
    if (!analyses.start(e)) {
      return; // started since we looked
    }
    if (e.getStatus() == ExecutionStatus.ABORTING) {
      // the user's cancel was under way: the new run aborts the job and records ABORTED
      client.newUntypedWorkflowStub(e.getWorkflowId()).cancel();
    }
    log.warn(
        "execution {} was {} without a workflow: started {} again{}",
        e.getId(),
        e.getStatus(),
        e.getWorkflowId(),
        e.getStatus() == ExecutionStatus.ABORTING ? " and cancelled it" : "");
  }

  private static String closed(WorkflowExecutionStatus status) {
    return WorkflowStates.ended(status) + " without recording the job's end";
  }

  private static String jsonList(String message) {
    return "[" + com.fasterxml.jackson.databind.node.TextNode.valueOf(message) + "]";
  }
}
