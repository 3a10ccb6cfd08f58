package org.mevflow.workflows.discovery;

import io.temporal.activity.ActivityInterface;

/**
 * The genome list wort kept in a table: NCBI's assembly summary re-read into mevflow's genome
 * metadata by the daily discovery. Safe to retry (rows are replaced by accession).
 */
@ActivityInterface
public interface GenomeListActivities {
  /** A summary that is not one (never retried). */
  String MALFORMED = "MalformedAssemblySummary";

  /**
   * Re-reads the assembly summary from the configured address; null when none is configured ({@code
   * MEVFLOW_ASSEMBLY_SUMMARY_URL}).
   */
  GenomeListRefresh refreshGenomeList();
}
