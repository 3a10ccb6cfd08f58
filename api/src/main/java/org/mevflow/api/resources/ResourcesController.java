package org.mevflow.api.resources;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mevflow.api.problem.ApiException;
import org.mevflow.api.problem.Ids;
import org.mevflow.api.security.MevflowUser;
import org.mevflow.core.resources.ResourceType;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.WorkspaceRepository;
import org.mevflow.db.jooq.tables.records.ResourcesRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** WebMEV's resource routes: upload, list, detail, rename, delete, and the resource types. */
@RestController
@Tag(name = "WebMEV resources")
public class ResourcesController {
  private final ResourceRepository resources;
  private final WorkspaceRepository workspaces;
  private final ResourceViews views;
  private final ObjectStorage storage;
  private final org.mevflow.core.resources.ValidationJobs validation;
  private final long maxUpload;
  private final String bucket;

  public ResourcesController(
      ResourceRepository resources,
      WorkspaceRepository workspaces,
      ResourceViews views,
      ObjectStorage storage,
      org.mevflow.core.resources.ValidationJobs validation,
      ResourcesProperties settings) {
    this.resources = resources;
    this.workspaces = workspaces;
    this.views = views;
    this.storage = storage;
    this.validation = validation;
    this.maxUpload = settings.maxUploadBytes();
    this.bucket = settings.bucket();
  }

  /** One resource type as the front end lists it. */
  public record TypeView(
      String resource_type_key,
      String resource_type_title,
      String resource_type_description,
      List<ResourceType.FileFormat> acceptable_formats,
      @io.swagger.v3.oas.annotations.media.Schema(
              nullable = true,
              description = "rows of an example file; null for types WebMEV shows none for")
          List<ResourceType.ExampleRow> example) {}

  @GetMapping("/api/resource-types/")
  @Operation(summary = "The resource types a file can be given")
  public List<TypeView> types() {
    return Arrays.stream(ResourceType.values())
        .map(t -> new TypeView(t.key(), t.title(), t.description(), t.formats(), t.example()))
        .toList();
  }

  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "stored")
  @PostMapping(path = "/api/resources/upload/", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @Operation(summary = "Upload a file (multipart field 'datafile'); 413 when too large")
  public ResponseEntity<ResourceViews.ResourceView> upload(
      @RequestPart(name = "datafile", required = false) MultipartFile file,
      @AuthenticationPrincipal MevflowUser user)
      throws IOException {
    if (file == null || file.isEmpty()) {
      throw ApiException.badRequest("send the file as the multipart field 'datafile'");
    }
    if (file.getSize() > maxUpload) {
      throw new ApiException(
          HttpStatus.PAYLOAD_TOO_LARGE,
          "the file has " + file.getSize() + " bytes; uploads are limited to " + maxUpload);
    }
    String name = cleanName(file.getOriginalFilename());
    UUID id = UUID.randomUUID();
    ObjectRef ref = new ObjectRef(bucket, "users/" + user.id() + "/" + id + "/" + name);
    // Spring has already spooled the upload to disk; it is streamed on from there, never held
    // whole.
    Path spool = Files.createTempFile("upload-", ".part");
    String sha256;
    try {
      MessageDigest sha = sha256();
      try (InputStream in = new DigestInputStream(file.getInputStream(), sha)) {
        Files.copy(in, spool, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
      sha256 = HexFormat.of().formatHex(sha.digest());
      storage.put(ref, spool, Content.OCTET_STREAM);
    } finally {
      Files.deleteIfExists(spool);
    }
    ResourcesRecord row;
    try {
      row =
          resources.createUploaded(
              id, user.id(), name, storage.uri(ref).toString(), file.getSize(), "sha256:" + sha256);
    } catch (RuntimeException e) {
      // no object without its row
      storage.delete(ref);
      throw e;
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(views.resource(row));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static final int MAX_NAME = 255;

  /** The file's own name, without any path a browser may send, and never empty. */
  static String cleanName(String original) {
    String name = original == null ? "" : original.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).strip();
    name = name.replaceAll("\\p{Cc}", "");
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      return "upload";
    }
    if (name.length() > MAX_NAME) {
      // the name's column holds 255 characters: refused with the reason, not cut silently
      throw ApiException.badRequest(
          "the file name has " + name.length() + " characters; at most " + MAX_NAME);
    }
    return name;
  }

  @GetMapping("/api/resources/")
  @Operation(summary = "The caller's resources")
  public List<ResourceViews.ResourceView> list(@AuthenticationPrincipal MevflowUser user) {
    return views.resources(resources.owned(user.id()));
  }

  @GetMapping({"/api/resources/{id}/", "/api/resources/{id}"})
  @Operation(summary = "One resource (also without the trailing slash, as the front end calls it)")
  public ResourceViews.ResourceView get(
      @PathVariable String id, @AuthenticationPrincipal MevflowUser user) {
    return views.resource(owned(id, user));
  }

  ResourcesRecord owned(String id, MevflowUser user) {
    return Ids.parse(id)
        .flatMap(uuid -> resources.visible(user.id(), uuid))
        .filter(r -> r.getOwnerId() != null && r.getOwnerId() == user.id())
        .orElseThrow(() -> ApiException.notFound("no resource " + id));
  }

  @PatchMapping("/api/resources/{id}/")
  @Operation(summary = "Rename a resource, or set its type and format (which starts validation)")
  public ResourceViews.ResourceView patch(
      @PathVariable String id,
      @RequestBody Map<String, Object> body,
      @AuthenticationPrincipal MevflowUser user) {
    ResourcesRecord r = owned(id, user);
    if (body.get("name") instanceof String s && !s.isBlank()) {
      resources.rename(r.getId(), cleanName(s));
    } else if (body.containsKey("name")) {
      throw ApiException.badRequest("'name' must be a non-empty string");
    }
    if (body.containsKey("resource_type")) {
      String key = String.valueOf(body.get("resource_type"));
      ResourceType type =
          ResourceType.fromKey(key)
              .orElseThrow(() -> ApiException.badRequest("unknown resource_type '" + key + "'"));
      Object f = body.get("file_format");
      String format =
          f == null ? defaultFormat(type) : f.toString().toLowerCase(java.util.Locale.ROOT);
      if (!type.accepts(format)) {
        throw ApiException.badRequest(
            "file_format '"
                + format
                + "' is not one of "
                + type.acceptableFormats()
                + " for "
                + type.title());
      }
      boolean started;
      try {
        started = validation.start(r.getId(), type, format, user.username());
      } catch (org.mevflow.core.resources.ValidationJobs.NotStarted e) {
        throw new ApiException(
            HttpStatus.SERVICE_UNAVAILABLE, "validation could not be started; try again later");
      }
      if (!started) {
        throw new ApiException(
            HttpStatus.CONFLICT, "this resource is being validated already; wait for it");
      }
    } else if (!body.containsKey("name")) {
      throw ApiException.badRequest("send 'name', or 'resource_type' (with 'file_format')");
    }
    return views.resource(resources.visible(user.id(), r.getId()).orElseThrow());
  }

  private static String defaultFormat(ResourceType type) {
    return type.acceptableFormats().get(0);
  }

  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "204",
      description = "deleted")
  @DeleteMapping("/api/resources/{id}/")
  @Operation(summary = "Delete a resource; 403 while it is in a workspace")
  public ResponseEntity<Void> delete(
      @PathVariable String id, @AuthenticationPrincipal MevflowUser user) throws IOException {
    ResourcesRecord r = owned(id, user);
    var in = workspaces.containing(r.getId());
    if (!in.isEmpty()) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "resource is in use: remove it from workspace '" + in.get(0).getName() + "' first");
    }
    resources.markDeleted(r.getId());
    storage.delete(ObjectRef.fromUri(java.net.URI.create(r.getStorageUri())));
    return ResponseEntity.noContent().build();
  }
}
