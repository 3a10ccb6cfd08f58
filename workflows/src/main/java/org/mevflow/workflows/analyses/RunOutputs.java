package org.mevflow.workflows.analyses;

import java.util.List;
import java.util.Map;

/**
 * What a runner produced: each declared output's file in storage (key to URI), or the error
 * messages of a failed run.
 */
public record RunOutputs(boolean succeeded, Map<String, String> files, List<String> errors) {}
