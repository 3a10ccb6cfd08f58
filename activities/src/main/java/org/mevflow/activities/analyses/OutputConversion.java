package org.mevflow.activities.analyses;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mevflow.core.operations.Converters;
import org.mevflow.core.operations.OperationSpec;
import org.mevflow.core.operations.Values;
import org.mevflow.core.text.Errors;
import org.mevflow.workflows.analyses.OutputFile;
import org.mevflow.workflows.analyses.RunOutputs;

/**
 * A tool's outputs (a local_docker or local run's {@code outputs.json}, a Cromwell job's outputs)
 * brought back through the spec's output converters, as WebMEV's runners do: every declared output
 * must be there (null for an optional one is allowed); a resource output is a path (a
 * VariableDataResource one {@code {"path": ..., "resource_type": ...}} naming one of the types the
 * spec allows), a list of them when the spec says {@code many}; a value output is converted and
 * checked against its attribute. Keys the spec does not declare are ignored, as WebMEV ignores
 * them.
 */
final class OutputConversion {
  /** Puts the file a tool named into the user's storage; answers its URI there. */
  interface Store {
    String store(String key, int index, String produced) throws IOException, Refused;
  }

  /** A produced value that cannot become the output it is declared as. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message);
    }
  }

  private OutputConversion() {}

  static RunOutputs convert(OperationSpec spec, JsonNode produced, Store store) throws IOException {
    List<OutputFile> files = new ArrayList<>();
    Map<String, JsonNode> values = new LinkedHashMap<>();
    List<String> errors = new ArrayList<>();
    for (OperationSpec.Output out : spec.outputs().values()) {
      JsonNode v = produced.get(out.key());
      if (v == null || v.isNull()) {
        if (out.required()) {
          errors.add(
              v == null
                  ? "required output '" + out.key() + "' was not produced"
                  : "required output '" + out.key() + "' is null");
        }
        continue;
      }
      try {
        if (out.spec().type().isResource()) {
          files.addAll(resources(out, v, store));
        } else {
          JsonNode converted =
              out.spec().converter() == null ? v : Converters.output(out.spec().converter(), v);
          try {
            values.put(out.key(), Values.check(out.spec(), converted));
          } catch (IllegalArgumentException e) {
            errors.add(
                "output '"
                    + out.key()
                    + "' is not a valid "
                    + out.spec().type()
                    + ": "
                    + Errors.describe(e));
          }
        }
      } catch (Refused | IllegalArgumentException e) {
        errors.add("output '" + out.key() + "': " + Errors.describe(e));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        errors.add("output '" + out.key() + "' is not JSON: " + e.getOriginalMessage());
      }
    }
    return errors.isEmpty() ? RunOutputs.succeeded(files, values) : RunOutputs.failed(errors);
  }

  private static List<OutputFile> resources(OperationSpec.Output out, JsonNode v, Store store)
      throws IOException, Refused {
    List<OutputFile> files = new ArrayList<>();
    if (out.spec().many()) {
      if (!v.isArray()) {
        throw new Refused("declared as many resources, the tool gave " + kind(v));
      }
      int i = 0;
      for (JsonNode item : v) {
        files.add(one(out, item, i++, store));
      }
    } else {
      if (v.isArray()) {
        throw new Refused("declared as one resource, the tool gave a list");
      }
      files.add(one(out, v, -1, store));
    }
    return files;
  }

  private static OutputFile one(OperationSpec.Output out, JsonNode v, int index, Store store)
      throws IOException, Refused {
    String path;
    String type = null;
    if (out.spec().type().name().equals("VariableDataResource")) {
      if (!v.isObject() || !v.path("path").isTextual() || !v.path("resource_type").isTextual()) {
        throw new Refused(
            "a VariableDataResource output is {\"path\": ..., \"resource_type\": ...}; the tool"
                + " gave "
                + kind(v));
      }
      path = v.get("path").asText();
      type = v.get("resource_type").asText();
      if (!out.spec().resourceTypes().contains(type)) {
        throw new Refused(
            "resource type '"
                + type
                + "' is not among the types the output allows "
                + out.spec().resourceTypes());
      }
    } else if (v.isTextual()) {
      path = v.asText();
    } else {
      throw new Refused("a resource output is a path; the tool gave " + kind(v));
    }
    return new OutputFile(out.key(), index, store.store(out.key(), index, path), type);
  }

  private static String kind(JsonNode v) {
    return v.isArray()
        ? "a list"
        : v.isObject() ? "an object" : v.isTextual() ? "text" : v.toString();
  }
}
