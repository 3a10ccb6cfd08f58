package org.mevflow.db;

import static org.mevflow.db.jooq.Tables.SUBMISSIONS;
import static org.mevflow.db.jooq.Tables.VERIFICATIONS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.mevflow.db.jooq.tables.records.SubmissionsRecord;
import org.mevflow.db.jooq.tables.records.VerificationsRecord;
import org.mevflow.db.type.SubmissionStatus;
import org.mevflow.db.type.VerificationStatus;

/** User-submitted signatures and on-demand re-verifications of served ones. */
public class SubmissionRepository {
  private final DSLContext db;

  public SubmissionRepository(DSLContext db) {
    this.db = db;
  }

  public SubmissionsRecord create(
      UUID id,
      long datasetId,
      long userId,
      String uri,
      long bytes,
      String sha256,
      String workflowId) {
    return db.insertInto(SUBMISSIONS)
        .set(SUBMISSIONS.ID, id)
        .set(SUBMISSIONS.DATASET_ID, datasetId)
        .set(SUBMISSIONS.USER_ID, userId)
        .set(SUBMISSIONS.STORAGE_URI, uri)
        .set(SUBMISSIONS.SIZE_BYTES, bytes)
        .set(SUBMISSIONS.SHA256, sha256)
        .set(SUBMISSIONS.WORKFLOW_ID, workflowId)
        .returning()
        .fetchOne();
  }

  public Optional<SubmissionsRecord> find(UUID id) {
    return db.selectFrom(SUBMISSIONS).where(SUBMISSIONS.ID.eq(id)).fetchOptional();
  }

  public List<SubmissionsRecord> forDataset(long datasetId) {
    return db.selectFrom(SUBMISSIONS)
        .where(SUBMISSIONS.DATASET_ID.eq(datasetId))
        .orderBy(SUBMISSIONS.CREATED_AT)
        .fetch();
  }

  /** Moves a pending submission to VERIFYING (a decided one stays decided). */
  public void verifying(UUID id) {
    db.update(SUBMISSIONS)
        .set(SUBMISSIONS.STATUS, SubmissionStatus.VERIFYING)
        .where(SUBMISSIONS.ID.eq(id).and(SUBMISSIONS.STATUS.eq(SubmissionStatus.PENDING)))
        .execute();
  }

  public void decide(UUID id, SubmissionStatus status, String reason, String reportJson) {
    db.update(SUBMISSIONS)
        .set(SUBMISSIONS.STATUS, status)
        .set(SUBMISSIONS.REASON, reason)
        .set(SUBMISSIONS.REPORT, reportJson == null ? null : JSONB.valueOf(reportJson))
        .set(SUBMISSIONS.DECIDED_AT, OffsetDateTime.now())
        .where(SUBMISSIONS.ID.eq(id))
        .execute();
  }

  /** Submissions still undecided that were made before {@code before} (for the healer). */
  public List<SubmissionsRecord> undecidedBefore(OffsetDateTime before, int limit) {
    return db.selectFrom(SUBMISSIONS)
        .where(SUBMISSIONS.STATUS.in(SubmissionStatus.PENDING, SubmissionStatus.VERIFYING))
        .and(SUBMISSIONS.CREATED_AT.lt(before))
        .orderBy(SUBMISSIONS.CREATED_AT)
        .limit(limit)
        .fetch();
  }

  /** Re-verifications still running that were started before {@code before}. */
  public List<VerificationsRecord> runningBefore(OffsetDateTime before, int limit) {
    return db.selectFrom(VERIFICATIONS)
        .where(VERIFICATIONS.STATUS.eq(org.mevflow.db.type.VerificationStatus.RUNNING))
        .and(VERIFICATIONS.CREATED_AT.lt(before))
        .orderBy(VERIFICATIONS.CREATED_AT)
        .limit(limit)
        .fetch();
  }

  public VerificationsRecord createVerification(
      UUID id, long datasetId, Long requestedBy, String workflowId) {
    return db.insertInto(VERIFICATIONS)
        .set(VERIFICATIONS.ID, id)
        .set(VERIFICATIONS.DATASET_ID, datasetId)
        .set(VERIFICATIONS.REQUESTED_BY, requestedBy)
        .set(VERIFICATIONS.WORKFLOW_ID, workflowId)
        .returning()
        .fetchOne();
  }

  public Optional<VerificationsRecord> findVerification(UUID id) {
    return db.selectFrom(VERIFICATIONS).where(VERIFICATIONS.ID.eq(id)).fetchOptional();
  }

  public void decideVerification(UUID id, VerificationStatus status, String reportJson) {
    db.update(VERIFICATIONS)
        .set(VERIFICATIONS.STATUS, status)
        .set(VERIFICATIONS.REPORT, reportJson == null ? null : JSONB.valueOf(reportJson))
        .set(VERIFICATIONS.FINISHED_AT, OffsetDateTime.now())
        .where(VERIFICATIONS.ID.eq(id))
        .execute();
  }
}
