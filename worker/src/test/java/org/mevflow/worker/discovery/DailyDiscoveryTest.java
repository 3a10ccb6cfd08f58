package org.mevflow.worker.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.time.LocalDate;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mevflow.db.DiscoveryRepository;
import org.mevflow.db.type.DiscoveryStatus;
import org.mevflow.testing.TestDatabaseInitializer;
import org.mevflow.worker.WorkerApplication;
import org.mevflow.workflows.discovery.DiscoveryRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * The daily trigger on a server without schedules (Temporal's test server, as in dev): the worker
 * finds schedules unsupported and starts each day's run itself, once, unless paused or done.
 */
@SpringBootTest(
    classes = WorkerApplication.class,
    properties = {
      "spring.temporal.test-server.enabled=true",
      "spring.main.banner-mode=off",
      "mevflow.worker.task-queues=signatures",
      "mevflow.storage.local.root=target/test-storage",
      "mevflow.reconciler.interval=1h",
      "mevflow.discovery.enabled=true",
      "mevflow.discovery.at=04:30",
      "mevflow.discovery.zone=Europe/Paris",
      "mevflow.discovery.concurrency=3",
      "mevflow.discovery.check-interval=1h",
      // nothing answers here: the started runs are not what these tests look at
      "mevflow.signatures.eutils-url=http://127.0.0.1:9/"
    })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
// the runs it starts retry against nothing: stop them with the context, not at the JVM's end
@Tag("component")
@DirtiesContext
class DailyDiscoveryTest {
  @Autowired DailyDiscovery daily;
  @Autowired DSLContext db;
  @Autowired WorkflowClient client;

  DiscoveryRequest startedWith(String workflowId) {
    return client
        .fetchHistory(workflowId)
        .getEvents()
        .get(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getInput()
        .getPayloadsList()
        .stream()
        .map(
            p ->
                io.temporal.common.converter.DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                    p, DiscoveryRequest.class, DiscoveryRequest.class))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void withoutSchedulesOnTheServerThisProcessTriggers() {
    assertThat(daily.mode()).isEqualTo(DailyDiscovery.Mode.IN_PROCESS);
  }

  @Test
  void startsTheDayBeforeOnceItsTimeHasComeInItsZone() {
    // 03:20 UTC is 04:20 in Paris: not yet
    assertThat(daily.due(Instant.parse("2026-03-10T03:20:00Z"))).isEmpty();

    // 03:31 UTC is 04:31 in Paris on the 10th: the 9th is due
    assertThat(daily.due(Instant.parse("2026-03-10T03:31:00Z"))).contains("discovery-2026-03-09");
    assertThat(daily.due(Instant.parse("2026-03-10T09:00:00Z"))).isEmpty();

    DiscoveryRequest request = startedWith("discovery-2026-03-09");
    assertThat(request.day()).isEqualTo("2026-03-09");
    assertThat(request.concurrency()).isEqualTo(3);
    assertThat(request.zone()).isEqualTo("Europe/Paris");
  }

  @Test
  void aPausedTriggerStartsNothingUntilResumed() {
    DiscoveryRepository discoveries = new DiscoveryRepository(db);
    discoveries.setPaused(true, "NCBI maintenance");
    try {
      assertThat(daily.due(Instant.parse("2026-04-02T12:00:00Z"))).isEmpty();
    } finally {
      discoveries.setPaused(false, null);
    }
    assertThat(daily.due(Instant.parse("2026-04-02T12:00:00Z"))).contains("discovery-2026-04-01");
  }

  @Test
  void aDayThatCompletedIsNotRunAgain() {
    DiscoveryRepository discoveries = new DiscoveryRepository(db);
    long row = discoveries.begin(LocalDate.of(2026, 5, 1), "discovery-2026-05-01", "earlier-run");
    discoveries.finish(
        row, DiscoveryStatus.COMPLETED, new DiscoveryRepository.Counts(0, 0, 0, 0, 0, 0, 0), null);

    assertThat(daily.due(Instant.parse("2026-05-02T12:00:00Z"))).isEmpty();
    assertThat(daily.due(Instant.parse("2026-05-03T12:00:00Z"))).contains("discovery-2026-05-02");
  }
}
