package org.mevflow.api.resources;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.mevflow.core.resources.ResourceType;
import org.mevflow.db.UserRepository;
import org.mevflow.db.WorkspaceRepository;
import org.mevflow.db.jooq.tables.records.ResourcesRecord;
import org.mevflow.db.jooq.tables.records.WorkspacesRecord;
import org.mevflow.db.type.ResourceStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Resources and workspaces in the JSON shapes WebMEV's front end reads. */
@Component
public class ResourceViews {
  private final WorkspaceRepository workspaces;
  private final UserRepository users;

  public ResourceViews(WorkspaceRepository workspaces, UserRepository users) {
    this.workspaces = workspaces;
    this.users = users;
  }

  /** A workspace as the front end lists it. */
  public record WorkspaceView(
      String id, String url, String workspace_name, String owner_email, OffsetDateTime created) {}

  /** A workspace as a resource names it. */
  public record WorkspaceRef(String id, String workspace_name) {}

  /** A resource as the front end's file manager reads it. */
  public record ResourceView(
      String id,
      String url,
      String name,
      String resource_type,
      String readable_resource_type,
      String file_format,
      String owner_email,
      boolean is_active,
      boolean is_public,
      String status,
      List<WorkspaceRef> workspaces,
      OffsetDateTime created,
      Long size) {}

  /** A resource inside one workspace, as the workspace page reads it. */
  public record WorkspaceResourceView(
      String id,
      String url,
      String name,
      String resource_type,
      String readable_resource_type,
      String owner_email,
      boolean is_active,
      boolean is_public,
      String status,
      String workspace,
      String workspace_name,
      OffsetDateTime created,
      Long size) {}

  static String url(String path) {
    return ServletUriComponentsBuilder.fromCurrentContextPath().path(path).toUriString();
  }

  public WorkspaceView workspace(WorkspacesRecord w, String ownerEmail) {
    return new WorkspaceView(
        w.getId().toString(),
        url("/api/workspaces/" + w.getId() + "/"),
        w.getName(),
        ownerEmail,
        w.getCreatedAt());
  }

  public ResourceView resource(ResourcesRecord r) {
    return resources(List.of(r)).get(0);
  }

  /** Views of many resources with two queries in all (owners' emails, workspaces). */
  public List<ResourceView> resources(List<ResourcesRecord> rows) {
    Map<Long, String> emails = emails(rows);
    Map<UUID, List<WorkspacesRecord>> in =
        workspaces.containing(rows.stream().map(ResourcesRecord::getId).toList());
    String links = url("/api/resources/"); // the request's origin, worked out once per list
    return rows.stream()
        .map(
            r ->
                new ResourceView(
                    r.getId().toString(),
                    links + r.getId() + "/",
                    r.getName(),
                    r.getResourceType(),
                    readableType(r.getResourceType()),
                    r.getFileFormat(),
                    emails.get(r.getOwnerId()),
                    r.getIsActive(),
                    r.getIsPublic(),
                    status(r),
                    in.getOrDefault(r.getId(), List.of()).stream()
                        .map(w -> new WorkspaceRef(w.getId().toString(), w.getName()))
                        .toList(),
                    r.getCreatedAt(),
                    r.getSizeBytes()))
        .toList();
  }

  /** Views of a workspace's resources, with one query for the owners' emails. */
  public List<WorkspaceResourceView> inWorkspace(List<ResourcesRecord> rows, WorkspacesRecord w) {
    Map<Long, String> emails = emails(rows);
    String links = url("/api/resources/");
    return rows.stream()
        .map(
            r ->
                new WorkspaceResourceView(
                    r.getId().toString(),
                    links + r.getId() + "/",
                    r.getName(),
                    r.getResourceType(),
                    readableType(r.getResourceType()),
                    emails.get(r.getOwnerId()),
                    r.getIsActive(),
                    r.getIsPublic(),
                    status(r),
                    w.getId().toString(),
                    w.getName(),
                    r.getCreatedAt(),
                    r.getSizeBytes()))
        .toList();
  }

  private Map<Long, String> emails(List<ResourcesRecord> rows) {
    return users.emails(
        rows.stream()
            .map(ResourcesRecord::getOwnerId)
            .filter(Objects::nonNull)
            .distinct()
            .toList());
  }

  static String readableType(String key) {
    return key == null ? null : ResourceType.fromKey(key).map(ResourceType::title).orElse(key);
  }

  /**
   * The status text the front end shows; it keeps polling while the text is "Validating..." or
   * "Processing...", so only work in progress may read so.
   */
  static String status(ResourcesRecord r) {
    ResourceStatus s = r.getStatus();
    return switch (s) {
      case UPLOADING -> "Processing...";
      case VALIDATING -> "Validating...";
      case UNVALIDATED -> "Resource type not set";
      case VALID -> r.getStatusMessage() == null ? "Validated" : r.getStatusMessage();
      case INVALID -> r.getStatusMessage() == null ? "Failed validation" : r.getStatusMessage();
      case DELETED -> "Deleted";
    };
  }
}
