package org.mevflow.api.resources;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mevflow.api.problem.ApiException;
import org.mevflow.api.problem.Ids;
import org.mevflow.api.security.MevflowUser;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.WorkspaceRepository;
import org.mevflow.db.jooq.tables.records.ResourcesRecord;
import org.mevflow.db.jooq.tables.records.WorkspacesRecord;
import org.mevflow.db.type.ResourceStatus;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** WebMEV's workspaces: a user's named collections of resources. */
@RestController
@Tag(name = "WebMEV workspaces")
public class WorkspacesController {
  static final int MAX_NAME = 255;

  private final WorkspaceRepository workspaces;
  private final ResourceRepository resources;
  private final ResourceViews views;

  public WorkspacesController(
      WorkspaceRepository workspaces, ResourceRepository resources, ResourceViews views) {
    this.workspaces = workspaces;
    this.resources = resources;
    this.views = views;
  }

  /** {@code {"workspace_name": ...}} */
  public record WorkspaceBody(String workspace_name) {
    String checked() {
      if (workspace_name == null || workspace_name.isBlank()) {
        throw ApiException.badRequest("'workspace_name' is required");
      }
      String name = workspace_name.strip();
      if (name.length() > MAX_NAME) {
        throw ApiException.badRequest(
            "'workspace_name' is longer than " + MAX_NAME + " characters");
      }
      return name;
    }
  }

  @GetMapping("/api/workspaces/")
  @Operation(summary = "The caller's workspaces")
  public List<ResourceViews.WorkspaceView> list(@AuthenticationPrincipal MevflowUser user) {
    return workspaces.owned(user.id()).stream().map(w -> views.workspace(w, user.email())).toList();
  }

  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "201",
      description = "created")
  @PostMapping("/api/workspaces/")
  @Operation(summary = "Create a workspace (names are unique per owner)")
  public ResponseEntity<ResourceViews.WorkspaceView> create(
      @RequestBody WorkspaceBody body, @AuthenticationPrincipal MevflowUser user) {
    try {
      WorkspacesRecord w = workspaces.create(user.id(), body.checked());
      return ResponseEntity.status(HttpStatus.CREATED).body(views.workspace(w, user.email()));
    } catch (WorkspaceRepository.DuplicateName e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  @GetMapping("/api/workspaces/{id}/")
  public ResourceViews.WorkspaceView get(
      @PathVariable String id, @AuthenticationPrincipal MevflowUser user) {
    return views.workspace(owned(id, user), user.email());
  }

  @PatchMapping("/api/workspaces/{id}/")
  @Operation(summary = "Rename a workspace")
  public ResourceViews.WorkspaceView rename(
      @PathVariable String id,
      @RequestBody WorkspaceBody body,
      @AuthenticationPrincipal MevflowUser user) {
    WorkspacesRecord w = owned(id, user);
    try {
      return views.workspace(workspaces.rename(user.id(), w.getId(), body.checked()), user.email());
    } catch (WorkspaceRepository.DuplicateName e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "204",
      description = "deleted")
  @DeleteMapping("/api/workspaces/{id}/")
  @Operation(summary = "Delete a workspace (its resources stay with their owner)")
  public ResponseEntity<Void> delete(
      @PathVariable String id, @AuthenticationPrincipal MevflowUser user) {
    workspaces.delete(user.id(), owned(id, user).getId());
    return ResponseEntity.noContent().build();
  }

  @GetMapping("/api/workspaces/{id}/resources/")
  @Operation(summary = "The resources in a workspace")
  public List<ResourceViews.WorkspaceResourceView> resources(
      @PathVariable String id, @AuthenticationPrincipal MevflowUser user) {
    WorkspacesRecord w = owned(id, user);
    return views.inWorkspace(resources.visibleIn(user.id(), w.getId()), w);
  }

  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "added")
  @PostMapping("/api/workspaces/{id}/resources/add/")
  @Operation(summary = "Add one of the caller's validated resources to a workspace")
  public ResponseEntity<ResourceViews.ResourceView> add(
      @PathVariable String id,
      @RequestBody Map<String, Object> body,
      @AuthenticationPrincipal MevflowUser user) {
    WorkspacesRecord w = owned(id, user);
    Object rid = body.get("resource_uuid");
    ResourcesRecord r =
        Ids.parse(rid == null ? "" : rid.toString())
            .flatMap(uuid -> resources.visible(user.id(), uuid))
            .filter(x -> x.getOwnerId() != null && x.getOwnerId() == user.id())
            .orElseThrow(
                () -> ApiException.badRequest("'resource_uuid' names none of your resources"));
    if (r.getStatus() != ResourceStatus.VALID) {
      throw ApiException.badRequest(
          "resource '" + r.getName() + "' has no validated type yet; set its type first");
    }
    workspaces.add(w.getId(), r.getId());
    return ResponseEntity.status(HttpStatus.CREATED).body(views.resource(r));
  }

  @GetMapping("/api/workspaces/{id}/resources/{rid}/remove/")
  @Operation(summary = "Remove a resource from a workspace (WebMEV uses GET); refused once used")
  public ResourceViews.ResourceView remove(
      @PathVariable String id,
      @PathVariable String rid,
      @AuthenticationPrincipal MevflowUser user) {
    WorkspacesRecord w = owned(id, user);
    UUID resource = Ids.parse(rid).orElseThrow(() -> ApiException.notFound("no resource " + rid));
    if (workspaces.usedByAnExecution(w.getId(), resource)) {
      throw ApiException.badRequest(
          "the resource was used by an analysis in this workspace and stays in it");
    }
    if (!workspaces.remove(w.getId(), resource)) {
      throw ApiException.notFound("resource " + rid + " is not in this workspace");
    }
    return views.resource(resources.visible(user.id(), resource).orElseThrow());
  }

  private WorkspacesRecord owned(String id, MevflowUser user) {
    return Ids.parse(id)
        .flatMap(uuid -> workspaces.find(user.id(), uuid))
        .orElseThrow(() -> ApiException.notFound("no workspace " + id));
  }
}
