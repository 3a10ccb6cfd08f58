package org.mevflow.worker;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import org.mevflow.core.CoreSettings;
import org.mevflow.core.analyses.AnalysisJobs;
import org.mevflow.core.signatures.SketchJobs;
import org.mevflow.db.Repositories;
import org.mevflow.worker.analyses.AnalysesProperties;
import org.mevflow.worker.discovery.DiscoveryProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The worker process: polls the configured task queues and runs workflows and activities. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties({
  WorkerProperties.class,
  DiscoveryProperties.class,
  AnalysesProperties.class,
  ReconcilerProperties.class
})
@PropertySource("classpath:mevflow/worker-defaults.properties")
@Import({
  CoreSettings.class,
  Repositories.class,
  AnalysisJobs.class,
  SketchJobs.class,
  org.mevflow.core.signatures.VerifyJobs.class,
  org.mevflow.core.resources.ValidationJobs.class
})
public class WorkerApplication {
  /**
   * The worker's metrics (ours, the Temporal SDK's, the JVM's) in Prometheus's text format at
   * {@code http://host:<mevflow.worker.metrics-port>/metrics}, when a port is set; the API serves
   * its own at {@code /actuator/prometheus}.
   */
  @Bean(destroyMethod = "close")
  MetricsEndpoint metricsEndpoint(
      ObjectProvider<PrometheusMeterRegistry> registry, WorkerProperties worker)
      throws java.io.IOException {
    PrometheusMeterRegistry r = registry.getIfAvailable();
    int port = worker.metricsPort();
    if (port <= 0 || r == null) {
      return new MetricsEndpoint(null);
    }
    return new MetricsEndpoint(
        HTTPServer.builder()
            .hostname("0.0.0.0")
            .port(port)
            .registry(r.getPrometheusRegistry())
            .buildAndStart());
  }

  /** The exporter's server, or none. */
  record MetricsEndpoint(HTTPServer server) implements AutoCloseable {
    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }
}
