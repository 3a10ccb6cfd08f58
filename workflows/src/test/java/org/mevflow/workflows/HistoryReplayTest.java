package org.mevflow.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mevflow.workflows.analyses.AnalysisWorkflowImpl;
import org.mevflow.workflows.diagnostics.RoundTripWorkflowImpl;
import org.mevflow.workflows.discovery.DiscoveryWorkflowImpl;
import org.mevflow.workflows.resources.ValidateResourceWorkflowImpl;
import org.mevflow.workflows.signatures.SketchWorkflowImpl;
import org.mevflow.workflows.signatures.VerifyWorkflowImpl;

/**
 * The determinism guard: histories of real runs (recorded by {@code scripts/record-histories} from
 * the workflow tests) replayed against today's workflow code. A change that would break workflows
 * already running fails here; one meant to be incompatible re-records them, with a versioning note
 * in {@code histories/VERSIONS.md}.
 */
class HistoryReplayTest {
  static final Path DIR = Path.of("src/test/resources/histories");
  static final Class<?>[] IMPLEMENTATIONS = {
    AnalysisWorkflowImpl.class,
    SketchWorkflowImpl.class,
    VerifyWorkflowImpl.class,
    ValidateResourceWorkflowImpl.class,
    DiscoveryWorkflowImpl.class,
    RoundTripWorkflowImpl.class
  };

  static List<Path> histories() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyRecordedHistoryReplays() throws IOException {
    return histories().stream()
        .map(
            f ->
                DynamicTest.dynamicTest(
                    f.getFileName().toString(),
                    () ->
                        WorkflowReplayer.replayWorkflowExecution(
                            WorkflowExecutionHistory.fromJson(Files.readString(f)),
                            IMPLEMENTATIONS[0],
                            List.of(IMPLEMENTATIONS)
                                .subList(1, IMPLEMENTATIONS.length)
                                .toArray(Class<?>[]::new))));
  }

  /** Every workflow type has recorded runs, and among them a failure and a success. */
  @Test
  void everyWorkflowTypeIsCovered() throws IOException {
    Set<String> types = new TreeSet<>();
    Set<String> ends = new TreeSet<>();
    for (Path f : histories()) {
      WorkflowExecutionHistory h = WorkflowExecutionHistory.fromJson(Files.readString(f));
      String type =
          h.getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getWorkflowType()
              .getName();
      types.add(type);
      EventType last = h.getLastEvent().getEventType();
      ends.add(type + ":" + last.name().replace("EVENT_TYPE_WORKFLOW_EXECUTION_", ""));
    }
    assertThat(types)
        .containsExactlyInAnyOrder(
            "AnalysisWorkflow",
            "SketchWorkflow",
            "VerifyWorkflow",
            "ValidateResourceWorkflow",
            "DiscoveryWorkflow",
            "RoundTripWorkflow");
    assertThat(ends)
        .contains(
            "AnalysisWorkflow:COMPLETED",
            "AnalysisWorkflow:FAILED",
            "AnalysisWorkflow:CANCELED",
            "SketchWorkflow:COMPLETED",
            "SketchWorkflow:FAILED",
            "VerifyWorkflow:COMPLETED",
            "ValidateResourceWorkflow:COMPLETED",
            "DiscoveryWorkflow:COMPLETED",
            "DiscoveryWorkflow:FAILED",
            "DiscoveryWorkflow:CANCELED",
            "RoundTripWorkflow:COMPLETED",
            "RoundTripWorkflow:FAILED");
  }
}
