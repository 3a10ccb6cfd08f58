package org.mevflow.workflows.analyses;

import io.temporal.activity.ActivityInterface;

/**
 * An execution's job on Cromwell. Failures that cannot pass with a retry are non-retryable
 * application failures of type {@link #REFUSED} or {@link #UNKNOWN_JOB}.
 */
@ActivityInterface(namePrefix = "Cromwell")
public interface CromwellActivities {
  /** Cromwell refused the request (4xx other than 404): retrying would not help. */
  String REFUSED = "CromwellRefused";

  /** Cromwell does not know the job (404). */
  String UNKNOWN_JOB = "CromwellJobUnknown";

  /**
   * Submits the execution's workflow under {@link CromwellJobs#requestedId}; a job that already
   * exists under that id is answered instead of a second. Records and answers Cromwell's job id.
   */
  String submit(String executionId);

  /** One status call. */
  CromwellStatus status(String jobId);

  /**
   * Reads the ended job's metadata: on success copies each declared output into the user's storage
   * (the same keys on every attempt); on failure answers Cromwell's failure messages.
   */
  RunOutputs collect(String executionId, String jobId);

  /**
   * Asks Cromwell to abort the job. A job already ended answers its status; a job Cromwell never
   * got answers {@link CromwellStatus#ABORTED}, as nothing is left running.
   */
  CromwellStatus abort(String jobId);
}
