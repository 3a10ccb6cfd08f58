package org.mevflow.worker;

import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.mevflow.activities.diagnostics.DiagnosticsActivitiesImpl;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.diagnostics.RoundTripWorkflowImpl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every queue answers the round-trip probe, so an operator can check each one. */
@Configuration(proxyBeanMethods = false)
class DiagnosticsWorkerConfiguration {
  @Bean
  WorkerContribution diagnostics(DSLContext db) {
    return new WorkerContribution(
        "diagnostics",
        Set.copyOf(TaskQueues.ALL),
        List.of(RoundTripWorkflowImpl.class),
        List.of(new DiagnosticsActivitiesImpl(db)));
  }
}
