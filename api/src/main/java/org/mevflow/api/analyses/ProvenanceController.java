package org.mevflow.api.analyses;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.mevflow.api.problem.ApiException;
import org.mevflow.api.resources.ResourceViews;
import org.mevflow.api.security.MevflowUser;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.WorkspaceRepository;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.db.jooq.tables.records.WorkspacesRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A workspace's provenance as the front end draws it: operation nodes whose parents are the
 * resources they read, resource nodes whose parent is the execution that made them.
 */
@RestController
@Tag(name = "WebMEV executions")
public class ProvenanceController {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WorkspaceRepository workspaces;
  private final ExecutionRepository executions;
  private final ResourceRepository resources;
  private final OperationRepository operations;
  private final ResourceViews views;
  private final ObjectStorage storage;

  public ProvenanceController(
      WorkspaceRepository workspaces,
      ExecutionRepository executions,
      ResourceRepository resources,
      OperationRepository operations,
      ResourceViews views,
      ObjectStorage storage) {
    this.workspaces = workspaces;
    this.executions = executions;
    this.resources = resources;
    this.operations = operations;
    this.views = views;
    this.storage = storage;
  }

  /** One node of the DAG. */
  public record Node(String id, List<String> parentIds, String node_type, String node_name) {}

  @GetMapping("/api/executed-operations/workspace/{id}/tree/")
  @Operation(summary = "The workspace's provenance DAG: nodes with id and parentIds")
  public List<Node> tree(@PathVariable String id, @AuthenticationPrincipal MevflowUser user) {
    return dag(workspace(id, user));
  }

  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "201",
      description = "saved as a resource of the workspace")
  @GetMapping("/api/executed-operations/workspace/{id}/tree/save")
  @Operation(summary = "Store the workspace's DAG as a JSON resource in the workspace (201)")
  public ResponseEntity<ResourceViews.ResourceView> save(
      @PathVariable String id, @AuthenticationPrincipal MevflowUser user) throws IOException {
    WorkspacesRecord ws = workspace(id, user);
    Path file = Files.createTempFile("dag-", ".json");
    try {
      JSON.writeValue(file.toFile(), dag(ws));
      UUID rid = UUID.randomUUID();
      String name = "workspace_" + ws.getName().replaceAll("[^A-Za-z0-9._-]", "_") + "_export.json";
      ObjectRef ref =
          new ObjectRef("mevflow-resources", "users/" + user.id() + "/" + rid + "/" + name);
      storage.put(ref, file, new Content("application/json", null));
      resources.createUploaded(
          rid, user.id(), name, storage.uri(ref).toString(), Files.size(file), "sha256:-");
      resources.validated(rid, "JSON", "json", null, null, "workspace provenance");
      workspaces.add(ws.getId(), rid);
      return ResponseEntity.status(HttpStatus.CREATED)
          .body(views.resource(resources.find(rid).orElseThrow()));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private WorkspacesRecord workspace(String id, MevflowUser user) {
    try {
      return workspaces.find(user.id(), UUID.fromString(id)).orElseThrow();
    } catch (RuntimeException e) {
      throw ApiException.notFound("no workspace " + id);
    }
  }

  private List<Node> dag(WorkspacesRecord ws) {
    Map<UUID, Node> nodes = new LinkedHashMap<>();
    Set<UUID> resourceIds = new LinkedHashSet<>(workspaces.resources(ws.getId()));
    List<ExecutionsRecord> runs = executions.inWorkspace(ws.getOwnerId(), ws.getId());
    Set<UUID> runIds = new LinkedHashSet<>();
    for (ExecutionsRecord e : runs) {
      runIds.add(e.getId());
      List<UUID> inputs = executions.inputResources(e.getId());
      resourceIds.addAll(inputs);
      String op = operations.find(e.getOperationId()).map(o -> o.getName()).orElse("operation");
      nodes.put(
          e.getId(),
          new Node(
              e.getId().toString(),
              inputs.stream().map(UUID::toString).toList(),
              "op_node",
              e.getJobName() + " (" + op + ")"));
    }
    for (UUID rid : resourceIds) {
      resources
          .find(rid)
          .ifPresent(
              r -> {
                List<String> parents = new ArrayList<>();
                if (r.getProducedBy() != null && runIds.contains(r.getProducedBy())) {
                  parents.add(r.getProducedBy().toString());
                }
                nodes.put(
                    rid, new Node(rid.toString(), parents, "data_resource_node", r.getName()));
              });
    }
    return List.copyOf(nodes.values());
  }
}
