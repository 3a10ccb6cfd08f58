package org.mevflow.api.health;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.mevflow.core.text.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code temporal} in /actuator/health: the frontend answers a cheap call within 3 seconds. The
 * answer is reused for a second, so that probes however frequent cost Temporal at most one call a
 * second (a probe per request spent the frontend's rate limit, which the workers share, and turned
 * health DOWN under load: bench/http). A frontend that refuses for its rate limit answered, so it
 * is up.
 */
@Component("temporal")
public class TemporalHealthIndicator implements HealthIndicator {
  private static final Logger log = LoggerFactory.getLogger(TemporalHealthIndicator.class);
  static final long REUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final WorkflowServiceStubs service;
  private Health last;
  private long checkedAt;

  public TemporalHealthIndicator(WorkflowServiceStubs service) {
    this.service = service;
  }

  @Override
  public synchronized Health health() {
    long now = System.nanoTime();
    if (last == null || now - checkedAt >= REUSE_NANOS) {
      last = check();
      checkedAt = System.nanoTime();
    }
    return last;
  }

  private Health check() {
    try {
      var info =
          service
              .blockingStub()
              .withDeadlineAfter(3, TimeUnit.SECONDS)
              .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return Health.up().withDetail("serverVersion", info.getServerVersion()).build();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
        return Health.up().withDetail("busy", "Temporal answered: " + Errors.describe(e)).build();
      }
      log.warn("Temporal is not reachable: {}", Errors.describe(e));
      return Health.down().withDetail("error", Errors.describe(e)).build();
    } catch (RuntimeException e) {
      log.warn("Temporal is not reachable: {}", Errors.describe(e));
      return Health.down().withDetail("error", Errors.describe(e)).build();
    }
  }
}
