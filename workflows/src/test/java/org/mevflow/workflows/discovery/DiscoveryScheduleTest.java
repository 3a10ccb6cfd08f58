package org.mevflow.workflows.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.operators.Search;

/**
 * The schedule a cluster gets (the embedded server has none to run it on; that the client accepts
 * it is checked against the test server in {@code DiscoveryWorkflowTest}).
 */
class DiscoveryScheduleTest {
  static final DiscoverySchedule.Settings SETTINGS =
      new DiscoverySchedule.Settings(LocalTime.of(5, 30), ZoneId.of("America/New_York"), 40, 5000);

  @Test
  void firesDailyAtTheConfiguredTimeInItsZone() {
    Schedule schedule = DiscoverySchedule.schedule(SETTINGS);

    ScheduleCalendarSpec calendar = schedule.getSpec().getCalendars().get(0);
    assertThat(calendar.getHour()).containsExactly(new ScheduleRange(5));
    assertThat(calendar.getMinutes()).containsExactly(new ScheduleRange(30));
    // every day of every month, whatever the weekday
    assertThat(calendar.getDayOfMonth()).containsExactly(new ScheduleRange(1, 31));
    assertThat(calendar.getMonth()).containsExactly(new ScheduleRange(1, 12));
    assertThat(calendar.getDayOfWeek()).containsExactly(new ScheduleRange(0, 6));
    assertThat(schedule.getSpec().getTimeZoneName()).isEqualTo("America/New_York");
  }

  @Test
  void aLongRunDelaysTheNextDayInsteadOfSkippingItAndMissedDaysAreCaughtUp() {
    Schedule schedule = DiscoverySchedule.schedule(SETTINGS);

    assertThat(schedule.getPolicy().getOverlap())
        .isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_BUFFER_ALL);
    assertThat(schedule.getPolicy().getCatchupWindow()).isEqualTo(Duration.ofDays(7));
    assertThat(schedule.getState().isPaused()).isFalse();
  }

  @Test
  void startsADiscoveryOfTheDayBeforeOnTheSignaturesQueueTagged() {
    ScheduleActionStartWorkflow action =
        (ScheduleActionStartWorkflow) DiscoverySchedule.schedule(SETTINGS).getAction();

    assertThat(action.getWorkflowType()).isEqualTo("DiscoveryWorkflow");
    assertThat(action.getOptions().getTaskQueue()).isEqualTo(TaskQueues.SIGNATURES);
    assertThat(action.getOptions().getWorkflowId()).isEqualTo("discovery");
    assertThat(action.getOptions().getWorkflowIdReusePolicy()).isNull();
    assertThat(action.getOptions().getTypedSearchAttributes().get(Search.KIND))
        .isEqualTo("discovery");
    action.getArguments().setDataConverter(DefaultDataConverter.STANDARD_INSTANCE);
    DiscoveryRequest request = action.getArguments().get(0, DiscoveryRequest.class);
    assertThat(request.day()).isNull();
    assertThat(request.zone()).isEqualTo("America/New_York");
    assertThat(request.concurrency()).isEqualTo(40);
    assertThat(request.pageSize()).isEqualTo(5000);
  }

  @Test
  void badSettingsAreRefusedWhenRead() {
    assertThatThrownBy(
            () -> new DiscoverySchedule.Settings(LocalTime.NOON, ZoneId.of("UTC"), 0, 5000))
        .hasMessageContaining("concurrency must be at least 1");
    assertThatThrownBy(
            () -> new DiscoverySchedule.Settings(LocalTime.NOON, ZoneId.of("UTC"), 5, 20_000))
        .hasMessageContaining("page size must be between 1 and 10000");
  }
}
