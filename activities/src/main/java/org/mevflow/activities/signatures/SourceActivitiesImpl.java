package org.mevflow.activities.signatures;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.mevflow.core.ncbi.Ncbi;
import org.mevflow.core.text.Errors;
import org.mevflow.workflows.signatures.RunInfo;
import org.mevflow.workflows.signatures.SourceActivities;

/**
 * Run sizes from NCBI; genome URLs from the stored assembly metadata, else NCBI, or from a plain
 * template ({@code MEVFLOW_GENOMES_URL_TEMPLATE}, e.g. {@code
 * http://127.0.0.1:9000/{accession}.fna.gz}).
 */
public class SourceActivitiesImpl implements SourceActivities {
  private final Ncbi ncbi;
  private final String genomeUrlTemplate;

  private final org.mevflow.db.GenomeRepository genomes;

  public SourceActivitiesImpl(Ncbi ncbi, String genomeUrlTemplate) {
    this(ncbi, genomeUrlTemplate, null);
  }

  /** With {@code genomes}, an assembly's folder is read from its stored metadata first. */
  public SourceActivitiesImpl(
      Ncbi ncbi, String genomeUrlTemplate, org.mevflow.db.GenomeRepository genomes) {
    this.genomes = genomes;
    this.ncbi = ncbi;
    this.genomeUrlTemplate =
        genomeUrlTemplate == null || genomeUrlTemplate.isBlank() ? null : genomeUrlTemplate;
  }

  @Override
  public RunInfo lookupRun(String accession) {
    try {
      return ncbi.runInfo(accession);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "NCBI runinfo for " + accession + ": " + Errors.describe(e), e);
    }
  }

  @Override
  public String resolveGenome(String accession) {
    if (genomeUrlTemplate != null) {
      return genomeUrlTemplate.replace("{accession}", accession);
    }
    if (genomes != null) {
      var stored = org.mevflow.core.signatures.GenomeMetadata.stored(genomes, accession);
      if (stored.isPresent()) {
        return org.mevflow.core.ncbi.AssemblySummary.genomicUrl(stored.get().ftpPath());
      }
    }
    try {
      return ncbi.genomeUrl(accession).orElse(null);
    } catch (IOException e) {
      throw new UncheckedIOException("NCBI assembly " + accession + ": " + Errors.describe(e), e);
    }
  }
}
