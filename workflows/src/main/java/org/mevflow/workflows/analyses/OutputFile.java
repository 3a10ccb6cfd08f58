package org.mevflow.workflows.analyses;

/**
 * One file a run produced for a resource output, in storage: which output ({@code key}), its place
 * in a list output ({@code index}, -1 for a single resource), where it is, and the resource type
 * the tool said it is (a VariableDataResource output names its type; null: the type the spec
 * declares).
 */
public record OutputFile(String key, int index, String uri, String type) {
  /** The resource's output key: the output's key, with the index for a list output. */
  public String resourceKey() {
    return index < 0 ? key : key + "[" + index + "]";
  }
}
