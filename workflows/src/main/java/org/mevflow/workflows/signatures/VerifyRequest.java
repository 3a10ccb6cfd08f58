package org.mevflow.workflows.signatures;

import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mevflow.db.type.JobKind;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.operators.Search;

/**
 * Recompute a dataset's signature and compare it with a signature we hold: a user's submission
 * ({@link Subject#SUBMISSION}, id = submission id) or the served one ({@link Subject#SERVED}, id =
 * verification id; drift is recorded, nothing replaced).
 *
 * <p>{@code recomputeWith} names the implementations that recompute it ({@link #NATIVE}, {@link
 * #SOURMASH}, or both: then each must agree); null (histories older than the field) is our sketcher
 * alone. {@code operator}: an operator (admin) submitted it, so an IMG signature, which nobody can
 * recompute, is served on their authority.
 */
public record VerifyRequest(
    Subject subject,
    String id,
    String database,
    String accession,
    String signatureUri,
    boolean operator,
    List<String> recomputeWith) {
  public static final String NATIVE = "native";
  public static final String SOURMASH = "sourmash";

  public VerifyRequest(
      Subject subject, String id, String database, String accession, String signatureUri) {
    this(subject, id, database, accession, signatureUri, false, null);
  }

  /** The implementations to recompute with, in order. */
  public List<String> implementations() {
    return recomputeWith == null || recomputeWith.isEmpty() ? List.of(NATIVE) : recomputeWith;
  }

  /** What is being verified. */
  public enum Subject {
    SUBMISSION,
    SERVED
  }

  /** How the API starts it, for {@code owner} (who submitted or asked; null if unknown). */
  public WorkflowOptions startOptions(String owner) {
    Map<SearchAttributeKey<String>, String> attributes = new HashMap<>();
    attributes.put(Search.ACCESSION, accession);
    attributes.put(Search.DATABASE, database);
    attributes.put(Search.OWNER, owner);
    return Search.tag(
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.SIGNATURES)
                .setWorkflowId(workflowId())
                .setWorkflowExecutionTimeout(Duration.ofDays(7)),
            JobKind.VERIFY,
            "verify " + subject.name().toLowerCase() + " " + id + ": " + database + " " + accession,
            attributes)
        .build();
  }

  public String workflowId() {
    return "verify-" + id;
  }
}
