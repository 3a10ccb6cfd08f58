package org.mevflow.workflows.signatures;

import io.temporal.activity.ActivityInterface;

/** Look-ups at NCBI that decide how a dataset is fetched. */
@ActivityInterface
public interface SourceActivities {
  /** The run's size and source from NCBI's runinfo; {@code found} false if NCBI has no such run. */
  RunInfo lookupRun(String accession);

  /** The download URL of an assembly's {@code _genomic.fna.gz}, or null if there is none. */
  String resolveGenome(String accession);
}
