package org.mevflow.workflows.operators;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers mevflow's search attributes ({@link Search#ALL}) on a Temporal server, one by one, so
 * that those already there are left as they are. Used at start by the API and the worker (the dev
 * server and any server that lets them), and by {@code ./mevflow temporal search-attributes} with
 * an operator's credentials on a cluster that does not.
 */
public final class SearchAttributeRegistration {
  private static final Logger LOG = LoggerFactory.getLogger(SearchAttributeRegistration.class);

  private SearchAttributeRegistration() {}

  /**
   * At a process's start, when {@code mevflow.temporal.register-search-attributes} asks for it (a
   * server that lets the process register them): a refusal is logged with the command that
   * registers them instead, and does not stop the process.
   */
  public static void atStart(boolean asked, WorkflowServiceStubs service, String namespace) {
    if (!asked) {
      return;
    }
    try {
      List<String> added = register(service, namespace);
      if (!added.isEmpty()) {
        LOG.info("registered search attributes {}", added);
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "could not register search attributes ({}); run ./mevflow temporal search-attributes",
          e.getMessage());
    }
  }

  /** Registers what is missing; answers the names added. Refusals other than "exists" throw. */
  public static List<String> register(WorkflowServiceStubs service, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setChannel(service.getRawChannel())
                .validateAndBuildWithDefaults());
    List<String> added = new ArrayList<>();
    for (var e : Search.registrations().entrySet()) {
      try {
        operator
            .blockingStub()
            .withDeadlineAfter(10, TimeUnit.SECONDS) // a slow server must not hold a start
            .addSearchAttributes(
                AddSearchAttributesRequest.newBuilder()
                    .setNamespace(namespace)
                    .putSearchAttributes(e.getKey(), e.getValue())
                    .build());
        added.add(e.getKey());
      } catch (StatusRuntimeException refused) {
        Status.Code code = refused.getStatus().getCode();
        String message = String.valueOf(refused.getStatus().getDescription()).toLowerCase();
        if (code != Status.Code.ALREADY_EXISTS && !message.contains("already")) {
          throw refused;
        }
      }
    }
    return added;
  }
}
