package org.mevflow.devstack;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.mevflow.workflows.operators.SearchAttributeRegistration;

/**
 * Temporal's Java test server serving real gRPC on one address (127.0.0.1 by default, where {@code
 * TestServer.createPortBoundServer} would listen on every interface). Real time, no time skipping:
 * workers and clients in other processes use it as they would a cluster.
 */
final class EmbeddedTemporal implements DevTemporal {
  private final TestServicesStarter services;
  private final Server server;

  private final String host;

  private EmbeddedTemporal(TestServicesStarter services, Server server, String host) {
    this.services = services;
    this.server = server;
    this.host = host;
  }

  static EmbeddedTemporal start(String host, int port) throws IOException {
    // true: time skipping locked, so timers take the time they say (false lets them fire at once)
    TestServicesStarter services = new TestServicesStarter(true, 0);
    ServerBuilder<?> builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    try {
      EmbeddedTemporal temporal = new EmbeddedTemporal(services, builder.build().start(), host);
      temporal.registerSearchAttributes(host);
      return temporal;
    } catch (IOException e) {
      services.close();
      throw new IOException(
          "cannot listen on " + host + ":" + port + " for Temporal (set MEVFLOW_TEMPORAL_PORT)", e);
    }
  }

  /** Operators find jobs by mevflow's search attributes: the dev server has them from the start. */
  private void registerSearchAttributes(String host) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(host + ":" + port()).build());
    try {
      SearchAttributeRegistration.register(stubs, "default");
    } finally {
      stubs.shutdown();
    }
  }

  int port() {
    return ((InetSocketAddress) server.getListenSockets().get(0)).getPort();
  }

  @Override
  public String target() {
    return host + ":" + port();
  }

  @Override
  public java.util.Optional<String> webUi() {
    return java.util.Optional.empty();
  }

  @Override
  public String describe() {
    return "Java test server, in memory: no Web UI, no visibility queries, schedules or reset, and"
        + " running jobs are restarted from PostgreSQL after a restart";
  }

  @Override
  public TemporalChoice kind() {
    return TemporalChoice.TEST_SERVER;
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    services.close();
  }
}
