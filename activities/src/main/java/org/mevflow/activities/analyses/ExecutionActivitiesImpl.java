package org.mevflow.activities.analyses;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mevflow.core.operations.OperationSpec;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.WorkspaceRepository;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.db.jooq.tables.records.ResourcesRecord;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.Runner;
import org.mevflow.workflows.analyses.ExecutionActivities;
import org.mevflow.workflows.analyses.ExecutionPlan;

/** Execution records and output registration; every call is idempotent. */
public class ExecutionActivitiesImpl implements ExecutionActivities {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExecutionRepository executions;
  private final OperationRepository operations;
  private final ResourceRepository resources;
  private final WorkspaceRepository workspaces;
  private final ObjectStorage storage;
  private final Limits limits;

  /**
   * How long a run may take: on Cromwell, the spec's {@code time_limit} or {@code cromwell} when it
   * sets none ({@code mevflow.analyses.time-limit}); on the local runner, {@code local} ({@code
   * mevflow.analyses.local-time-limit}). The plan carries the limit to the workflow, which bounds
   * the run's activity by it.
   */
  public record Limits(Duration cromwell, Duration local) {}

  public ExecutionActivitiesImpl(
      ExecutionRepository executions,
      OperationRepository operations,
      ResourceRepository resources,
      WorkspaceRepository workspaces,
      ObjectStorage storage,
      Limits limits) {
    this.limits = limits;
    this.executions = executions;
    this.operations = operations;
    this.resources = resources;
    this.workspaces = workspaces;
    this.storage = storage;
  }

  @Override
  public ExecutionPlan plan(String executionId) {
    ExecutionsRecord exec = executions.find(UUID.fromString(executionId)).orElseThrow();
    Duration limit = exec.getRunner() == Runner.CROMWELL ? limits.cromwell() : limits.local();
    try {
      Duration own =
          OperationSpec.parse(operations.find(exec.getOperationId()).orElseThrow().getSpec().data())
              .timeLimit();
      if (own != null && exec.getRunner() == Runner.CROMWELL) {
        limit = own;
      }
    } catch (OperationSpec.Invalid e) {
      throw new IllegalStateException("an ingested spec no longer parses: " + e.getMessage(), e);
    }
    return new ExecutionPlan(
        exec.getRunner(),
        exec.getStatus().isTerminal(),
        exec.getStatus(),
        exec.getRunnerJobId(),
        exec.getStartedAt() == null ? 0 : exec.getStartedAt().toInstant().toEpochMilli(),
        limit.toSeconds());
  }

  @Override
  public void status(String executionId, ExecutionStatus status) {
    executions.status(UUID.fromString(executionId), status);
  }

  @Override
  public Map<String, Object> register(String executionId, Map<String, String> files) {
    ExecutionsRecord exec = executions.find(UUID.fromString(executionId)).orElseThrow();
    OperationSpec spec;
    try {
      spec =
          OperationSpec.parse(
              operations.find(exec.getOperationId()).orElseThrow().getSpec().data());
    } catch (OperationSpec.Invalid e) {
      throw new IllegalStateException("an ingested spec no longer parses: " + e.getMessage(), e);
    }
    Map<String, Object> outputs = new LinkedHashMap<>();
    for (var e : files.entrySet()) {
      OperationSpec.Output declared = spec.outputs().get(e.getKey());
      String type =
          declared == null || declared.spec().resourceTypes().isEmpty()
              ? "*"
              : declared.spec().resourceTypes().get(0);
      URI uri = URI.create(e.getValue());
      long size;
      try {
        size = storage.head(ObjectRef.fromUri(uri)).map(o -> o.size()).orElse(0L);
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      String name =
          exec.getJobName() + " - " + uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
      ResourcesRecord r =
          resources.output(
              exec.getId(),
              e.getKey(),
              exec.getOwnerId(),
              name,
              e.getValue(),
              size,
              type,
              type.equals("*") ? null : "tsv");
      if (exec.getWorkspaceId() != null) {
        workspaces.add(exec.getWorkspaceId(), r.getId());
      }
      outputs.put(e.getKey(), r.getId().toString());
    }
    return outputs;
  }

  @Override
  public void finish(
      String executionId,
      ExecutionStatus status,
      Map<String, Object> outputs,
      List<String> errors) {
    Metrics.counter("mevflow.executions.finished", "status", status.name()).increment();
    try {
      executions.finish(
          UUID.fromString(executionId),
          status,
          outputs == null ? null : JSON.writeValueAsString(outputs),
          JSON.writeValueAsString(errors == null ? List.of() : errors));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
