package org.mevflow.worker.signatures;

import io.temporal.client.WorkflowClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.mevflow.activities.discovery.DiscoveryActivitiesImpl;
import org.mevflow.activities.discovery.GenomeListActivitiesImpl;
import org.mevflow.activities.signatures.DatasetActivitiesImpl;
import org.mevflow.activities.signatures.SketchActivitiesImpl;
import org.mevflow.activities.signatures.SourceActivitiesImpl;
import org.mevflow.activities.signatures.VerificationActivitiesImpl;
import org.mevflow.core.ncbi.Ncbi;
import org.mevflow.core.signatures.GenomeMetadata;
import org.mevflow.core.signatures.SignatureSettings;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.DiscoveryRepository;
import org.mevflow.db.GenomeRepository;
import org.mevflow.db.SubmissionRepository;
import org.mevflow.worker.WorkerContribution;
import org.mevflow.worker.WorkerProperties;
import org.mevflow.worker.discovery.DailyDiscovery;
import org.mevflow.worker.discovery.DiscoveryProperties;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.discovery.DiscoveryWorkflowImpl;
import org.mevflow.workflows.signatures.SketchRetries;
import org.mevflow.workflows.signatures.SketchWorkflowImpl;
import org.mevflow.workflows.signatures.VerifyWorkflowImpl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * wort's service: the sketch, verify and daily discovery workflows and their light steps on {@code
 * signatures}, the sketching itself on the four sketch queues.
 */
@Configuration(proxyBeanMethods = false)
class SignaturesWorkerConfiguration {

  @Bean
  HttpClient httpClient() {
    return HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(30))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  @Bean
  WorkerContribution signatures(
      DatasetRepository datasets,
      SubmissionRepository submissions,
      DiscoveryRepository discoveries,
      GenomeRepository genomes,
      SignatureSettings settings,
      HttpClient http,
      ObjectStorage storage) {
    Ncbi ncbi = new Ncbi(http, settings.eutilsUrl(), settings.ncbiApiKey(), Duration.ofMinutes(1));
    return new WorkerContribution(
        "signatures",
        Set.of(TaskQueues.SIGNATURES),
        List.of(SketchWorkflowImpl.class, VerifyWorkflowImpl.class, DiscoveryWorkflowImpl.class),
        List.of(
            new DatasetActivitiesImpl(datasets),
            new SourceActivitiesImpl(ncbi, settings.genomesUrlTemplate(), genomes),
            new VerificationActivitiesImpl(storage, datasets, submissions),
            new DiscoveryActivitiesImpl(ncbi, discoveries),
            new GenomeListActivitiesImpl(http, genomes, settings.assemblySummaryUrl())),
        SketchRetries.after(settings.sketchRetryAfter(), settings.sketchHeartbeatTimeout()));
  }

  @Bean
  DailyDiscovery dailyDiscovery(
      WorkflowClient client,
      DiscoveryRepository discoveries,
      DiscoveryProperties discovery,
      WorkerProperties worker) {
    return new DailyDiscovery(client, discoveries, discovery, worker, Clock.systemUTC());
  }

  @Bean
  WorkerContribution sketching(
      SignatureSettings settings,
      ObjectStorage storage,
      HttpClient http,
      GenomeRepository genomes) {
    return new WorkerContribution(
        "sketching",
        Set.of(
            TaskQueues.SKETCH_SMALL,
            TaskQueues.SKETCH_MEDIUM,
            TaskQueues.SKETCH_LARGE,
            TaskQueues.SKETCH_GENOMES),
        List.of(),
        List.of(
            new SketchActivitiesImpl(
                SketchActivitiesImpl.Settings.of(settings),
                storage,
                http,
                accession -> GenomeMetadata.signatureName(genomes, accession),
                settings.sourmashCli())));
  }
}
