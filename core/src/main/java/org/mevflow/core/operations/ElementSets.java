package org.mevflow.core.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * WebMEV's set operations on observation and feature sets ({@code /api/metadata/intersect/}, {@code
 * union/}, {@code set-difference/}): elements are equal by id; an intersection merges the
 * attributes of the elements both sets hold and refuses a conflict; a union is the intersection
 * plus the elements only one set holds; a difference keeps the first set's elements the second
 * lacks. Results are {@code {"elements": [...]}} ordered by id.
 */
public final class ElementSets {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ElementSets() {}

  /** A parsed set: its elements by id (each {@code {id, attributes}}). */
  public record Set(Map<String, ObjectNode> elements) {}

  /**
   * Parses a set of {@code type} (ObservationSet or FeatureSet); with {@code ignoreAttributes} only
   * the ids count. A set that does not parse is an IllegalArgumentException.
   */
  public static Set parse(AttributeType type, JsonNode set, boolean ignoreAttributes) {
    JsonNode value = set;
    if (ignoreAttributes && set != null && set.path("elements").isArray()) {
      ObjectNode ids = NODES.objectNode();
      ArrayNode list = ids.putArray("elements");
      set.get("elements").forEach(e -> list.addObject().set("id", e.get("id")));
      value = ids;
    }
    JsonNode checked =
        Values.check(
            new OperationSpec.Attribute(type, null, null, List.of(), List.of(), false, null, null),
            value == null ? NODES.nullNode() : value);
    Map<String, ObjectNode> byId = new TreeMap<>();
    checked.get("elements").forEach(e -> byId.put(e.get("id").asText(), (ObjectNode) e));
    return new Set(byId);
  }

  public static Set intersection(Set a, Set b) {
    Map<String, ObjectNode> out = new TreeMap<>();
    for (var e : a.elements().entrySet()) {
      ObjectNode other = b.elements().get(e.getKey());
      if (other != null) {
        out.put(e.getKey(), merged(e.getKey(), e.getValue(), other));
      }
    }
    return new Set(out);
  }

  public static Set union(Set a, Set b) {
    Map<String, ObjectNode> out = new TreeMap<>(a.elements());
    b.elements().forEach(out::putIfAbsent);
    out.putAll(intersection(a, b).elements());
    return new Set(out);
  }

  public static Set difference(Set a, Set b) {
    Map<String, ObjectNode> out = new TreeMap<>(a.elements());
    out.keySet().removeAll(b.elements().keySet());
    return new Set(out);
  }

  private static ObjectNode merged(String id, ObjectNode x, ObjectNode y) {
    ObjectNode attributes = NODES.objectNode();
    JsonNode ax = x.get("attributes");
    JsonNode ay = y.get("attributes");
    for (Iterator<Map.Entry<String, JsonNode>> it = ax.fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode theirs = ay.get(e.getKey());
      if (theirs != null && !theirs.equals(e.getValue())) {
        throw new IllegalArgumentException(
            "When performing an intersection of two sets, encountered a conflict in the"
                + " attributes for "
                + id
                + ". The attribute \""
                + e.getKey()
                + "\" has differing values of "
                + e.getValue().path("value")
                + " and "
                + theirs.path("value"));
      }
      attributes.set(e.getKey(), e.getValue());
    }
    ay.fields().forEachRemaining(e -> attributes.set(e.getKey(), e.getValue()));
    ObjectNode out = NODES.objectNode();
    out.put("id", id);
    out.set("attributes", attributes);
    return out;
  }

  /** WebMEV's simple form: {@code {"elements": [{id, attributes}, ...]}}. */
  public static ObjectNode json(Set set) {
    ObjectNode out = NODES.objectNode();
    ArrayNode list = out.putArray("elements");
    new ArrayList<>(set.elements().values()).forEach(list::add);
    return out;
  }
}
