package org.mevflow.api.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mevflow.api.problem.ApiException;
import org.mevflow.api.problem.Ids;
import org.mevflow.core.operations.OperationCatalog;
import org.mevflow.core.operations.OperationSettings;
import org.mevflow.core.operations.OperationSpec;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.jooq.tables.records.OperationCategoriesRecord;
import org.mevflow.db.jooq.tables.records.OperationsRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** WebMEV's operation catalog: list, detail, and the category tree. */
@RestController
@Tag(name = "WebMEV operations")
public class OperationsController {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OperationRepository operations;
  private final OperationCatalog catalog;

  public OperationsController(
      OperationRepository operations, ObjectStorage storage, OperationSettings settings) {
    this.operations = operations;
    this.catalog =
        new OperationCatalog(operations, storage, OperationCatalog.BUCKET, settings.registry());
  }

  /** {@code {"repository_url": ..., "commit_id": ...}} */
  public record AddBody(String repository_url, String commit_id) {}

  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "201",
      description = "a new operation")
  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "200",
      description = "the operation was in the catalog already")
  @PostMapping("/api/operations/add/")
  @Operation(summary = "Ingest an operation from a git repository at a commit (admin)")
  public ResponseEntity<OperationBody> add(@RequestBody AddBody body) throws IOException {
    try {
      OperationCatalog.Ingested result = catalog.ingestGit(body.repository_url(), body.commit_id());
      return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
          .body(describe(result.operation()));
    } catch (OperationSpec.Invalid e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  @GetMapping("/api/operations/")
  @Operation(summary = "Every active operation (the front end keeps workspace_operation ones)")
  public List<OperationBody> list() {
    return operations.active().stream().map(OperationsController::describe).toList();
  }

  @GetMapping("/api/operations/{id}/")
  @Operation(summary = "One operation: inputs with their specs, outputs, mode, source")
  public OperationBody get(@PathVariable String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("no operation " + id);
    }
    return operations
        .find(uuid)
        .map(OperationsController::describe)
        .orElseThrow(() -> ApiException.notFound("no operation " + id));
  }

  /** WebMEV's operation: its spec's inputs and outputs, where it runs and where it came from. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record OperationBody(
      String id,
      String name,
      String description,
      JsonNode inputs,
      JsonNode outputs,
      String mode,
      String repositoryUrl,
      String repositoryName,
      String gitHash,
      Boolean workspaceOperation) {}

  static OperationBody describe(OperationsRecord op) {
    JsonNode spec;
    try {
      spec = JSON.readTree(OperationRepository.specAsWritten(op));
    } catch (Exception e) {
      throw new IllegalStateException("stored spec of " + op.getId() + " is not JSON", e);
    }
    return new OperationBody(
        op.getId().toString(),
        op.getName(),
        op.getDescription(),
        spec.path("inputs"),
        spec.path("outputs"),
        spec.path("mode").asText(op.getRunner().name().toLowerCase(java.util.Locale.ROOT)),
        op.getRepositoryUrl(),
        repositoryName(op.getRepositoryUrl()),
        op.getGitCommit(),
        op.getWorkspaceOperation());
  }

  /** The repository's last path segment, without ".git", as WebMEV names it. */
  static String repositoryName(String url) {
    if (url == null || url.isBlank()) {
      return null;
    }
    String s = url.replaceAll("/+$", "");
    s = s.substring(s.lastIndexOf('/') + 1);
    return s.endsWith(".git") ? s.substring(0, s.length() - 4) : s;
  }

  /** A category and its operations, as WebMEV lists them: each child the full operation. */
  public record Category(String name, List<OperationBody> children) {}

  @GetMapping("/api/operation-categories/")
  @Operation(summary = "Active operations by category: [{name, children: [operation]}]")
  public List<Category> categories() {
    Map<UUID, OperationBody> active = new LinkedHashMap<>();
    operations.active().forEach(o -> active.put(o.getId(), describe(o)));
    Map<String, List<OperationBody>> tree = new LinkedHashMap<>();
    for (OperationCategoriesRecord c : operations.categories()) {
      OperationBody op = active.get(c.getOperationId());
      if (op != null) {
        tree.computeIfAbsent(c.getCategory(), k -> new ArrayList<>()).add(op);
      }
    }
    return tree.entrySet().stream().map(e -> new Category(e.getKey(), e.getValue())).toList();
  }

  @GetMapping("/api/operation-categories/{category}/")
  @Operation(summary = "The active operations filed under one category")
  public List<OperationBody> category(@PathVariable String category) {
    return categories().stream()
        .filter(c -> c.name().equals(category))
        .findFirst()
        .map(Category::children)
        .orElse(List.of());
  }

  /** {@code {"operation_id": ..., "category": ...}} */
  public record CategoryAddBody(String operation_id, String category) {}

  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "201", description = "added")
  @PostMapping("/api/operation-categories-add/")
  @Operation(summary = "File an operation under a category (admin), as WebMEV's admins do")
  public ResponseEntity<Void> addCategory(@RequestBody CategoryAddBody body) {
    Map<String, List<String>> invalid = new LinkedHashMap<>();
    UUID id = null;
    if (body.operation_id() == null) {
      invalid.put("operation_id", List.of("This field is required."));
    } else {
      id = Ids.parse(body.operation_id()).orElse(null);
      if (id == null || operations.find(id).isEmpty()) {
        invalid.put(
            "operation_id", List.of("Could not find Operation with id=" + body.operation_id()));
      }
    }
    if (body.category() == null || body.category().isBlank()) {
      invalid.put("category", List.of("This field is required."));
    } else if (body.category().length() > 100) {
      invalid.put("category", List.of("Ensure this field has no more than 100 characters."));
    }
    if (!invalid.isEmpty()) {
      throw ApiException.invalid("the operation cannot be filed under that category", invalid);
    }
    operations.addCategory(id, body.category().strip());
    return ResponseEntity.status(HttpStatus.CREATED).build();
  }
}
