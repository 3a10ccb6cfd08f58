package org.mevflow.workflows.resources;

import io.temporal.activity.ActivityInterface;

/** Checking a stored file against a type, and recording the verdict on its resource. */
@ActivityInterface
public interface ResourceActivities {
  ValidationOutcome check(ValidateRequest request);

  /** Sets the type (or restores the last valid one) and the status text; idempotent. */
  void record(ValidateRequest request, ValidationOutcome outcome);
}
