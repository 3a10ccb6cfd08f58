package org.mevflow.activities.analyses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.mevflow.core.operations.Converters;
import org.mevflow.core.operations.OperationSpec;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.ResourceRepository;

/**
 * What a Cromwell submit sends besides the WDL: the inputs JSON (each input through its WebMEV
 * converter, resources as their storage URIs) and the other {@code .wdl} files zipped as
 * dependencies, byte for byte the same on every attempt.
 */
final class CromwellSubmissions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ResourceRepository resources;
  private final ObjectStorage storage;

  CromwellSubmissions(ResourceRepository resources, ObjectStorage storage) {
    this.resources = resources;
    this.storage = storage;
  }

  /**
   * Inputs for Cromwell as WebMEV builds them: the spec's input keys are the workflow's input names
   * ({@code Workflow.input}), and each given value goes through its input's converter (a resource
   * becomes where Cromwell reads it); the values written in the repository's {@code inputs.json}
   * are placeholders and are not sent. An input without a converter is sent as checked (resources
   * as their URIs).
   */
  ObjectNode inputs(JsonNode template, OperationSpec spec, JsonNode given) {
    if (template != null && !template.isObject()) {
      throw CromwellActivitiesImpl.refused("the operation's inputs.json is not a JSON object");
    }
    ObjectNode out = JSON.createObjectNode();
    Converters.Resources stored =
        new Converters.Resources() {
          @Override
          public String localPath(UUID resource) {
            throw CromwellActivitiesImpl.refused(
                "a Cromwell operation's input cannot use a local Docker converter");
          }

          @Override
          public String uri(UUID resource) {
            return CromwellSubmissions.this.uri(resource.toString());
          }

          @Override
          public String type(UUID resource) {
            return resources.find(resource).map(r -> r.getResourceType()).orElse(null);
          }
        };
    for (OperationSpec.Input input : spec.inputs().values()) {
      JsonNode v = given.get(input.key());
      if (v == null || v.isNull()) {
        continue;
      }
      JsonNode converted;
      try {
        converted =
            input.spec().converter() != null
                ? Converters.input(input.spec().converter(), v, stored)
                : input.spec().type().isResource() ? uris(v) : v;
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      out.set(input.key(), converted);
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

  /**
   * Where Cromwell reads a resource: its bucket URI ({@code s3://}, {@code gs://}) on object
   * storage; on local storage (a dev stack), its absolute path, which a Cromwell on the same
   * machine (local backend) reads, as Cromwell takes local files as paths, not {@code file://}
   * URIs.
   */
  private String uri(String resourceId) {
    String stored =
        resources
            .find(UUID.fromString(resourceId))
            .orElseThrow(
                () ->
                    CromwellActivitiesImpl.refused(
                        "input resource " + resourceId + " no longer exists"))
            .getStorageUri();
    return storage
        .localFile(ObjectRef.fromUri(URI.create(stored)))
        .map(java.nio.file.Path::toString)
        .orElse(stored);
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
