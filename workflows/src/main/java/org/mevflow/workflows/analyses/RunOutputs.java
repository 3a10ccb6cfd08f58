package org.mevflow.workflows.analyses;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What a runner produced: each resource output's files in storage ({@code outputFiles}: lists, and
 * the type a VariableDataResource output named), each value output (a number, text or element set,
 * checked against its spec), or the error messages of a failed run. {@code files} (key to URI) is
 * what runs recorded before {@code outputFiles} existed; {@code values} and {@code outputFiles} are
 * null in histories recorded before them.
 */
public record RunOutputs(
    boolean succeeded,
    Map<String, String> files,
    List<String> errors,
    Map<String, JsonNode> values,
    List<OutputFile> outputFiles) {

  public RunOutputs(boolean succeeded, Map<String, String> files, List<String> errors) {
    this(succeeded, files, errors, Map.of(), List.of());
  }

  /** A failed run's result. */
  public static RunOutputs failed(List<String> errors) {
    return new RunOutputs(false, Map.of(), errors, Map.of(), List.of());
  }

  /** A successful run's result. */
  public static RunOutputs succeeded(List<OutputFile> files, Map<String, JsonNode> values) {
    return new RunOutputs(true, Map.of(), List.of(), values, files);
  }

  /** The value outputs, none when absent. */
  public Map<String, JsonNode> valuesOrNone() {
    return values == null ? Map.of() : values;
  }

  /** The output files, none when absent. */
  public List<OutputFile> outputFilesOrNone() {
    return outputFiles == null ? List.of() : outputFiles;
  }
}
