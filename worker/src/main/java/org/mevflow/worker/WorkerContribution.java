package org.mevflow.worker;

import io.temporal.activity.ActivityOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one feature adds to the workers: workflow implementation types and activity objects, and the
 * task queues they serve; and, by activity type, options this process's settings put over those its
 * workflows name (registered with the workflows, so they apply wherever those run). Features
 * declare these as beans; {@link TemporalWorkers} registers each on the queues this process polls.
 */
public record WorkerContribution(
    String feature,
    Set<String> taskQueues,
    List<Class<?>> workflowTypes,
    List<Object> activities,
    Map<String, ActivityOptions> activityOptions) {

  public WorkerContribution(
      String feature,
      Set<String> taskQueues,
      List<Class<?>> workflowTypes,
      List<Object> activities) {
    this(feature, taskQueues, workflowTypes, activities, Map.of());
  }

  public boolean serves(String taskQueue) {
    return taskQueues.contains(taskQueue);
  }
}
