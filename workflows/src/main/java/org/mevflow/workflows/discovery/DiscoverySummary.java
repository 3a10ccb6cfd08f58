package org.mevflow.workflows.discovery;

/** How a discovery run ended: the day searched, the counts, and the datasets new that day. */
public record DiscoverySummary(String day, DiscoveryCounts counts, int inserted) {}
