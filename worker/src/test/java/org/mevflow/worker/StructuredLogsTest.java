package org.mevflow.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mevflow.testing.TestDatabaseInitializer;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.diagnostics.RoundTripWorkflow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.ContextConfiguration;

/** With JSON logs on, a line an activity writes is JSON and names its workflow. */
@Tag("component")
@SpringBootTest(
    classes = WorkerApplication.class,
    properties = {
      "spring.temporal.test-server.enabled=true",
      "spring.main.banner-mode=off",
      "mevflow.worker.task-queues=sketch-small",
      "mevflow.storage.local.root=target/test-storage",
      "logging.structured.format.console=ecs"
    })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {
  @Autowired WorkflowClient client;

  @Test
  void anActivitysLogLineIsJsonWithItsWorkflowId(CapturedOutput output) throws Exception {
    String id = "roundtrip-logs-" + UUID.randomUUID();
    client
        .newWorkflowStub(
            RoundTripWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.SKETCH_SMALL)
                .setWorkflowId(id)
                .build())
        .run(TaskQueues.SKETCH_SMALL);

    String line =
        output.getOut().lines().filter(l -> l.contains("probe answered")).findFirst().orElseThrow();
    JsonNode json = new ObjectMapper().readTree(line);
    assertThat(json.get("message").asText()).isEqualTo("probe answered on task queue sketch-small");
    assertThat(json.toString()).contains("\"WorkflowId\":\"" + id + "\"");
    assertThat(json.toString()).contains("\"ActivityType\":\"Probe\"");
  }
}
