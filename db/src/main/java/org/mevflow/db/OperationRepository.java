package org.mevflow.db;

import static org.mevflow.db.jooq.Tables.OPERATIONS;
import static org.mevflow.db.jooq.Tables.OPERATION_CATEGORIES;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.mevflow.db.jooq.tables.records.OperationCategoriesRecord;
import org.mevflow.db.jooq.tables.records.OperationsRecord;
import org.mevflow.db.type.Runner;

/** The operation catalog. An ingested operation never changes (a trigger enforces it). */
public class OperationRepository {
  private final DSLContext db;

  public OperationRepository(DSLContext db) {
    this.db = db;
  }

  /** The operation ingested from this source at this commit (or content hash), if any. */
  public Optional<OperationsRecord> findIngested(String repositoryUrl, String commit, String name) {
    return db.selectFrom(OPERATIONS)
        .where(OPERATIONS.REPOSITORY_URL.eq(repositoryUrl))
        .and(OPERATIONS.GIT_COMMIT.eq(commit))
        .and(OPERATIONS.NAME.eq(name))
        .fetchOptional();
  }

  public OperationsRecord insert(
      UUID id,
      String name,
      String description,
      String specJson,
      Runner runner,
      boolean workspaceOperation,
      String repositoryUrl,
      String commit,
      String bundleUri,
      String image,
      List<String> categories) {
    return db.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          OperationsRecord row =
              t.insertInto(OPERATIONS)
                  .set(OPERATIONS.ID, id)
                  .set(OPERATIONS.NAME, name)
                  .set(OPERATIONS.DESCRIPTION, description)
                  .set(OPERATIONS.SPEC, JSONB.valueOf(specJson))
                  .set(OPERATIONS.SPEC_TEXT, specJson)
                  .set(OPERATIONS.RUNNER, runner)
                  .set(OPERATIONS.WORKSPACE_OPERATION, workspaceOperation)
                  .set(OPERATIONS.REPOSITORY_URL, repositoryUrl)
                  .set(OPERATIONS.GIT_COMMIT, commit)
                  .set(OPERATIONS.BUNDLE_URI, bundleUri)
                  .set(OPERATIONS.IMAGE, image)
                  .returning()
                  .fetchOne();
          for (String c : categories) {
            t.insertInto(OPERATION_CATEGORIES)
                .set(OPERATION_CATEGORIES.OPERATION_ID, id)
                .set(OPERATION_CATEGORIES.CATEGORY, c)
                .onConflictDoNothing()
                .execute();
          }
          return row;
        });
  }

  public List<OperationsRecord> active() {
    return db.selectFrom(OPERATIONS)
        .where(OPERATIONS.IS_ACTIVE.isTrue())
        .orderBy(OPERATIONS.NAME, OPERATIONS.CREATED_AT)
        .fetch();
  }

  /** These operations by id, in one query. */
  public java.util.Map<UUID, OperationsRecord> byIds(java.util.Collection<UUID> ids) {
    return ids.isEmpty()
        ? java.util.Map.of()
        : db.selectFrom(OPERATIONS).where(OPERATIONS.ID.in(ids)).fetchMap(OPERATIONS.ID);
  }

  public Optional<OperationsRecord> find(UUID id) {
    return db.selectFrom(OPERATIONS).where(OPERATIONS.ID.eq(id)).fetchOptional();
  }

  /** Files an operation under a category; true if it was not filed there yet. */
  public boolean addCategory(UUID operation, String category) {
    return db.insertInto(OPERATION_CATEGORIES)
            .set(OPERATION_CATEGORIES.OPERATION_ID, operation)
            .set(OPERATION_CATEGORIES.CATEGORY, category)
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  /** The categories one operation is filed under, alphabetically. */
  public List<String> categoriesOf(UUID operation) {
    return db.select(OPERATION_CATEGORIES.CATEGORY)
        .from(OPERATION_CATEGORIES)
        .where(OPERATION_CATEGORIES.OPERATION_ID.eq(operation))
        .orderBy(OPERATION_CATEGORIES.CATEGORY)
        .fetch(OPERATION_CATEGORIES.CATEGORY);
  }

  /** The spec as ingested, its keys in their written order (the jsonb copy where none was kept). */
  public static String specAsWritten(OperationsRecord op) {
    return op.getSpecText() != null ? op.getSpecText() : op.getSpec().data();
  }

  public List<OperationCategoriesRecord> categories() {
    return db.selectFrom(OPERATION_CATEGORIES)
        .where(
            OPERATION_CATEGORIES.OPERATION_ID.in(
                db.select(OPERATIONS.ID).from(OPERATIONS).where(OPERATIONS.IS_ACTIVE.isTrue())))
        .orderBy(OPERATION_CATEGORIES.CATEGORY)
        .fetch();
  }
}
