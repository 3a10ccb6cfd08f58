package org.mevflow.db;

import static org.mevflow.db.jooq.Tables.DATASETS;
import static org.mevflow.db.jooq.Tables.DISCOVERY_RUNS;
import static org.mevflow.db.jooq.Tables.EXECUTIONS;
import static org.mevflow.db.jooq.Tables.OPERATIONS;
import static org.mevflow.db.jooq.Tables.SUBMISSIONS;
import static org.mevflow.db.jooq.Tables.VERIFICATIONS;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.DiscoveryStatus;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.JobKind;
import org.mevflow.db.type.SubmissionStatus;
import org.mevflow.db.type.VerificationStatus;

/**
 * Every job mevflow ran or runs, read from its own tables (not from Temporal's visibility, which
 * the dev server lacks): executions, signature computations, submission verifications and
 * re-verifications, daily discoveries, each with its workflow id, status and last message.
 */
public class JobRepository {
  /** One job. {@code failed}: it ended without doing its work (not a verdict, not a cancel). */
  public record Job(
      JobKind kind,
      String workflowId,
      String subject,
      String status,
      boolean failed,
      String message,
      OffsetDateTime updatedAt) {}

  /** The filters operators type: a kind word and a time (both may be null). */
  public record Filter(JobKind kind, OffsetDateTime since) {
    /** Parses them; a word or time that is not understood is an IllegalArgumentException. */
    public static Filter parse(String kind, String since) {
      return new Filter(
          kind == null ? null : JobKind.named(kind),
          since == null ? null : JobRepository.since(since));
    }
  }

  private final DSLContext db;

  /** A time as operators type it: ISO-8601 ({@code 2026-11-24T00:00:00Z}) or a duration back. */
  public static OffsetDateTime since(String text) {
    try {
      return OffsetDateTime.now().minus(java.time.Duration.parse(text));
    } catch (java.time.format.DateTimeParseException notADuration) {
      try {
        return OffsetDateTime.parse(text);
      } catch (java.time.format.DateTimeParseException e) {
        throw new IllegalArgumentException(
            "'since' takes an ISO-8601 time (2026-11-24T00:00:00Z) or duration (P1D), not '"
                + text
                + "'");
      }
    }
  }

  public JobRepository(DSLContext db) {
    this.db = db;
  }

  /** How many executions are in each state now (states with none left out). */
  public Map<ExecutionStatus, Integer> executionsByStatus() {
    return countBy(EXECUTIONS, EXECUTIONS.STATUS);
  }

  /** How many datasets (SRA runs and assemblies) are in each state now. */
  public Map<DatasetStatus, Integer> datasetsByStatus() {
    return countBy(DATASETS, DATASETS.STATUS);
  }

  private <S> Map<S, Integer> countBy(Table<?> table, Field<S> status) {
    return db.select(status, DSL.count()).from(table).groupBy(status).fetchMap(status, DSL.count());
  }

  /** Newest first, at most {@code limit}; {@code kind} and {@code since} may be null. */
  public List<Job> list(JobKind kind, boolean failedOnly, OffsetDateTime since, int limit) {
    List<Select<Record>> parts = new ArrayList<>();
    if (kind == null || kind == JobKind.ANALYSIS) {
      Field<Boolean> failed = EXECUTIONS.STATUS.eq(ExecutionStatus.FAILED);
      parts.add(
          db.select(
                  row(
                      JobKind.ANALYSIS,
                      EXECUTIONS.WORKFLOW_ID,
                      DSL.concat(EXECUTIONS.JOB_NAME, DSL.inline(": "), OPERATIONS.NAME),
                      EXECUTIONS.STATUS.cast(String.class),
                      failed,
                      // the errors as one line; none (a success) is no message, not "[]"
                      DSL.field(
                          "(select string_agg(e, '; ') from jsonb_array_elements_text({0}) e)",
                          String.class, EXECUTIONS.ERROR_MESSAGES),
                      EXECUTIONS.UPDATED_AT))
              .from(EXECUTIONS)
              .join(OPERATIONS)
              .on(OPERATIONS.ID.eq(EXECUTIONS.OPERATION_ID))
              .where(filter(failed, EXECUTIONS.UPDATED_AT, failedOnly, since)));
    }
    if (kind == null || kind == JobKind.SKETCH) {
      Field<Boolean> failed = DATASETS.STATUS.eq(DatasetStatus.FAILED);
      parts.add(
          db.select(
                  row(
                      JobKind.SKETCH,
                      DATASETS.WORKFLOW_ID,
                      dataset(""),
                      DATASETS.STATUS.cast(String.class),
                      failed,
                      DATASETS.LAST_ERROR,
                      DATASETS.UPDATED_AT))
              .from(DATASETS)
              .where(DATASETS.WORKFLOW_ID.isNotNull())
              .and(filter(failed, DATASETS.UPDATED_AT, failedOnly, since)));
    }
    if (kind == null || kind == JobKind.VERIFY) {
      Field<OffsetDateTime> decided = DSL.coalesce(SUBMISSIONS.DECIDED_AT, SUBMISSIONS.CREATED_AT);
      Field<Boolean> unverifiable = SUBMISSIONS.STATUS.eq(SubmissionStatus.UNVERIFIABLE);
      parts.add(
          db.select(
                  row(
                      JobKind.VERIFY,
                      SUBMISSIONS.WORKFLOW_ID,
                      dataset("submission of "),
                      SUBMISSIONS.STATUS.cast(String.class),
                      unverifiable,
                      SUBMISSIONS.REASON,
                      decided))
              .from(SUBMISSIONS)
              .join(DATASETS)
              .on(DATASETS.ID.eq(SUBMISSIONS.DATASET_ID))
              .where(filter(unverifiable, decided, failedOnly, since)));
      Field<OffsetDateTime> checked =
          DSL.coalesce(VERIFICATIONS.FINISHED_AT, VERIFICATIONS.CREATED_AT);
      Field<Boolean> failed = VERIFICATIONS.STATUS.eq(VerificationStatus.FAILED);
      parts.add(
          db.select(
                  row(
                      JobKind.VERIFY,
                      VERIFICATIONS.WORKFLOW_ID,
                      dataset("re-verification of "),
                      VERIFICATIONS.STATUS.cast(String.class),
                      failed,
                      VERIFICATIONS.REPORT.cast(String.class),
                      checked))
              .from(VERIFICATIONS)
              .join(DATASETS)
              .on(DATASETS.ID.eq(VERIFICATIONS.DATASET_ID))
              .where(filter(failed, checked, failedOnly, since)));
    }
    if (kind == null || kind == JobKind.DISCOVERY) {
      Field<OffsetDateTime> updated = DISCOVERY_RUNS.UPDATED_AT;
      Field<Boolean> failed = DISCOVERY_RUNS.STATUS.eq(DiscoveryStatus.FAILED);
      parts.add(
          db.select(
                  row(
                      JobKind.DISCOVERY,
                      DISCOVERY_RUNS.WORKFLOW_ID,
                      DSL.concat(
                          DSL.inline("discovery of "), DISCOVERY_RUNS.DAY.cast(String.class)),
                      DISCOVERY_RUNS.STATUS.cast(String.class),
                      failed,
                      DISCOVERY_RUNS.LAST_ERROR,
                      updated))
              .from(DISCOVERY_RUNS)
              .where(filter(failed, updated, failedOnly, since)));
    }
    Select<Record> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.unionAll(parts.get(i));
    }
    Table<Record> jobs = all.asTable("jobs");
    return db.selectFrom(jobs)
        .orderBy(jobs.field("updated", OffsetDateTime.class).desc())
        .limit(limit)
        .fetch(
            r ->
                new Job(
                    JobKind.valueOf(r.get("kind", String.class)),
                    r.get("workflow_id", String.class),
                    r.get("subject", String.class),
                    r.get("status", String.class).toUpperCase(Locale.ROOT),
                    Boolean.TRUE.equals(r.get("failed", Boolean.class)),
                    r.get("message", String.class),
                    r.get("updated", OffsetDateTime.class)));
  }

  /** "SRA SRR15461028", after a prefix. */
  private static Field<String> dataset(String prefix) {
    return DSL.concat(
        DSL.inline(prefix), DATASETS.DB.cast(String.class), DSL.inline(" "), DATASETS.ACCESSION);
  }

  /** The columns every part of the union has, named. */
  private static List<SelectField<?>> row(
      JobKind kind,
      Field<String> workflowId,
      Field<String> subject,
      Field<String> status,
      Field<Boolean> failed,
      Field<String> message,
      Field<OffsetDateTime> updated) {
    return List.of(
        DSL.inline(kind.name()).as("kind"),
        workflowId.as("workflow_id"),
        subject.as("subject"),
        status.as("status"),
        failed.as("failed"),
        message.as("message"),
        updated.as("updated"));
  }

  private static Condition filter(
      Field<Boolean> failed,
      Field<OffsetDateTime> updated,
      boolean failedOnly,
      OffsetDateTime since) {
    Condition c = DSL.trueCondition();
    if (failedOnly) {
      c = c.and(DSL.condition(failed));
    }
    if (since != null) {
      c = c.and(updated.ge(since));
    }
    return c;
  }
}
