package org.mevflow.workflows.resources;

/** The verdict: valid (and where the standard copy was stored, if one was made), or why not. */
public record ValidationOutcome(boolean valid, String message, String standardUri, long size) {}
