package org.mevflow.worker.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mevflow.db.jooq.Tables.RESOURCES;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.type.ResourceStatus;
import org.mevflow.testing.TestDatabaseInitializer;
import org.mevflow.worker.WorkerApplication;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** Resources left VALIDATING past any validation's lifetime get their last valid type back. */
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
  @Autowired DSLContext db;

  private UUID validating(ResourceRepository resources, long owner, int hoursAgo) {
    UUID id = UUID.randomUUID();
    resources.createUploaded(id, owner, "m.tsv", "file://b/" + id, 10, "sha256:x");
    resources.startValidation(id);
    db.update(RESOURCES)
        .set(RESOURCES.UPDATED_AT, OffsetDateTime.now().minusHours(hoursAgo))
        .where(RESOURCES.ID.eq(id))
        .execute();
    return id;
  }

  @Test
  void onlyValidationsOlderThanAnyCouldRunAreEnded() {
    ResourceRepository resources = new ResourceRepository(db);
    long owner = new UserRepository(db).create("v", "v@example.org", "x", false).getId();
    UUID lost = validating(resources, owner, 3);
    UUID running = validating(resources, owner, 1);
    UUID retyped = UUID.randomUUID();
    resources.createUploaded(retyped, owner, "t.tsv", "file://b/" + retyped, 10, "sha256:x");
    resources.validated(retyped, "MTX", "tsv", null, null, "ok");
    resources.startValidation(retyped);
    db.update(RESOURCES)
        .set(RESOURCES.UPDATED_AT, OffsetDateTime.now().minusHours(5))
        .where(RESOURCES.ID.eq(retyped))
        .execute();

    assertThat(reconciler.reconcile()).isEqualTo(2);

    var l = resources.find(lost).orElseThrow();
    assertThat(l.getStatus()).isEqualTo(ResourceStatus.INVALID);
    assertThat(l.getStatusMessage()).contains("did not finish; set the type again");
    assertThat(resources.find(running).orElseThrow().getStatus())
        .isEqualTo(ResourceStatus.VALIDATING);
    var r = resources.find(retyped).orElseThrow();
    assertThat(r.getStatus()).isEqualTo(ResourceStatus.VALID);
    assertThat(r.getResourceType()).isEqualTo("MTX");
    assertThat(reconciler.reconcile()).isZero();
  }
}
