package org.mevflow.core.resources;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every resource type on a good file and on bad ones, with the reason a person would act on. */
class ResourceValidatorTest {
  @TempDir Path dir;

  private Validation check(String content, ResourceType type, String format) throws IOException {
    Path file = Files.writeString(dir.resolve("in"), content);
    return ResourceValidator.validate(file, type, format, dir.resolve("standard.tsv"));
  }

  private static String tsv(String... lines) {
    return String.join("\n", lines).replace('|', '\t') + "\n";
  }

  @ParameterizedTest(name = "{0} accepts its table")
  @CsvSource({"MTX", "I_MTX", "EXP_MTX", "RNASEQ_COUNT_MTX", "ANN", "FT"})
  void eachTableTypeAcceptsAGoodTable(ResourceType type) throws IOException {
    Validation v = check(tsv("gene|s1|s2", "TP53|1|2", "BRCA1|3|0"), type, "tsv");
    assertThat(v.valid()).as(v.message()).isTrue();
    assertThat(v.rows()).isEqualTo(2);
    assertThat(v.columns()).isEqualTo(2);
    assertThat(dir.resolve("standard.tsv")).hasContent("gene\ts1\ts2\nTP53\t1\t2\nBRCA1\t3\t0");
  }

  @Test
  void csvIsReadWithQuotesAndStoredAsTsv() throws IOException {
    Validation v = check("gene,\"sample, one\",s2\nTP53,1.5,2e3\n", ResourceType.EXP_MTX, "csv");
    assertThat(v.valid()).as(v.message()).isTrue();
    assertThat(dir.resolve("standard.tsv")).hasContent("gene\tsample, one\ts2\nTP53\t1.5\t2e3");
  }

  @ParameterizedTest(name = "{1}: {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "gene|s1|s2/TP53|1|x; EXP_MTX; line 2, column 's2': 'x' is not a number",
        "gene|s1|s2/TP53|1|2.5; I_MTX; line 2, column 's2': '2.5' is not a whole number",
        "gene|s1|s2/TP53|1|-2; RNASEQ_COUNT_MTX; line 2, column 's2': '-2' is negative",
        "gene|s1|s2/TP53|1|NA; RNASEQ_COUNT_MTX; line 2, column 's2': 'NA' is not a count",
        "gene|s1|s2/TP53|1; MTX; line 2: 2 fields, but the header has 3",
        "gene|s1|s2/TP53|1|2/TP53|3|4; ANN; line 3: row name 'TP53' appears twice",
        "gene|s1|s1/TP53|1|2; FT; line 1: column 's1' appears twice",
        "gene,s1,s2/TP53,1,2; MTX; is it comma-separated? choose CSV",
        "gene|s1; MTX; the table has a header but no rows",
        "' '; MTX; the file is empty"
      })
  void badTablesSayWhatAndWhere(String content, ResourceType type, String reason)
      throws IOException {
    Validation v = check(tsv(content.split("/")), type, "tsv");
    assertThat(v.valid()).isFalse();
    assertThat(v.message()).contains(reason);
  }

  @Test
  void missingValuesAreAllowedInNumericTablesButNotCounts() throws IOException {
    assertThat(check(tsv("g|a|b", "x|NA|"), ResourceType.EXP_MTX, "tsv").valid()).isTrue();
    assertThat(check(tsv("g|a|b", "x|NA|1"), ResourceType.RNASEQ_COUNT_MTX, "tsv").valid())
        .isFalse();
  }

  @Test
  void aTableFormatMustFitTheType() throws IOException {
    Validation v = check(tsv("g|a", "x|1"), ResourceType.MTX, "xlsx");
    assertThat(v.message()).contains("must be one of [tsv, csv]");
  }

  @Test
  void bedFiles() throws IOException {
    assertThat(check("chr1\t10\t20\nchr2\t5\t9\n", ResourceType.BED3, "bed").valid()).isTrue();
    assertThat(check("chr1\t10\n", ResourceType.BED3, "bed").message())
        .contains("line 1: 2 tab-separated fields");
    assertThat(check("chr1\t30\t20\n", ResourceType.BED3, "bed").message())
        .contains("do not make an interval");
    assertThat(check("chr1\t1\t2\tn\t0\t+\n", ResourceType.BED6, "bed").valid()).isTrue();
    assertThat(check("chr1\t1\t2\tn\t0\tx\n", ResourceType.BED6, "bed").message())
        .contains("strand 'x'");
  }

  @Test
  void sequenceFilesPlainOrGzipped() throws IOException {
    assertThat(check(">a\nACGT\n", ResourceType.FA, "fasta").valid()).isTrue();
    assertThat(check("@r\nACGT\n+\nIIII\n", ResourceType.FQ, "fastq").valid()).isTrue();
    assertThat(check(">a\nACGT\n", ResourceType.FQ, "fastq").message())
        .contains("is FASTA, not FASTQ");
    assertThat(check("@r\nACGT\n+\nII\n", ResourceType.FQ, "fastq").message()).contains("line 4");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(">a\nACGT\n".getBytes());
    }
    Path file = Files.write(dir.resolve("seq.fa.gz"), gz.toByteArray());
    assertThat(ResourceValidator.validate(file, ResourceType.FA, "fa.gz", dir.resolve("s")).valid())
        .isTrue();
  }

  @Test
  void jsonAndAnything() throws IOException {
    assertThat(check("{\"a\": [1, 2]}", ResourceType.JSON, "json").valid()).isTrue();
    assertThat(check("{\"a\": [1, 2}", ResourceType.JSON, "json").message())
        .startsWith("not valid JSON");
    assertThat(check("\u0000\u0001 binary", ResourceType.ANY, "*").valid()).isTrue();
  }
}
