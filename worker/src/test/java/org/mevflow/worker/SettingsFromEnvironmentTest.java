package org.mevflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mevflow.core.cromwell.CromwellSettings;
import org.mevflow.core.temporal.TemporalSettings;
import org.mevflow.worker.analyses.AnalysesProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The environment variables the configuration table documents bind to the settings records as
 * Spring binds a worker's environment (names with underscores for dashes, as operators write them).
 */
class SettingsFromEnvironmentTest {
  private static Binder binder(Map<String, Object> env) {
    MutablePropertySources sources = new MutablePropertySources();
    sources.addLast(new SystemEnvironmentPropertySource("env", env));
    return new Binder(ConfigurationPropertySources.from(sources));
  }

  @Test
  void documentedVariablesReachTheRecords() {
    Binder env =
        binder(
            Map.of(
                "MEVFLOW_ANALYSES_LOCAL_TIME_LIMIT", "9h",
                "MEVFLOW_ANALYSES_TIME_LIMIT", "PT100H",
                "MEVFLOW_ANALYSES_SCRATCH", "/tmp/x",
                "MEVFLOW_CROMWELL_URL", "http://cromwell:8000",
                "MEVFLOW_CROMWELL_TIMEOUT", "45s",
                "MEVFLOW_WORKER_WORKFLOW_CACHE", "0",
                "MEVFLOW_WORKER_METRICS_PORT", "9464",
                "MEVFLOW_TEMPORAL_REGISTER_SEARCH_ATTRIBUTES", "false",
                "MEVFLOW_RECONCILER_GRACE", "5m"));

    AnalysesProperties analyses = env.bindOrCreate("mevflow.analyses", AnalysesProperties.class);
    assertThat(analyses.localTimeLimit()).isEqualTo(Duration.ofHours(9));
    assertThat(analyses.timeLimit()).isEqualTo(Duration.ofHours(100));
    assertThat(analyses.scratch()).isEqualTo(Path.of("/tmp/x"));

    CromwellSettings cromwell = env.bindOrCreate("mevflow.cromwell", CromwellSettings.class);
    assertThat(cromwell.url()).isEqualTo("http://cromwell:8000");
    assertThat(cromwell.timeout()).isEqualTo(Duration.ofSeconds(45));

    WorkerProperties worker = env.bindOrCreate("mevflow.worker", WorkerProperties.class);
    assertThat(worker.workflowCache()).isZero();
    assertThat(worker.workflowThreads()).isEqualTo(10);
    assertThat(worker.metricsPort()).isEqualTo(9464);

    assertThat(
            env.bindOrCreate("mevflow.temporal", TemporalSettings.class).registerSearchAttributes())
        .isFalse();
    assertThat(env.bindOrCreate("mevflow.reconciler", ReconcilerProperties.class).grace())
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void nothingSetMeansTheDocumentedDefaults() {
    Binder env = binder(Map.of());
    AnalysesProperties analyses = env.bindOrCreate("mevflow.analyses", AnalysesProperties.class);
    assertThat(analyses.localTimeLimit()).isEqualTo(Duration.ofHours(6));
    assertThat(analyses.timeLimit()).isEqualTo(Duration.ofHours(72));
    assertThat(env.bindOrCreate("mevflow.cromwell", CromwellSettings.class).configured()).isFalse();
    assertThat(
            env.bindOrCreate("mevflow.temporal", TemporalSettings.class).registerSearchAttributes())
        .isTrue();
  }
}
