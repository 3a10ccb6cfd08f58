package org.mevflow.db;

import static org.mevflow.db.jooq.Tables.RESOURCES;

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
