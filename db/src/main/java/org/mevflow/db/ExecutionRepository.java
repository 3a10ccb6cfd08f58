package org.mevflow.db;

import static org.mevflow.db.jooq.Tables.EXECUTIONS;
import static org.mevflow.db.jooq.Tables.EXECUTION_INPUTS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.mevflow.db.jooq.tables.records.ExecutionsRecord;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.Runner;

/**
 * Executions of operations. The row exists before its workflow; a final status, once written, never
 * changes (a retried or late call cannot overwrite SUCCEEDED with ABORTED).
 */
public class ExecutionRepository {
  private final DSLContext db;

  public ExecutionRepository(DSLContext db) {
    this.db = db;
  }

  /** A QUEUED execution and the resources it reads, in one transaction. */
  public ExecutionsRecord create(
      UUID id,
      UUID operation,
      long owner,
      UUID workspace,
      String jobName,
      Runner runner,
      String inputsJson,
      Map<UUID, String> resourceInputs) {
    return create(
        id, operation, owner, workspace, jobName, runner, inputsJson, resourceInputs, null);
  }

  /** A new execution; {@code retryOf} names the failed one it runs again, or is null. */
  public ExecutionsRecord create(
      UUID id,
      UUID operation,
      long owner,
      UUID workspace,
      String jobName,
      Runner runner,
      String inputsJson,
      Map<UUID, String> resourceInputs,
      UUID retryOf) {
    return db.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          ExecutionsRecord row =
              t.insertInto(EXECUTIONS)
                  .set(EXECUTIONS.ID, id)
                  .set(EXECUTIONS.OPERATION_ID, operation)
                  .set(EXECUTIONS.OWNER_ID, owner)
                  .set(EXECUTIONS.WORKSPACE_ID, workspace)
                  .set(EXECUTIONS.JOB_NAME, jobName)
                  .set(EXECUTIONS.RUNNER, runner)
                  .set(EXECUTIONS.INPUTS, JSONB.valueOf(inputsJson))
                  .set(EXECUTIONS.WORKFLOW_ID, "analysis-" + id)
                  .set(EXECUTIONS.RETRY_OF, retryOf)
                  .returning()
                  .fetchOne();
          for (var e : resourceInputs.entrySet()) {
            t.insertInto(EXECUTION_INPUTS)
                .set(EXECUTION_INPUTS.EXECUTION_ID, id)
                .set(EXECUTION_INPUTS.RESOURCE_ID, e.getKey())
                .set(EXECUTION_INPUTS.INPUT_KEY, e.getValue())
                .onConflictDoNothing()
                .execute();
          }
          return row;
        });
  }

  public Optional<ExecutionsRecord> find(UUID id) {
    return db.selectFrom(EXECUTIONS).where(EXECUTIONS.ID.eq(id)).fetchOptional();
  }

  public List<ExecutionsRecord> owned(long owner) {
    return db.selectFrom(EXECUTIONS)
        .where(EXECUTIONS.OWNER_ID.eq(owner))
        .orderBy(EXECUTIONS.CREATED_AT)
        .fetch();
  }

  public List<ExecutionsRecord> inWorkspace(long owner, UUID workspace) {
    return db.selectFrom(EXECUTIONS)
        .where(EXECUTIONS.OWNER_ID.eq(owner).and(EXECUTIONS.WORKSPACE_ID.eq(workspace)))
        .orderBy(EXECUTIONS.CREATED_AT)
        .fetch();
  }

  public List<ExecutionsRecord> outsideWorkspaces(long owner) {
    return db.selectFrom(EXECUTIONS)
        .where(EXECUTIONS.OWNER_ID.eq(owner).and(EXECUTIONS.WORKSPACE_ID.isNull()))
        .orderBy(EXECUTIONS.CREATED_AT)
        .fetch();
  }

  /** Executions still QUEUED after {@code olderThan}: their workflow may never have started. */
  public List<ExecutionsRecord> queuedBefore(OffsetDateTime olderThan) {
    return db.selectFrom(EXECUTIONS)
        .where(EXECUTIONS.STATUS.eq(ExecutionStatus.QUEUED))
        .and(EXECUTIONS.CREATED_AT.lt(olderThan))
        .orderBy(EXECUTIONS.CREATED_AT)
        .limit(500)
        .fetch();
  }

  /**
   * Executions past QUEUED and not ended whose row has not moved since {@code olderThan}, oldest
   * first: the reconciler asks Temporal whether each still has a live workflow.
   */
  public List<ExecutionsRecord> unfinishedBefore(OffsetDateTime olderThan, int limit) {
    return db.selectFrom(EXECUTIONS)
        .where(
            EXECUTIONS.STATUS.in(
                ExecutionStatus.SUBMITTING,
                ExecutionStatus.RUNNING,
                ExecutionStatus.FINALIZING,
                ExecutionStatus.ABORTING))
        .and(EXECUTIONS.UPDATED_AT.lt(olderThan))
        .orderBy(EXECUTIONS.UPDATED_AT)
        .limit(limit)
        .fetch();
  }

  /**
   * A new execution running {@code old} again with its recorded inputs, linked by {@code retry_of};
   * the caller starts its workflow.
   */
  public ExecutionsRecord again(ExecutionsRecord old) {
    Map<UUID, String> inputs = new java.util.LinkedHashMap<>();
    db.selectFrom(EXECUTION_INPUTS)
        .where(EXECUTION_INPUTS.EXECUTION_ID.eq(old.getId()))
        .forEach(r -> inputs.put(r.getResourceId(), r.getInputKey()));
    return create(
        UUID.randomUUID(),
        old.getOperationId(),
        old.getOwnerId(),
        old.getWorkspaceId(),
        old.getJobName(),
        old.getRunner(),
        old.getInputs().data(),
        inputs,
        old.getId());
  }

  /** The executions that ran this one again, oldest first. */
  public List<UUID> retriesOf(UUID execution) {
    return retriesOf(List.of(execution)).getOrDefault(execution, List.of());
  }

  /** For each of these executions that was run again, its retries, oldest first; one query. */
  public Map<UUID, List<UUID>> retriesOf(java.util.Collection<UUID> executions) {
    Map<UUID, List<UUID>> out = new java.util.HashMap<>();
    if (executions.isEmpty()) {
      return out;
    }
    db.select(EXECUTIONS.RETRY_OF, EXECUTIONS.ID)
        .from(EXECUTIONS)
        .where(EXECUTIONS.RETRY_OF.in(executions))
        .orderBy(EXECUTIONS.CREATED_AT)
        .forEach(
            r -> out.computeIfAbsent(r.value1(), k -> new java.util.ArrayList<>()).add(r.value2()));
    return out;
  }

  /** The resources an execution read. */
  public List<UUID> inputResources(UUID execution) {
    return db.selectDistinct(EXECUTION_INPUTS.RESOURCE_ID)
        .from(EXECUTION_INPUTS)
        .where(EXECUTION_INPUTS.EXECUTION_ID.eq(execution))
        .fetch(EXECUTION_INPUTS.RESOURCE_ID);
  }

  private static final List<ExecutionStatus> FINAL =
      List.of(ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED, ExecutionStatus.ABORTED);

  /** A non-final status; ignored once the execution has ended. */
  public void status(UUID id, ExecutionStatus status) {
    var update =
        db.update(EXECUTIONS)
            .set(EXECUTIONS.STATUS, status)
            .set(EXECUTIONS.UPDATED_AT, OffsetDateTime.now());
    if (status == ExecutionStatus.RUNNING) {
      // the first RUNNING counts: a resumed or continued workflow says RUNNING again
      update =
          update.set(
              EXECUTIONS.STARTED_AT,
              org.jooq.impl.DSL.coalesce(EXECUTIONS.STARTED_AT, OffsetDateTime.now()));
    }
    update.where(EXECUTIONS.ID.eq(id)).and(EXECUTIONS.STATUS.notIn(FINAL)).execute();
  }

  /** The runner's id for the job (Cromwell's workflow id), kept once known. */
  public void runnerJob(UUID id, String jobId) {
    db.update(EXECUTIONS)
        .set(EXECUTIONS.RUNNER_JOB_ID, jobId)
        .set(EXECUTIONS.UPDATED_AT, OffsetDateTime.now())
        .where(EXECUTIONS.ID.eq(id))
        .execute();
  }

  /**
   * An ended execution running again in place (its workflow reset after a fix, by {@code ./mevflow
   * replay}): RUNNING, without its end.
   */
  public void reopen(UUID id) {
    db.update(EXECUTIONS)
        .set(EXECUTIONS.STATUS, ExecutionStatus.RUNNING)
        .setNull(EXECUTIONS.OUTPUTS)
        .set(EXECUTIONS.ERROR_MESSAGES, JSONB.valueOf("[]"))
        .setNull(EXECUTIONS.FINISHED_AT)
        .set(EXECUTIONS.UPDATED_AT, OffsetDateTime.now())
        .where(EXECUTIONS.ID.eq(id))
        .execute();
  }

  /** The final status, written once. */
  public void finish(UUID id, ExecutionStatus status, String outputsJson, String errorsJson) {
    db.update(EXECUTIONS)
        .set(EXECUTIONS.STATUS, status)
        .set(EXECUTIONS.OUTPUTS, outputsJson == null ? null : JSONB.valueOf(outputsJson))
        .set(EXECUTIONS.ERROR_MESSAGES, JSONB.valueOf(errorsJson))
        .set(EXECUTIONS.FINISHED_AT, OffsetDateTime.now())
        .set(EXECUTIONS.UPDATED_AT, OffsetDateTime.now())
        .where(EXECUTIONS.ID.eq(id))
        .and(EXECUTIONS.STATUS.notIn(FINAL))
        .execute();
  }
}
