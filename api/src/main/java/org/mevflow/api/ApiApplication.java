package org.mevflow.api;

import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Clock;
import org.jooq.DSLContext;
import org.mevflow.api.security.SecurityProperties;
import org.mevflow.core.signatures.SignatureSettings;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.core.storage.StorageSettings;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.SubmissionRepository;
import org.mevflow.db.TokenRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.WorkspaceRepository;
import org.mevflow.workflows.operators.SearchAttributeRegistration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The REST API: wort's v1 routes and WebMEV's /api routes over one domain. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties({SecurityProperties.class, ApiProperties.class})
@PropertySource("classpath:mevflow/api-defaults.properties")
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

  @Bean
  UserRepository userRepository(DSLContext db) {
    return new UserRepository(db);
  }

  @Bean
  TokenRepository tokenRepository(DSLContext db) {
    return new TokenRepository(db);
  }

  @Bean
  DatasetRepository datasetRepository(DSLContext db) {
    return new DatasetRepository(db);
  }

  @Bean
  ExecutionRepository executionRepository(DSLContext db) {
    return new ExecutionRepository(db);
  }

  @Bean
  OperationRepository operationRepository(DSLContext db) {
    return new OperationRepository(db);
  }

  @Bean
  WorkspaceRepository workspaceRepository(DSLContext db) {
    return new WorkspaceRepository(db);
  }

  @Bean
  ResourceRepository resourceRepository(DSLContext db) {
    return new ResourceRepository(db);
  }

  @Bean
  SubmissionRepository submissionRepository(DSLContext db) {
    return new SubmissionRepository(db);
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
