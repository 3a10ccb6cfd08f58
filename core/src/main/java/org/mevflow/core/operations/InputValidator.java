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
 * Checks the inputs of a run request against an operation's spec: required keys, defaults, types,
 * bounds, choices, and for resources: they exist, the caller may use them, they are validated and
 * of an allowed type, and (for workspace operations) they are in the workspace. Every problem is
 * reported against its input key, as WebMEV's front end shows them: {@code {"inputs": {key:
 * message}}}.
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
      Map<String, Object> values, Map<UUID, String> resources, Map<String, String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  public static Result validate(
      OperationSpec spec, JsonNode inputs, long caller, UUID workspace, Resources lookup) {
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, String> errors = new LinkedHashMap<>();
    Map<UUID, String> used = new LinkedHashMap<>();
    JsonNode given =
        inputs == null || inputs.isNull()
            ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
            : inputs;
    if (!given.isMissingNode() && !given.isObject()) {
      return new Result(values, used, Map.of("inputs", "must be an object of input values"));
    }
    for (var it = given.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!spec.inputs().containsKey(key)) {
        errors.put(key, "this operation has no input '" + key + "'");
      }
    }
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
        Object checked = check(input.key(), input.spec(), value, caller, workspace, lookup, used);
        values.put(input.key(), checked);
      } catch (IllegalArgumentException e) {
        errors.put(input.key(), e.getMessage());
      }
    }
    return new Result(values, used, errors);
  }

  private static Object check(
      String key,
      OperationSpec.Attribute a,
      JsonNode v,
      long caller,
      UUID workspace,
      Resources lookup,
      Map<UUID, String> used) {
    AttributeType t = a.type();
    if (t.isInteger()) {
      long n = integer(v);
      sign(t, n, Long.toString(n));
      bounds(a, n);
      return n;
    }
    if (t.isFloat()) {
      double d = number(v);
      sign(t, d, Double.toString(d));
      bounds(a, d);
      return d;
    }
    switch (t) {
      case String -> {
        String s = v.isTextual() ? v.asText() : null;
        if (s == null) {
          throw new IllegalArgumentException("expected text");
        }
        if (s.length() > 1000 || s.chars().anyMatch(Character::isISOControl)) {
          throw new IllegalArgumentException(
              "text must be under 1000 characters, without control characters");
        }
        return s;
      }
      case Boolean -> {
        if (v.isBoolean()) {
          return v.asBoolean();
        }
        if (v.isTextual()
            && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
          return java.lang.Boolean.parseBoolean(v.asText());
        }
        throw new IllegalArgumentException("expected true or false");
      }
      case Option -> {
        String s = v.asText();
        if (!v.isValueNode() || !a.options().contains(s)) {
          throw new IllegalArgumentException("'" + s + "' is not one of " + a.options());
        }
        return s;
      }
      default -> {
        return resources(key, a, v, caller, workspace, lookup, used);
      }
    }
  }

  private static Object resources(
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
    return a.many() ? ids : ids.get(0);
  }

  /** The Positive* and NonNegative* types, integer or float alike. */
  private static void sign(AttributeType t, double x, String shown) {
    boolean positive = t == AttributeType.PositiveInteger || t == AttributeType.PositiveFloat;
    boolean nonNegative =
        t == AttributeType.NonNegativeInteger || t == AttributeType.NonNegativeFloat;
    if (positive && x <= 0) {
      throw new IllegalArgumentException(shown + " is not positive");
    }
    if (nonNegative && x < 0) {
      throw new IllegalArgumentException(shown + " is negative");
    }
  }

  private static void bounds(OperationSpec.Attribute a, double x) {
    if (a.type().isBounded() && (x < a.min() || x > a.max())) {
      throw new IllegalArgumentException(
          fmt(x) + " is outside [" + fmt(a.min()) + ", " + fmt(a.max()) + "]");
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static long integer(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isNumber() && v.asDouble() == Math.rint(v.asDouble())) {
      return (long) v.asDouble();
    }
    if (v.isTextual() && v.asText().strip().matches("[+-]?\\d{1,18}")) {
      return Long.parseLong(v.asText().strip().replace("+", ""));
    }
    throw new IllegalArgumentException("'" + v.asText() + "' is not a whole number");
  }

  private static double number(JsonNode v) {
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isTextual()) {
      try {
        double d = Double.parseDouble(v.asText().strip());
        if (!Double.isNaN(d) && !Double.isInfinite(d)) {
          return d;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    throw new IllegalArgumentException("'" + v.asText() + "' is not a number");
  }
}
