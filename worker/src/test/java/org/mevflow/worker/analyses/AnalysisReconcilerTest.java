package org.mevflow.worker.analyses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.db.jooq.Tables.EXECUTIONS;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mevflow.db.ExecutionRepository;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.type.Runner;
import org.mevflow.testing.TestDatabaseInitializer;
import org.mevflow.worker.WorkerApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** A row left QUEUED by a crash gets its workflow; one whose workflow exists is left alone. */
@Tag("component")
@SpringBootTest(
    classes = WorkerApplication.class,
    properties = {
      "spring.temporal.test-server.enabled=true",
      "mevflow.temporal.register-search-attributes=true",
      "spring.main.banner-mode=off",
      "mevflow.worker.task-queues=signatures",
      "mevflow.storage.local.root=target/test-storage",
      "mevflow.reconciler.interval=1h"
    })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
class AnalysisReconcilerTest {
  @Autowired AnalysisReconciler reconciler;
  @Autowired DSLContext db;
  @Autowired WorkflowClient client;

  @Test
  void startsTheWorkflowOfAnOldQueuedExecutionOnce() {
    long owner = new UserRepository(db).create("r", "r@example.org", "x", false).getId();
    UUID op = UUID.randomUUID();
    new OperationRepository(db)
        .insert(op, "x", "", "{}", Runner.LOCAL, true, null, null, "file://b/x/", null, List.of());
    UUID id = UUID.randomUUID();
    new ExecutionRepository(db).create(id, op, owner, null, "j", Runner.LOCAL, "{}", Map.of());
    UUID fresh = UUID.randomUUID();
    new ExecutionRepository(db).create(fresh, op, owner, null, "j", Runner.LOCAL, "{}", Map.of());
    db.update(EXECUTIONS)
        .set(EXECUTIONS.CREATED_AT, OffsetDateTime.now().minusMinutes(10))
        .where(EXECUTIONS.ID.eq(id))
        .execute();

    assertThat(reconciler.reconcile()).isEqualTo(1);
    WorkflowStub started = client.newUntypedWorkflowStub("analysis-" + id);
    assertThat(started.describe().getStatus().name())
        .isEqualTo("WORKFLOW_EXECUTION_STATUS_RUNNING");
    // the next pass finds the workflow there and starts nothing
    assertThat(reconciler.reconcile()).isZero();
  }
}
