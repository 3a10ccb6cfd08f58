package org.mevflow.api.analyses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.mevflow.api.problem.ApiException;
import org.mevflow.api.problem.Ids;
import org.mevflow.api.security.MevflowUser;
import org.mevflow.api.temporal.LiveWorkflows;
import org.mevflow.api.temporal.LiveWorkflows.PendingActivity;
import org.mevflow.core.analyses.AnalysisJobs;
import org.mevflow.core.cromwell.CromwellSettings;
import org.mevflow.core.docker.DockerSettings;
import org.mevflow.core.operations.InputValidator;
import org.mevflow.core.operations.OperationSpec;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.WorkspaceRepository;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.db.jooq.tables.records.OperationsRecord;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.ResourceStatus;
import org.mevflow.db.type.Runner;
import org.mevflow.workflows.analyses.AnalysisProgress;
import org.mevflow.workflows.analyses.AnalysisWorkflow;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Running operations, and WebMEV's view of executions (204 running, 208 finalizing, 200 done). */
@RestController
@Tag(name = "WebMEV executions")
public class AnalysesController {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OperationRepository operations;
  private final ExecutionRepository executions;
  private final ResourceRepository resources;
  private final WorkspaceRepository workspaces;
  private final WorkflowClient client;
  private final AnalysisJobs analyses;
  private final ExecutedOperations views;

  private final boolean cromwellConfigured;
  private final boolean dockerConfigured;
  private final LiveWorkflows live;

  public AnalysesController(
      OperationRepository operations,
      ExecutionRepository executions,
      ResourceRepository resources,
      WorkspaceRepository workspaces,
      WorkflowClient client,
      AnalysisJobs analyses,
      ExecutedOperations views,
      LiveWorkflows live,
      CromwellSettings cromwell,
      DockerSettings docker) {
    this.cromwellConfigured = cromwell.configured();
    this.dockerConfigured = docker.configured();
    this.live = live;
    this.operations = operations;
    this.executions = executions;
    this.resources = resources;
    this.workspaces = workspaces;
    this.client = client;
    this.analyses = analyses;
    this.views = views;
  }

  /** {@code {"operation_id", "workspace_id", "inputs", "job_name"}} */
  public record RunBody(
      String operation_id, String workspace_id, JsonNode inputs, String job_name) {}

  @PostMapping("/api/operations/run/")
  @Operation(
      summary = "Run an operation: inputs are checked, the execution is recorded, then started")
  public ResponseEntity<Object> run(
      @RequestBody RunBody body, @AuthenticationPrincipal MevflowUser user) {
    OperationsRecord op =
        Ids.parse(body.operation_id())
            .flatMap(operations::find)
            .filter(OperationsRecord::getIsActive)
            .orElseThrow(
                () -> ApiException.badRequest("no operation '" + body.operation_id() + "'"));
    OperationSpec spec;
    try {
      spec = OperationSpec.parse(op.getSpec().data());
    } catch (OperationSpec.Invalid e) {
      throw new IllegalStateException("an ingested spec no longer parses", e);
    }
    UUID workspace = null;
    if (op.getWorkspaceOperation()) {
      workspace =
          Ids.parse(body.workspace_id())
              .flatMap(w -> workspaces.find(user.id(), w))
              .orElseThrow(
                  () ->
                      ApiException.badRequest(
                          "this operation runs in a workspace: 'workspace_id' names none of yours"))
              .getId();
    }
    return start(user, op, spec, workspace, body.job_name(), body.inputs(), null);
  }

  @PostMapping("/api/executed-operations/{id}/retry/")
  @Operation(
      summary =
          "Run a failed or aborted execution again from its recorded inputs: a new execution,"
              + " linked to the old one (retry_of / retried_by)")
  public ResponseEntity<Object> retry(
      @PathVariable String id, @AuthenticationPrincipal MevflowUser user) {
    ExecutionsRecord old = owned(id, user);
    if (old.getStatus() != ExecutionStatus.FAILED && old.getStatus() != ExecutionStatus.ABORTED) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          "only a failed or aborted execution can be retried; this one is "
              + ExecutedOperations.status(old.getStatus()));
    }
    OperationsRecord op = operations.find(old.getOperationId()).orElseThrow();
    OperationSpec spec;
    try {
      spec = OperationSpec.parse(op.getSpec().data());
      return start(
          user,
          op,
          spec,
          old.getWorkspaceId(),
          old.getJobName(),
          JSON.readTree(old.getInputs().data()),
          old.getId());
    } catch (OperationSpec.Invalid | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a recorded execution no longer parses", e);
    }
  }

  /** Checks the inputs, writes the row (and its input links), then starts the workflow. */
  private ResponseEntity<Object> start(
      MevflowUser user,
      OperationsRecord op,
      OperationSpec spec,
      UUID workspace,
      String jobName,
      JsonNode given,
      UUID retryOf) {
    if (op.getRunner() == Runner.CROMWELL && !cromwellConfigured) {
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "this server has no Cromwell configured (mevflow.cromwell.url), so '"
              + op.getName()
              + "' cannot run here");
    }
    if (op.getRunner() == Runner.LOCAL_DOCKER && !dockerConfigured) {
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "this server has no Docker configured (mevflow.docker.binary), so '"
              + op.getName()
              + "' (a local_docker operation, run in its container image) cannot run here");
    }
    // the cheap checks first: the job name's column holds 255 characters
    if (jobName != null && jobName.strip().length() > 255) {
      throw ApiException.invalid(
          "the job name is longer than 255 characters",
          Map.of("job_name", List.of("Ensure this field has no more than 255 characters.")));
    }
    InputValidator.Result checked =
        InputValidator.validate(spec, given, user.id(), workspace, this::facts);
    if (!checked.ok()) {
      StringBuilder why = new StringBuilder("some inputs are not valid:");
      checked.errors().forEach((k, v) -> why.append(' ').append(k).append(": ").append(v));
      throw ApiException.invalid(why.toString(), Map.of("inputs", checked.errors()));
    }
    UUID id = UUID.randomUUID();
    // WebMEV names a job by its execution's id unless the user named it
    String job = jobName == null || jobName.isBlank() ? id.toString() : jobName.strip();
    String inputs;
    try {
      inputs = JSON.writeValueAsString(checked.values());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    ExecutionsRecord row =
        executions.create(
            id,
            op.getId(),
            user.id(),
            workspace,
            job,
            op.getRunner(),
            inputs,
            checked.resources(),
            retryOf);
    try {
      analyses.startNew(row);
    } catch (RuntimeException e) {
      throw new ApiException(
          HttpStatus.SERVICE_UNAVAILABLE, "the execution could not be started; try again");
    }
    return ResponseEntity.ok(
        new AnalysisBodies.Started(id.toString(), retryOf == null ? null : retryOf.toString()));
  }

  private Optional<InputValidator.ResourceFacts> facts(UUID id) {
    return resources
        .find(id)
        .filter(r -> r.getStatus() != ResourceStatus.DELETED)
        .map(
            r ->
                new InputValidator.ResourceFacts(
                    r.getId(),
                    r.getOwnerId(),
                    r.getIsPublic(),
                    r.getStatus() == ResourceStatus.VALID,
                    r.getResourceType(),
                    java.util.Set.copyOf(
                        workspaces.containing(r.getId()).stream().map(w -> w.getId()).toList())));
  }

  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "200",
      description = "ended: its outputs or errors")
  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "204",
      description = "still running")
  @GetMapping("/api/executed-operations/{id}/")
  @Operation(summary = "204 while running, 208 while finalizing, 200 with the execution when done")
  public ResponseEntity<AnalysisBodies.ExecutedOperation> get(
      @PathVariable String id, @AuthenticationPrincipal MevflowUser user) {
    ExecutionsRecord e = owned(id, user);
    return switch (e.getStatus()) {
      case QUEUED, SUBMITTING, RUNNING, ABORTING -> ResponseEntity.noContent().build();
      case FINALIZING -> ResponseEntity.status(HttpStatus.ALREADY_REPORTED).build();
      default -> ResponseEntity.ok(views.describe(List.of(e)).get(0));
    };
  }

  @GetMapping("/api/executed-operations/")
  public List<AnalysisBodies.ExecutedOperation> list(@AuthenticationPrincipal MevflowUser user) {
    return views.describe(executions.owned(user.id()));
  }

  @GetMapping("/api/executed-operations/workspace/{id}/")
  public List<AnalysisBodies.ExecutedOperation> inWorkspace(
      @PathVariable String id, @AuthenticationPrincipal MevflowUser user) {
    UUID ws =
        Ids.parse(id)
            .flatMap(w -> workspaces.find(user.id(), w))
            .orElseThrow(() -> ApiException.notFound("no workspace " + id))
            .getId();
    return views.describe(executions.inWorkspace(user.id(), ws));
  }

  @GetMapping("/api/non-workspace-executed-operations/")
  public List<AnalysisBodies.ExecutedOperation> outside(@AuthenticationPrincipal MevflowUser user) {
    return views.describe(executions.outsideWorkspaces(user.id()));
  }

  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "202",
      description = "aborting")
  @PostMapping("/api/executed-operations/{id}/cancel/")
  @Operation(summary = "Abort a running execution (its job is stopped; the status becomes Aborted)")
  public ResponseEntity<AnalysisBodies.Cancelling> cancel(
      @PathVariable String id, @AuthenticationPrincipal MevflowUser user) {
    ExecutionsRecord e = owned(id, user);
    if (e.getStatus().isTerminal()) {
      throw new ApiException(
          HttpStatus.CONFLICT, "the execution has already ended (" + e.getStatus() + ")");
    }
    analyses.cancel(e);
    return ResponseEntity.accepted().body(new AnalysisBodies.Cancelling(id, "Aborting"));
  }

  @GetMapping("/api/executed-operations/{id}/progress/")
  @Operation(
      summary =
          "Where a running execution is: its step, Cromwell's status and job id, status calls made,"
              + " the last error seen, and the pending activity's attempt")
  public AnalysisBodies.Progress progress(
      @PathVariable String id, @AuthenticationPrincipal MevflowUser user) {
    ExecutionsRecord e = owned(id, user);
    AnalysisProgress p = null;
    PendingActivity pending = null;
    if (!e.getStatus().isTerminal()) {
      p =
          live.query(
                  () ->
                      client.newWorkflowStub(AnalysisWorkflow.class, e.getWorkflowId()).progress())
              .orElse(null);
      pending = live.pending(e.getWorkflowId(), null).map(x -> x.activity()).orElse(null);
    }
    return new AnalysisBodies.Progress(
        e.getId().toString(),
        e.getWorkflowId(),
        ExecutedOperations.status(e.getStatus()),
        e.getRunnerJobId(),
        p == null ? null : p.step(),
        p == null ? null : p.runnerStatus(),
        p == null ? null : p.statusCalls(),
        p == null ? null : p.lastError(),
        pending);
  }

  private ExecutionsRecord owned(String id, MevflowUser user) {
    return Ids.parse(id)
        .flatMap(executions::find)
        .filter(e -> e.getOwnerId() == user.id() || user.admin())
        .orElseThrow(() -> ApiException.notFound("no execution " + id));
  }
}
