package org.mevflow.workflows.discovery;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.mevflow.db.type.JobKind;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.operators.Search;

/**
 * A discovery run. {@code day}: the publication day searched (ISO date); null means the day before
 * the run was scheduled (or started), in {@code zone}. {@code concurrency}: sketch workflows in
 * flight at most. {@code pageSize}: records per E-utilities page (NCBI serves at most 10,000).
 * {@code eventsPerRun}: history length at which the run continues as new. {@code cursor}: set only
 * by continue-as-new.
 */
public record DiscoveryRequest(
    String day,
    String zone,
    int concurrency,
    int pageSize,
    int eventsPerRun,
    DiscoveryCursor cursor) {
  public static final int DEFAULT_CONCURRENCY = 20;
  public static final int DEFAULT_PAGE_SIZE = 5000;
  public static final int MAX_PAGE_SIZE = 10_000;
  public static final int DEFAULT_EVENTS_PER_RUN = 10_000;

  /** A request checked as a caller gives it; {@code day} null for "the day before". */
  public static DiscoveryRequest of(LocalDate day, ZoneId zone, int concurrency, int pageSize) {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1, not " + concurrency);
    }
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "page size must be between 1 and " + MAX_PAGE_SIZE + ", not " + pageSize);
    }
    return new DiscoveryRequest(
        day == null ? null : day.toString(),
        zone.getId(),
        concurrency,
        pageSize,
        DEFAULT_EVENTS_PER_RUN,
        null);
  }

  /** The same run, continued from {@code cursor} for the resolved {@code day}. */
  DiscoveryRequest continueAt(LocalDate resolvedDay, DiscoveryCursor next) {
    return new DiscoveryRequest(
        resolvedDay.toString(), zone, concurrency, pageSize, eventsPerRun, next);
  }

  public DiscoveryRequest withEventsPerRun(int events) {
    return new DiscoveryRequest(day, zone, concurrency, pageSize, events, cursor);
  }

  /** The readable id of a day's run: {@code discovery-2026-11-24}. */
  public static String workflowId(LocalDate day) {
    return "discovery-" + day;
  }

  /** Search attributes and summary of a discovery run. */
  public static Search.Tags tags(String day) {
    return Search.tags(
        JobKind.DISCOVERY,
        "discover SRA runs published " + (day == null ? "the day before" : "on " + day),
        Map.of(Search.DATABASE, "sra"));
  }

  /**
   * Start options for a run of {@code day}, on {@code signatures}; {@code reuse} null for the
   * server's default (a schedule allows no other).
   */
  public WorkflowOptions startOptions(String workflowId, WorkflowIdReusePolicy reuse) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.SIGNATURES).setWorkflowId(workflowId);
    if (reuse != null) {
      options.setWorkflowIdReusePolicy(reuse);
    }
    return tags(day).on(options).build();
  }
}
