package org.mevflow.app;

import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mevflow.core.text.Errors;
import org.mevflow.db.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./mevflow jobs}: mevflow's jobs from PostgreSQL with their workflow ids, for servers
 * without visibility queries (the dev server) and for anyone without the Web UI.
 */
@Command(
    name = "jobs",
    description = {
      "List jobs (analyses, signatures, verifications, discoveries) newest first, with workflow ids.",
      "Database as for 'users create': MEVFLOW_DB_URL, else the running dev stack."
    })
class JobsCommand implements Callable<Integer> {
  @Option(names = "--failed", description = "only jobs that failed")
  boolean failed;

  @Option(names = "--kind", description = "analysis, sketch, verify or discovery")
  String kind;

  @Option(
      names = "--since",
      description =
          "an ISO-8601 time (2026-11-24T00:00:00Z) or a duration back from now (P1D, PT6H)")
  String since;

  @Option(names = "--limit", defaultValue = "100", description = "at most this many (default 100)")
  int limit;

  @Option(
      names = "--from",
      defaultValue = "auto",
      description =
          "temporal (its visibility store, as the Web UI searches it), postgres (mevflow's rows,"
              + " which also hold jobs that never got a workflow), or auto: temporal where the"
              + " server answers visibility queries, else postgres")
  String from;

  @Mixin TemporalTarget temporal;

  @Override
  public Integer call() {
    JobRepository.Filter filter;
    try {
      filter = JobRepository.Filter.parse(kind, since);
    } catch (IllegalArgumentException e) {
      System.err.println("mevflow jobs: " + Errors.describe(e));
      return 2;
    }
    if (!from.equals("postgres")) {
      Optional<Integer> shown = fromTemporal(filter);
      if (shown.isPresent()) {
        return shown.get();
      }
      if (from.equals("temporal")) {
        System.err.println("mevflow jobs: this Temporal server has no visibility queries");
        return 2;
      }
    }
    var jobs =
        new JobRepository(DSL.using(UsersCommand.dataSource(), SQLDialect.POSTGRES))
            .list(filter.kind(), failed, filter.since(), limit);
    System.out.printf(
        "%-9s %-26s %-12s %-46s %s%n",
        "KIND", "UPDATED", "STATUS", "WORKFLOW ID", "SUBJECT / MESSAGE");
    for (var j : jobs) {
      System.out.printf(
          "%-9s %-26s %-12s %-46s %s%s%n",
          j.kind().name().toLowerCase(),
          j.updatedAt(),
          j.status(),
          j.workflowId(),
          j.subject(),
          j.message() == null || j.message().isBlank()
              ? ""
              : "  -- " + j.message().replaceAll("\\s+", " "));
    }
    return 0;
  }

  /** The jobs from Temporal's visibility store; empty when the server has none to ask. */
  private Optional<Integer> fromTemporal(JobRepository.Filter filter) {
    if (from.equals("auto") && !temporal.reachable()) {
      return Optional.empty();
    }
    String query = VisibleJobs.query(filter.kind(), failed, filter.since());
    WorkflowServiceStubs stubs = temporal.connect();
    try {
      var rows = VisibleJobs.list(stubs, temporal.namespace, query, limit);
      if (rows.isEmpty()) {
        return Optional.empty();
      }
      System.out.println("# from Temporal's visibility store: " + query);
      System.out.printf(
          "%-9s %-26s %-12s %-46s %s%n", "KIND", "UPDATED", "STATUS", "WORKFLOW ID", "SUMMARY");
      for (var r : rows.get()) {
        System.out.printf(
            "%-9s %-26s %-12s %-46s %s%n",
            r.kind(), r.updated(), r.status(), r.workflowId(), r.summary());
      }
      return Optional.of(0);
    } catch (io.grpc.StatusRuntimeException e) {
      if (!from.equals("auto")) {
        throw e;
      }
      System.err.println(
          "mevflow jobs: Temporal at "
              + temporal.target()
              + " did not answer ("
              + e.getStatus().getCode()
              + "); listing from PostgreSQL");
      return Optional.empty();
    } finally {
      stubs.shutdown();
    }
  }
}
