package org.mevflow.api.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mevflow.api.problem.ApiException;
import org.mevflow.api.problem.Ids;
import org.mevflow.api.security.MevflowUser;
import org.mevflow.core.operations.AttributeType;
import org.mevflow.core.operations.ElementSets;
import org.mevflow.core.text.Errors;
import org.mevflow.db.ElementRepository;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.WorkspaceRepository;
import org.mevflow.db.jooq.tables.records.ResourcesRecord;
import org.mevflow.db.type.ElementKind;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * WebMEV's metadata routes: a resource's observations and features, a workspace's (the union over
 * its valid resources, a page at a time), and the set operations the Metadata tab uses to build
 * observation and feature sets (the sets themselves live in the browser, as in WebMEV).
 */
@RestController
@Tag(name = "WebMEV metadata")
public class MetadataController {
  static final int PAGE_SIZE = 50;
  static final int MAX_PAGE_SIZE = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ResourceRepository resources;
  private final WorkspaceRepository workspaces;
  private final ElementRepository elements;

  public MetadataController(
      ResourceRepository resources, WorkspaceRepository workspaces, ElementRepository elements) {
    this.resources = resources;
    this.workspaces = workspaces;
    this.elements = elements;
  }

  private ResourcesRecord visible(String id, MevflowUser user) {
    return Ids.parse(id)
        .flatMap(r -> resources.visible(user.id(), r))
        .filter(ResourcesRecord::getIsActive)
        .orElseThrow(() -> ApiException.notFound("no resource " + id));
  }

  /** An element set in WebMEV's simple form, or null when the resource has none of that kind. */
  private JsonNode set(UUID resource, ElementKind kind) {
    List<ElementRepository.Element> list = elements.of(resource, kind);
    if (list.isEmpty()) {
      return null;
    }
    ObjectNode out = JSON.createObjectNode();
    var items = out.putArray("elements");
    for (ElementRepository.Element e : list) {
      items.add(element(e));
    }
    return out;
  }

  private static ObjectNode element(ElementRepository.Element e) {
    ObjectNode el = JSON.createObjectNode();
    el.put("id", e.id());
    try {
      el.set("attributes", JSON.readTree(e.attributesJson()));
    } catch (IOException ex) {
      throw new IllegalStateException("stored attributes are not JSON", ex);
    }
    return el;
  }

  /** WebMEV's resource metadata. */
  public record ResourceMetadata(
      String resource, String parent_operation, JsonNode observation_set, JsonNode feature_set) {}

  @GetMapping("/api/resources/{id}/metadata/")
  @Operation(summary = "A resource's observations and features, and the execution that made it")
  public ResourceMetadata metadata(
      @PathVariable String id, @AuthenticationPrincipal MevflowUser user) {
    ResourcesRecord r = visible(id, user);
    return new ResourceMetadata(
        r.getId().toString(),
        r.getProducedBy() == null ? null : r.getProducedBy().toString(),
        set(r.getId(), ElementKind.OBSERVATION),
        set(r.getId(), ElementKind.FEATURE));
  }

  /** {@code {"observation_set": ...}} */
  public record Observations(JsonNode observation_set) {}

  @GetMapping("/api/resources/{id}/metadata/observations/")
  public Observations observations(
      @PathVariable String id, @AuthenticationPrincipal MevflowUser user) {
    return new Observations(set(visible(id, user).getId(), ElementKind.OBSERVATION));
  }

  /** {@code {"feature_set": ...}} */
  public record Features(JsonNode feature_set) {}

  @GetMapping("/api/resources/{id}/metadata/features/")
  public Features features(@PathVariable String id, @AuthenticationPrincipal MevflowUser user) {
    return new Features(set(visible(id, user).getId(), ElementKind.FEATURE));
  }

  /** {@code {"parent_operation": ...}} */
  public record Parent(String parent_operation) {}

  @GetMapping("/api/resources/{id}/metadata/parent/")
  public Parent parent(@PathVariable String id, @AuthenticationPrincipal MevflowUser user) {
    ResourcesRecord r = visible(id, user);
    return new Parent(r.getProducedBy() == null ? null : r.getProducedBy().toString());
  }

  /** A page as Django REST framework pages WebMEV's metadata. */
  public record Page(long count, String next, String previous, List<JsonNode> results) {}

  private Page workspacePage(
      String id, ElementKind kind, Integer page, Integer pageSize, MevflowUser user, String what) {
    UUID ws =
        Ids.parse(id)
            .flatMap(w -> workspaces.find(user.id(), w))
            .orElseThrow(() -> ApiException.notFound("no workspace " + id))
            .getId();
    int size = pageSize == null || pageSize < 1 ? PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
    int number = page == null ? 1 : page;
    if (number < 1) {
      throw ApiException.notFound("Invalid page.");
    }
    ElementRepository.Page p = elements.workspace(ws, kind, (long) (number - 1) * size, size);
    if (number > 1 && p.elements().isEmpty()) {
      throw ApiException.notFound("Invalid page.");
    }
    List<JsonNode> results = new ArrayList<>();
    p.elements().forEach(e -> results.add(element(e)));
    String base = "/api/workspaces/" + ws + "/metadata/" + what + "/?page_size=" + size + "&page=";
    return new Page(
        p.count(),
        (long) number * size < p.count() ? ResourceViews.url(base + (number + 1)) : null,
        number > 1 ? ResourceViews.url(base + (number - 1)) : null,
        results);
  }

  @GetMapping("/api/workspaces/{id}/metadata/observations/")
  @Operation(summary = "Every observation (sample) of the workspace's resources, a page at a time")
  public Page workspaceObservations(
      @PathVariable String id,
      @RequestParam(required = false) Integer page,
      @RequestParam(name = "page_size", required = false) Integer pageSize,
      @AuthenticationPrincipal MevflowUser user) {
    return workspacePage(id, ElementKind.OBSERVATION, page, pageSize, user, "observations");
  }

  @GetMapping("/api/workspaces/{id}/metadata/features/")
  @Operation(summary = "Every feature (gene) of the workspace's resources, a page at a time")
  public Page workspaceFeatures(
      @PathVariable String id,
      @RequestParam(required = false) Integer page,
      @RequestParam(name = "page_size", required = false) Integer pageSize,
      @AuthenticationPrincipal MevflowUser user) {
    return workspacePage(id, ElementKind.FEATURE, page, pageSize, user, "features");
  }

  /** {@code {"sets": [...], "set_type": "observation_set"|"feature_set", "ignore_attributes"}} */
  private static List<ElementSets.Set> prep(JsonNode body) {
    if (body == null || !body.has("sets") || !body.has("set_type")) {
      throw ApiException.invalid(
          "This endpoint requires the following keys in the payload: sets,set_type", Map.of());
    }
    AttributeType type =
        switch (body.get("set_type").asText()) {
          case "observation_set" -> AttributeType.ObservationSet;
          case "feature_set" -> AttributeType.FeatureSet;
          default ->
              throw ApiException.invalid(
                  "set_type must be observation_set or feature_set",
                  Map.of("set_type", "This must be one of: observation_set,feature_set."));
        };
    JsonNode sets = body.get("sets");
    if (!sets.isArray()) {
      throw ApiException.invalid(
          "sets must be a list", Map.of("sets", "This key should reference list-like data."));
    }
    if (sets.size() < 2) {
      throw ApiException.badRequest("Cannot perform set operations with fewer than two sets.");
    }
    boolean ignore = body.path("ignore_attributes").asBoolean(false);
    List<ElementSets.Set> parsed = new ArrayList<>();
    for (JsonNode s : sets) {
      try {
        parsed.add(ElementSets.parse(type, s, ignore));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest(
            "Error occurred when parsing the request payload: " + Errors.describe(e));
      }
    }
    return parsed;
  }

  @PostMapping("/api/metadata/intersect/")
  @Operation(summary = "The elements every set holds, their attributes merged")
  public JsonNode intersect(@RequestBody JsonNode body) {
    List<ElementSets.Set> sets = prep(body);
    try {
      return ElementSets.json(sets.stream().reduce(ElementSets::intersection).orElseThrow());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  @PostMapping("/api/metadata/union/")
  @Operation(summary = "The elements any set holds")
  public JsonNode union(@RequestBody JsonNode body) {
    List<ElementSets.Set> sets = prep(body);
    try {
      return ElementSets.json(sets.stream().reduce(ElementSets::union).orElseThrow());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  @PostMapping("/api/metadata/set-difference/")
  @Operation(summary = "The elements of the first set that the second lacks")
  public JsonNode difference(@RequestBody JsonNode body) {
    List<ElementSets.Set> sets = prep(body);
    if (sets.size() > 2) {
      throw ApiException.badRequest("Cannot perform a set difference on more than two sets.");
    }
    return ElementSets.json(ElementSets.difference(sets.get(0), sets.get(1)));
  }
}
