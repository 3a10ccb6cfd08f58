package org.mevflow.db;

import static org.mevflow.db.jooq.Tables.GENOME_ASSEMBLIES;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.mevflow.db.jooq.tables.records.GenomeAssembliesRecord;

/** Genome metadata: NCBI's assembly summary rows, by assembly accession. */
public class GenomeRepository {
  private final DSLContext db;

  public GenomeRepository(DSLContext db) {
    this.db = db;
  }

  /** One assembly's metadata. {@code source} is SUMMARY (a loaded file) or EUTILS (a look-up). */
  public record Assembly(
      String accession,
      String organismName,
      String infraspecificName,
      String asmName,
      String ftpPath,
      String source) {}

  public Optional<GenomeAssembliesRecord> find(String accession) {
    return db.selectFrom(GENOME_ASSEMBLIES)
        .where(GENOME_ASSEMBLIES.ACCESSION.eq(accession))
        .fetchOptional();
  }

  /** Inserts or replaces the rows, in one statement per batch; how many were written. */
  public int upsert(List<Assembly> rows) {
    if (rows.isEmpty()) {
      return 0;
    }
    OffsetDateTime now = OffsetDateTime.now();
    var insert =
        db.insertInto(
            GENOME_ASSEMBLIES,
            GENOME_ASSEMBLIES.ACCESSION,
            GENOME_ASSEMBLIES.ORGANISM_NAME,
            GENOME_ASSEMBLIES.INFRASPECIFIC_NAME,
            GENOME_ASSEMBLIES.ASM_NAME,
            GENOME_ASSEMBLIES.FTP_PATH,
            GENOME_ASSEMBLIES.SOURCE,
            GENOME_ASSEMBLIES.UPDATED_AT);
    for (Assembly a : rows) {
      insert =
          insert.values(
              a.accession(),
              a.organismName(),
              a.infraspecificName(),
              a.asmName(),
              a.ftpPath(),
              a.source(),
              now);
    }
    return insert
        .onConflict(GENOME_ASSEMBLIES.ACCESSION)
        .doUpdate()
        .set(
            GENOME_ASSEMBLIES.ORGANISM_NAME,
            org.jooq.impl.DSL.excluded(GENOME_ASSEMBLIES.ORGANISM_NAME))
        .set(
            GENOME_ASSEMBLIES.INFRASPECIFIC_NAME,
            org.jooq.impl.DSL.excluded(GENOME_ASSEMBLIES.INFRASPECIFIC_NAME))
        .set(GENOME_ASSEMBLIES.ASM_NAME, org.jooq.impl.DSL.excluded(GENOME_ASSEMBLIES.ASM_NAME))
        .set(GENOME_ASSEMBLIES.FTP_PATH, org.jooq.impl.DSL.excluded(GENOME_ASSEMBLIES.FTP_PATH))
        .set(GENOME_ASSEMBLIES.SOURCE, org.jooq.impl.DSL.excluded(GENOME_ASSEMBLIES.SOURCE))
        .set(GENOME_ASSEMBLIES.UPDATED_AT, now)
        .execute();
  }

  public long count() {
    return db.fetchCount(GENOME_ASSEMBLIES);
  }
}
