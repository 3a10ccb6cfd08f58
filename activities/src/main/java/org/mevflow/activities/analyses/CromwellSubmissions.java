package org.mevflow.activities.analyses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.mevflow.core.operations.OperationSpec;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.ResourceRepository;

/**
 * What a Cromwell submit sends besides the WDL: the inputs JSON (the bundle's {@code inputs.json}
 * template with its {@code "{{key}}"} placeholders filled, resources as their storage URIs) and the
 * other {@code .wdl} files zipped as dependencies, byte for byte the same on every attempt.
 */
final class CromwellSubmissions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("^\\{\\{\\s*(.+?)\\s*}}$");

  private final ResourceRepository resources;
  private final ObjectStorage storage;

  CromwellSubmissions(ResourceRepository resources, ObjectStorage storage) {
    this.resources = resources;
    this.storage = storage;
  }

  /** Inputs for Cromwell: the template with its placeholders filled, or the inputs as given. */
  ObjectNode inputs(JsonNode template, OperationSpec spec, JsonNode given) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    for (OperationSpec.Input input : spec.inputs().values()) {
      JsonNode v = given.get(input.key());
      if (v != null && !v.isNull()) {
        values.put(input.key(), input.spec().type().isResource() ? uris(v) : v);
      }
    }
    ObjectNode out = JSON.createObjectNode();
    if (template == null) {
      values.forEach(out::set);
      return out;
    }
    if (!template.isObject()) {
      throw CromwellActivitiesImpl.refused("the operation's inputs.json is not a JSON object");
    }
    for (var it = template.fields(); it.hasNext(); ) {
      var field = it.next();
      Matcher m =
          field.getValue().isTextual() ? PLACEHOLDER.matcher(field.getValue().asText()) : null;
      if (m == null || !m.matches()) {
        out.set(field.getKey(), field.getValue());
        continue;
      }
      String key = m.group(1);
      if (!spec.inputs().containsKey(key)) {
        throw CromwellActivitiesImpl.refused(
            "inputs.json names '" + key + "', which is not an input of the operation");
      }
      if (values.containsKey(key)) {
        out.set(field.getKey(), values.get(key));
      }
    }
    return out;
  }

  private JsonNode uris(JsonNode ids) {
    if (!ids.isArray()) {
      return JSON.getNodeFactory().textNode(uri(ids.asText()));
    }
    ArrayNode list = JSON.createArrayNode();
    ids.forEach(id -> list.add(uri(id.asText())));
    return list;
  }

  private String uri(String resourceId) {
    return resources
        .find(UUID.fromString(resourceId))
        .orElseThrow(
            () ->
                CromwellActivitiesImpl.refused(
                    "input resource " + resourceId + " no longer exists"))
        .getStorageUri();
  }

  byte[] dependencies(Map<String, ObjectRef> files) throws IOException {
    List<String> wdls =
        files.keySet().stream()
            .filter(p -> p.endsWith(".wdl") && !p.equals("main.wdl"))
            .sorted()
            .toList();
    if (wdls.isEmpty()) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String path : wdls) {
        ZipEntry entry = new ZipEntry(path);
        entry.setTime(0); // the same bytes on every attempt
        zip.putNextEntry(entry);
        try (InputStream in = storage.get(files.get(path))) {
          in.transferTo(zip);
        }
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
