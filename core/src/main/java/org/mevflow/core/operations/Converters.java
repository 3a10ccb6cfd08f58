package org.mevflow.core.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * WebMEV's converters, by the class names its operation specs give them ({@code
 * api.converters.<module>.<Class>}): how a checked input value becomes what the tool receives (an
 * entrypoint argument for {@code local_docker}, a value of the inputs JSON for Cromwell), and how a
 * tool's value output comes back. A name not listed here is refused when an operation is ingested.
 *
 * <p>Input conversions, as WebMEV's classes do them: a string as is (or normalised to an
 * identifier), numbers, a boolean as 1/0, lists as JSON lists or joined by commas, element sets as
 * their ids (comma-separated or a list), a resource as a local path (local_docker) or its storage
 * URI (Cromwell), several resources as a list, a comma- or space-separated string, or {@code
 * path:::TYPE}.
 */
public final class Converters {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();

  private Converters() {}

  /** How a resource input is reached: a local copy (local runner) or where it is stored. */
  public interface Resources {
    /** The resource copied into the run's staging folder; the copy's path. */
    String localPath(UUID resource) throws IOException;

    /** The resource's storage URI (what Cromwell reads). */
    String uri(UUID resource);

    /** The resource's validated type key. */
    String type(UUID resource);
  }

  private enum Kind {
    STRING,
    UNRESTRICTED_STRING,
    NORMALIZING_STRING,
    INTEGER,
    FLOAT,
    STRING_LIST,
    STRING_LIST_CSV,
    UNRESTRICTED_LIST,
    UNRESTRICTED_LIST_CSV,
    BOOLEAN_AS_INTEGER,
    NORMALIZING_LIST_CSV,
    ELEMENT_SET_CSV,
    ELEMENT_SET_LIST,
    JSON,
    LOCAL_SINGLE,
    LOCAL_SINGLE_WITH_TYPE,
    LOCAL_MULTIPLE,
    LOCAL_CSV,
    LOCAL_SPACE_DELIMITED,
    REMOTE_SINGLE,
    REMOTE_MULTIPLE
  }

  private static final Map<String, Kind> BY_NAME = new TreeMap<>();

  static {
    String basic = "api.converters.basic_attributes.";
    BY_NAME.put(basic + "StringConverter", Kind.STRING);
    BY_NAME.put(basic + "UnrestrictedStringConverter", Kind.UNRESTRICTED_STRING);
    BY_NAME.put(basic + "NormalizingStringConverter", Kind.NORMALIZING_STRING);
    BY_NAME.put(basic + "IntegerConverter", Kind.INTEGER);
    BY_NAME.put(basic + "FloatConverter", Kind.FLOAT);
    BY_NAME.put(basic + "StringListConverter", Kind.STRING_LIST);
    BY_NAME.put(basic + "StringListToCsvConverter", Kind.STRING_LIST_CSV);
    BY_NAME.put(basic + "UnrestrictedStringListConverter", Kind.UNRESTRICTED_LIST);
    BY_NAME.put(basic + "UnrestrictedStringListToCsvConverter", Kind.UNRESTRICTED_LIST_CSV);
    BY_NAME.put(basic + "BooleanAsIntegerConverter", Kind.BOOLEAN_AS_INTEGER);
    BY_NAME.put(basic + "NormalizingListToCsvConverter", Kind.NORMALIZING_LIST_CSV);
    String sets = "api.converters.element_set.";
    BY_NAME.put(sets + "ObservationSetCsvConverter", Kind.ELEMENT_SET_CSV);
    BY_NAME.put(sets + "FeatureSetCsvConverter", Kind.ELEMENT_SET_CSV);
    BY_NAME.put(sets + "ObservationSetListConverter", Kind.ELEMENT_SET_LIST);
    BY_NAME.put(sets + "FeatureSetListConverter", Kind.ELEMENT_SET_LIST);
    BY_NAME.put("api.converters.json_converters.JsonConverter", Kind.JSON);
    String data = "api.converters.data_resource.";
    BY_NAME.put(data + "LocalDockerSingleDataResourceConverter", Kind.LOCAL_SINGLE);
    BY_NAME.put(data + "LocalDockerSingleVariableDataResourceConverter", Kind.LOCAL_SINGLE);
    BY_NAME.put(
        data + "LocalDockerSingleDataResourceWithTypeConverter", Kind.LOCAL_SINGLE_WITH_TYPE);
    BY_NAME.put(data + "LocalDockerMultipleDataResourceConverter", Kind.LOCAL_MULTIPLE);
    BY_NAME.put(data + "LocalDockerMultipleVariableDataResourceConverter", Kind.LOCAL_MULTIPLE);
    BY_NAME.put(data + "LocalDockerCsvResourceConverter", Kind.LOCAL_CSV);
    BY_NAME.put(data + "LocalDockerSpaceDelimResourceConverter", Kind.LOCAL_SPACE_DELIMITED);
    BY_NAME.put(data + "CromwellSingleDataResourceConverter", Kind.REMOTE_SINGLE);
    BY_NAME.put(data + "CromwellSingleVariableDataResourceConverter", Kind.REMOTE_SINGLE);
    BY_NAME.put(data + "CromwellMultipleDataResourceConverter", Kind.REMOTE_MULTIPLE);
  }

  /** Every converter name mevflow implements. */
  public static Set<String> names() {
    return BY_NAME.keySet();
  }

  public static boolean known(String name) {
    return BY_NAME.containsKey(name);
  }

  /** WebMEV's delimiter between a path and its resource type. */
  public static final String WITH_TYPE = ":::";

  /**
   * The input as the tool receives it. {@code value} was checked against the input's attribute
   * ({@link Values}, {@link InputValidator}); an unknown converter is an IllegalArgumentException.
   */
  public static JsonNode input(String converter, JsonNode value, Resources resources)
      throws IOException {
    Kind kind = BY_NAME.get(converter);
    if (kind == null) {
      throw new IllegalArgumentException("unknown converter '" + converter + "'");
    }
    return switch (kind) {
      case STRING, UNRESTRICTED_STRING -> NODES.textNode(value.asText());
      case NORMALIZING_STRING -> NODES.textNode(Values.identifier(value));
      case INTEGER, FLOAT, JSON -> value;
      case BOOLEAN_AS_INTEGER -> NODES.numberNode(value.asBoolean() ? 1 : 0);
      case STRING_LIST, UNRESTRICTED_LIST -> value;
      case STRING_LIST_CSV, UNRESTRICTED_LIST_CSV -> NODES.textNode(joined(texts(value), ","));
      case NORMALIZING_LIST_CSV -> {
        List<String> ids = new ArrayList<>();
        for (JsonNode v : value) {
          ids.add(Values.identifier(v));
        }
        yield NODES.textNode(joined(ids, ","));
      }
      case ELEMENT_SET_CSV -> NODES.textNode(joined(ids(value), ","));
      case ELEMENT_SET_LIST -> list(ids(value));
      case LOCAL_SINGLE -> NODES.textNode(resources.localPath(one(value)));
      case LOCAL_SINGLE_WITH_TYPE -> {
        UUID id = one(value);
        yield NODES.textNode(resources.localPath(id) + WITH_TYPE + resources.type(id));
      }
      case LOCAL_MULTIPLE -> list(localPaths(value, resources));
      case LOCAL_CSV -> NODES.textNode(joined(localPaths(value, resources), ","));
      case LOCAL_SPACE_DELIMITED -> NODES.textNode(joined(localPaths(value, resources), " "));
      case REMOTE_SINGLE -> NODES.textNode(resources.uri(one(value)));
      case REMOTE_MULTIPLE -> {
        List<String> uris = new ArrayList<>();
        for (UUID id : many(value)) {
          uris.add(resources.uri(id));
        }
        yield list(uris);
      }
    };
  }

  /**
   * A value output as WebMEV's converters bring it back: JSON outputs parsed from their text, the
   * others as the tool gave them (then checked against the output's spec).
   */
  public static JsonNode output(String converter, JsonNode value) throws IOException {
    if (BY_NAME.get(converter) == Kind.JSON && value.isTextual()) {
      return JSON.readTree(value.asText());
    }
    if (BY_NAME.get(converter) == Kind.BOOLEAN_AS_INTEGER && value.isBoolean()) {
      return NODES.numberNode(value.asBoolean() ? 1 : 0);
    }
    return value;
  }

  private static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static List<String> ids(JsonNode set) {
    List<String> out = new ArrayList<>();
    set.path("elements").forEach(e -> out.add(e.path("id").asText()));
    return out;
  }

  private static String joined(List<String> items, String delimiter) {
    return String.join(delimiter, items);
  }

  private static ArrayNode list(List<String> items) {
    ArrayNode out = NODES.arrayNode();
    items.forEach(out::add);
    return out;
  }

  private static UUID one(JsonNode value) {
    return UUID.fromString(value.isArray() ? value.get(0).asText() : value.asText());
  }

  private static List<UUID> many(JsonNode value) {
    List<UUID> out = new ArrayList<>();
    if (value.isArray()) {
      value.forEach(v -> out.add(UUID.fromString(v.asText())));
    } else {
      out.add(UUID.fromString(value.asText()));
    }
    return out;
  }

  private static List<String> localPaths(JsonNode value, Resources resources) throws IOException {
    List<String> out = new ArrayList<>();
    for (UUID id : many(value)) {
      out.add(resources.localPath(id));
    }
    return out;
  }
}
