package org.mevflow.launcher;

import java.util.concurrent.Callable;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mevflow.db.JobRepository;
import picocli.CommandLine.Command;
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

  @Override
  public Integer call() {
    JobRepository.Filter filter;
    try {
      filter = JobRepository.Filter.parse(kind, since);
    } catch (IllegalArgumentException e) {
      System.err.println("mevflow jobs: " + e.getMessage());
      return 2;
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
          j.message() == null || j.message().isBlank() || j.message().equals("[]")
              ? ""
              : "  -- " + j.message().replaceAll("\\s+", " "));
    }
    return 0;
  }
}
