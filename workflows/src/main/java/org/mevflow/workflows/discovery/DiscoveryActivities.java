package org.mevflow.workflows.discovery;

import io.temporal.activity.ActivityInterface;
import java.util.List;

/** NCBI's searches and discovery's records. Every method is safe to retry. */
@ActivityInterface
public interface DiscoveryActivities {
  /** The run's row in {@code discovery_runs}, created RUNNING on the first call. */
  long begin(String day);

  /** {@code esearch} of SRA for the query's runs published on the day or later. */
  SearchHandle search(DiscoveryQuery query, String day);

  /**
   * Reads one page of the search ({@code efetch rettype=runinfo}) and records its runs as datasets
   * discovered on the day (known ones are left as they are). An expired search is run again.
   */
  DiscoveryPage fetchPage(
      DiscoveryQuery query, String day, SearchHandle search, int retstart, int retmax);

  /** The day's datasets still waiting for a first sketch workflow, by id after {@code afterId}. */
  List<PendingDataset> pending(String day, long afterId, int limit);

  /** The counts so far, for operators; the run stays RUNNING. */
  void progress(long runRow, DiscoveryCounts counts);

  /** The run ended; returns how many datasets the day's searches were first to find. */
  int finish(long runRow, DiscoveryCounts counts, boolean failed, String error);
}
