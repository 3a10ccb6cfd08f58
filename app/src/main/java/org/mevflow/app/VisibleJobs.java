package org.mevflow.app;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.mevflow.db.type.JobKind;
import org.mevflow.workflows.operators.Search;

/**
 * mevflow's jobs as Temporal's visibility store sees them (the same search attributes the Web UI
 * searches by), for {@code ./mevflow jobs} on a server that has visibility queries. Empty where the
 * server does not implement them (the Java test server).
 */
final class VisibleJobs {
  private VisibleJobs() {}

  /** One listed workflow. */
  record Row(
      String kind, String workflowId, String summary, String status, OffsetDateTime updated) {}

  /** The visibility query for the filters, as an operator would type it in the Web UI. */
  static String query(JobKind kind, boolean failedOnly, OffsetDateTime since) {
    List<String> clauses = new ArrayList<>();
    if (kind == null) {
      List<String> words = new ArrayList<>();
      for (JobKind k : JobKind.values()) {
        words.add("'" + k.word() + "'");
      }
      clauses.add(Search.KIND.getName() + " IN (" + String.join(", ", words) + ")");
    } else {
      clauses.add(Search.KIND.getName() + " = '" + kind.name().toLowerCase(Locale.ROOT) + "'");
    }
    if (failedOnly) {
      clauses.add(
          "("
              + Search.STATUS.getName()
              + " = 'FAILED' OR ExecutionStatus IN ('Failed', 'TimedOut', 'Terminated'))");
    }
    if (since != null) {
      String at = since.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
      clauses.add("(CloseTime >= '" + at + "' OR ExecutionStatus = 'Running')");
    }
    return String.join(" AND ", clauses);
  }

  /** The newest {@code limit} matching workflows; empty if the server has no visibility queries. */
  static Optional<List<Row>> list(
      WorkflowServiceStubs stubs, String namespace, String query, int limit) {
    List<Row> rows = new ArrayList<>();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    try {
      do {
        var response =
            stubs
                .blockingStub()
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .listWorkflowExecutions(
                    ListWorkflowExecutionsRequest.newBuilder()
                        .setNamespace(namespace)
                        .setQuery(query)
                        .setPageSize(Math.min(limit, 1000))
                        .setNextPageToken(page)
                        .build());
        for (WorkflowExecutionInfo info : response.getExecutionsList()) {
          if (rows.size() < limit) {
            rows.add(row(info));
          }
        }
        page = response.getNextPageToken();
      } while (!page.isEmpty() && rows.size() < limit);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(rows);
  }

  private static Row row(WorkflowExecutionInfo info) {
    var attributes = info.getSearchAttributes().getIndexedFieldsMap();
    String status = text(attributes.get(Search.STATUS.getName()));
    if (status.isEmpty()) {
      status = info.getStatus().name().replace("WORKFLOW_EXECUTION_STATUS_", "");
    }
    var time = info.hasCloseTime() ? info.getCloseTime() : info.getStartTime();
    return new Row(
        text(attributes.get(Search.KIND.getName())),
        info.getExecution().getWorkflowId(),
        text(info.getMemo().getFieldsMap().get(Search.SUMMARY)),
        status,
        Instant.ofEpochSecond(time.getSeconds(), time.getNanos()).atOffset(ZoneOffset.UTC));
  }

  private static String text(Payload payload) {
    if (payload == null) {
      return "";
    }
    String s =
        DefaultDataConverter.newDefaultInstance().fromPayload(payload, String.class, String.class);
    return s == null ? "" : s;
  }
}
