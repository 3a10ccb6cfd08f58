package org.mevflow.workflows.discovery;

/**
 * What a discovery run did so far: runs found and pages read, sketch workflows started, and how
 * they ended ({@code joined}: one was already running for that dataset, so none was started).
 */
public record DiscoveryCounts(
    int found, int pages, int started, int computed, int missing, int failed, int joined) {
  public static final DiscoveryCounts NONE = new DiscoveryCounts(0, 0, 0, 0, 0, 0, 0);

  DiscoveryCounts plusPage(int runs) {
    return new DiscoveryCounts(found + runs, pages + 1, started, computed, missing, failed, joined);
  }

  DiscoveryCounts plusStarted() {
    return new DiscoveryCounts(found, pages, started + 1, computed, missing, failed, joined);
  }

  DiscoveryCounts plusComputed() {
    return new DiscoveryCounts(found, pages, started, computed + 1, missing, failed, joined);
  }

  DiscoveryCounts plusMissing() {
    return new DiscoveryCounts(found, pages, started, computed, missing + 1, failed, joined);
  }

  DiscoveryCounts plusFailed() {
    return new DiscoveryCounts(found, pages, started, computed, missing, failed + 1, joined);
  }

  /** A start that found the dataset's workflow already running: joined, not started. */
  DiscoveryCounts plusJoined() {
    return new DiscoveryCounts(found, pages, started - 1, computed, missing, failed, joined + 1);
  }
}
