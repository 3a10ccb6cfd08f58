package org.mevflow.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.PropertySource;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The worker process: polls the configured task queues and runs workflows and activities. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(WorkerProperties.class)
@PropertySource("classpath:mevflow/worker-defaults.properties")
public class WorkerApplication {}
