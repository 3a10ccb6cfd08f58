package org.mevflow.db;

import static org.mevflow.db.jooq.Tables.DATASETS;
import static org.mevflow.db.jooq.Tables.DISCOVERY_RUNS;
import static org.mevflow.db.jooq.Tables.DISCOVERY_SCHEDULE;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep3;
import org.jooq.impl.DSL;
import org.mevflow.db.jooq.tables.records.DatasetsRecord;
import org.mevflow.db.jooq.tables.records.DiscoveryRunsRecord;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.DiscoveryStatus;
import org.mevflow.db.type.PublicDb;

/**
 * Daily discovery of new public SRA runs: one row per workflow run with its counts, the datasets
 * each day's search found ({@code datasets.discovered_on}), and the in-process trigger's pause
 * switch. Every write is idempotent, so a retried activity records nothing twice.
 */
public class DiscoveryRepository {
  private final DSLContext db;

  public DiscoveryRepository(DSLContext db) {
    this.db = db;
  }

  /**
   * A run's progress as the workflow counts it. How many datasets were new is not counted by the
   * workflow (a retried page would count twice) but read from the datasets themselves.
   */
  public record Counts(
      int found, int pages, int started, int computed, int missing, int failed, int joined) {}

  /** A dataset the day's search found that no workflow has taken yet. */
  public record Pending(long id, String accession) {}

  /** The run's row, created RUNNING on the first call for this workflow run. */
  public long begin(LocalDate day, String workflowId, String runId) {
    db.insertInto(DISCOVERY_RUNS)
        .set(DISCOVERY_RUNS.DAY, day)
        .set(DISCOVERY_RUNS.WORKFLOW_ID, workflowId)
        .set(DISCOVERY_RUNS.RUN_ID, runId)
        .onConflict(DISCOVERY_RUNS.WORKFLOW_ID, DISCOVERY_RUNS.RUN_ID)
        .doNothing()
        .execute();
    return db.select(DISCOVERY_RUNS.ID)
        .from(DISCOVERY_RUNS)
        .where(DISCOVERY_RUNS.WORKFLOW_ID.eq(workflowId).and(DISCOVERY_RUNS.RUN_ID.eq(runId)))
        .fetchSingle(DISCOVERY_RUNS.ID);
  }

  /**
   * Records SRA runs the day's search found: new ones become QUEUED datasets discovered on that
   * day; known ones are left as they are. Returns how many were new.
   */
  public int insertRuns(LocalDate day, Collection<String> accessions) {
    if (accessions.isEmpty()) {
      return 0;
    }
    InsertValuesStep3<DatasetsRecord, PublicDb, String, LocalDate> insert =
        db.insertInto(DATASETS, DATASETS.DB, DATASETS.ACCESSION, DATASETS.DISCOVERED_ON);
    for (String accession : accessions) {
      insert = insert.values(PublicDb.SRA, accession, day);
    }
    return insert.onConflict(DATASETS.DB, DATASETS.ACCESSION).doNothing().execute();
  }

  /** The day's datasets still waiting for a first sketch workflow, by id after {@code afterId}. */
  public List<Pending> pending(LocalDate day, long afterId, int limit) {
    return db.select(DATASETS.ID, DATASETS.ACCESSION)
        .from(DATASETS)
        .where(DATASETS.DISCOVERED_ON.eq(day))
        .and(DATASETS.ID.gt(afterId))
        .and(DATASETS.STATUS.eq(DatasetStatus.QUEUED))
        .and(DATASETS.WORKFLOW_ID.isNull())
        .orderBy(DATASETS.ID)
        .limit(limit)
        .fetch(r -> new Pending(r.value1(), r.value2()));
  }

  /** The counts so far; the run stays RUNNING. */
  public void progress(long id, Counts counts) {
    write(id, counts, null, null);
  }

  /** The run ended: COMPLETED, or FAILED with the reason. */
  public void finish(long id, DiscoveryStatus status, Counts counts, String error) {
    write(id, counts, status, error == null ? "" : error);
  }

  private void write(long id, Counts c, DiscoveryStatus status, String error) {
    var update =
        db.update(DISCOVERY_RUNS)
            .set(DISCOVERY_RUNS.FOUND, c.found())
            .set(DISCOVERY_RUNS.PAGES, c.pages())
            .set(
                DISCOVERY_RUNS.INSERTED,
                DSL.field(
                    DSL.selectCount()
                        .from(DATASETS)
                        .where(DATASETS.DISCOVERED_ON.eq(DISCOVERY_RUNS.DAY))))
            .set(DISCOVERY_RUNS.STARTED, c.started())
            .set(DISCOVERY_RUNS.COMPUTED, c.computed())
            .set(DISCOVERY_RUNS.MISSING, c.missing())
            .set(DISCOVERY_RUNS.FAILED, c.failed())
            .set(DISCOVERY_RUNS.JOINED, c.joined())
            .set(DISCOVERY_RUNS.UPDATED_AT, OffsetDateTime.now());
    if (status != null) {
      update =
          update
              .set(DISCOVERY_RUNS.STATUS, status)
              .set(DISCOVERY_RUNS.LAST_ERROR, error.isEmpty() ? null : error)
              .set(DISCOVERY_RUNS.FINISHED_AT, OffsetDateTime.now());
    }
    update.where(DISCOVERY_RUNS.ID.eq(id)).execute();
  }

  public DiscoveryRunsRecord find(long id) {
    return db.selectFrom(DISCOVERY_RUNS).where(DISCOVERY_RUNS.ID.eq(id)).fetchSingle();
  }

  /** Whether a run of this day completed. */
  public boolean completed(LocalDate day) {
    return db.fetchExists(
        DISCOVERY_RUNS,
        DISCOVERY_RUNS.DAY.eq(day).and(DISCOVERY_RUNS.STATUS.eq(DiscoveryStatus.COMPLETED)));
  }

  /** Newest first. */
  public List<DiscoveryRunsRecord> recent(int limit) {
    return db.selectFrom(DISCOVERY_RUNS)
        .orderBy(DISCOVERY_RUNS.STARTED_AT.desc(), DISCOVERY_RUNS.ID.desc())
        .limit(limit)
        .fetch();
  }

  /** Whether the in-process daily trigger is paused. */
  public boolean paused() {
    return db.select(DISCOVERY_SCHEDULE.PAUSED)
        .from(DISCOVERY_SCHEDULE)
        .fetchOptional(DISCOVERY_SCHEDULE.PAUSED)
        .orElse(false);
  }

  /** Pauses or resumes the in-process daily trigger, with an operator's note. */
  public void setPaused(boolean paused, String note) {
    db.insertInto(DISCOVERY_SCHEDULE)
        .set(DISCOVERY_SCHEDULE.ID, (short) 1)
        .set(DISCOVERY_SCHEDULE.PAUSED, paused)
        .set(DISCOVERY_SCHEDULE.NOTE, note)
        .onConflict(DISCOVERY_SCHEDULE.ID)
        .doUpdate()
        .set(DISCOVERY_SCHEDULE.PAUSED, paused)
        .set(DISCOVERY_SCHEDULE.NOTE, note)
        .set(DISCOVERY_SCHEDULE.UPDATED_AT, OffsetDateTime.now())
        .execute();
  }
}
