package org.mevflow.workflows.discovery;

/**
 * Where a discovery run is: its step ("searching", "sketching", "done", "failed"), the query and
 * offset being read, sketches in flight against the limit, the counts, and the last error.
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
    String lastError) {}
