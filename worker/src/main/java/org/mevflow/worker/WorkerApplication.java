package org.mevflow.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.PropertySource;

/** The worker process: polls the configured task queues and runs workflows and activities. */
@SpringBootApplication
@EnableConfigurationProperties(WorkerProperties.class)
@PropertySource("classpath:mevflow/worker-defaults.properties")
public class WorkerApplication {}
