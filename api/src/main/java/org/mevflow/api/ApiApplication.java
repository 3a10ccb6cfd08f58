package org.mevflow.api;

import java.time.Clock;
import org.mevflow.api.resources.ResourcesProperties;
import org.mevflow.api.security.SecurityProperties;
import org.mevflow.core.CoreSettings;
import org.mevflow.core.analyses.AnalysisJobs;
import org.mevflow.core.signatures.SketchJobs;
import org.mevflow.db.Repositories;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The REST API: wort's v1 routes and WebMEV's /api routes over one domain. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties({
  SecurityProperties.class,
  ApiProperties.class,
  ResourcesProperties.class
})
@PropertySource("classpath:mevflow/api-defaults.properties")
@Import({
  CoreSettings.class,
  Repositories.class,
  AnalysisJobs.class,
  SketchJobs.class,
  org.mevflow.core.signatures.VerifyJobs.class,
  org.mevflow.core.resources.ValidationJobs.class
})
public class ApiApplication {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Genome metadata: the loaded assembly summary, else one E-utilities look-up per assembly. */
  @Bean
  org.mevflow.core.signatures.GenomeMetadata genomeMetadata(
      org.mevflow.db.GenomeRepository genomes,
      org.mevflow.core.signatures.SignatureSettings settings) {
    return new org.mevflow.core.signatures.GenomeMetadata(
        genomes,
        new org.mevflow.core.ncbi.Ncbi(
            java.net.http.HttpClient.newBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(10))
                .build(),
            settings.eutilsUrl(),
            settings.ncbiApiKey(),
            java.time.Duration.ofSeconds(20)));
  }
}
