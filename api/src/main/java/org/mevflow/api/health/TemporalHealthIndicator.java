package org.mevflow.api.health;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/** {@code temporal} in /actuator/health: the frontend answers a cheap call within 3 seconds. */
@Component("temporal")
public class TemporalHealthIndicator extends AbstractHealthIndicator {
  private final WorkflowServiceStubs service;

  public TemporalHealthIndicator(WorkflowServiceStubs service) {
    super("Temporal is not reachable");
    this.service = service;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    var info =
        service
            .blockingStub()
            .withDeadlineAfter(3, TimeUnit.SECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    builder.up().withDetail("serverVersion", info.getServerVersion());
  }
}
