package org.mevflow.workflows.discovery;

/**
 * One page of a day's search, recorded: the runs it held, and the search it was read from (a new
 * one if NCBI had let the first expire).
 */
public record DiscoveryPage(int runs, SearchHandle search) {}
