package org.mevflow.api.analyses;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.List;
import org.mevflow.api.temporal.LiveWorkflows.PendingActivity;

/** The analyses routes' response bodies, with WebMEV's member names. */
final class AnalysisBodies {
  private AnalysisBodies() {}

  /** WebMEV's executed operation ({@code GET /api/executed-operations/{id}/}). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record ExecutedOperation(
      String id,
      Long owner,
      OperationRef operation,
      String jobId,
      String jobName,
      JsonNode inputs,
      JsonNode outputs,
      JsonNode errorMessages,
      String status,
      OffsetDateTime executionStartDatetime,
      OffsetDateTime executionStopDatetime,
      boolean jobFailed,
      boolean isFinalizing,
      String mode,
      String workspace,
      String retryOf,
      List<String> retriedBy) {}

  /** The operation an execution ran, as WebMEV nests it. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record OperationRef(String operationId, String operationName, JsonNode categories) {}

  /** What the run and retry routes answer: the new execution's id (and the one it retries). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Started(String executedOperationId, String retryOf) {}

  /** What the cancel route answers. */
  record Cancelling(String id, String status) {}

  /**
   * Where a running execution is: the row's view, then (while it runs) the workflow's own progress
   * and its pending activity; what the workflow did not answer in time is left out.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Progress(
      String id,
      String workflowId,
      String status,
      String jobId,
      @JsonInclude(JsonInclude.Include.NON_NULL) String step,
      @JsonInclude(JsonInclude.Include.NON_NULL) String runnerStatus,
      @JsonInclude(JsonInclude.Include.NON_NULL) Integer statusCalls,
      @JsonInclude(JsonInclude.Include.NON_NULL) String lastError,
      @JsonUnwrapped PendingActivity pending) {}
}
