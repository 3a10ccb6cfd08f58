package org.mevflow.db;

import static org.mevflow.db.jooq.Tables.DATASETS;
import static org.mevflow.db.jooq.Tables.DATASET_SKETCHES;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mevflow.db.jooq.tables.records.DatasetSketchesRecord;
import org.mevflow.db.jooq.tables.records.DatasetsRecord;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.PublicDb;
import org.mevflow.db.type.SignatureSource;

/**
 * Datasets (an SRA run or an assembly) and the state of their signature. A dataset that has a
 * signature keeps serving it while a recomputation runs or fails: only a successful computation
 * replaces it, and only a failure with no signature turns the status to MISSING or FAILED.
 */
public class DatasetRepository {
  private final DSLContext db;

  public DatasetRepository(DSLContext db) {
    this.db = db;
  }

  /** One sketch of a stored signature. */
  public record Sketch(int ksize, long hashes, String md5sum) {}

  /** The dataset's row, created QUEUED if it did not exist. */
  public DatasetsRecord ensure(PublicDb source, String accession) {
    return ensure(source, accession, DatasetStatus.QUEUED);
  }

  /** The dataset's row, created with {@code initial} status if it did not exist. */
  public DatasetsRecord ensure(PublicDb source, String accession, DatasetStatus initial) {
    db.insertInto(DATASETS)
        .set(DATASETS.DB, source)
        .set(DATASETS.ACCESSION, accession)
        .set(DATASETS.STATUS, initial)
        .onConflict(DATASETS.DB, DATASETS.ACCESSION)
        .doNothing()
        .execute();
    return find(source, accession).orElseThrow();
  }

  /** A computation was asked for: the row exists, and one known only by submission is QUEUED. */
  public DatasetsRecord requested(PublicDb source, String accession) {
    ensure(source, accession);
    db.update(DATASETS)
        .set(DATASETS.STATUS, status(DatasetStatus.QUEUED))
        .set(DATASETS.UPDATED_AT, OffsetDateTime.now())
        .where(DATASETS.DB.eq(source).and(DATASETS.ACCESSION.eq(accession)))
        .and(DATASETS.STATUS.eq(DatasetStatus.SUBMITTED))
        .execute();
    return find(source, accession).orElseThrow();
  }

  /** How many datasets have a signature, and the size of the data they were computed from. */
  public record Served(long datasets, double sizeMb) {}

  /** wort's front page figures: datasets with a signature and the MB they came from. */
  public Served served() {
    var r =
        db.select(
                org.jooq.impl.DSL.count(),
                org.jooq.impl.DSL.coalesce(
                    org.jooq.impl.DSL.sum(DATASETS.SIZE_MB), java.math.BigDecimal.ZERO))
            .from(DATASETS)
            .where(DATASETS.STATUS.eq(org.mevflow.db.type.DatasetStatus.COMPUTED))
            .fetchOne();
    return new Served(r.value1(), r.value2().doubleValue());
  }

  public Optional<DatasetsRecord> byId(long id) {
    return db.selectFrom(DATASETS).where(DATASETS.ID.eq(id)).fetchOptional();
  }

  /**
   * The look-up behind every wort read ({@code /v1/view}, {@code /v1/download}, {@code
   * /v1/status}), rendered once: rendering jOOQ's query on each call was a third of a /v1/view
   * answer's time (bench/http).
   */
  private static final String FIND =
      DSL.using(SQLDialect.POSTGRES)
          .selectFrom(DATASETS)
          .where(DATASETS.DB.eq((PublicDb) null).and(DATASETS.ACCESSION.eq((String) null)))
          .getSQL();

  public Optional<DatasetsRecord> find(PublicDb source, String accession) {
    return db.resultQuery(FIND, source, accession).coerce(DATASETS).fetchOptional();
  }

  public List<DatasetSketchesRecord> sketches(long datasetId) {
    return db.selectFrom(DATASET_SKETCHES)
        .where(DATASET_SKETCHES.DATASET_ID.eq(datasetId))
        .orderBy(DATASET_SKETCHES.KSIZE)
        .fetch();
  }

  /** Records that a workflow run is sketching; the attempt counts once per run. */
  public void markComputing(
      PublicDb source,
      String accession,
      String taskQueue,
      long sizeMb,
      String workflowId,
      String runId) {
    ensure(source, accession);
    // a run replacing an earlier one (not the first run, not a retried attempt of the same run)
    Condition replacing =
        DATASETS.WORKFLOW_RUN_ID.isNotNull().and(DATASETS.WORKFLOW_RUN_ID.ne(runId));
    db.update(DATASETS)
        .set(
            DATASETS.ATTEMPTS,
            DSL.when(DATASETS.WORKFLOW_RUN_ID.eq(runId), DATASETS.ATTEMPTS)
                .otherwise(DATASETS.ATTEMPTS.plus(1)))
        .set(
            DATASETS.STATUS,
            DSL.when(DATASETS.STATUS.eq(DatasetStatus.COMPUTED), status(DatasetStatus.COMPUTED))
                .otherwise(status(DatasetStatus.COMPUTING)))
        .set(
            DATASETS.PREVIOUS_WORKFLOW_ID,
            DSL.when(DATASETS.WORKFLOW_RUN_ID.eq(runId), DATASETS.PREVIOUS_WORKFLOW_ID)
                .otherwise(DATASETS.WORKFLOW_ID))
        .set(
            DATASETS.PREVIOUS_RUN_ID,
            DSL.when(replacing, DATASETS.WORKFLOW_RUN_ID).otherwise(DATASETS.PREVIOUS_RUN_ID))
        .set(
            DATASETS.PREVIOUS_ERROR,
            // what became of the run replaced: its error; none when it computed the signature (a
            // recompute replaces a success); else it was lost before it could say
            DSL.when(replacing.and(DATASETS.LAST_ERROR.isNotNull()), DATASETS.LAST_ERROR)
                .when(
                    replacing.and(DATASETS.STATUS.eq(DatasetStatus.COMPUTED)),
                    DSL.inline((String) null, DATASETS.PREVIOUS_ERROR))
                .when(
                    replacing,
                    DSL.val(
                        "that run ended without recording a reason (its workflow or worker"
                            + " was lost)"))
                .otherwise(DATASETS.PREVIOUS_ERROR))
        .set(DATASETS.TASK_QUEUE, taskQueue)
        .set(DATASETS.SIZE_MB, sizeMb)
        .set(DATASETS.WORKFLOW_ID, workflowId)
        .set(DATASETS.WORKFLOW_RUN_ID, runId)
        .set(DATASETS.STARTED_AT, OffsetDateTime.now())
        .set(DATASETS.UPDATED_AT, OffsetDateTime.now())
        .where(DATASETS.DB.eq(source).and(DATASETS.ACCESSION.eq(accession)))
        .execute();
  }

  /** The signature is stored: row and sketches change together, in one transaction. */
  public void markComputed(
      PublicDb source, String accession, String signatureUri, long bytes, List<Sketch> sketches) {
    db.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          DatasetsRecord row =
              t.selectFrom(DATASETS)
                  .where(DATASETS.DB.eq(source).and(DATASETS.ACCESSION.eq(accession)))
                  .forUpdate()
                  .fetchSingle();
          t.update(DATASETS)
              .set(DATASETS.STATUS, DatasetStatus.COMPUTED)
              .set(DATASETS.SIGNATURE_URI, signatureUri)
              .set(DATASETS.SIGNATURE_BYTES, bytes)
              .set(DATASETS.SIGNATURE_SOURCE, SignatureSource.COMPUTED)
              .setNull(DATASETS.LAST_ERROR)
              .set(DATASETS.COMPUTED_AT, OffsetDateTime.now())
              .set(DATASETS.UPDATED_AT, OffsetDateTime.now())
              .where(DATASETS.ID.eq(row.getId()))
              .execute();
          t.deleteFrom(DATASET_SKETCHES)
              .where(DATASET_SKETCHES.DATASET_ID.eq(row.getId()))
              .execute();
          insertSketches(t, row.getId(), sketches);
        });
  }

  /**
   * Serves a verified submission, but only while the dataset has no signature at all (a computed
   * one always wins); true if it is now served.
   */
  public boolean serveSubmission(
      PublicDb source, String accession, String signatureUri, long bytes, List<Sketch> sketches) {
    return db.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          DatasetsRecord row =
              t.selectFrom(DATASETS)
                  .where(DATASETS.DB.eq(source).and(DATASETS.ACCESSION.eq(accession)))
                  .forUpdate()
                  .fetchSingle();
          if (row.getSignatureUri() != null) {
            return false;
          }
          t.update(DATASETS)
              .set(DATASETS.STATUS, DatasetStatus.COMPUTED)
              .set(DATASETS.SIGNATURE_URI, signatureUri)
              .set(DATASETS.SIGNATURE_BYTES, bytes)
              .set(DATASETS.SIGNATURE_SOURCE, SignatureSource.SUBMITTED)
              .set(DATASETS.COMPUTED_AT, OffsetDateTime.now())
              .set(DATASETS.UPDATED_AT, OffsetDateTime.now())
              .where(DATASETS.ID.eq(row.getId()))
              .execute();
          insertSketches(t, row.getId(), sketches);
          return true;
        });
  }

  private static void insertSketches(DSLContext t, long datasetId, List<Sketch> sketches) {
    for (Sketch s : sketches) {
      t.insertInto(DATASET_SKETCHES)
          .set(DATASET_SKETCHES.DATASET_ID, datasetId)
          .set(DATASET_SKETCHES.KSIZE, s.ksize())
          .set(DATASET_SKETCHES.HASH_COUNT, s.hashes())
          .set(DATASET_SKETCHES.MD5SUM, s.md5sum())
          .execute();
    }
  }

  /** Datasets COMPUTING by a workflow, unchanged since {@code olderThan}, oldest first. */
  /**
   * A dataset whose failed sketch is about to be reset ({@code ./mevflow replay}) is COMPUTING
   * again, so readers do not see the old FAILED or MISSING while the reset run works; its reason
   * stays in {@code last_error} until the run ends. Answers the status it had (empty when it was
   * neither, and is left alone), so a refused reset can put it back with {@link #restore}.
   */
  public Optional<DatasetStatus> reopen(PublicDb source, String accession) {
    return db.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          Optional<DatasetsRecord> row =
              t.selectFrom(DATASETS)
                  .where(DATASETS.DB.eq(source).and(DATASETS.ACCESSION.eq(accession)))
                  .forUpdate()
                  .fetchOptional();
          Optional<DatasetsRecord> ended =
              row.filter(
                  r ->
                      r.getStatus() == DatasetStatus.FAILED
                          || r.getStatus() == DatasetStatus.MISSING);
          ended.ifPresent(
              r ->
                  t.update(DATASETS)
                      .set(DATASETS.STATUS, DatasetStatus.COMPUTING)
                      .set(DATASETS.UPDATED_AT, OffsetDateTime.now())
                      .where(DATASETS.ID.eq(r.getId()))
                      .execute());
          return ended.map(DatasetsRecord::getStatus);
        });
  }

  /** Undoes {@link #reopen}: the row is {@code status} again if it is still COMPUTING. */
  public void restore(PublicDb source, String accession, DatasetStatus status) {
    db.update(DATASETS)
        .set(DATASETS.STATUS, status)
        .set(DATASETS.UPDATED_AT, OffsetDateTime.now())
        .where(DATASETS.DB.eq(source).and(DATASETS.ACCESSION.eq(accession)))
        .and(DATASETS.STATUS.eq(DatasetStatus.COMPUTING))
        .execute();
  }

  public List<DatasetsRecord> computingBefore(OffsetDateTime olderThan, int limit) {
    return db.selectFrom(DATASETS)
        .where(DATASETS.STATUS.eq(DatasetStatus.COMPUTING))
        .and(DATASETS.WORKFLOW_ID.isNotNull())
        .and(DATASETS.UPDATED_AT.lt(olderThan))
        .orderBy(DATASETS.UPDATED_AT)
        .limit(limit)
        .fetch();
  }

  public void markMissing(PublicDb source, String accession, String reason) {
    markUnsuccessful(source, accession, DatasetStatus.MISSING, reason, null, null);
  }

  public void markFailed(PublicDb source, String accession, String reason) {
    markUnsuccessful(source, accession, DatasetStatus.FAILED, reason, null, null);
  }

  /**
   * Ended without a signature by workflow run {@code runId} of {@code workflowId}: the row names
   * the run even when it ended before sketching (a look-up that found nothing), so operators find
   * it by its workflow.
   */
  public void markMissing(
      PublicDb source, String accession, String reason, String workflowId, String runId) {
    markUnsuccessful(source, accession, DatasetStatus.MISSING, reason, workflowId, runId);
  }

  public void markFailed(
      PublicDb source, String accession, String reason, String workflowId, String runId) {
    markUnsuccessful(source, accession, DatasetStatus.FAILED, reason, workflowId, runId);
  }

  /** A dataset that has a signature keeps it (and COMPUTED); the reason is recorded either way. */
  private void markUnsuccessful(
      PublicDb source,
      String accession,
      DatasetStatus status,
      String reason,
      String workflowId,
      String runId) {
    ensure(source, accession);
    var update =
        db.update(DATASETS)
            .set(
                DATASETS.STATUS,
                DSL.when(DATASETS.SIGNATURE_URI.isNotNull(), status(DatasetStatus.COMPUTED))
                    .otherwise(status(status)))
            .set(DATASETS.LAST_ERROR, reason)
            .set(DATASETS.UPDATED_AT, OffsetDateTime.now());
    if (workflowId != null) {
      // a run that never reached markComputing: the row names it (a later run sees it as the
      // previous one, with this reason)
      update =
          update
              .set(
                  DATASETS.PREVIOUS_WORKFLOW_ID,
                  DSL.when(
                          DATASETS.WORKFLOW_RUN_ID.isNull().or(DATASETS.WORKFLOW_RUN_ID.eq(runId)),
                          DATASETS.PREVIOUS_WORKFLOW_ID)
                      .otherwise(DATASETS.WORKFLOW_ID))
              .set(DATASETS.WORKFLOW_ID, workflowId)
              .set(DATASETS.WORKFLOW_RUN_ID, runId);
    }
    update.where(DATASETS.DB.eq(source).and(DATASETS.ACCESSION.eq(accession))).execute();
  }

  /**
   * A status as a bind value typed by its column: bound through the column's converter, not looked
   * up in jOOQ's deprecated static type registry (which logs a warning with a stack trace each
   * time).
   */
  private static org.jooq.Field<DatasetStatus> status(DatasetStatus status) {
    return DSL.val(status, DATASETS.STATUS);
  }
}
