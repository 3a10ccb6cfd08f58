package org.mevflow.worker.discovery;

import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.mevflow.core.discovery.DiscoveryJobs;
import org.mevflow.db.DiscoveryRepository;
import org.mevflow.worker.WorkerProperties;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.discovery.DiscoverySchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Sets up the daily discovery when this worker polls {@code signatures}: a Temporal Schedule on a
 * server that keeps schedules; on one that does not (the embedded dev server), this process starts
 * the day's run itself once the time has come, as {@code discovery-<day>}, so however many workers
 * do the same, one run per day starts. That trigger pauses with {@code ./mevflow discovery pause}
 * and does not start a day that has a completed run.
 */
public class DailyDiscovery implements SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(DailyDiscovery.class);

  /** How daily runs are started, as decided at start. */
  public enum Mode {
    OFF,
    SCHEDULE,
    IN_PROCESS
  }

  private final WorkflowClient client;
  private final DiscoveryRepository discoveries;
  private final DiscoveryProperties properties;
  private final DiscoverySchedule.Settings settings;
  private final boolean pollsSignatures;
  private final Clock clock;
  private volatile Mode mode = Mode.OFF;
  private LocalDate lastStarted;

  public DailyDiscovery(
      WorkflowClient client,
      DiscoveryRepository discoveries,
      DiscoveryProperties properties,
      WorkerProperties worker,
      Clock clock) {
    this.client = client;
    this.discoveries = discoveries;
    this.properties = properties;
    this.settings = properties.enabled() ? properties.settings() : null;
    this.pollsSignatures = worker.taskQueues().contains(TaskQueues.SIGNATURES);
    this.clock = clock;
  }

  @Override
  public void afterSingletonsInstantiated() {
    mode = decide();
  }

  public Mode mode() {
    return mode;
  }

  private Mode decide() {
    if (settings == null || !pollsSignatures) {
      return Mode.OFF;
    }
    if (properties.trigger() == DiscoveryProperties.Trigger.IN_PROCESS) {
      log.info("daily discovery: started by this process at {} {}", settings.at(), settings.zone());
      return Mode.IN_PROCESS;
    }
    ScheduleClient schedules =
        ScheduleClient.newInstance(
            client.getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .build());
    try {
      if (DiscoverySchedule.ensure(schedules, settings) == DiscoverySchedule.Support.SCHEDULED) {
        log.info(
            "daily discovery: Temporal Schedule {} at {} {}",
            DiscoverySchedule.ID,
            settings.at(),
            settings.zone());
        return Mode.SCHEDULE;
      }
    } catch (RuntimeException e) {
      // not a missing feature: starting runs here too could double them, so none start
      log.error("daily discovery: the schedule could not be set up; no daily runs", e);
      return Mode.OFF;
    }
    if (properties.trigger() == DiscoveryProperties.Trigger.SCHEDULE) {
      log.error("daily discovery: this Temporal server keeps no schedules; no daily runs");
      return Mode.OFF;
    }
    log.info(
        "daily discovery: this Temporal server keeps no schedules; started by this process at {}"
            + " {}",
        settings.at(),
        settings.zone());
    return Mode.IN_PROCESS;
  }

  @Scheduled(
      initialDelayString = "${mevflow.discovery.check-interval:60s}",
      fixedDelayString = "${mevflow.discovery.check-interval:60s}")
  public void check() {
    if (mode == Mode.IN_PROCESS) {
      try {
        due(clock.instant());
      } catch (RuntimeException e) {
        log.warn("daily discovery: could not start today's run; trying again", e);
      }
    }
  }

  /** Starts the run of the day before, once today's time has come; the workflow id if it did. */
  public synchronized Optional<String> due(Instant at) {
    ZonedDateTime now = at.atZone(settings.zone());
    if (now.toLocalTime().isBefore(settings.at())) {
      return Optional.empty();
    }
    LocalDate day = now.toLocalDate().minusDays(1);
    if (day.equals(lastStarted) || discoveries.paused()) {
      return Optional.empty();
    }
    if (discoveries.completed(day)) {
      lastStarted = day;
      return Optional.empty();
    }
    DiscoveryJobs.Started started =
        new DiscoveryJobs(client)
            .start(
                day,
                settings.zone(),
                settings.concurrency(),
                settings.pageSize(),
                DiscoveryJobs.Again.REFUSED);
    lastStarted = day;
    if (started.existed()) {
      // another worker started it, or it ran already on this server
      return Optional.empty();
    }
    log.info("daily discovery: started {}", started.workflowId());
    return Optional.of(started.workflowId());
  }
}
