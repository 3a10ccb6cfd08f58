package org.mevflow.workflows.discovery;

/**
 * A search kept on NCBI's history server: how many records match, and the {@code WebEnv} and {@code
 * query_key} that pages of it are fetched by.
 */
public record SearchHandle(int count, String webEnv, String queryKey) {}
