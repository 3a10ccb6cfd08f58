package org.mevflow.workflows.discovery;

/**
 * Where a discovery run continues after continue-as-new: its row, the query and offset of the next
 * page (query past the last: searching is done), the last dataset id sketched, the counts.
 */
public record DiscoveryCursor(
    long runRow, int query, int retstart, long afterId, DiscoveryCounts counts) {}
