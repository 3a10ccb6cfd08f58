package org.mevflow.app;

import io.temporal.client.WorkflowFailedException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mevflow.core.discovery.DiscoveryJobs;
import org.mevflow.core.text.Errors;
import org.mevflow.db.DiscoveryRepository;
import org.mevflow.workflows.discovery.DiscoveryRequest;
import org.mevflow.workflows.discovery.DiscoverySchedule;
import org.mevflow.workflows.discovery.DiscoverySummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./mevflow discovery ...}: the daily discovery of new public SRA runs. On a cluster it is a
 * Temporal Schedule (workers create it at start; {@code schedule} does it by hand); on the dev
 * server, which keeps no schedules, the worker triggers it itself. {@code pause} and {@code resume}
 * act on both.
 */
@Command(
    name = "discovery",
    description = "Daily discovery of new public SRA runs: run a day, pause, resume, list runs.",
    subcommands = {
      DiscoveryCommand.Run.class,
      DiscoveryCommand.Pause.class,
      DiscoveryCommand.Resume.class,
      DiscoveryCommand.Schedule.class,
      DiscoveryCommand.ListRuns.class
    })
class DiscoveryCommand {
  /** How big a run is allowed to be: sketches in flight and the E-utilities page. */
  static class Sizing {
    @Option(
        names = "--concurrency",
        defaultValue = "" + DiscoveryRequest.DEFAULT_CONCURRENCY,
        description = "sketch workflows in flight at most per run (default ${DEFAULT-VALUE})")
    int concurrency;

    @Option(
        names = "--page-size",
        defaultValue = "" + DiscoveryRequest.DEFAULT_PAGE_SIZE,
        description = "records per E-utilities page, at most 10000 (default ${DEFAULT-VALUE})")
    int pageSize;
  }

  static DiscoveryRepository repository() {
    return new DiscoveryRepository(DSL.using(UsersCommand.dataSource(), SQLDialect.POSTGRES));
  }

  @Command(
      name = "run",
      description = {
        "Discover the runs NCBI published on a day (default: yesterday) and sketch the new ones.",
        "A day already run may be run again: it records what is new since and sketches what is left."
      })
  static class Run implements Callable<Integer> {
    @Mixin TemporalTarget temporal;

    @Option(names = "--day", description = "publication day, e.g. 2026-11-24 (default: yesterday)")
    LocalDate day;

    @Option(names = "--zone", defaultValue = "UTC", description = "zone of 'yesterday' (UTC)")
    ZoneId zone;

    @Mixin Sizing sizing;

    @Option(names = "--wait", description = "wait for the run to end and print its summary")
    boolean await;

    @Override
    public Integer call() {
      LocalDate searched = day != null ? day : LocalDate.now(zone).minusDays(1);
      WorkflowServiceStubs stubs = temporal.connect();
      try {
        DiscoveryJobs.Started started;
        try {
          started =
              new DiscoveryJobs(temporal.client(stubs))
                  .start(
                      searched,
                      zone,
                      sizing.concurrency,
                      sizing.pageSize,
                      DiscoveryJobs.Again.ALLOWED);
        } catch (IllegalArgumentException e) {
          System.err.println("mevflow discovery run: " + Errors.describe(e));
          return 2;
        }
        String id = started.workflowId();
        if (started.existed()) {
          System.err.println("mevflow discovery run: " + id + " is already running");
          return 2;
        }
        System.out.println("started " + id);
        if (!await) {
          return 0;
        }
        try {
          DiscoverySummary summary =
              temporal.client(stubs).newUntypedWorkflowStub(id).getResult(DiscoverySummary.class);
          var c = summary.counts();
          System.out.printf(
              "%s: %d runs found in %d pages, %d new; %d sketches started: %d computed, %d"
                  + " missing, %d failed, %d already running%n",
              summary.day(),
              c.found(),
              c.pages(),
              summary.inserted(),
              c.started(),
              c.computed(),
              c.missing(),
              c.failed(),
              c.joined());
          return 0;
        } catch (WorkflowFailedException e) {
          System.err.println("mevflow discovery run: " + id + " failed: " + rootMessage(e));
          return 1;
        }
      } finally {
        stubs.shutdown();
      }
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /** Pausing or resuming: the Temporal Schedule where there is one, and the in-process trigger. */
  abstract static class Switch implements Callable<Integer> {
    @Mixin TemporalTarget temporal;

    @Option(names = "--note", description = "why, for the next operator")
    String note;

    abstract boolean paused();

    @Override
    public Integer call() {
      String why = note == null || note.isBlank() ? "by ./mevflow discovery" : note;
      String verb = paused() ? "paused" : "resumed";
      repository().setPaused(paused(), why);
      System.out.println("in-process trigger " + verb);
      WorkflowServiceStubs stubs = temporal.connect();
      try {
        var support = DiscoverySchedule.pause(temporal.schedules(stubs), paused(), why);
        System.out.println(
            support == DiscoverySchedule.Support.SCHEDULED
                ? "Temporal Schedule " + DiscoverySchedule.ID + " " + verb
                : "this Temporal server keeps no schedules (dev): the in-process trigger is all");
        return 0;
      } catch (RuntimeException e) {
        System.err.println(
            "mevflow discovery: the Temporal Schedule was not " + verb + ": " + rootMessage(e));
        return 1;
      } finally {
        stubs.shutdown();
      }
    }
  }

  @Command(name = "pause", description = "Pause the daily discovery (runs in flight go on).")
  static class Pause extends Switch {
    @Override
    boolean paused() {
      return true;
    }
  }

  @Command(name = "resume", description = "Resume the daily discovery.")
  static class Resume extends Switch {
    @Override
    boolean paused() {
      return false;
    }
  }

  @Command(
      name = "schedule",
      description = {
        "Create or update the Temporal Schedule of the daily discovery on a cluster (workers",
        "that poll 'signatures' do it at start). A pause is kept."
      })
  static class Schedule implements Callable<Integer> {
    @Mixin TemporalTarget temporal;

    @Option(names = "--at", defaultValue = "04:00", description = "time of day (default 04:00)")
    LocalTime at;

    @Option(names = "--zone", defaultValue = "UTC", description = "its time zone (default UTC)")
    ZoneId zone;

    @Mixin Sizing sizing;

    @Override
    public Integer call() {
      DiscoverySchedule.Settings settings;
      try {
        settings = new DiscoverySchedule.Settings(at, zone, sizing.concurrency, sizing.pageSize);
      } catch (IllegalArgumentException e) {
        System.err.println("mevflow discovery schedule: " + Errors.describe(e));
        return 2;
      }
      WorkflowServiceStubs stubs = temporal.connect();
      try {
        if (DiscoverySchedule.ensure(temporal.schedules(stubs), settings)
            == DiscoverySchedule.Support.UNSUPPORTED) {
          System.err.println(
              "mevflow discovery schedule: this Temporal server keeps no schedules; a worker"
                  + " polling 'signatures' triggers discovery itself (mevflow.discovery.*)");
          return 2;
        }
        System.out.println(
            "Temporal Schedule " + DiscoverySchedule.ID + ": every day at " + at + " " + zone);
        return 0;
      } finally {
        stubs.shutdown();
      }
    }
  }

  @Command(name = "list", description = "Discovery runs, newest first, with their counts.")
  static class ListRuns implements Callable<Integer> {
    @Option(names = "--limit", defaultValue = "20", description = "at most (default 20)")
    int limit;

    @Override
    public Integer call() {
      DiscoveryRepository discoveries = repository();
      System.out.printf(
          "%-10s %-9s %7s %5s %7s %8s %7s %6s  %-32s %s%n",
          "DAY",
          "STATUS",
          "FOUND",
          "NEW",
          "STARTED",
          "COMPUTED",
          "MISSING",
          "FAILED",
          "WORKFLOW ID",
          "ERROR");
      for (var r : discoveries.recent(limit)) {
        System.out.printf(
            "%-10s %-9s %7d %5d %7d %8d %7d %6d  %-32s %s%n",
            r.getDay(),
            r.getStatus(),
            r.getFound(),
            r.getInserted(),
            r.getStarted(),
            r.getComputed(),
            r.getMissing(),
            r.getFailed(),
            r.getWorkflowId(),
            r.getLastError() == null ? "" : r.getLastError());
      }
      System.out.println(discoveries.paused() ? "(in-process trigger paused)" : "");
      return 0;
    }
  }
}
