package org.mevflow.api.operators;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.swagger.v3.oas.annotations.Operation;
import java.time.OffsetDateTime;
import java.util.List;
import org.mevflow.api.problem.ApiException;
import org.mevflow.db.JobRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators' job list from PostgreSQL (no Temporal visibility needed); admins only. */
@RestController
public class JobsController {
  private final JobRepository jobs;

  public JobsController(JobRepository jobs) {
    this.jobs = jobs;
  }

  @GetMapping({"/api/admin/jobs", "/api/admin/jobs/"})
  @Operation(
      summary =
          "Jobs newest first with their workflow ids; filters: failed=true, kind=analysis|sketch|"
              + "verify|validate|discovery, since=ISO time or duration (P1D), limit (default 100, at most 1000)")
  public List<JobBody> list(
      @RequestParam(name = "failed", required = false) Boolean onlyFailed,
      @RequestParam(required = false) String kind,
      @RequestParam(required = false) String since,
      @RequestParam(name = "limit", required = false) Integer given) {
    int limit = given == null ? 100 : given;
    boolean failed = Boolean.TRUE.equals(onlyFailed);
    JobRepository.Filter filter;
    try {
      filter = JobRepository.Filter.parse(kind, since);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    if (limit < 1 || limit > 1000) {
      throw ApiException.badRequest("'limit' must be between 1 and 1000");
    }
    return jobs.list(filter.kind(), failed, filter.since(), limit).stream()
        .map(
            j ->
                new JobBody(
                    j.kind().word(),
                    j.workflowId(),
                    j.subject(),
                    j.status(),
                    j.failed(),
                    j.message(),
                    j.updatedAt()))
        .toList();
  }

  /** One job as operators read it: its kind word, workflow id, subject and last message. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record JobBody(
      String kind,
      String workflowId,
      String subject,
      String status,
      boolean failed,
      String message,
      OffsetDateTime updated) {}
}
