package org.mevflow.db.type;

/** Lifecycle of a resource (file): written, then typed and validated. */
public enum ResourceStatus {
  /** Bytes are still being written to storage; not yet usable. */
  UPLOADING,
  /** Stored, but no resource type has been validated yet. */
  UNVALIDATED,
  /** A validation workflow is checking the file against its requested type. */
  VALIDATING,
  /** The file is valid for its current resource type and format. */
  VALID,
  /** The requested type failed validation and no earlier valid type exists. */
  INVALID,
  /** Removed by its owner; the row is kept for provenance. */
  DELETED
}
