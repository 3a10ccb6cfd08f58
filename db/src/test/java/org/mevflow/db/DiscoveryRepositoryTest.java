package org.mevflow.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.DiscoveryStatus;
import org.mevflow.db.type.PublicDb;
import org.mevflow.testing.TestPostgres;

/** Discovery's rows: every write safe to repeat, as a retried activity repeats it. */
class DiscoveryRepositoryTest {
  final DSLContext db = DSL.using(TestPostgres.newDatabase().dataSource(), SQLDialect.POSTGRES);
  final DiscoveryRepository discoveries = new DiscoveryRepository(db);
  final DatasetRepository datasets = new DatasetRepository(db);
  static final LocalDate DAY = LocalDate.of(2026, 11, 24);

  @Test
  void aRunRowIsCreatedOncePerWorkflowRun() {
    long first = discoveries.begin(DAY, "discovery-2026-11-24", "run-a");
    assertThat(discoveries.begin(DAY, "discovery-2026-11-24", "run-a")).isEqualTo(first);
    assertThat(discoveries.begin(DAY, "discovery-2026-11-24", "run-b")).isNotEqualTo(first);
    assertThat(discoveries.find(first).getStatus()).isEqualTo(DiscoveryStatus.RUNNING);
  }

  @Test
  void runsAreInsertedOnceAndKnownDatasetsKeepTheirOrigin() {
    datasets.ensure(PublicDb.SRA, "SRR100");

    assertThat(discoveries.insertRuns(DAY, List.of("SRR100", "SRR101", "SRR102"))).isEqualTo(2);
    assertThat(discoveries.insertRuns(DAY, List.of("SRR100", "SRR101", "SRR102"))).isZero();

    assertThat(datasets.find(PublicDb.SRA, "SRR100").orElseThrow().getDiscoveredOn()).isNull();
    assertThat(datasets.find(PublicDb.SRA, "SRR101").orElseThrow().getDiscoveredOn())
        .isEqualTo(DAY);
    assertThat(datasets.find(PublicDb.SRA, "SRR101").orElseThrow().getStatus())
        .isEqualTo(DatasetStatus.QUEUED);
  }

  @Test
  void pendingIsTheDaysUntakenDatasetsPagedById() {
    discoveries.insertRuns(DAY, List.of("SRR201", "SRR202", "SRR203", "SRR204"));
    discoveries.insertRuns(DAY.plusDays(1), List.of("SRR205"));
    datasets.markComputing(PublicDb.SRA, "SRR202", "sketch-small", 5, "sketch-sra-SRR202", "r");

    List<DiscoveryRepository.Pending> first = discoveries.pending(DAY, 0, 2);
    assertThat(first)
        .extracting(DiscoveryRepository.Pending::accession)
        .containsExactly("SRR201", "SRR203");
    assertThat(discoveries.pending(DAY, first.get(1).id(), 2))
        .extracting(DiscoveryRepository.Pending::accession)
        .containsExactly("SRR204");
  }

  @Test
  void countsAndTheEndAreRecordedAndNewDatasetsCountedFromTheRows() {
    long row = discoveries.begin(DAY, "discovery-2026-11-24", "run-c");
    discoveries.insertRuns(DAY, List.of("SRR301", "SRR302"));
    var counts = new DiscoveryRepository.Counts(9, 2, 2, 1, 1, 0, 0);

    discoveries.progress(row, counts);
    assertThat(discoveries.find(row).getInserted()).isEqualTo(2);
    assertThat(discoveries.find(row).getStatus()).isEqualTo(DiscoveryStatus.RUNNING);
    assertThat(discoveries.completed(DAY)).isFalse();

    discoveries.finish(row, DiscoveryStatus.COMPLETED, counts, null);
    var done = discoveries.find(row);
    assertThat(List.of(done.getFound(), done.getPages(), done.getStarted(), done.getComputed()))
        .containsExactly(9, 2, 2, 1);
    assertThat(done.getFinishedAt()).isNotNull();
    assertThat(done.getLastError()).isNull();
    assertThat(discoveries.completed(DAY)).isTrue();
  }

  @Test
  void theTriggerPausesAndResumesWithANote() {
    assertThat(discoveries.paused()).isFalse();
    discoveries.setPaused(true, "NCBI maintenance");
    assertThat(discoveries.paused()).isTrue();
    discoveries.setPaused(false, "back");
    assertThat(discoveries.paused()).isFalse();
  }
}
