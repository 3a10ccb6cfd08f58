package org.mevflow.worker;

import jakarta.annotation.Nullable;
import java.time.Duration;
import java.util.List;
import org.mevflow.workflows.TaskQueues;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which task queues this worker polls ({@code MEVFLOW_WORKER_TASK_QUEUES=sketch-large} runs a
 * worker for large SRA runs only) and how long it lets running activities finish on shutdown.
 */
@ConfigurationProperties("mevflow.worker")
public record WorkerProperties(
    @Nullable List<String> taskQueues, @Nullable Duration shutdownGrace) {
  public WorkerProperties {
    taskQueues = taskQueues == null || taskQueues.isEmpty() ? TaskQueues.ALL : taskQueues;
    shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(30) : shutdownGrace;
  }
}
