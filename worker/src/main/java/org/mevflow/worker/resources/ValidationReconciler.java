package org.mevflow.worker.resources;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.mevflow.db.ResourceRepository;
import org.mevflow.worker.ReconcilerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Heals resources left VALIDATING: the API marks the row before it starts the validation, so a
 * crash in between (or a validation workflow that hit its 2-hour limit) would leave the resource
 * "Validating..." for ever. Past {@code mevflow.reconciler.validation-limit}, longer than a
 * validation may run, no workflow can still be working on it: the last valid type is restored and
 * the status says to set the type again.
 */
@Component
public class ValidationReconciler {
  private static final Logger log = LoggerFactory.getLogger(ValidationReconciler.class);

  private final ResourceRepository resources;
  private final Duration limit;

  public ValidationReconciler(ResourceRepository resources, ReconcilerProperties settings) {
    this.resources = resources;
    this.limit = settings.validationLimit();
  }

  @Scheduled(
      initialDelayString = "${mevflow.reconciler.interval:60s}",
      fixedDelayString = "${mevflow.reconciler.interval:60s}")
  public int reconcile() {
    int healed = 0;
    for (UUID id : resources.validatingSince(OffsetDateTime.now().minus(limit))) {
      resources.rejected(id, "the validation did not finish; set the type again");
      log.warn(
          "resource {} was left validating for over {}; its last valid type is back", id, limit);
      healed++;
    }
    return healed;
  }
}
