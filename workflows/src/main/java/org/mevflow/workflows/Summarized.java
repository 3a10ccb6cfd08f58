package org.mevflow.workflows;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;

/**
 * Activity stubs whose calls carry a one-line summary, which the Temporal Web UI shows on the
 * activity in a run's timeline ("fastq-dump and sketch SRR15461028 (298 MB)").
 */
public final class Summarized {
  private Summarized() {}

  /** A stub for one call (or a few of the same meaning) with these options and this summary. */
  public static <T> T stub(Class<T> activities, ActivityOptions options, String summary) {
    return Workflow.newActivityStub(
        activities, ActivityOptions.newBuilder(options).setSummary(summary).build());
  }
}
