package org.mevflow.core.operations;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Checks the inputs of a run request against an operation's spec, as WebMEV's run route does:
 * required keys, defaults, each value by its attribute type ({@link Values}), and for resources:
 * they exist, the caller may use them, they are validated and of the input's type, and (for
 * workspace operations) they are in the workspace. Keys that name no input are ignored. Every
 * problem is reported against its input key: {@code {"inputs": {key: message}}}. One deliberate
 * difference: an empty string or null counts as "not given" (the front end sends them for fields
 * left empty), so the default applies or, for a required input, "this input is required".
 */
public final class InputValidator {
  private InputValidator() {}

  /** What the validator needs to know of a resource. */
  public record ResourceFacts(
      UUID id,
      Long ownerId,
      boolean isPublic,
      boolean valid,
      String resourceType,
      Set<UUID> workspaces) {}

  /** Looks resources up by id. */
  @FunctionalInterface
  public interface Resources {
    Optional<ResourceFacts> find(UUID id);
  }

  /** The checked values (defaults filled in), each named resource with its input key, or errors. */
  public record Result(
      Map<String, JsonNode> values, Map<UUID, String> resources, Map<String, String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  public static Result validate(
      OperationSpec spec, JsonNode inputs, long caller, UUID workspace, Resources lookup) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    Map<UUID, String> used = new LinkedHashMap<>();
    JsonNode given =
        inputs == null || inputs.isNull()
            ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
            : inputs;
    if (!given.isMissingNode() && !given.isObject()) {
      return new Result(values, used, Map.of("inputs", "must be an object of input values"));
    }
    // keys that are not inputs (the front end sends its job_name among them) are ignored, as
    // WebMEV ignores them
    for (OperationSpec.Input input : spec.inputs().values()) {
      JsonNode value = given.get(input.key());
      if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
        if (input.spec().defaultValue() != null && !input.spec().defaultValue().isNull()) {
          value = input.spec().defaultValue();
        } else if (input.required()) {
          errors.put(input.key(), "this input is required");
          continue;
        } else {
          continue;
        }
      }
      try {
        JsonNode checked = check(input.key(), input.spec(), value, caller, workspace, lookup, used);
        values.put(input.key(), checked);
      } catch (IllegalArgumentException e) {
        errors.put(input.key(), e.getMessage());
      }
    }
    return new Result(values, used, errors);
  }

  private static JsonNode check(
      String key,
      OperationSpec.Attribute a,
      JsonNode v,
      long caller,
      UUID workspace,
      Resources lookup,
      Map<UUID, String> used) {
    if (a.type() == AttributeType.OperationDataResource) {
      throw new IllegalArgumentException(
          "this input takes one of the operation's own files (OperationDataResource), which this"
              + " server does not hold");
    }
    if (a.type().isResource()) {
      return resources(key, a, v, caller, workspace, lookup, used);
    }
    return Values.check(a, v);
  }

  private static JsonNode resources(
      String key,
      OperationSpec.Attribute a,
      JsonNode v,
      long caller,
      UUID workspace,
      Resources lookup,
      Map<UUID, String> used) {
    List<JsonNode> items = new ArrayList<>();
    if (v.isArray()) {
      if (!a.many()) {
        throw new IllegalArgumentException("takes one resource, not a list");
      }
      v.forEach(items::add);
      if (items.isEmpty()) {
        throw new IllegalArgumentException("choose at least one resource");
      }
    } else {
      items.add(v);
    }
    List<String> ids = new ArrayList<>();
    for (JsonNode item : items) {
      UUID id;
      try {
        id = UUID.fromString(item.asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + item.asText() + "' is not a resource id");
      }
      ResourceFacts r =
          lookup
              .find(id)
              .filter(x -> x.isPublic() || (x.ownerId() != null && x.ownerId() == caller))
              .orElseThrow(() -> new IllegalArgumentException("no resource " + id + " of yours"));
      if (!r.valid()) {
        throw new IllegalArgumentException("resource " + id + " has no validated type");
      }
      if (!a.resourceTypes().contains("*") && !a.resourceTypes().contains(r.resourceType())) {
        throw new IllegalArgumentException(
            "resource "
                + id
                + " is "
                + r.resourceType()
                + "; this input takes "
                + a.resourceTypes());
      }
      if (workspace != null && !r.workspaces().contains(workspace)) {
        throw new IllegalArgumentException("resource " + id + " is not in this workspace");
      }
      used.put(id, key);
      ids.add(id.toString());
    }
    if (!a.many()) {
      return com.fasterxml.jackson.databind.node.TextNode.valueOf(ids.get(0));
    }
    var list = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    ids.forEach(list::add);
    return list;
  }
}
