package org.mevflow.worker;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mevflow.workflows.TaskQueues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts one Temporal worker per configured task queue once the context is ready, and drains them
 * on shutdown so that a stopping process lets its running activities finish (up to a bound).
 */
@Component
public class TemporalWorkers implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(TemporalWorkers.class);

  private final WorkerFactory factory;
  private final WorkerProperties properties;
  private final List<WorkerContribution> contributions;
  private volatile boolean running;

  public TemporalWorkers(
      WorkflowClient client, WorkerProperties properties, List<WorkerContribution> contributions) {
    this.factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(properties.workflowCache())
                .setMaxWorkflowThreadCount(properties.workflowThreads())
                .build());
    this.properties = properties;
    this.contributions = contributions;
  }

  @Override
  public void start() {
    for (String queue : properties.taskQueues()) {
      if (!TaskQueues.ALL.contains(queue)) {
        throw new IllegalStateException(
            "unknown task queue '"
                + queue
                + "' in mevflow.worker.task-queues; known: "
                + TaskQueues.ALL);
      }
      Worker worker = factory.newWorker(queue);
      for (WorkerContribution c : contributions) {
        if (!c.serves(queue)) {
          continue;
        }
        if (!c.workflowTypes().isEmpty()) {
          worker.registerWorkflowImplementationTypes(
              WorkflowImplementationOptions.newBuilder()
                  .setActivityOptions(c.activityOptions())
                  .build(),
              c.workflowTypes().toArray(Class<?>[]::new));
        }
        if (!c.activities().isEmpty()) {
          worker.registerActivitiesImplementations(c.activities().toArray());
        }
      }
      log.info("worker polling task queue '{}'", queue);
    }
    factory.start();
    running = true;
  }

  @Override
  public void stop() {
    factory.shutdown();
    long grace = properties.shutdownGrace().toMillis();
    factory.awaitTermination(grace, TimeUnit.MILLISECONDS);
    if (!factory.isTerminated()) {
      log.warn("workers still busy after {} ms; stopping them now", grace);
      factory.shutdownNow();
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Start after everything else (the database pool above all), stop before it. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1;
  }
}
