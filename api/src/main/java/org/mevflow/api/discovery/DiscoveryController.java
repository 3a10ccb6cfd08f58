package org.mevflow.api.discovery;

import io.swagger.v3.oas.annotations.Operation;
import io.temporal.client.WorkflowClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mevflow.api.problem.ApiException;
import org.mevflow.api.temporal.LiveWorkflows;
import org.mevflow.db.DiscoveryRepository;
import org.mevflow.db.type.DiscoveryStatus;
import org.mevflow.workflows.discovery.DiscoveryWorkflow;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The daily discovery's runs for operators (admins only): counts from PostgreSQL, and for a run
 * still going its live progress (the workflow's {@code progress} query, bounded).
 */
@RestController
public class DiscoveryController {
  private final DiscoveryRepository discoveries;
  private final WorkflowClient client;
  private final LiveWorkflows live;

  public DiscoveryController(
      DiscoveryRepository discoveries, WorkflowClient client, LiveWorkflows live) {
    this.discoveries = discoveries;
    this.client = client;
    this.live = live;
  }

  @GetMapping({"/api/admin/discoveries", "/api/admin/discoveries/"})
  @Operation(
      summary =
          "Discovery runs newest first with their counts, and live progress while running;"
              + " limit (default 20, at most 500)")
  public Map<String, Object> list(@RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > 500) {
      throw ApiException.badRequest("'limit' must be between 1 and 500");
    }
    List<Map<String, Object>> runs =
        discoveries.recent(limit).stream()
            .map(
                r -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("day", r.getDay());
                  m.put("workflow_id", r.getWorkflowId());
                  m.put("run_id", r.getRunId());
                  m.put("status", r.getStatus());
                  m.put("found", r.getFound());
                  m.put("pages", r.getPages());
                  m.put("new", r.getInserted());
                  m.put("started", r.getStarted());
                  m.put("computed", r.getComputed());
                  m.put("missing", r.getMissing());
                  m.put("failed", r.getFailed());
                  m.put("already_running", r.getJoined());
                  m.put("last_error", r.getLastError());
                  m.put("started_at", r.getStartedAt());
                  m.put("finished_at", r.getFinishedAt());
                  if (r.getStatus() == DiscoveryStatus.RUNNING) {
                    live.query(
                            () ->
                                client
                                    .newWorkflowStub(DiscoveryWorkflow.class, r.getWorkflowId())
                                    .progress())
                        .ifPresent(p -> m.put("progress", p));
                  }
                  return m;
                })
            .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("paused", discoveries.paused());
    body.put("runs", runs);
    return body;
  }
}
