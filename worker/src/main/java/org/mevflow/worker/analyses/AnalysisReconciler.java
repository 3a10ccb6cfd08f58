package org.mevflow.worker.analyses;

import java.time.Duration;
import java.time.OffsetDateTime;
import org.mevflow.core.analyses.AnalysisJobs;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.worker.ReconcilerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Heals the gap between an execution's row and its workflow: the API inserts the row first, so a
 * crash before the workflow starts leaves it QUEUED. Such rows get their workflow started; a
 * workflow that exists already (same id) is left alone, so this is safe to run anywhere, often.
 */
@Component
public class AnalysisReconciler {
  private static final Logger log = LoggerFactory.getLogger(AnalysisReconciler.class);

  private final ExecutionRepository executions;
  private final AnalysisJobs jobs;
  private final Duration grace;

  public AnalysisReconciler(
      ExecutionRepository executions, AnalysisJobs jobs, ReconcilerProperties settings) {
    this.executions = executions;
    this.jobs = jobs;
    this.grace = settings.grace();
  }

  /** Starts the workflow of every execution QUEUED for longer than the grace period. */
  @Scheduled(
      initialDelayString = "${mevflow.reconciler.interval:60s}",
      fixedDelayString = "${mevflow.reconciler.interval:60s}")
  public int reconcile() {
    int started = 0;
    for (ExecutionsRecord e : executions.queuedBefore(OffsetDateTime.now().minus(grace))) {
      if (jobs.start(e)) {
        started++;
        log.warn(
            "execution {} was queued without a workflow; started {}", e.getId(), e.getWorkflowId());
      }
    }
    return started;
  }
}
