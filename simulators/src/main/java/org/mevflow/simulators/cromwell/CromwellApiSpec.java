package org.mevflow.simulators.cromwell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cromwell's REST API as its Swagger 2.0 document describes it, used to check requests (and the
 * simulator's own answers) against the document rather than against our reading of it: path and
 * method, path parameters with their patterns, query parameters, and multipart form fields (known
 * names, required ones, enums, files versus plain values, booleans).
 */
public final class CromwellApiSpec {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One parameter of an operation, with its {@code $ref} resolved. */
  public record Parameter(
      String name,
      String in,
      boolean required,
      String type,
      List<String> enumValues,
      Pattern pattern) {}

  /** One operation: method, path template as a pattern, parameters, declared answer codes. */
  public record Operation(
      String id,
      String method,
      String template,
      Pattern path,
      List<String> pathNames,
      List<Parameter> parameters,
      Map<String, List<String>> requiredResponseFields) {}

  /** The operation a request matched and what is wrong with it (nothing when valid). */
  public record Check(Optional<Operation> operation, List<String> violations) {
    public boolean valid() {
      return violations.isEmpty();
    }
  }

  /** A form part as the validator needs it: whether it came as a file, and its bytes. */
  public record Part(String name, boolean file, byte[] data) {}

  private final List<Operation> operations;

  private CromwellApiSpec(List<Operation> operations) {
    this.operations = operations;
  }

  /** The copy of {@code cromwell-api.yaml} shipped beside this class. */
  public static CromwellApiSpec bundled() {
    try (InputStream in = CromwellApiSpec.class.getResourceAsStream("cromwell-api.yaml")) {
      if (in == null) {
        throw new IllegalStateException("cromwell-api.yaml is not on the class path");
      }
      return parse(YAML.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CromwellApiSpec parse(JsonNode root) {
    if (!"2.0".equals(root.path("swagger").asText())) {
      throw new IllegalArgumentException("not a Swagger 2.0 document");
    }
    List<Operation> ops = new ArrayList<>();
    root.path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        method ->
                            ops.add(
                                operation(
                                    root,
                                    path.getKey(),
                                    method.getKey().toUpperCase(Locale.ROOT),
                                    method.getValue()))));
    return new CromwellApiSpec(List.copyOf(ops));
  }

  private static Operation operation(JsonNode root, String template, String method, JsonNode op) {
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
    StringBuilder regex = new StringBuilder("^");
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("([^/]+)");
      names.add(m.group(1));
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last))).append("$");
    List<Parameter> params = new ArrayList<>();
    for (JsonNode p : op.path("parameters")) {
      JsonNode resolved = resolve(root, p);
      List<String> enums = new ArrayList<>();
      resolved.path("enum").forEach(e -> enums.add(e.asText()));
      params.add(
          new Parameter(
              resolved.path("name").asText(),
              resolved.path("in").asText(),
              resolved.path("required").asBoolean(false),
              resolved.path("type").asText("string"),
              List.copyOf(enums),
              resolved.hasNonNull("pattern")
                  ? Pattern.compile(resolved.get("pattern").asText())
                  : null));
    }
    Map<String, List<String>> required = new LinkedHashMap<>();
    op.path("responses")
        .fields()
        .forEachRemaining(
            r -> {
              JsonNode response = resolve(root, r.getValue());
              JsonNode schema = resolve(root, response.path("schema"));
              List<String> fields = new ArrayList<>();
              schema.path("required").forEach(f -> fields.add(f.asText()));
              required.put(r.getKey(), List.copyOf(fields));
            });
    return new Operation(
        op.path("operationId").asText(),
        method,
        template,
        Pattern.compile(regex.toString()),
        List.copyOf(names),
        List.copyOf(params),
        required);
  }

  private static JsonNode resolve(JsonNode root, JsonNode node) {
    JsonNode n = node;
    for (int depth = 0; n.hasNonNull("$ref") && depth < 8; depth++) {
      String ref = n.get("$ref").asText();
      if (!ref.startsWith("#/")) {
        throw new IllegalArgumentException("only local references are supported: " + ref);
      }
      n = root.at(ref.substring(1));
    }
    return n;
  }

  public List<Operation> operations() {
    return operations;
  }

  /**
   * Checks a request. {@code parts} are the multipart form fields (empty for other requests);
   * {@code query} the query parameters.
   */
  public Check check(
      String method, String path, Map<String, List<String>> query, List<Part> parts) {
    List<String> violations = new ArrayList<>();
    boolean pathKnown = false;
    for (Operation op : operations) {
      Matcher m = op.path().matcher(path);
      if (!m.matches()) {
        continue;
      }
      pathKnown = true;
      if (!op.method().equals(method)) {
        continue;
      }
      Map<String, String> pathValues = new LinkedHashMap<>();
      for (int i = 0; i < op.pathNames().size(); i++) {
        pathValues.put(op.pathNames().get(i), m.group(i + 1));
      }
      for (Parameter p : op.parameters()) {
        switch (p.in()) {
          case "path" -> checkValue(p, pathValues.get(p.name()), violations);
          case "query" -> {
            List<String> values = query.getOrDefault(p.name(), List.of());
            if (p.required() && values.isEmpty()) {
              violations.add("query parameter '" + p.name() + "' is required");
            }
            if (!p.type().equals("array") && values.size() > 1) {
              violations.add("query parameter '" + p.name() + "' may appear once");
            }
            values.forEach(v -> checkValue(p, v, violations));
          }
          case "formData" -> checkForm(p, parts, violations);
          default -> {}
        }
      }
      if (op.parameters().stream().anyMatch(p -> p.in().equals("formData"))) {
        for (Part part : parts) {
          if (op.parameters().stream()
              .noneMatch(p -> p.in().equals("formData") && p.name().equals(part.name()))) {
            violations.add("form field '" + part.name() + "' is not in the API");
          }
        }
      } else if (!parts.isEmpty()) {
        violations.add(op.id() + " takes no form fields");
      }
      for (String q : query.keySet()) {
        if (op.parameters().stream().noneMatch(p -> p.in().equals("query") && p.name().equals(q))) {
          violations.add("query parameter '" + q + "' is not in the API");
        }
      }
      return new Check(Optional.of(op), violations);
    }
    violations.add(
        pathKnown ? method + " is not allowed on " + path : "no operation has the path " + path);
    return new Check(Optional.empty(), violations);
  }

  private static void checkForm(Parameter p, List<Part> parts, List<String> violations) {
    List<Part> given = parts.stream().filter(x -> x.name().equals(p.name())).toList();
    if (given.isEmpty()) {
      if (p.required()) {
        violations.add("form field '" + p.name() + "' is required");
      }
      return;
    }
    if (given.size() > 1) {
      violations.add("form field '" + p.name() + "' appears " + given.size() + " times");
    }
    for (Part part : given) {
      if (p.type().equals("file")) {
        continue; // a file may also be sent as a plain field: Cromwell reads either
      }
      if (part.file()) {
        violations.add("form field '" + p.name() + "' must be a value, not a file");
      }
      checkValue(p, new String(part.data(), java.nio.charset.StandardCharsets.UTF_8), violations);
    }
  }

  private static void checkValue(Parameter p, String value, List<String> violations) {
    String where = p.in() + " parameter '" + p.name() + "'";
    if (value == null) {
      if (p.required()) {
        violations.add(where + " is required");
      }
      return;
    }
    if (!p.enumValues().isEmpty() && !p.enumValues().contains(value)) {
      violations.add(where + " must be one of " + p.enumValues() + ", not '" + value + "'");
    }
    if (p.pattern() != null && !p.pattern().matcher(value).find()) {
      violations.add(where + " must match " + p.pattern().pattern() + ", not '" + value + "'");
    }
    switch (p.type()) {
      case "boolean" -> {
        if (!value.equals("true") && !value.equals("false")) {
          violations.add(where + " must be true or false, not '" + value + "'");
        }
      }
      case "integer" -> {
        if (!value.matches("-?\\d+")) {
          violations.add(where + " must be an integer, not '" + value + "'");
        }
      }
      default -> {}
    }
  }

  /** Checks an answer: its code is one the operation declares, with the fields it requires. */
  public List<String> checkResponse(Operation op, int status, JsonNode body) {
    List<String> fields = op.requiredResponseFields().get(Integer.toString(status));
    if (fields == null) {
      fields = op.requiredResponseFields().get("default");
    }
    if (fields == null) {
      return List.of(op.id() + " does not declare the answer " + status);
    }
    List<String> missing = new ArrayList<>();
    for (String f : fields) {
      if (body == null || !body.has(f)) {
        missing.add(op.id() + " answer " + status + " lacks the required field '" + f + "'");
      }
    }
    return missing;
  }
}
