package org.mevflow.worker.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.db.jooq.Tables.RESOURCES;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mevflow.core.resources.ResourceType;
import org.mevflow.core.resources.ValidationJobs;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.type.ResourceStatus;
import org.mevflow.testing.TestDatabaseInitializer;
import org.mevflow.worker.WorkerApplication;
import org.mevflow.worker.WorkflowStates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * Resources left VALIDATING: a lost validation is started again under its own id, one whose
 * workflow closed without a result is ended saying so, an older row without a workflow id is ended
 * once past any validation's lifetime. (This worker polls 'signatures' only, so a validation it
 * starts stays running on Temporal's test server, where the test finds it.)
 */
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
class ValidationReconcilerTest {
  @Autowired ValidationReconciler reconciler;
  @Autowired ValidationJobs validations;
  @Autowired WorkflowClient client;
  @Autowired DSLContext db;

  private UUID uploaded(ResourceRepository resources, long owner) {
    UUID id = UUID.randomUUID();
    resources.createUploaded(id, owner, "m.tsv", "file://b/" + id, 10, "sha256:x");
    return id;
  }

  private void aged(UUID id, int minutes) {
    db.update(RESOURCES)
        .set(RESOURCES.UPDATED_AT, OffsetDateTime.now().minusMinutes(minutes))
        .where(RESOURCES.ID.eq(id))
        .execute();
  }

  @Test
  void lostValidationsStartAgainClosedOnesEndWithTheirReason() {
    ResourceRepository resources = new ResourceRepository(db);
    long owner = new UserRepository(db).create("v", "v@example.org", "x", false).getId();

    // Temporal lost it: the row names a workflow Temporal never heard of
    UUID lost = uploaded(resources, owner);
    resources.startValidation(lost, "validate-" + lost + "-lost", "MTX", "tsv");
    aged(lost, 10);
    // its workflow was terminated by hand, and the resource had a valid type before
    UUID terminated = uploaded(resources, owner);
    resources.validated(terminated, "MTX", "tsv", null, null, "ok");
    assertThat(validations.start(terminated, ResourceType.EXP_MTX, "csv", "v")).isTrue();
    String terminatedWorkflow = resources.find(terminated).orElseThrow().getValidationWorkflowId();
    client.newUntypedWorkflowStub(terminatedWorkflow).terminate("by hand");
    aged(terminated, 10);
    // running: left alone
    UUID running = uploaded(resources, owner);
    assertThat(validations.start(running, ResourceType.MTX, "tsv", "v")).isTrue();
    assertThat(validations.start(running, ResourceType.MTX, "tsv", "v")).isFalse();
    aged(running, 10);
    // a row from before validations named their workflow, past any validation's lifetime
    UUID legacy = uploaded(resources, owner);
    db.update(RESOURCES)
        .set(RESOURCES.STATUS, ResourceStatus.VALIDATING)
        .where(RESOURCES.ID.eq(legacy))
        .execute();
    aged(legacy, 180);

    assertThat(reconciler.reconcile()).isEqualTo(3);

    var l = resources.find(lost).orElseThrow();
    assertThat(l.getStatus()).isEqualTo(ResourceStatus.VALIDATING);
    assertThat(WorkflowStates.of(client, "validate-" + lost + "-lost"))
        .contains(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    var t = resources.find(terminated).orElseThrow();
    assertThat(t.getStatus()).isEqualTo(ResourceStatus.VALID);
    assertThat(t.getResourceType()).isEqualTo("MTX");
    assertThat(t.getStatusMessage())
        .isEqualTo(
            "its validation "
                + terminatedWorkflow
                + " ended (terminated) without a result; set the type again (kept type MTX)");
    assertThat(resources.find(running).orElseThrow().getStatus())
        .isEqualTo(ResourceStatus.VALIDATING);
    var g = resources.find(legacy).orElseThrow();
    assertThat(g.getStatus()).isEqualTo(ResourceStatus.INVALID);
    assertThat(g.getStatusMessage()).contains("did not finish; set the type again");

    // the restarted one is running now: nothing more to heal
    assertThat(reconciler.reconcile()).isZero();
  }
}
