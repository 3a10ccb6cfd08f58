package org.mevflow.worker;

import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.mevflow.activities.resources.ResourceActivitiesImpl;
import org.mevflow.activities.storage.ObjectStorage;
import org.mevflow.db.ResourceRepository;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.resources.ValidateResourceWorkflowImpl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * WebMEV's side: resource validation (and, with the next issue, executions) on {@code analyses}.
 */
@Configuration(proxyBeanMethods = false)
class AnalysesWorkerConfiguration {
  @Bean
  WorkerContribution resources(DSLContext db, ObjectStorage storage) {
    return new WorkerContribution(
        "resources",
        Set.of(TaskQueues.ANALYSES),
        List.of(ValidateResourceWorkflowImpl.class),
        List.of(new ResourceActivitiesImpl(storage, new ResourceRepository(db))));
  }
}
