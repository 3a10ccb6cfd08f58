package org.mevflow.worker;

import jakarta.annotation.Nullable;
import java.time.Duration;
import java.util.List;
import org.mevflow.workflows.TaskQueues;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which task queues this worker polls ({@code MEVFLOW_WORKER_TASK_QUEUES=sketch-large} runs a
 * worker for large SRA runs only), how long it lets running activities finish on shutdown, and how
 * many workflows it keeps in memory between their steps ({@code workflowCache}) on at most {@code
 * workflowThreads} threads. Those two bound the worker's threads whatever the number of executions
 * waiting on timers: a workflow pushed out of the cache is rebuilt from its history on its next
 * step. {@code metricsPort}: where the worker serves Prometheus metrics (0: nowhere).
 */
@ConfigurationProperties("mevflow.worker")
public record WorkerProperties(
    @Nullable List<String> taskQueues,
    @Nullable Duration shutdownGrace,
    @Nullable Integer workflowCache,
    @Nullable Integer workflowThreads,
    @Nullable Integer metricsPort) {
  static final int MIN_THREADS = 10;

  public WorkerProperties {
    taskQueues = taskQueues == null || taskQueues.isEmpty() ? TaskQueues.ALL : taskQueues;
    shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(30) : shutdownGrace;
    workflowCache = workflowCache == null ? 200 : workflowCache;
    metricsPort = metricsPort == null ? 0 : metricsPort;
    // twice the cache, and a few even without one (cache 0: every step is rebuilt from history,
    // on a thread held only while the step runs)
    workflowThreads =
        workflowThreads == null ? Math.max(2 * workflowCache, MIN_THREADS) : workflowThreads;
    if (workflowCache < 0 || workflowThreads < 1) {
      throw new IllegalArgumentException(
          "mevflow.worker.workflow-cache must be >= 0 and workflow-threads >= 1");
    }
  }
}
