package org.mevflow.core.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mevflow.core.resources.ResourceType;
import org.mevflow.core.text.Errors;

/**
 * A WebMEV {@code operation_spec.json}, read and checked: every input and output has a known
 * attribute type with the fields that type needs. A spec that fails is refused with the key and the
 * reason, so an operation that is ingested can always be run.
 */
public record OperationSpec(
    String name,
    String description,
    Map<String, Input> inputs,
    Map<String, Output> outputs,
    String mode,
    boolean workspaceOperation,
    List<String> categories,
    java.time.Duration timeLimit,
    JsonNode raw) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One input: its label, whether it is required, and what values it takes. */
  public record Input(
      String key, String name, String description, boolean required, Attribute spec) {}

  /** One output: what it produces. */
  public record Output(String key, Attribute spec, boolean required) {}

  /**
   * An attribute's type and its constraints: bounds, options, allowed resource types (one for
   * {@code DataResource}, several for {@code VariableDataResource}), many, default (checked like a
   * value), and the {@code converter} (a WebMEV class name).
   */
  public record Attribute(
      AttributeType type,
      Double min,
      Double max,
      List<JsonNode> options,
      List<String> resourceTypes,
      boolean many,
      JsonNode defaultValue,
      String converter) {}

  /** A spec that cannot be used, with the reason. */
  public static class Invalid extends Exception {
    public Invalid(String message) {
      super(message);
    }
  }

  public static OperationSpec parse(String json) throws Invalid {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new Invalid("operation_spec.json is not valid JSON: " + Errors.describe(e));
    }
    if (root == null || !root.isObject()) {
      throw new Invalid("operation_spec.json must hold a JSON object");
    }
    String name = text(root, "name", null);
    if (name == null || name.isBlank()) {
      throw new Invalid("the operation needs a 'name'");
    }
    Map<String, Input> inputs = new LinkedHashMap<>();
    JsonNode in = root.path("inputs");
    if (!in.isMissingNode() && !in.isObject()) {
      throw new Invalid("'inputs' must be an object");
    }
    for (var it = in.fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode node = e.getValue();
      inputs.put(
          e.getKey(),
          new Input(
              e.getKey(),
              text(node, "name", e.getKey()),
              text(node, "description", ""),
              node.path("required").asBoolean(false),
              attribute(
                  "input '" + e.getKey() + "'", node.path("spec"), text(node, "converter", null))));
    }
    Map<String, Output> outputs = new LinkedHashMap<>();
    for (var it = root.path("outputs").fields(); it.hasNext(); ) {
      var e = it.next();
      outputs.put(
          e.getKey(),
          new Output(
              e.getKey(),
              attribute(
                  "output '" + e.getKey() + "'",
                  e.getValue().path("spec"),
                  text(e.getValue(), "converter", null)),
              e.getValue().path("required").asBoolean(true)));
    }
    List<String> categories = new ArrayList<>();
    root.path("categories").forEach(c -> categories.add(c.asText()));
    java.time.Duration timeLimit = null;
    if (root.hasNonNull("time_limit")) {
      try {
        timeLimit = java.time.Duration.parse(root.get("time_limit").asText());
      } catch (java.time.format.DateTimeParseException e) {
        throw new Invalid(
            "'time_limit' must be an ISO-8601 duration such as PT6H, not '"
                + root.get("time_limit").asText()
                + "'");
      }
      if (timeLimit.isNegative() || timeLimit.isZero() || timeLimit.toDays() > 30) {
        throw new Invalid("'time_limit' must be positive and at most 30 days (P30D)");
      }
    }
    return new OperationSpec(
        name,
        text(root, "description", ""),
        inputs,
        outputs,
        text(root, "mode", "local"),
        root.path("workspace_operation").asBoolean(true),
        categories,
        timeLimit,
        root);
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? fallback : v.asText();
  }

  private static Attribute attribute(String where, JsonNode spec, String converter) throws Invalid {
    if (!spec.isObject()) {
      throw new Invalid(where + " has no 'spec'");
    }
    String typeName = text(spec, "attribute_type", null);
    AttributeType type =
        AttributeType.named(typeName)
            .orElseThrow(() -> new Invalid(where + ": unknown attribute_type '" + typeName + "'"));
    Double min = spec.hasNonNull("min") ? spec.get("min").asDouble() : null;
    Double max = spec.hasNonNull("max") ? spec.get("max").asDouble() : null;
    if (type.isBounded()) {
      if (min == null
          || max == null
          || !spec.get("min").isNumber()
          || !spec.get("max").isNumber()) {
        throw new Invalid(where + ": " + type + " needs numeric 'min' and 'max'");
      }
      boolean integral =
          type == AttributeType.BoundedInteger || type == AttributeType.BoundedIntegerList;
      if (integral
          && (!spec.get("min").isIntegralNumber() || !spec.get("max").isIntegralNumber())) {
        throw new Invalid(where + ": " + type + " needs whole-number 'min' and 'max'");
      }
      if (min > max) {
        throw new Invalid(where + ": " + type + " needs 'min' <= 'max'");
      }
    }
    List<JsonNode> options = new ArrayList<>();
    if (type.kind() == AttributeType.Kind.OPTION) {
      if (!spec.path("options").isArray() || spec.path("options").isEmpty()) {
        throw new Invalid(where + ": " + type + " needs a non-empty 'options' list");
      }
      for (JsonNode o : spec.path("options")) {
        boolean fits =
            switch (type) {
              case OptionString -> o.isTextual();
              case IntegerOption -> o.isIntegralNumber();
              case FloatOption -> o.isNumber();
              default -> o.isTextual() || o.isNumber();
            };
        if (!fits) {
          throw new Invalid(where + ": option " + o + " does not fit " + type);
        }
        options.add(o);
      }
    }
    List<String> resourceTypes = new ArrayList<>();
    if (type.isResource()) {
      if (!spec.has("many") || !spec.get("many").isBoolean()) {
        throw new Invalid(where + ": " + type + " needs 'many' (true or false)");
      }
      if (type == AttributeType.VariableDataResource) {
        if (!spec.path("resource_types").isArray() || spec.path("resource_types").isEmpty()) {
          throw new Invalid(where + ": VariableDataResource needs a 'resource_types' list");
        }
        spec.get("resource_types").forEach(t -> resourceTypes.add(t.asText()));
      } else {
        if (!spec.path("resource_type").isTextual()) {
          throw new Invalid(
              where
                  + ": "
                  + type
                  + " needs one 'resource_type' (several types: VariableDataResource with"
                  + " 'resource_types')");
        }
        resourceTypes.add(spec.get("resource_type").asText());
      }
      for (String t : resourceTypes) {
        if (ResourceType.fromKey(t).isEmpty()) {
          throw new Invalid(where + ": unknown resource type '" + t + "'");
        }
      }
    }
    String converterName = converter != null ? converter : text(spec, "converter", null);
    if (converterName != null && !Converters.known(converterName)) {
      throw new Invalid(
          where
              + ": unknown converter '"
              + converterName
              + "' (mevflow implements WebMEV's "
              + Converters.names().size()
              + " converters, listed in docs/operations.md)");
    }
    Attribute attribute =
        new Attribute(
            type,
            min,
            max,
            options,
            resourceTypes,
            spec.path("many").asBoolean(false),
            spec.get("default"),
            converterName);
    JsonNode byDefault = attribute.defaultValue();
    if (byDefault != null && !byDefault.isNull() && !type.isResource()) {
      try {
        Values.check(attribute, byDefault);
      } catch (IllegalArgumentException e) {
        throw new Invalid(
            where + ": its default " + byDefault + " is not valid: " + Errors.describe(e));
      }
    }
    return attribute;
  }
}
