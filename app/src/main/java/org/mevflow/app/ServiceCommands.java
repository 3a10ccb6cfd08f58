package org.mevflow.app;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ./mevflow api} and {@code ./mevflow worker}: one part alone, against configured services.
 */
public final class ServiceCommands {
  private static volatile boolean keepRunning;

  private ServiceCommands() {}

  /** True when a command left services running that the JVM must not exit under. */
  static boolean keepsRunning() {
    return keepRunning;
  }

  public static void keepRunning() {
    keepRunning = true;
  }

  @Command(
      name = "api",
      description = {
        "Run the REST API against MEVFLOW_DB_URL and TEMPORAL_ADDRESS.",
        "Needs MEVFLOW_SECRET (32+ bytes). SERVER_PORT moves it (default 8080)."
      })
  static class Api implements Callable<Integer> {
    @Override
    public Integer call() {
      Services.startApi(Map.of());
      keepRunning();
      return 0;
    }
  }

  @Command(
      name = "worker",
      description = {
        "Run a worker against MEVFLOW_DB_URL and TEMPORAL_ADDRESS.",
        "MEVFLOW_WORKER_TASK_QUEUES picks the queues (default: all)."
      })
  static class Worker implements Callable<Integer> {
    @Override
    public Integer call() {
      Services.startWorker(Map.of());
      keepRunning();
      return 0;
    }
  }
}
