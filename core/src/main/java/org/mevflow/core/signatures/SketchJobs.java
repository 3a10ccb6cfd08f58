package org.mevflow.core.signatures;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import java.util.Locale;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.type.PublicDb;
import org.mevflow.workflows.signatures.SketchRequest;
import org.mevflow.workflows.signatures.SketchWorkflow;

/**
 * The one place a dataset's sketch workflow is started: the compute routes, the discovery's
 * follow-up and the stranded-job healer come here. One workflow id per dataset, so a second start
 * joins the running one.
 */
public final class SketchJobs {
  private final DatasetRepository datasets;
  private final WorkflowClient client;

  public SketchJobs(DatasetRepository datasets, WorkflowClient client) {
    this.datasets = datasets;
    this.client = client;
  }

  /** What a start did: the workflow's id, and whether it was running already (joined). */
  public record Started(String workflowId, boolean joined) {}

  /** Starts the dataset's sketch workflow (its row made first), or joins the one running. */
  public Started compute(PublicDb db, String accession, boolean recompute) {
    datasets.requested(db, accession);
    SketchRequest request =
        new SketchRequest(db.name().toLowerCase(Locale.ROOT), accession, recompute);
    SketchWorkflow workflow = client.newWorkflowStub(SketchWorkflow.class, request.startOptions());
    try {
      WorkflowClient.start(workflow::compute, request);
      return new Started(request.workflowId(), false);
    } catch (WorkflowExecutionAlreadyStarted running) {
      return new Started(request.workflowId(), true);
    }
  }
}
