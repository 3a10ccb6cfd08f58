package org.mevflow.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mevflow.db.jooq.Tables.DATASETS;
import static org.mevflow.db.jooq.Tables.EXECUTIONS;
import static org.mevflow.db.jooq.Tables.OPERATIONS;
import static org.mevflow.db.jooq.Tables.USERS;
import static org.mevflow.db.jooq.Tables.WORKSPACES;

import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.ExecutionStatus;
import org.mevflow.db.type.PublicDb;
import org.mevflow.db.type.Runner;
import org.mevflow.testing.TestPostgres;

class MigrationsTest {

  @Test
  void applyToAnEmptyDatabaseAndAreIdempotent() {
    var empty = TestPostgres.newEmptyDatabase().dataSource();
    assertThat(Migrations.migrate(empty)).isGreaterThanOrEqualTo(1);
    assertThat(Migrations.migrate(empty)).isZero();

    List<String> tables =
        DSL.using(empty, SQLDialect.POSTGRES)
            .fetch(
                "select table_name from information_schema.tables"
                    + " where table_schema = 'public' and table_type = 'BASE TABLE'")
            .getValues(0, String.class);
    assertThat(tables)
        .contains(
            "users",
            "api_tokens",
            "workspaces",
            "resources",
            "workspace_resources",
            "operations",
            "executions",
            "datasets",
            "dataset_sketches",
            "submissions",
            "verifications");
  }

  @Test
  void statusColumnsRejectValuesOutsideTheirEnum() {
    DSLContext db = DSL.using(TestPostgres.newDatabase().dataSource(), SQLDialect.POSTGRES);
    assertThatThrownBy(
            () ->
                db.execute(
                    "insert into datasets (db, accession, status) values ('SRA', 'SRR1', 'DONE')"))
        .isInstanceOf(DataAccessException.class)
        .hasMessageContaining("datasets_status_check");

    db.insertInto(DATASETS)
        .set(DATASETS.DB, PublicDb.SRA)
        .set(DATASETS.ACCESSION, "SRR000001")
        .execute();
    assertThat(db.fetchOne(DATASETS).getStatus()).isEqualTo(DatasetStatus.QUEUED);
  }

  @Test
  void aComputedDatasetMustNameItsSignature() {
    DSLContext db = DSL.using(TestPostgres.newDatabase().dataSource(), SQLDialect.POSTGRES);
    assertThatThrownBy(
            () ->
                db.insertInto(DATASETS)
                    .set(DATASETS.DB, PublicDb.GENOMES)
                    .set(DATASETS.ACCESSION, "GCA_000000001.1")
                    .set(DATASETS.STATUS, DatasetStatus.COMPUTED)
                    .execute())
        .hasMessageContaining("datasets_computed_has_signature");
  }

  @Test
  void workspaceNamesAreUniquePerOwnerAndOperationsAreImmutable() {
    DSLContext db = DSL.using(TestPostgres.newDatabase().dataSource(), SQLDialect.POSTGRES);
    long owner =
        db.insertInto(USERS)
            .set(USERS.USERNAME, "ann")
            .set(USERS.EMAIL, "ann@example.org")
            .set(USERS.PASSWORD_HASH, "x")
            .returning(USERS.ID)
            .fetchOne()
            .getId();
    db.insertInto(WORKSPACES)
        .set(WORKSPACES.ID, UUID.randomUUID())
        .set(WORKSPACES.OWNER_ID, owner)
        .set(WORKSPACES.NAME, "w")
        .execute();
    assertThatThrownBy(
            () ->
                db.insertInto(WORKSPACES)
                    .set(WORKSPACES.ID, UUID.randomUUID())
                    .set(WORKSPACES.OWNER_ID, owner)
                    .set(WORKSPACES.NAME, "w")
                    .execute())
        .hasMessageContaining("workspaces_owner_name_key");

    UUID op = UUID.randomUUID();
    db.insertInto(OPERATIONS)
        .set(OPERATIONS.ID, op)
        .set(OPERATIONS.NAME, "Row sums")
        .set(OPERATIONS.SPEC, JSONB.valueOf("{\"name\":\"Row sums\"}"))
        .set(OPERATIONS.RUNNER, Runner.LOCAL)
        .set(OPERATIONS.BUNDLE_URI, "file:/ops/row-sums")
        .execute();
    assertThatThrownBy(
            () ->
                db.update(OPERATIONS)
                    .set(OPERATIONS.SPEC, JSONB.valueOf("{\"name\":\"changed\"}"))
                    .where(OPERATIONS.ID.eq(op))
                    .execute())
        .hasMessageContaining("immutable");
    // flags that are not part of what was ingested may change
    db.update(OPERATIONS).set(OPERATIONS.IS_ACTIVE, false).where(OPERATIONS.ID.eq(op)).execute();

    UUID exec = UUID.randomUUID();
    db.insertInto(EXECUTIONS)
        .set(EXECUTIONS.ID, exec)
        .set(EXECUTIONS.OPERATION_ID, op)
        .set(EXECUTIONS.OWNER_ID, owner)
        .set(EXECUTIONS.JOB_NAME, "j")
        .set(EXECUTIONS.RUNNER, Runner.LOCAL)
        .set(EXECUTIONS.INPUTS, JSONB.valueOf("{}"))
        .set(EXECUTIONS.WORKFLOW_ID, "analysis-" + exec)
        .execute();
    assertThat(db.fetchOne(EXECUTIONS).getStatus()).isEqualTo(ExecutionStatus.QUEUED);
  }
}
