package org.mevflow.worker;

import io.temporal.serviceclient.WorkflowServiceStubs;
import org.mevflow.activities.temporal.SearchAttributeRegistration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The worker process: polls the configured task queues and runs workflows and activities. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(WorkerProperties.class)
@PropertySource("classpath:mevflow/worker-defaults.properties")
public class WorkerApplication {
  /** Search attributes registered at start where asked (see the API's twin). */
  @Bean
  SmartInitializingSingleton searchAttributes(
      WorkflowServiceStubs service,
      @Value("${mevflow.temporal.register-search-attributes:true}") boolean asked,
      @Value("${spring.temporal.namespace:default}") String namespace) {
    return () -> SearchAttributeRegistration.atStart(asked, service, namespace);
  }
}
