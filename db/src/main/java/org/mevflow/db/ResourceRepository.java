package org.mevflow.db;

import static org.mevflow.db.jooq.Tables.RESOURCES;
import static org.mevflow.db.jooq.Tables.WORKSPACE_RESOURCES;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.mevflow.db.jooq.tables.records.ResourcesRecord;
import org.mevflow.db.type.ResourceStatus;

/** Resources (users' files). Deleted resources keep their row (for provenance) but are hidden. */
public class ResourceRepository {
  private final DSLContext db;

  public ResourceRepository(DSLContext db) {
    this.db = db;
  }

  /** A stored upload, not yet typed. */
  public ResourcesRecord createUploaded(
      UUID id, long owner, String name, String storageUri, long size, String checksum) {
    return db.insertInto(RESOURCES)
        .set(RESOURCES.ID, id)
        .set(RESOURCES.OWNER_ID, owner)
        .set(RESOURCES.NAME, name)
        .set(RESOURCES.STORAGE_URI, storageUri)
        .set(RESOURCES.SIZE_BYTES, size)
        .set(RESOURCES.CHECKSUM, checksum)
        .set(RESOURCES.STATUS, ResourceStatus.UNVALIDATED)
        .set(RESOURCES.IS_ACTIVE, true)
        .returning()
        .fetchOne();
  }

  /**
   * The resource an execution's output became: created VALID (checked against its declared type by
   * the caller, {@code message} saying what was found) the first time, and returned as it is on
   * every later call (one per execution and output key).
   */
  public ResourcesRecord output(
      UUID execution,
      String key,
      long owner,
      String name,
      String storageUri,
      long size,
      String type,
      String format,
      String message) {
    db.insertInto(RESOURCES)
        .set(RESOURCES.ID, UUID.randomUUID())
        .set(RESOURCES.OWNER_ID, owner)
        .set(RESOURCES.NAME, name)
        .set(RESOURCES.STORAGE_URI, storageUri)
        .set(RESOURCES.SIZE_BYTES, size)
        .set(RESOURCES.RESOURCE_TYPE, type)
        .set(RESOURCES.FILE_FORMAT, format)
        .set(RESOURCES.VALID_RESOURCE_TYPE, type)
        .set(RESOURCES.VALID_FILE_FORMAT, format)
        .set(RESOURCES.STATUS, ResourceStatus.VALID)
        .set(RESOURCES.STATUS_MESSAGE, message)
        .set(RESOURCES.IS_ACTIVE, true)
        .set(RESOURCES.PRODUCED_BY, execution)
        .set(RESOURCES.OUTPUT_KEY, key)
        .onConflict(RESOURCES.PRODUCED_BY, RESOURCES.OUTPUT_KEY)
        .doNothing()
        .execute();
    return db.selectFrom(RESOURCES)
        .where(RESOURCES.PRODUCED_BY.eq(execution).and(RESOURCES.OUTPUT_KEY.eq(key)))
        .fetchSingle();
  }

  public List<ResourcesRecord> owned(long owner) {
    return db.selectFrom(RESOURCES)
        .where(RESOURCES.OWNER_ID.eq(owner).and(RESOURCES.STATUS.ne(ResourceStatus.DELETED)))
        .orderBy(RESOURCES.CREATED_AT)
        .fetch();
  }

  /** The owner's live resource (or a public one). */
  public Optional<ResourcesRecord> visible(long owner, UUID id) {
    return db.selectFrom(RESOURCES)
        .where(RESOURCES.ID.eq(id))
        .and(RESOURCES.OWNER_ID.eq(owner).or(RESOURCES.IS_PUBLIC.isTrue()))
        .and(RESOURCES.STATUS.ne(ResourceStatus.DELETED))
        .fetchOptional();
  }

  /** The live resources in a workspace that the owner may see, in the order they were added. */
  public List<ResourcesRecord> visibleIn(long owner, UUID workspace) {
    return db.select(RESOURCES.fields())
        .from(RESOURCES)
        .join(WORKSPACE_RESOURCES)
        .on(WORKSPACE_RESOURCES.RESOURCE_ID.eq(RESOURCES.ID))
        .where(WORKSPACE_RESOURCES.WORKSPACE_ID.eq(workspace))
        .and(RESOURCES.OWNER_ID.eq(owner).or(RESOURCES.IS_PUBLIC.isTrue()))
        .and(RESOURCES.STATUS.ne(ResourceStatus.DELETED))
        .orderBy(WORKSPACE_RESOURCES.ADDED_AT)
        .fetchInto(RESOURCES);
  }

  /**
   * Resources VALIDATING since before {@code before} that do not name their workflow (older rows).
   */
  public List<UUID> validatingSince(OffsetDateTime before) {
    return db.select(RESOURCES.ID)
        .from(RESOURCES)
        .where(RESOURCES.STATUS.eq(ResourceStatus.VALIDATING))
        .and(RESOURCES.VALIDATION_WORKFLOW_ID.isNull())
        .and(RESOURCES.UPDATED_AT.lt(before))
        .fetch(RESOURCES.ID);
  }

  /** The resources an execution produced. */
  public List<ResourcesRecord> producedBy(UUID execution) {
    return db.selectFrom(RESOURCES)
        .where(RESOURCES.PRODUCED_BY.eq(execution))
        .orderBy(RESOURCES.CREATED_AT)
        .fetch();
  }

  public Optional<ResourcesRecord> find(UUID id) {
    return db.selectFrom(RESOURCES).where(RESOURCES.ID.eq(id)).fetchOptional();
  }

  /** Validation starts: false if one is already running for this resource. */
  /**
   * The resource is VALIDATING by workflow {@code workflowId}, as {@code type} in {@code format};
   * false if a validation is under way already.
   */
  public boolean startValidation(UUID id, String workflowId, String type, String format) {
    return db.update(RESOURCES)
            .set(RESOURCES.STATUS, ResourceStatus.VALIDATING)
            .setNull(RESOURCES.STATUS_MESSAGE)
            .set(RESOURCES.VALIDATION_WORKFLOW_ID, workflowId)
            .set(RESOURCES.VALIDATION_TYPE, type)
            .set(RESOURCES.VALIDATION_FORMAT, format)
            .set(RESOURCES.UPDATED_AT, OffsetDateTime.now())
            .where(RESOURCES.ID.eq(id).and(RESOURCES.STATUS.ne(ResourceStatus.VALIDATING)))
            .execute()
        == 1;
  }

  /** Resources VALIDATING by a named workflow since before {@code olderThan}, oldest first. */
  public List<ResourcesRecord> validatingBefore(OffsetDateTime olderThan, int limit) {
    return db.selectFrom(RESOURCES)
        .where(RESOURCES.STATUS.eq(ResourceStatus.VALIDATING))
        .and(RESOURCES.VALIDATION_WORKFLOW_ID.isNotNull())
        .and(RESOURCES.UPDATED_AT.lt(olderThan))
        .orderBy(RESOURCES.UPDATED_AT)
        .limit(limit)
        .fetch();
  }

  /** The requested type holds; tables now point at their standard copy. */
  public void validated(
      UUID id, String type, String format, String standardUri, Long size, String message) {
    var update =
        db.update(RESOURCES)
            .set(RESOURCES.STATUS, ResourceStatus.VALID)
            .set(RESOURCES.RESOURCE_TYPE, type)
            .set(RESOURCES.FILE_FORMAT, format)
            .set(RESOURCES.VALID_RESOURCE_TYPE, type)
            .set(RESOURCES.VALID_FILE_FORMAT, format)
            .set(RESOURCES.STATUS_MESSAGE, message)
            .set(RESOURCES.UPDATED_AT, OffsetDateTime.now());
    if (standardUri != null) {
      update = update.set(RESOURCES.STORAGE_URI, standardUri).set(RESOURCES.SIZE_BYTES, size);
    }
    update.where(RESOURCES.ID.eq(id)).execute();
  }

  /**
   * The requested type does not hold: the last valid type (if any) is restored, and the reason kept
   * in the status text.
   */
  public void rejected(UUID id, String reason) {
    ResourcesRecord r = find(id).orElseThrow();
    boolean hadType = r.getValidResourceType() != null;
    db.update(RESOURCES)
        .set(RESOURCES.STATUS, hadType ? ResourceStatus.VALID : ResourceStatus.INVALID)
        .set(RESOURCES.RESOURCE_TYPE, r.getValidResourceType())
        .set(RESOURCES.FILE_FORMAT, r.getValidFileFormat())
        .set(
            RESOURCES.STATUS_MESSAGE,
            hadType ? reason + " (kept type " + r.getValidResourceType() + ")" : reason)
        .set(RESOURCES.UPDATED_AT, OffsetDateTime.now())
        .where(RESOURCES.ID.eq(id))
        .execute();
  }

  public void rename(UUID id, String name) {
    db.update(RESOURCES)
        .set(RESOURCES.NAME, name)
        .set(RESOURCES.UPDATED_AT, OffsetDateTime.now())
        .where(RESOURCES.ID.eq(id))
        .execute();
  }

  public void markDeleted(UUID id) {
    db.update(RESOURCES)
        .set(RESOURCES.STATUS, ResourceStatus.DELETED)
        .set(RESOURCES.IS_ACTIVE, false)
        .set(RESOURCES.UPDATED_AT, OffsetDateTime.now())
        .where(RESOURCES.ID.eq(id))
        .execute();
  }
}
