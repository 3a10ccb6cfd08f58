package org.mevflow.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mevflow.api.ApiApplication;
import org.mevflow.worker.WorkerApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The API and the worker as separate Spring contexts: in production each runs in its own process;
 * the dev stack runs both in one JVM, still apart (no shared beans, each with its own pool).
 */
final class Services {
  private Services() {}

  static ConfigurableApplicationContext startApi(Map<String, String> overrides) {
    return new SpringApplicationBuilder(ApiApplication.class)
        .web(WebApplicationType.SERVLET)
        .registerShutdownHook(overrides.isEmpty())
        .run(asArguments(overrides));
  }

  static ConfigurableApplicationContext startWorker(Map<String, String> overrides) {
    return new SpringApplicationBuilder(WorkerApplication.class)
        .web(WebApplicationType.NONE)
        .registerShutdownHook(overrides.isEmpty())
        .run(asArguments(overrides));
  }

  /** Command-line arguments outrank environment variables, which outrank application.yml. */
  private static String[] asArguments(Map<String, String> overrides) {
    List<String> args = new ArrayList<>();
    overrides.forEach((k, v) -> args.add("--" + k + "=" + v));
    return args.toArray(String[]::new);
  }
}
