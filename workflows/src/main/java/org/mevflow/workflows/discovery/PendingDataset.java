package org.mevflow.workflows.discovery;

/** A dataset the day's search found that no sketch workflow has taken yet. */
public record PendingDataset(long id, String accession) {}
