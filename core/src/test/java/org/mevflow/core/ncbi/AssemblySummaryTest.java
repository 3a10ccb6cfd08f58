package org.mevflow.core.ncbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mevflow.db.GenomeRepository;

/**
 * NCBI's assembly summary (the recorded sample in ../shared/testdata/ncbi) read as wort's
 * add_dataset_info_genomes.py reads it, names as wort writes them, and the E-utilities look-up
 * against NCBI's answer shapes (known, unknown, suppressed).
 */
@Tag("component")
class AssemblySummaryTest {
  private static List<GenomeRepository.Assembly> read(BufferedReader in) throws Exception {
    List<GenomeRepository.Assembly> all = new ArrayList<>();
    AssemblySummary.read(in, 2, all::addAll);
    return all;
  }

  @Test
  void theRecordedSampleIsReadAndNamedAsWortNamesIt() throws Exception {
    Path sample =
        Path.of(System.getProperty("mevflow.shared", "../../shared"))
            .resolve("testdata/ncbi/assembly_summary-sample.txt");
    List<GenomeRepository.Assembly> rows;
    try (BufferedReader in = Files.newBufferedReader(sample)) {
      rows = read(in);
    }
    assertThat(rows).hasSize(1);
    GenomeRepository.Assembly a = rows.get(0);
    assertThat(a.accession()).isEqualTo("GCA_016787465.1");
    assertThat(a.organismName()).isEqualTo("Saprospiraceae bacterium");
    assertThat(a.asmName()).isEqualTo("ASM1678746v1");
    assertThat(a.ftpPath())
        .isEqualTo(
            "https://ftp.ncbi.nlm.nih.gov/genomes/all/GCA/016/787/465/GCA_016787465.1_ASM1678746v1");
    // wort's script keeps NCBI's "na" (a non-empty string) as the infraspecific name
    assertThat(AssemblySummary.signatureName(a))
        .isEqualTo("GCA_016787465.1 Saprospiraceae bacterium na, ASM1678746v1");
    assertThat(AssemblySummary.genomicUrl(a.ftpPath()))
        .endsWith("/GCA_016787465.1_ASM1678746v1/GCA_016787465.1_ASM1678746v1_genomic.fna.gz");
  }

  @Test
  void missingFtpPathsAreRebuiltAsWortRebuildsThemAndNamesAreCut() throws Exception {
    String header =
        "## comment\n#assembly_accession\torganism_name\tinfraspecific_name\tasm_name\tftp_path"
            + "\tgbrs_paired_asm\tpaired_asm_comp\n";
    String text =
        header
            + "GCA_000005845.2\tEscherichia coli str. K-12 substr. MG1655\tstrain=K-12\tASM584v2\tna"
            + "\tGCF_000005845.2\tidentical\n"
            + "GCA_000001405.29\tHomo sapiens\t\tGRCh38.p14\tna\tna\tna\n"
            + "GCA_000000003.1\t"
            + "x".repeat(200)
            + "\t\tASM3v1\thttps://ftp.ncbi.nlm.nih.gov/genomes/all/GCA/000/000/003/GCA_000000003.1_ASM3v1"
            + "\tna\tna\n";
    List<GenomeRepository.Assembly> rows = read(new BufferedReader(new StringReader(text)));
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0).ftpPath())
        .isEqualTo(
            "https://ftp.ncbi.nlm.nih.gov/genomes/all/GCF/000/005/845/GCF_000005845.2_ASM584v2");
    assertThat(rows.get(1).ftpPath())
        .isEqualTo(
            "https://ftp.ncbi.nlm.nih.gov/genomes/all/GCA/000/001/405/GCA_000001405.29_GRCh38.p14");
    assertThat(AssemblySummary.signatureName(rows.get(0)))
        .isEqualTo(
            "GCA_000005845.2 Escherichia coli str. K-12 substr. MG1655 strain=K-12, ASM584v2");
    assertThat(AssemblySummary.signatureName(rows.get(1)))
        .isEqualTo("GCA_000001405.29 Homo sapiens, GRCh38.p14");
    assertThat(AssemblySummary.signatureName(rows.get(2))).hasSize(128);

    assertThatThrownBy(() -> read(new BufferedReader(new StringReader("GCA_1\tx\n"))))
        .hasMessageContaining("no header line");
    assertThatThrownBy(
            () -> read(new BufferedReader(new StringReader(header + "GCA_000000009.1\tx\n"))))
        .hasMessageContaining("2 fields where the header has 7");
  }

  @Test
  void eutilsAnswersKnownUnknownAndSuppressedAssemblies() throws Exception {
    Path sample =
        Path.of(System.getProperty("mevflow.shared", "../../shared"))
            .resolve("testdata/ncbi/runinfo-sample.csv");
    try (NcbiStandIn ncbi = new NcbiStandIn(sample)) {
      ncbi.assemblyPaths.put(
          "GCA_000005845.2",
          "ftp://ftp.ncbi.nlm.nih.gov/genomes/all/GCA/000/005/845/GCA_000005845.2_ASM584v2");
      ncbi.assemblyStrains.put("GCA_000005845.2", "K-12");
      ncbi.assemblyPaths.put(
          "GCA_000000009.1",
          "ftp://ftp.ncbi.nlm.nih.gov/genomes/all/GCA/000/000/009/GCA_000000009.1_ASM9v1");
      ncbi.suppressed.add("GCA_000000009.1");
      Ncbi client =
          new Ncbi(
              java.net.http.HttpClient.newHttpClient(),
              ncbi.eutils(),
              null,
              java.time.Duration.ofSeconds(10));

      Optional<GenomeRepository.Assembly> known = client.assembly("GCA_000005845.2");
      assertThat(known).isPresent();
      // esummary adds the common name in parentheses; the summary's organism_name has none
      assertThat(known.get().organismName()).isEqualTo("Escherichia coli str. K-12 substr. MG1655");
      assertThat(known.get().infraspecificName()).isEqualTo("strain=K-12");
      assertThat(known.get().asmName()).isEqualTo("ASM584v2");
      assertThat(known.get().ftpPath()).startsWith("https://ftp.ncbi.nlm.nih.gov/");
      assertThat(AssemblySummary.signatureName(known.get()))
          .isEqualTo(
              "GCA_000005845.2 Escherichia coli str. K-12 substr. MG1655 strain=K-12, ASM584v2");

      assertThat(client.assembly("GCA_999999999.1")).isEmpty();
      assertThat(client.assembly("GCA_000000009.1")).isEmpty();
    }
  }
}
