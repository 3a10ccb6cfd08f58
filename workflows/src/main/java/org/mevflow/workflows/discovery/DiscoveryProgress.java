package org.mevflow.workflows.discovery;

/**
 * Where a discovery run is: its step ("searching", "sketching", "done", "failed"), the query and
 * offset being read, sketches in flight against the limit, the counts, and the last error. Changed
 * with the {@code with...} methods, each naming what changes.
 */
public record DiscoveryProgress(
    String day,
    String step,
    DiscoveryQuery query,
    int retstart,
    int searchCount,
    int inFlight,
    int concurrency,
    DiscoveryCounts counts,
    String lastError) {

  /** Before the run has read its day. */
  public static DiscoveryProgress starting() {
    return new DiscoveryProgress(null, "starting", null, 0, 0, 0, 0, DiscoveryCounts.NONE, null);
  }

  /** The run of {@code day} begins with these counts (carried over a continue-as-new). */
  public DiscoveryProgress on(String day, DiscoveryCounts counts) {
    return new DiscoveryProgress(day, "searching", null, 0, 0, 0, 0, counts, null);
  }

  /** At a step, reading {@code query} (null when not searching) from {@code retstart}. */
  public DiscoveryProgress at(
      String step, DiscoveryQuery query, int retstart, int searchCount, int concurrency) {
    return new DiscoveryProgress(
        day, step, query, retstart, searchCount, inFlight, concurrency, counts, lastError);
  }

  public DiscoveryProgress withWork(int inFlight, DiscoveryCounts counts) {
    return new DiscoveryProgress(
        day, step, query, retstart, searchCount, inFlight, concurrency, counts, lastError);
  }

  /** Ended at {@code step} (failed, cancelled) with this error. */
  public DiscoveryProgress withError(String step, String lastError) {
    return new DiscoveryProgress(
        day, step, query, retstart, searchCount, inFlight, concurrency, counts, lastError);
  }
}
