package org.mevflow.workflows.discovery;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/**
 * The Temporal Schedule that starts discovery every day at a set time. Days a cluster was down are
 * caught up for a week; a run that outlasts a day does not overlap the next, which waits its turn
 * (each run still searches its own scheduled day). A server without schedules (the embedded dev
 * server) is reported as such, so the caller can trigger runs itself.
 */
public final class DiscoverySchedule {
  public static final String ID = "mevflow-discovery";

  /** Runs started by the schedule are named {@code discovery-<scheduled time>}. */
  static final String WORKFLOW_ID_PREFIX = "discovery";

  static final Duration CATCHUP = Duration.ofDays(7);

  /** When and how the daily run goes. */
  public record Settings(LocalTime at, ZoneId zone, int concurrency, int pageSize) {
    public Settings {
      // checked here so a bad setting fails at start, not every morning
      DiscoveryRequest.of(null, zone, concurrency, pageSize);
    }

    DiscoveryRequest request() {
      return DiscoveryRequest.of(null, zone, concurrency, pageSize);
    }
  }

  /** Whether the server keeps schedules. */
  public enum Support {
    SCHEDULED,
    UNSUPPORTED
  }

  private DiscoverySchedule() {}

  /** What the Web UI shows under a scheduled run's summary. */
  static final String DETAILS =
      "mevflow's daily discovery of new public SRA runs (./mevflow discovery list)";

  /** The schedule: every day at {@code at} in {@code zone}, starting a run of the day before. */
  public static Schedule schedule(Settings settings) {
    DiscoveryRequest request = settings.request();
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(DiscoveryWorkflow.class)
                .setArguments(request)
                // a schedule names each run itself (prefix and due time), so no reuse policy.
                // Static details are set because Temporal's server (1.29) hands an unset one back
                // as an empty payload, which the Java SDK cannot decode: describing the schedule
                // (as every update does) would fail (seen on the dev server, DiscoveryDevIT)
                .setOptions(
                    WorkflowOptions.newBuilder(request.startOptions(WORKFLOW_ID_PREFIX, null))
                        .setStaticDetails(DETAILS)
                        .build())
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setCalendars(
                    List.of(
                        ScheduleCalendarSpec.newBuilder()
                            .setHour(List.of(new ScheduleRange(settings.at().getHour())))
                            .setMinutes(List.of(new ScheduleRange(settings.at().getMinute())))
                            .setComment("mevflow daily discovery")
                            .build()))
                .setTimeZoneName(settings.zone().getId())
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ALL)
                .setCatchupWindow(CATCHUP)
                .build())
        .setState(ScheduleState.newBuilder().setNote("created by mevflow").build())
        .build();
  }

  /** Creates the schedule, or updates an existing one to these settings (its pause kept). */
  public static Support ensure(ScheduleClient client, Settings settings) {
    Schedule desired = schedule(settings);
    try {
      client.createSchedule(ID, desired, ScheduleOptions.newBuilder().build());
    } catch (ScheduleAlreadyRunningException exists) {
      client
          .getHandle(ID)
          .update(
              input ->
                  new ScheduleUpdate(
                      Schedule.newBuilder(desired)
                          .setState(input.getDescription().getSchedule().getState())
                          .build()));
    } catch (RuntimeException e) {
      if (unimplemented(e)) {
        return Support.UNSUPPORTED;
      }
      throw e;
    }
    return Support.SCHEDULED;
  }

  /** Pauses (or resumes) the schedule with the operator's note. */
  public static Support pause(ScheduleClient client, boolean paused, String note) {
    try {
      if (paused) {
        client.getHandle(ID).pause(note);
      } else {
        client.getHandle(ID).unpause(note);
      }
      return Support.SCHEDULED;
    } catch (RuntimeException e) {
      if (unimplemented(e)) {
        return Support.UNSUPPORTED;
      }
      throw e;
    }
  }

  /** The server answered UNIMPLEMENTED somewhere in the chain. */
  static boolean unimplemented(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return true;
      }
    }
    return false;
  }
}
