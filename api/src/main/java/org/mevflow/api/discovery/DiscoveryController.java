package org.mevflow.api.discovery;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.Operation;
import io.temporal.client.WorkflowClient;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.mevflow.api.problem.ApiException;
import org.mevflow.api.temporal.LiveWorkflows;
import org.mevflow.db.DiscoveryRepository;
import org.mevflow.db.type.DiscoveryStatus;
import org.mevflow.workflows.discovery.DiscoveryProgress;
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
  public Discoveries list(@RequestParam(name = "limit", required = false) Integer given) {
    int limit = given == null ? 20 : given;
    if (limit < 1 || limit > 500) {
      throw ApiException.badRequest("'limit' must be between 1 and 500");
    }
    List<Run> runs =
        discoveries.recent(limit).stream()
            .map(
                r ->
                    new Run(
                        r.getDay(),
                        r.getWorkflowId(),
                        r.getRunId(),
                        r.getStatus(),
                        r.getFound(),
                        r.getPages(),
                        r.getInserted(),
                        r.getStarted(),
                        r.getComputed(),
                        r.getMissing(),
                        r.getFailed(),
                        r.getJoined(),
                        r.getLastError(),
                        r.getStartedAt(),
                        r.getFinishedAt(),
                        r.getStatus() == DiscoveryStatus.RUNNING
                            ? live.query(
                                    () ->
                                        client
                                            .newWorkflowStub(
                                                DiscoveryWorkflow.class, r.getWorkflowId())
                                            .progress())
                                .orElse(null)
                            : null))
            .toList();
    return new Discoveries(discoveries.paused(), runs);
  }

  /** Whether the daily schedule is paused, and the recent runs. */
  public record Discoveries(boolean paused, List<Run> runs) {}

  /** One day's discovery run: what it found, started and computed; live progress while it runs. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Run(
      LocalDate day,
      String workflowId,
      String runId,
      DiscoveryStatus status,
      Integer found,
      Integer pages,
      @JsonProperty("new") Integer inserted,
      Integer started,
      Integer computed,
      Integer missing,
      Integer failed,
      @JsonProperty("already_running") Integer joined,
      String lastError,
      OffsetDateTime startedAt,
      OffsetDateTime finishedAt,
      @JsonInclude(JsonInclude.Include.NON_NULL) DiscoveryProgress progress) {}
}
