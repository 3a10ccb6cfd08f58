package org.mevflow.workflows.analyses;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What a runner produced: each declared file output in storage (key to URI) and each value output
 * (a number, text or element set, checked against its spec), or the error messages of a failed run.
 * {@code values} is null in histories recorded before value outputs existed.
 */
public record RunOutputs(
    boolean succeeded,
    Map<String, String> files,
    List<String> errors,
    Map<String, JsonNode> values) {

  public RunOutputs(boolean succeeded, Map<String, String> files, List<String> errors) {
    this(succeeded, files, errors, Map.of());
  }

  /** The value outputs, none when absent. */
  public Map<String, JsonNode> valuesOrNone() {
    return values == null ? Map.of() : values;
  }
}
