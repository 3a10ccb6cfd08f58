package org.mevflow.worker.analyses;

import java.util.List;
import java.util.Set;
import org.mevflow.activities.analyses.CromwellActivitiesImpl;
import org.mevflow.activities.analyses.ExecutionActivitiesImpl;
import org.mevflow.activities.analyses.LocalRunnerActivitiesImpl;
import org.mevflow.activities.resources.ResourceActivitiesImpl;
import org.mevflow.core.cromwell.CromwellSettings;
import org.mevflow.core.docker.DockerSettings;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.ElementRepository;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.WorkspaceRepository;
import org.mevflow.worker.WorkerContribution;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.analyses.AnalysisWorkflowImpl;
import org.mevflow.workflows.resources.ValidateResourceWorkflowImpl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * WebMEV's side on {@code analyses}: resource validation and executions, local or on the Cromwell
 * server at {@code mevflow.cromwell.url}, WebMEV's local_docker ones with the Docker CLI at {@code
 * mevflow.docker.binary}.
 */
@Configuration(proxyBeanMethods = false)
class AnalysesWorkerConfiguration {
  @Bean
  WorkerContribution resources(
      ResourceRepository resources, ElementRepository elements, ObjectStorage storage) {
    return new WorkerContribution(
        "resources",
        Set.of(TaskQueues.ANALYSES),
        List.of(ValidateResourceWorkflowImpl.class),
        List.of(new ResourceActivitiesImpl(storage, resources, elements)));
  }

  @Bean
  WorkerContribution executions(
      ExecutionRepository executions,
      OperationRepository operations,
      ResourceRepository resources,
      WorkspaceRepository workspaces,
      ElementRepository elements,
      ObjectStorage storage,
      AnalysesProperties analyses,
      CromwellSettings cromwell,
      DockerSettings docker) {
    return new WorkerContribution(
        "executions",
        Set.of(TaskQueues.ANALYSES),
        List.of(AnalysisWorkflowImpl.class),
        List.of(
            new ExecutionActivitiesImpl(
                executions,
                operations,
                resources,
                workspaces,
                elements,
                storage,
                new ExecutionActivitiesImpl.Limits(
                    analyses.timeLimit(), analyses.localTimeLimit())),
            new CromwellActivitiesImpl(
                cromwell.client().orElse(null),
                storage,
                executions,
                operations,
                resources,
                "mevflow-resources"),
            new LocalRunnerActivitiesImpl(
                new LocalRunnerActivitiesImpl.Settings(
                    analyses.scratch(), analyses.localTimeLimit(), "mevflow-resources"),
                storage,
                executions,
                operations,
                resources,
                docker.client(analyses.scratch().resolve("executions")))));
  }
}
