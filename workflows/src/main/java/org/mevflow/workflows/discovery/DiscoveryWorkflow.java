package org.mevflow.workflows.discovery;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A day's discovery: finds the SRA runs NCBI published on the day, records the new ones as
 * datasets, and sketches them with at most a configured number of sketch workflows at once.
 */
@WorkflowInterface
public interface DiscoveryWorkflow {
  @WorkflowMethod
  DiscoverySummary discover(DiscoveryRequest request);

  @QueryMethod
  DiscoveryProgress progress();
}
