package org.mevflow.worker.analyses;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.mevflow.activities.analyses.CromwellActivitiesImpl;
import org.mevflow.activities.analyses.ExecutionActivitiesImpl;
import org.mevflow.activities.analyses.LocalRunnerActivitiesImpl;
import org.mevflow.activities.resources.ResourceActivitiesImpl;
import org.mevflow.core.cromwell.CromwellClient;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.WorkspaceRepository;
import org.mevflow.worker.WorkerContribution;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.analyses.AnalysisWorkflowImpl;
import org.mevflow.workflows.resources.ValidateResourceWorkflowImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * WebMEV's side on {@code analyses}: resource validation and executions, local or on the Cromwell
 * server at {@code mevflow.cromwell.url}.
 */
@Configuration(proxyBeanMethods = false)
class AnalysesWorkerConfiguration {
  @Bean
  WorkerContribution resources(ResourceRepository resources, ObjectStorage storage) {
    return new WorkerContribution(
        "resources",
        Set.of(TaskQueues.ANALYSES),
        List.of(ValidateResourceWorkflowImpl.class),
        List.of(new ResourceActivitiesImpl(storage, resources)));
  }

  @Bean
  WorkerContribution executions(
      ExecutionRepository executions,
      OperationRepository operations,
      ResourceRepository resources,
      WorkspaceRepository workspaces,
      ObjectStorage storage,
      @Value("${mevflow.analyses.scratch:${java.io.tmpdir}/mevflow-scratch}") String scratch,
      @Value("${mevflow.analyses.local-time-limit:6h}") Duration timeLimit,
      @Value("${mevflow.analyses.time-limit:72h}") Duration operationTimeLimit,
      @Value("${mevflow.cromwell.url:}") String cromwellUrl,
      @Value("${mevflow.cromwell.authorization:}") String cromwellAuthorization,
      @Value("${mevflow.cromwell.timeout:30s}") Duration cromwellTimeout) {
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
                storage,
                new ExecutionActivitiesImpl.Limits(operationTimeLimit, timeLimit)),
            new CromwellActivitiesImpl(
                cromwellUrl.isBlank()
                    ? null
                    : new CromwellClient(
                        new CromwellClient.Settings(
                            URI.create(cromwellUrl), cromwellAuthorization, cromwellTimeout),
                        HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(10))
                            .build()),
                storage,
                executions,
                operations,
                resources,
                "mevflow-resources"),
            new LocalRunnerActivitiesImpl(
                new LocalRunnerActivitiesImpl.Settings(
                    Path.of(scratch), timeLimit, "mevflow-resources"),
                storage,
                executions,
                operations,
                resources)));
  }
}
