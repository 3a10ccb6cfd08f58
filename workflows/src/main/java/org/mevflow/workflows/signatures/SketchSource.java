package org.mevflow.workflows.signatures;

import org.mevflow.workflows.TaskQueues;

/**
 * Where a dataset is sketched, decided once for computing and verifying alike: an assembly is
 * downloaded from its NCBI URL on the genomes queue; a run is dumped on the queue its size calls
 * for. {@code missing} says why there is nothing to sketch (null when there is).
 */
public record SketchSource(String queue, long sizeMb, String genomeUrl, String missing) {

  /** Looks the dataset up (activities, so this runs in workflow code). */
  static SketchSource find(SourceActivities sources, String database, String accession) {
    if (SketchRequest.IMG.equals(database)) {
      return new SketchSource(
          null,
          0,
          null,
          "IMG genome " + accession + " cannot be recomputed (IMG's sequences are not public)");
    }
    if (SketchRequest.GENOMES.equals(database)) {
      String url = sources.resolveGenome(accession);
      return url == null
          ? new SketchSource(null, 0, null, "assembly " + accession + " not found at NCBI")
          : new SketchSource(TaskQueues.SKETCH_GENOMES, 0, url, null);
    }
    RunInfo run = sources.lookupRun(accession);
    return run.found()
        ? new SketchSource(SignatureOptions.queueFor(run.sizeMb()), run.sizeMb(), null, null)
        : new SketchSource(null, 0, null, "run " + accession + " not found in SRA runinfo");
  }

  public boolean found() {
    return missing == null;
  }

  public boolean genome() {
    return genomeUrl != null;
  }
}
