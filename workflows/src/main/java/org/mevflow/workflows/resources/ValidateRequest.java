package org.mevflow.workflows.resources;

/** Check a resource (by id) against a requested type and file format. */
public record ValidateRequest(String resourceId, String resourceType, String fileFormat) {}
