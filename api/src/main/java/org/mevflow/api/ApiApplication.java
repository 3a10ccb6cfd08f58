package org.mevflow.api;

import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Clock;
import org.mevflow.api.security.SecurityProperties;
import org.mevflow.core.analyses.AnalysisJobs;
import org.mevflow.core.signatures.SignatureSettings;
import org.mevflow.core.signatures.SketchJobs;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.core.storage.StorageSettings;
import org.mevflow.db.Repositories;
import org.mevflow.workflows.operators.SearchAttributeRegistration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The REST API: wort's v1 routes and WebMEV's /api routes over one domain. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties({SecurityProperties.class, ApiProperties.class})
@PropertySource("classpath:mevflow/api-defaults.properties")
@Import({Repositories.class, AnalysisJobs.class, SketchJobs.class})
public class ApiApplication {

  @Bean
  SmartInitializingSingleton searchAttributes(
      WorkflowServiceStubs service,
      @Value("${mevflow.temporal.register-search-attributes:true}") boolean asked,
      @Value("${spring.temporal.namespace:default}") String namespace) {
    return () -> SearchAttributeRegistration.atStart(asked, service, namespace);
  }

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  /** Bucket names and the like, shared with the workers ({@code mevflow.signatures.*}). */
  @Bean
  SignatureSettings signatureSettings(Environment env) {
    return Binder.get(env)
        .bind("mevflow.signatures", SignatureSettings.class)
        .orElse(SignatureSettings.defaults());
  }

  /** The same storage the workers write to ({@code mevflow.storage.*}). */
  @Bean
  ObjectStorage objectStorage(Environment env) {
    return Binder.get(env)
        .bind("mevflow.storage", StorageSettings.class)
        .orElse(new StorageSettings(null, null, null, null))
        .open();
  }
}
