package org.mevflow.core;

import io.temporal.client.WorkflowClient;
import org.mevflow.core.cromwell.CromwellSettings;
import org.mevflow.core.docker.DockerSettings;
import org.mevflow.core.operations.OperationSettings;
import org.mevflow.core.signatures.SignatureSettings;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.core.storage.StorageSettings;
import org.mevflow.core.temporal.TemporalSettings;
import org.mevflow.workflows.operators.SearchAttributeRegistration;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The settings the API and the workers share, bound once as {@code @ConfigurationProperties}
 * records (every mevflow setting is read this way; see docs/configuration.md), and the object
 * storage they name. A Spring process says {@code @Import(CoreSettings.class)}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  StorageSettings.class,
  SignatureSettings.class,
  CromwellSettings.class,
  DockerSettings.class,
  OperationSettings.class,
  TemporalSettings.class
})
public class CoreSettings {
  @Bean
  ObjectStorage objectStorage(StorageSettings settings) {
    return settings.open();
  }

  /** mevflow's search attributes, registered on the client's namespace at start where asked. */
  @Bean
  SmartInitializingSingleton searchAttributes(WorkflowClient client, TemporalSettings settings) {
    return () ->
        SearchAttributeRegistration.atStart(
            settings.registerSearchAttributes(),
            client.getWorkflowServiceStubs(),
            client.getOptions().getNamespace());
  }
}
