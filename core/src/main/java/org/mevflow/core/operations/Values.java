package org.mevflow.core.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.mevflow.core.text.Errors;

/**
 * A value checked against a WebMEV attribute, as WebMEV's {@code data_structures} check it: an
 * integer is a JSON integer (not {@code "5"}, not {@code 5.0}), a float any JSON number (or the
 * infinity markers {@code ++inf++}/{@code --inf--}), a {@code String} an identifier (spaces become
 * underscores; letters, digits and {@code :_.-} only; at most 100 characters), a boolean {@code
 * true}/{@code false}, {@code "true"}/{@code "false"} or {@code 1}/{@code 0}, an option one of the
 * spec's (a list of them with {@code many}), a list a JSON array of its item type, an element an
 * object with an {@code id} and simple {@code attributes}, a set an object whose {@code elements}
 * are distinct elements. Extra members of elements and sets are ignored, as WebMEV ignores them
 * from the front end. Messages follow WebMEV's wording. Returns the value as the tool gets it.
 */
public final class Values {
  public static final String POSITIVE_INF = "++inf++";
  public static final String NEGATIVE_INF = "--inf--";
  static final int STRING_MAX = 100;
  static final int UNRESTRICTED_MAX = 1000;
  private static final Pattern IDENTIFIER = Pattern.compile("[:_.\\-a-zA-Z0-9]*");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Values() {}

  /** The checked value, or an IllegalArgumentException saying why it does not fit. */
  public static JsonNode check(OperationSpec.Attribute a, JsonNode v) {
    AttributeType t = a.type();
    return switch (t.kind()) {
      case INTEGER -> integer(t, a, v);
      case FLOAT -> number(t, a, v);
      case STRING -> text(t, v);
      case BOOLEAN -> bool(v);
      case OPTION -> option(a, v);
      case LIST -> list(a, v);
      case ELEMENT -> element(t, v);
      case ELEMENT_SET -> elementSet(t, v);
      case RESOURCE -> throw new IllegalStateException("resources are checked against storage");
    };
  }

  private static String shown(JsonNode v) {
    return v.isTextual() ? v.asText() : v.toString();
  }

  private static JsonNode integer(AttributeType t, OperationSpec.Attribute a, JsonNode v) {
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new IllegalArgumentException(
          switch (t) {
            case PositiveInteger ->
                "A positive integer was expected, but \"" + shown(v) + "\" is not an integer.";
            case NonNegativeInteger ->
                "A non-negative integer attribute was expected, but \""
                    + shown(v)
                    + "\" is not an integer.";
            case BoundedInteger ->
                "A bounded integer attribute was expected, but \""
                    + shown(v)
                    + "\" is not an integer.";
            default ->
                "An integer attribute was expected, but the value \""
                    + shown(v)
                    + "\" could not be cast as an integer.";
          });
    }
    long n = v.asLong();
    if (t == AttributeType.PositiveInteger && n <= 0) {
      throw new IllegalArgumentException("The value " + n + " was not a positive integer.");
    }
    if (t == AttributeType.NonNegativeInteger && n < 0) {
      throw new IllegalArgumentException("The value " + n + " is not a non-negative integer.");
    }
    if (t == AttributeType.BoundedInteger) {
      bounds(a, n, Long.toString(n));
    }
    return v;
  }

  private static JsonNode number(AttributeType t, OperationSpec.Attribute a, JsonNode v) {
    if (v.isTextual()) {
      String s = v.asText();
      boolean up = s.equals(POSITIVE_INF);
      boolean down = s.equals(NEGATIVE_INF);
      if ((up && t != AttributeType.BoundedFloat) || (down && t == AttributeType.Float)) {
        return v;
      }
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException(
          switch (t) {
            case PositiveFloat ->
                "A positive float attribute was expected, but received \"" + shown(v) + "\"";
            case BoundedFloat ->
                "A bounded float attribute was expected, but \"" + shown(v) + "\" is not a float.";
            default -> "A float attribute was expected, but received \"" + shown(v) + "\"";
          });
    }
    double d = v.asDouble();
    if (t == AttributeType.PositiveFloat && !(d > 0)) {
      throw new IllegalArgumentException(
          "Received a valid float (" + shown(v) + "), but it was not > 0.");
    }
    if (t == AttributeType.NonNegativeFloat && !(d >= 0)) {
      throw new IllegalArgumentException(
          "Received a valid float (" + shown(v) + "), but it was not >= 0.");
    }
    if (t == AttributeType.BoundedFloat) {
      bounds(a, d, shown(v));
    }
    return v.isIntegralNumber() && t != AttributeType.BoundedFloat ? NODES.numberNode(d) : v;
  }

  private static void bounds(OperationSpec.Attribute a, double x, String shown) {
    if (x < a.min() || x > a.max()) {
      throw new IllegalArgumentException(
          "The value "
              + shown
              + " is not within the bounds of ["
              + fmt(a.min())
              + ","
              + fmt(a.max())
              + "]");
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  private static JsonNode text(AttributeType t, JsonNode v) {
    if (t == AttributeType.UnrestrictedString) {
      if (!v.isValueNode() || v.isNull()) {
        throw new IllegalArgumentException("The submitted attribute was not a string.");
      }
      String s = v.asText();
      if (s.length() > UNRESTRICTED_MAX) {
        throw new IllegalArgumentException(
            "The submitted attribute was longer than we permit (" + UNRESTRICTED_MAX + " chars).");
      }
      if (s.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("The submitted attribute contains a NUL character.");
      }
      return NODES.textNode(s);
    }
    return NODES.textNode(identifier(v));
  }

  /** WebMEV's identifier rule, for {@code String} values and element ids. */
  static String identifier(JsonNode v) {
    if (!v.isTextual()) {
      throw new IllegalArgumentException("The value " + shown(v) + " was not a string.");
    }
    String name = v.asText().strip().replace(' ', '_');
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "The name \""
              + v.asText()
              + "\" did not match the naming requirements.  Check that it starts with a"
              + " character and only contains characters, numbers, and underscores.");
    }
    if (name.length() > STRING_MAX) {
      throw new IllegalArgumentException(
          "The submitted attribute "
              + name
              + " was longer than we permit ("
              + STRING_MAX
              + " chars).");
    }
    return name;
  }

  private static JsonNode bool(JsonNode v) {
    if (v.isBoolean()) {
      return v;
    }
    if (v.isTextual()
        && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
      return NODES.booleanNode(v.asText().equalsIgnoreCase("true"));
    }
    if (v.isIntegralNumber() && (v.asLong() == 0 || v.asLong() == 1)) {
      return NODES.booleanNode(v.asLong() == 1);
    }
    throw new IllegalArgumentException(
        "A boolean attribute was expected, but \""
            + shown(v)
            + "\" cannot be interpreted as such.");
  }

  private static JsonNode option(OperationSpec.Attribute a, JsonNode v) {
    if (v.isArray()) {
      if (!a.many()) {
        throw new IllegalArgumentException(
            "Multiple values were passed, but only one option may be chosen.");
      }
      if (v.isEmpty()) {
        throw new IllegalArgumentException(
            "When an option field permits many values, pass a" + " non-empty list of them.");
      }
      ArrayNode out = NODES.arrayNode();
      v.forEach(x -> out.add(oneOption(a, x)));
      return out;
    }
    return oneOption(a, v);
  }

  private static JsonNode oneOption(OperationSpec.Attribute a, JsonNode v) {
    for (JsonNode o : a.options()) {
      boolean same =
          o.isNumber() && v.isNumber()
              ? o.asDouble() == v.asDouble()
                  && (a.type() != AttributeType.IntegerOption || v.isIntegralNumber())
              : o.equals(v);
      if (same) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "The value \"" + shown(v) + "\" was not among the valid options: " + a.options());
  }

  private static JsonNode list(OperationSpec.Attribute a, JsonNode v) {
    if (!v.isArray()) {
      throw new IllegalArgumentException(
          "A " + a.type() + " expects a list of values, not " + shown(v) + ".");
    }
    OperationSpec.Attribute item =
        new OperationSpec.Attribute(
            a.type().item(), a.min(), a.max(), a.options(), a.resourceTypes(), false, null, null);
    ArrayNode out = NODES.arrayNode();
    int i = 0;
    for (JsonNode x : v) {
      try {
        out.add(check(item, x));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("item " + i + ": " + Errors.describe(e));
      }
      i++;
    }
    return out;
  }

  private static String elementName(AttributeType t) {
    return t == AttributeType.Feature || t == AttributeType.FeatureSet ? "Feature" : "Observation";
  }

  /** An element: {@code {"id": ..., "attributes": {name: {attribute_type, value}}}}. */
  static ObjectNode element(AttributeType t, JsonNode v) {
    if (!v.isObject()) {
      throw new IllegalArgumentException(
          "The constructor for an Element or subclass expects a dictionary.");
    }
    if (!v.has("id")) {
      throw new IllegalArgumentException("An Element type requires an \"id\" key.");
    }
    ObjectNode out = NODES.objectNode();
    out.put("id", identifier(v.get("id")));
    ObjectNode attributes = out.putObject("attributes");
    JsonNode given = v.path("attributes");
    if (!given.isMissingNode() && !given.isNull()) {
      if (!given.isObject()) {
        throw new IllegalArgumentException(
            "The attributes of "
                + elementName(t)
                + " "
                + out.get("id").asText()
                + " must be an object.");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
        var e = it.next();
        attributes.set(e.getKey(), simpleAttribute(e.getKey(), e.getValue()));
      }
    }
    return out;
  }

  /** An attribute of an element: a simple typed value, {@code {attribute_type, value}}. */
  private static JsonNode simpleAttribute(String name, JsonNode a) {
    String typeName = a.path("attribute_type").asText(null);
    AttributeType type =
        AttributeType.named(typeName == null ? "" : typeName)
            .filter(x -> !x.isBounded() && x.kind() != AttributeType.Kind.OPTION)
            .filter(
                x -> x.kind() != AttributeType.Kind.LIST && x.kind() != AttributeType.Kind.RESOURCE)
            .filter(
                x ->
                    x.kind() != AttributeType.Kind.ELEMENT
                        && x.kind() != AttributeType.Kind.ELEMENT_SET)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "attribute '" + name + "' needs a simple attribute_type, not " + typeName));
    if (!a.has("value")) {
      throw new IllegalArgumentException("attribute '" + name + "' has no value");
    }
    ObjectNode out = NODES.objectNode();
    out.put("attribute_type", type.name());
    out.set(
        "value",
        a.get("value").isNull()
            ? a.get("value")
            : check(
                new OperationSpec.Attribute(
                    type, null, null, java.util.List.of(), java.util.List.of(), false, null, null),
                a.get("value")));
    return out;
  }

  /** A set: {@code {"elements": [element, ...]}}, ids distinct. */
  private static JsonNode elementSet(AttributeType t, JsonNode v) {
    if (!v.isObject()) {
      throw new IllegalArgumentException(
          "The constructor for an ElementSet or subclass expects a dictionary.");
    }
    JsonNode elements = v.get("elements");
    if (elements == null) {
      throw new IllegalArgumentException("An ElementSet type requires an \"elements\" key.");
    }
    if (!elements.isArray()) {
      throw new IllegalArgumentException(
          "Within a " + t + ", the nested \"elements\" key should address a list.");
    }
    AttributeType member =
        t == AttributeType.FeatureSet ? AttributeType.Feature : AttributeType.Observation;
    ObjectNode out = NODES.objectNode();
    ArrayNode list = out.putArray("elements");
    Set<String> ids = new HashSet<>();
    for (JsonNode e : elements) {
      ObjectNode el = element(member, e);
      if (!ids.add(el.get("id").asText())) {
        throw new IllegalArgumentException(
            "Tried to add a duplicate entry to an " + elementName(t) + "Set.");
      }
      list.add(el);
    }
    return out;
  }
}
