package org.mevflow.app;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import picocli.CommandLine.Option;

/**
 * Which Temporal a command talks to: {@code --address}, else TEMPORAL_ADDRESS, else the running dev
 * stack's; and the namespace. A picocli mixin for the operator commands.
 */
class TemporalTarget {
  @Option(
      names = "--address",
      description = "Temporal frontend (default: TEMPORAL_ADDRESS, else the running dev stack's)")
  String address;

  @Option(
      names = "--namespace",
      defaultValue = "${env:TEMPORAL_NAMESPACE:-default}",
      description = "namespace (env TEMPORAL_NAMESPACE)")
  String namespace;

  String target() {
    if (address != null) {
      return address;
    }
    String env = System.getenv("TEMPORAL_ADDRESS");
    if (env != null && !env.isBlank()) {
      return env;
    }
    return DevHome.fromEnvironment()
        .readStack()
        .map(p -> p.getProperty("temporal.target"))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no Temporal: set TEMPORAL_ADDRESS or --address, or start './mevflow dev'"));
  }

  /** Whether a Temporal is named at all (an option, TEMPORAL_ADDRESS or a running dev stack). */
  boolean reachable() {
    try {
      target();
      return true;
    } catch (IllegalStateException none) {
      return false;
    }
  }

  /** A connection; the caller shuts it down. */
  WorkflowServiceStubs connect() {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
  }

  WorkflowClient client(WorkflowServiceStubs stubs) {
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
  }

  ScheduleClient schedules(WorkflowServiceStubs stubs) {
    return ScheduleClient.newInstance(
        stubs, ScheduleClientOptions.newBuilder().setNamespace(namespace).build());
  }
}
