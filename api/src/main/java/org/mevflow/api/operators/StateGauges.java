package org.mevflow.api.operators;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.mevflow.db.JobRepository;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.ExecutionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How many jobs are in each state, as gauges: {@code mevflow_executions{status}} and {@code
 * mevflow_datasets{status}}, counted in PostgreSQL every {@code mevflow.metrics.state-interval} (60
 * s) rather than at every scrape, so a large datasets table is counted once a minute.
 */
@Component
public class StateGauges {
  private static final Logger log = LoggerFactory.getLogger(StateGauges.class);

  private final JobRepository jobs;
  private final Map<ExecutionStatus, AtomicInteger> executions =
      new EnumMap<>(ExecutionStatus.class);
  private final Map<DatasetStatus, AtomicInteger> datasets = new EnumMap<>(DatasetStatus.class);

  public StateGauges(JobRepository jobs, MeterRegistry registry) {
    this.jobs = jobs;
    for (ExecutionStatus s : ExecutionStatus.values()) {
      executions.put(s, gauge(registry, "mevflow.executions", "executions in this state", s));
    }
    for (DatasetStatus s : DatasetStatus.values()) {
      datasets.put(s, gauge(registry, "mevflow.datasets", "datasets in this state", s));
    }
  }

  private static AtomicInteger gauge(
      MeterRegistry registry, String name, String help, Enum<?> status) {
    AtomicInteger value = new AtomicInteger();
    Gauge.builder(name, value, AtomicInteger::get)
        .description(help)
        .tag("status", status.name())
        .register(registry);
    return value;
  }

  @Scheduled(initialDelayString = "0s", fixedDelayString = "${mevflow.metrics.state-interval:60s}")
  public void refresh() {
    try {
      Map<ExecutionStatus, Integer> e = jobs.executionsByStatus();
      executions.forEach((s, v) -> v.set(e.getOrDefault(s, 0)));
      Map<DatasetStatus, Integer> d = jobs.datasetsByStatus();
      datasets.forEach((s, v) -> v.set(d.getOrDefault(s, 0)));
    } catch (RuntimeException e) {
      // the gauges keep their last values; the database health check says what is wrong
      log.warn("could not count jobs by state: {}", e.getMessage());
    }
  }
}
