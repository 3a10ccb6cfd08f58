package org.mevflow.workflows;

import java.util.List;

/** The task queues mevflow's workers poll. A deployment may run any subset of them. */
public final class TaskQueues {
  /** Analysis executions and resource validation. */
  public static final String ANALYSES = "analyses";

  /** Signature workflows themselves and their light steps (look-ups, records). */
  public static final String SIGNATURES = "signatures";

  /** SRA runs up to 300 MB. */
  public static final String SKETCH_SMALL = "sketch-small";

  /** SRA runs up to 1600 MB. */
  public static final String SKETCH_MEDIUM = "sketch-medium";

  /** SRA runs above 1600 MB. */
  public static final String SKETCH_LARGE = "sketch-large";

  /** Genome assemblies. */
  public static final String SKETCH_GENOMES = "sketch-genomes";

  /** Every queue, in the order a worker registers them. */
  public static final List<String> ALL =
      List.of(ANALYSES, SIGNATURES, SKETCH_SMALL, SKETCH_MEDIUM, SKETCH_LARGE, SKETCH_GENOMES);

  private TaskQueues() {}
}
