package org.mevflow.core.signatures;

import java.io.IOException;
import java.util.Optional;
import org.mevflow.core.ncbi.AssemblySummary;
import org.mevflow.core.ncbi.Ncbi;
import org.mevflow.db.GenomeRepository;
import org.mevflow.db.jooq.tables.records.GenomeAssembliesRecord;

/**
 * An assembly's metadata, as wort keeps it: from the table the assembly summary was loaded into,
 * else looked up once in NCBI's E-utilities and stored, so that each assembly costs NCBI one
 * look-up. Wort answers a compute request for an assembly it has no metadata for with 404 "Metadata
 * not available"; so does mevflow, before any workflow starts.
 */
public final class GenomeMetadata {
  /** wort's answer for an assembly without metadata. */
  public static final String NOT_AVAILABLE = "Metadata not available";

  private final GenomeRepository genomes;
  private final Ncbi ncbi;

  public GenomeMetadata(GenomeRepository genomes, Ncbi ncbi) {
    this.genomes = genomes;
    this.ncbi = ncbi;
  }

  /** The assembly's metadata; empty when neither the table nor NCBI has it. */
  public Optional<GenomeRepository.Assembly> find(String accession) throws IOException {
    Optional<GenomeAssembliesRecord> row = genomes.find(accession);
    if (row.isPresent()) {
      return row.map(GenomeMetadata::of);
    }
    Optional<GenomeRepository.Assembly> looked =
        ncbi == null ? Optional.empty() : ncbi.assembly(accession);
    looked.ifPresent(a -> genomes.upsert(java.util.List.of(a)));
    return looked;
  }

  /** The stored metadata only (workers read what the API stored). */
  public static Optional<GenomeRepository.Assembly> stored(
      GenomeRepository genomes, String accession) {
    return genomes.find(accession).map(GenomeMetadata::of);
  }

  /** wort's signature name for the assembly, or the bare accession without metadata. */
  public static String signatureName(GenomeRepository genomes, String accession) {
    return stored(genomes, accession).map(AssemblySummary::signatureName).orElse(accession);
  }

  static GenomeRepository.Assembly of(GenomeAssembliesRecord r) {
    return new GenomeRepository.Assembly(
        r.getAccession(),
        r.getOrganismName(),
        r.getInfraspecificName(),
        r.getAsmName(),
        r.getFtpPath(),
        r.getSource());
  }
}
