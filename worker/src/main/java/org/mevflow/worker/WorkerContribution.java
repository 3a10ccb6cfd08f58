package org.mevflow.worker;

import java.util.List;
import java.util.Set;

/**
 * What one feature adds to the workers: workflow implementation types and activity objects, and the
 * task queues they serve. Features declare these as beans; {@link TemporalWorkers} registers each
 * on the queues this process polls.
 */
public record WorkerContribution(
    String feature, Set<String> taskQueues, List<Class<?>> workflowTypes, List<Object> activities) {

  public boolean serves(String taskQueue) {
    return taskQueues.contains(taskQueue);
  }
}
