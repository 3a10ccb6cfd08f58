package org.mevflow.workflows.signatures;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.ChildWorkflowOptions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.mevflow.db.type.JobKind;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.operators.Search;

/**
 * Compute the signature of one dataset. {@code database} is "sra" or "genomes", as in wort's paths;
 * {@code recompute} replaces a stored signature (only once the new one is complete).
 */
public record SketchRequest(String database, String accession, boolean recompute) {
  public static final String SRA = "sra";
  public static final String GENOMES = "genomes";

  /** Never computed (IMG's sequences are not public); only named by verifications. */
  public static final String IMG = "img";

  private static final Duration TIME_LIMIT = Duration.ofDays(7);
  private static final String PREFIX = "sketch-";

  /** The workflow id: one per dataset, so a second request joins the running one. */
  public String workflowId() {
    return PREFIX + database + "-" + accession;
  }

  /**
   * The dataset a sketch's workflow id names, as (database, accession), or empty for any other id:
   * {@link #workflowId()} read back.
   */
  public static Optional<SketchRequest> ofWorkflowId(String workflowId) {
    int dash = workflowId.indexOf('-', PREFIX.length());
    if (!workflowId.startsWith(PREFIX) || dash < 0 || dash == workflowId.length() - 1) {
      return Optional.empty();
    }
    String database = workflowId.substring(PREFIX.length(), dash);
    if (!database.equals(SRA) && !database.equals(GENOMES)) {
      return Optional.empty();
    }
    return Optional.of(new SketchRequest(database, workflowId.substring(dash + 1), false));
  }

  /** How the API starts it: on {@code signatures}, a new run allowed after an ended one. */
  public WorkflowOptions startOptions() {
    return tags()
        .on(
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.SIGNATURES)
                .setWorkflowId(workflowId())
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setWorkflowExecutionTimeout(TIME_LIMIT))
        .build();
  }

  /**
   * How discovery starts it, as a child with the same id, queue and tags; the child outlives its
   * parent (a cancelled discovery stops starting sketches, it does not stop the started ones).
   */
  public ChildWorkflowOptions childOptions() {
    return tags()
        .on(
            ChildWorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.SIGNATURES)
                .setWorkflowId(workflowId())
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setWorkflowExecutionTimeout(TIME_LIMIT)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON))
        .build();
  }

  private Search.Tags tags() {
    return Search.tags(
        JobKind.SKETCH,
        "sketch " + database + " " + accession + (recompute ? " (recompute)" : ""),
        Map.of(Search.ACCESSION, accession, Search.DATABASE, database));
  }
}
