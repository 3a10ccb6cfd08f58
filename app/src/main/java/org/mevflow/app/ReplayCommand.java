package org.mevflow.app;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mevflow.core.analyses.AnalysisJobs;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.db.type.PublicDb;
import org.mevflow.workflows.operators.Search;
import org.mevflow.workflows.signatures.SketchRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ./mevflow replay <workflow-id>}: runs a failed workflow again after a fix is deployed. On
 * a cluster that implements reset, the run is reset to just after its last completed activity (what
 * was done stays done). Where reset is not implemented (the dev server), it runs again from its
 * recorded input: an execution becomes a new execution linked to the failed one (its row says
 * {@code retry_of}); a sketch, verification or validation becomes a new run of the same workflow
 * id, whose activities skip what is already stored.
 */
@Command(
    name = "replay",
    description = {
      "Run a failed workflow again after a fix: reset to its last completed activity where the",
      "server implements reset, else again from its recorded input. Database as for 'jobs'."
    })
class ReplayCommand implements Callable<Integer> {
  @Parameters(
      paramLabel = "WORKFLOW-ID",
      description = "e.g. sketch-sra-SRR15461028, analysis-<id>")
  String workflowId;

  @Mixin TemporalTarget temporal;

  private static final List<WorkflowExecutionStatus> REPLAYABLE =
      List.of(
          WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED,
          WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED,
          WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT);

  /** A workflow that completed with one of these job statuses failed its job all the same. */
  private static final List<String> FAILED_JOB = List.of("FAILED", "ABORTED");

  @Override
  public Integer call() {
    WorkflowServiceStubs stubs = temporal.connect();
    try {
      WorkflowClient client = temporal.client(stubs);
      var info =
          stubs
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(temporal.namespace)
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                      .build())
              .getWorkflowExecutionInfo();
      String jobStatus = jobStatus(info.getSearchAttributes());
      if (!REPLAYABLE.contains(info.getStatus()) && !FAILED_JOB.contains(jobStatus)) {
        System.err.println(
            "mevflow replay: "
                + workflowId
                + " is "
                + info.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase()
                + (jobStatus.isEmpty() ? "" : " (job " + jobStatus + ")")
                + "; only a failed, terminated or timed-out run, or a job that failed, is replayed");
        return 2;
      }
      String runId = info.getExecution().getRunId();
      List<HistoryEvent> events = client.fetchHistory(workflowId, runId).getEvents();
      Optional<Long> resetPoint = resetPoint(events);
      boolean analysis = workflowId.startsWith("analysis-");
      if (resetPoint.isEmpty() && analysis) {
        // nothing of ours failed (the tool did): the execution runs again, linked to this one
        return again(client, events.get(0).getWorkflowExecutionStartedEventAttributes(), runId);
      }
      long point = resetPoint.orElse(3L);
      Runnable reopened =
          analysis
              ? reopen(UUID.fromString(workflowId.substring(9)))
              : reopenDataset(workflowId).orElse(() -> {});
      try {
        var reset =
            stubs
                .blockingStub()
                .resetWorkflowExecution(
                    ResetWorkflowExecutionRequest.newBuilder()
                        .setNamespace(temporal.namespace)
                        .setWorkflowExecution(info.getExecution())
                        .setWorkflowTaskFinishEventId(point)
                        .setReason("replay after a fix (./mevflow replay)")
                        .setRequestId(UUID.randomUUID().toString())
                        .build());
        System.out.println(
            "reset "
                + workflowId
                + " run "
                + runId
                + " to event "
                + point
                + " (before the step that failed): new run "
                + reset.getRunId());
        return 0;
      } catch (StatusRuntimeException e) {
        reopened.run(); // undone: the row is FAILED again
        if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
          throw e;
        }
      }
      return again(client, events.get(0).getWorkflowExecutionStartedEventAttributes(), runId);
    } finally {
      stubs.shutdown();
    }
  }

  /** The job status the workflow last set (MevflowStatus), or "". */
  private static String jobStatus(io.temporal.api.common.v1.SearchAttributes attributes) {
    var payload = attributes.getIndexedFieldsMap().get(Search.STATUS.getName());
    return payload == null
        ? ""
        : DefaultDataConverter.newDefaultInstance()
            .fromPayload(payload, String.class, String.class);
  }

  /**
   * Where a replay starts: the workflow task that scheduled the first activity that failed (or
   * timed out), so the fixed code runs that step again and everything before it stays done. A
   * workflow none of whose activities failed is reset to the task after its last completed
   * activity.
   */
  static Optional<Long> resetPoint(List<HistoryEvent> events) {
    Map<Long, HistoryEvent> byId = new HashMap<>();
    for (HistoryEvent e : events) {
      byId.put(e.getEventId(), e);
      long scheduled =
          switch (e.getEventType()) {
            case EVENT_TYPE_ACTIVITY_TASK_FAILED ->
                e.getActivityTaskFailedEventAttributes().getScheduledEventId();
            case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT ->
                e.getActivityTaskTimedOutEventAttributes().getScheduledEventId();
            default -> -1;
          };
      if (scheduled > 0 && byId.containsKey(scheduled)) {
        return Optional.of(
            byId.get(scheduled)
                .getActivityTaskScheduledEventAttributes()
                .getWorkflowTaskCompletedEventId());
      }
    }
    int lastActivity = -1;
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
        lastActivity = i;
      }
    }
    if (lastActivity < 0) {
      return Optional.empty();
    }
    for (int i = lastActivity; i < events.size(); i++) {
      if (events.get(i).getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) {
        return Optional.of(events.get(i).getEventId());
      }
    }
    return Optional.empty();
  }

  /**
   * An execution about to be reset is RUNNING again (its row was ended FAILED), so the reset run
   * can record its end; answers what puts the row back as it was if the reset is refused.
   */
  private static Runnable reopen(UUID execution) {
    ExecutionRepository executions =
        new ExecutionRepository(DSL.using(UsersCommand.dataSource(), SQLDialect.POSTGRES));
    ExecutionsRecord before = executions.find(execution).orElseThrow();
    executions.reopen(execution);
    return () ->
        executions.finish(
            execution,
            before.getStatus(),
            before.getOutputs() == null ? null : before.getOutputs().data(),
            before.getErrorMessages() == null ? "[]" : before.getErrorMessages().data());
  }

  /**
   * A sketch about to be reset is COMPUTING again (its row says FAILED or MISSING until the reset
   * run ends otherwise); answers what puts the row back if the reset is refused.
   */
  private static Optional<Runnable> reopenDataset(String workflowId) {
    Optional<SketchRequest> sketch = SketchRequest.ofWorkflowId(workflowId);
    if (sketch.isEmpty()) {
      return Optional.empty();
    }
    PublicDb source = PublicDb.valueOf(sketch.get().database().toUpperCase(Locale.ROOT));
    String accession = sketch.get().accession();
    DatasetRepository datasets =
        new DatasetRepository(DSL.using(UsersCommand.dataSource(), SQLDialect.POSTGRES));
    return datasets
        .reopen(source, accession)
        .map(before -> () -> datasets.restore(source, accession, before));
  }

  private int again(
      WorkflowClient client, WorkflowExecutionStartedEventAttributes started, String failedRun) {
    if (workflowId.startsWith("analysis-")) {
      var db = DSL.using(UsersCommand.dataSource(), SQLDialect.POSTGRES);
      ExecutionRepository executions = new ExecutionRepository(db);
      ExecutionsRecord old =
          executions
              .find(UUID.fromString(workflowId.substring("analysis-".length())))
              .orElseThrow(() -> new IllegalStateException("no execution row for " + workflowId));
      ExecutionsRecord row = new AnalysisJobs(db, client).retry(old);
      System.out.println(
          "execution "
              + old.getId()
              + " runs again as "
              + row.getId()
              + " (workflow "
              + row.getWorkflowId()
              + ", retry_of "
              + old.getId()
              + ")");
      return 0;
    }
    Object[] input =
        started.hasInput()
            ? new Object[] {
              DefaultDataConverter.newDefaultInstance()
                  .fromPayloads(
                      0,
                      Optional.of(started.getInput()),
                      com.fasterxml.jackson.databind.JsonNode.class,
                      com.fasterxml.jackson.databind.JsonNode.class)
            }
            : new Object[0];
    // the same search attributes (all Keyword), status back to QUEUED, and the link in the memo
    var converter = DefaultDataConverter.newDefaultInstance();
    var attributes = io.temporal.common.SearchAttributes.newBuilder();
    started
        .getSearchAttributes()
        .getIndexedFieldsMap()
        .forEach(
            (name, payload) ->
                attributes.set(
                    io.temporal.common.SearchAttributeKey.forKeyword(name),
                    converter.fromPayload(payload, String.class, String.class)));
    attributes.set(Search.STATUS, "QUEUED");
    java.util.Map<String, Object> memo = new java.util.HashMap<>();
    started
        .getMemo()
        .getFieldsMap()
        .forEach((k, v) -> memo.put(k, converter.fromPayload(v, String.class, String.class)));
    memo.put("replay_of_run", failedRun);
    var stub =
        client.newUntypedWorkflowStub(
            started.getWorkflowType().getName(),
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(started.getTaskQueue().getName())
                .setTypedSearchAttributes(attributes.build())
                .setMemo(memo)
                .build());
    var execution = stub.start(input);
    System.out.println(
        workflowId
            + " runs again from its recorded input: run "
            + execution.getRunId()
            + " (replaces failed run "
            + failedRun
            + ")");
    return 0;
  }
}
