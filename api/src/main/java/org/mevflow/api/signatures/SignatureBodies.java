package org.mevflow.api.signatures;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.List;
import org.mevflow.api.temporal.LiveWorkflows.PendingActivity;
import org.mevflow.db.jooq.tables.records.SubmissionsRecord;

/**
 * The signatures routes' response bodies: wort's members ({@code status}, {@code task_id}) where
 * wort has the route, mevflow's own (snake case, as wort writes them) where it adds one.
 */
final class SignatureBodies {
  private SignatureBodies() {}

  /** A compute request's answer: wort's {@code status} and {@code task_id}. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Computing(String status, String view, String taskId, Boolean joined, String statusUrl) {

    static Computing alreadyCalculated(String view) {
      return new Computing("Signature already calculated", view, null, null, null);
    }

    static Computing submitted(String taskId, boolean joined, String statusUrl) {
      return new Computing("Submitted", null, taskId, joined, statusUrl);
    }
  }

  /** What became of a dataset ({@code /v1/status/...}). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record DatasetStatus(
      String database,
      String accession,
      String status,
      Integer attempts,
      String lastError,
      Long sizeMb,
      String taskQueue,
      OffsetDateTime requestedAt,
      OffsetDateTime startedAt,
      OffsetDateTime computedAt,
      OffsetDateTime updatedAt,
      String workflowId,
      String previousWorkflowId,
      String runId,
      @JsonInclude(JsonInclude.Include.NON_NULL) PreviousRun previousRun,
      @JsonInclude(JsonInclude.Include.NON_NULL) ServedSignature signature,
      List<Sketch> sketches,
      List<Submission> submissions,
      @JsonInclude(JsonInclude.Include.NON_NULL) Progress progress) {}

  /** The run a replay or recompute replaced, and how it ended. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record PreviousRun(String runId, String error) {}

  /** Where the served signature is, its size and who made it (COMPUTED or SUBMITTED). */
  record ServedSignature(String url, Long bytes, String source) {}

  /** One sketch of the served signature. */
  record Sketch(Integer ksize, Long hashes, String md5sum) {}

  /** A submitted signature's state ({@code /v1/submissions/{id}}). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Submission(
      String id,
      String status,
      String reason,
      String report,
      String workflowId,
      OffsetDateTime createdAt,
      OffsetDateTime decidedAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) Progress progress) {

    static Submission of(SubmissionsRecord s, Progress progress) {
      return new Submission(
          s.getId().toString(),
          s.getStatus().name(),
          s.getReason(),
          s.getReport() == null ? null : s.getReport().data(),
          s.getWorkflowId(),
          s.getCreatedAt(),
          s.getDecidedAt(),
          progress);
    }
  }

  /** A submission's answer: accepted for verification. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Accepted(String status, String submissionId, String workflowId) {}

  /** A re-verification's answer when started. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record VerificationStarted(String verificationId, String workflowId) {}

  /** A re-verification's outcome ({@code /v1/verifications/{id}}). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Verification(
      String id,
      String status,
      String report,
      String workflowId,
      OffsetDateTime createdAt,
      OffsetDateTime finishedAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) Progress progress) {}

  /**
   * A running sketch or verify workflow: its pending activity, the sketch's heartbeat (records and
   * bases read so far) and the workflow's step and queue; what did not answer in time is left out.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Progress(
      @JsonUnwrapped PendingActivity pending,
      Long records,
      Long bases,
      String step,
      String taskQueue) {}
}
