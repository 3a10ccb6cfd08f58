package org.mevflow.app;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
public final class Services {
  private Services() {}

  public static ConfigurableApplicationContext startApi(Map<String, String> overrides) {
    return startApi(overrides, null);
  }

  public static ConfigurableApplicationContext startWorker(Map<String, String> overrides) {
    return startWorker(overrides, null);
  }

  /**
   * With {@code metrics} given (the dev stack), both contexts record into that one registry, so the
   * API's {@code /actuator/prometheus} shows the worker's metrics too.
   */
  public static ConfigurableApplicationContext startApi(
      Map<String, String> overrides, PrometheusMeterRegistry metrics) {
    return shared(new SpringApplicationBuilder(ApiApplication.class), metrics)
        .web(WebApplicationType.SERVLET)
        .registerShutdownHook(overrides.isEmpty())
        .run(asArguments(overrides));
  }

  public static ConfigurableApplicationContext startWorker(
      Map<String, String> overrides, PrometheusMeterRegistry metrics) {
    return shared(new SpringApplicationBuilder(WorkerApplication.class), metrics)
        .web(WebApplicationType.NONE)
        .registerShutdownHook(overrides.isEmpty())
        .run(asArguments(overrides));
  }

  private static SpringApplicationBuilder shared(
      SpringApplicationBuilder builder, PrometheusMeterRegistry metrics) {
    if (metrics == null) {
      return builder;
    }
    return builder.initializers(
        context -> {
          // the scrape endpoint reads the Prometheus registry behind the meter registry
          context.getBeanFactory().registerSingleton("prometheusMeterRegistry", metrics);
          context
              .getBeanFactory()
              .registerSingleton("prometheusRegistry", metrics.getPrometheusRegistry());
        });
  }

  /** Command-line arguments outrank environment variables, which outrank application.yml. */
  private static String[] asArguments(Map<String, String> overrides) {
    List<String> args = new ArrayList<>();
    overrides.forEach((k, v) -> args.add("--" + k + "=" + v));
    return args.toArray(String[]::new);
  }
}
