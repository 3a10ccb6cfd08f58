package org.mevflow.api.analyses;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.db.jooq.tables.records.OperationsRecord;
import org.mevflow.db.type.ExecutionStatus;
import org.springframework.stereotype.Component;

/**
 * Executions as WebMEV shows them: status words and executed-operation bodies, each list read with
 * one query for its operations and one for its retries.
 */
@Component
class ExecutedOperations {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OperationRepository operations;
  private final ExecutionRepository executions;

  ExecutedOperations(OperationRepository operations, ExecutionRepository executions) {
    this.operations = operations;
    this.executions = executions;
  }

  static String status(ExecutionStatus s) {
    return switch (s) {
      case QUEUED -> "Submitted";
      case SUBMITTING -> "Submitting";
      case RUNNING -> "Running";
      case FINALIZING -> "Finalizing";
      case SUCCEEDED -> "Completed successfully";
      case FAILED -> "Failed";
      case ABORTING -> "Aborting";
      case ABORTED -> "Aborted";
    };
  }

  /**
   * WebMEV's bodies for these executions: their operations and retries are read in one query each,
   * not one per execution.
   */
  List<AnalysisBodies.ExecutedOperation> describe(List<ExecutionsRecord> list) {
    Map<UUID, OperationsRecord> ops =
        operations.byIds(list.stream().map(ExecutionsRecord::getOperationId).distinct().toList());
    Map<UUID, List<UUID>> retries =
        executions.retriesOf(list.stream().map(ExecutionsRecord::getId).toList());
    return list.stream()
        .map(
            e ->
                describe(
                    e, ops.get(e.getOperationId()), retries.getOrDefault(e.getId(), List.of())))
        .toList();
  }

  private AnalysisBodies.ExecutedOperation describe(
      ExecutionsRecord e, OperationsRecord op, List<UUID> retriedBy) {
    try {
      return new AnalysisBodies.ExecutedOperation(
          e.getId().toString(),
          e.getOwnerId(),
          new AnalysisBodies.OperationRef(
              op.getId().toString(),
              op.getName(),
              JSON.readTree(op.getSpec().data()).path("categories")),
          e.getRunnerJobId(),
          e.getJobName(),
          JSON.readTree(e.getInputs().data()),
          e.getOutputs() == null ? null : JSON.readTree(e.getOutputs().data()),
          JSON.readTree(e.getErrorMessages().data()),
          status(e.getStatus()),
          e.getStartedAt(),
          e.getFinishedAt(),
          e.getStatus() == ExecutionStatus.FAILED || e.getStatus() == ExecutionStatus.ABORTED,
          e.getStatus() == ExecutionStatus.FINALIZING,
          e.getRunner().name().toLowerCase(java.util.Locale.ROOT),
          e.getWorkspaceId() == null ? null : e.getWorkspaceId().toString(),
          e.getRetryOf() == null ? null : e.getRetryOf().toString(),
          retriedBy.stream().map(UUID::toString).toList());
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
