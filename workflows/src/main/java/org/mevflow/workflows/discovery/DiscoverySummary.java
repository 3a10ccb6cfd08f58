package org.mevflow.workflows.discovery;

/**
 * How a discovery run ended: the day searched, the counts, the datasets new that day, and what
 * became of the genome list (refreshed, not configured, or why not; null in runs older than the
 * refresh, and in runs continued from one that did it).
 */
public record DiscoverySummary(
    String day, DiscoveryCounts counts, int inserted, String genomeList) {
  public DiscoverySummary(String day, DiscoveryCounts counts, int inserted) {
    this(day, counts, inserted, null);
  }
}
