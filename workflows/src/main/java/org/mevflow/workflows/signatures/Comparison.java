package org.mevflow.workflows.signatures;

import java.util.List;

/** A held signature against our recomputation: does it match, and the per-k report lines. */
public record Comparison(boolean match, String summary, List<String> perSketch) {}
