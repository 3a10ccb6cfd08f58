package org.mevflow.api.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Temporal health check against a frontend that answers as Temporal's does (its gRPC service,
 * in process: a frontend's rate limit cannot be driven on demand otherwise): probes do not spend
 * the frontend's rate limit, a rate-limited frontend is up, an unreachable one is down.
 */
class TemporalHealthIndicatorTest {
  private final AtomicInteger calls = new AtomicInteger();
  private volatile Status answer = Status.OK;
  private Server server;
  private ManagedChannel channel;
  private WorkflowServiceStubs stubs;

  @BeforeEach
  void frontend() throws Exception {
    String name = "temporal-" + UUID.randomUUID();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(
                new WorkflowServiceGrpc.WorkflowServiceImplBase() {
                  @Override
                  public void getSystemInfo(
                      GetSystemInfoRequest request,
                      StreamObserver<GetSystemInfoResponse> response) {
                    calls.incrementAndGet();
                    if (answer.isOk()) {
                      response.onNext(
                          GetSystemInfoResponse.newBuilder().setServerVersion("1.29.1").build());
                      response.onCompleted();
                    } else {
                      response.onError(answer.asRuntimeException());
                    }
                  }
                })
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setChannel(channel).build());
  }

  @AfterEach
  void close() {
    stubs.shutdownNow();
    channel.shutdownNow();
    server.shutdownNow();
  }

  @Test
  void probesReuseAnAnswerForASecond() {
    TemporalHealthIndicator health = new TemporalHealthIndicator(stubs);
    for (int i = 0; i < 1000; i++) {
      assertThat(health.health().getStatus())
          .isEqualTo(org.springframework.boot.actuate.health.Status.UP);
    }
    assertThat(calls.get()).isEqualTo(1);
    assertThat(health.health().getDetails()).containsEntry("serverVersion", "1.29.1");
  }

  @Test
  void aRateLimitedFrontendAnsweredSoItIsUp() {
    answer = Status.RESOURCE_EXHAUSTED.withDescription("service rate limit exceeded");
    var h = new TemporalHealthIndicator(stubs).health();
    assertThat(h.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.UP);
    assertThat(h.getDetails().get("busy").toString()).contains("service rate limit exceeded");
  }

  @Test
  void anUnreachableFrontendIsDownWithTheReason() {
    answer = Status.UNAVAILABLE.withDescription("connection refused");
    var h = new TemporalHealthIndicator(stubs).health();
    assertThat(h.getStatus()).isEqualTo(org.springframework.boot.actuate.health.Status.DOWN);
    assertThat(h.getDetails().get("error").toString()).contains("connection refused");
  }
}
