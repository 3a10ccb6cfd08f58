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
        "/gene|s1|s1/TP53|1|2; FT; line 2: column 's1' appears twice",
        "gene|s1|s2//TP53|1|x; EXP_MTX; line 3, column 's2': 'x' is not a number",
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
    assertThat(check("chr1\t10\t20\nchr2\t5\t9\n", ResourceType.BED3, "tsv").valid()).isTrue();
    assertThat(check("chr1\t10\n", ResourceType.BED3, "tsv").message())
        .contains("line 1: 2 tab-separated fields");
    assertThat(check("chr1\t30\t20\n", ResourceType.BED3, "tsv").message())
        .contains("do not make an interval");
    assertThat(check("chr1\t1\t2\tn\t0\t+\n", ResourceType.BED6, "tsv").valid()).isTrue();
    assertThat(check("chr1\t1\t2\tn\t0\tx\n", ResourceType.BED6, "tsv").message())
        .contains("strand 'x'");
  }

  @Test
  void sequenceFilesPlainOrGzipped() throws IOException {
    assertThat(check(">a\nACGT\n", ResourceType.FA, "fa").valid()).isTrue();
    assertThat(check("@r\nACGT\n+\nIIII\n", ResourceType.FQ, "fq").valid()).isTrue();
    assertThat(check(">a\nACGT\n", ResourceType.FQ, "fq").message())
        .contains("is FASTA, not FASTQ");
    assertThat(check("@r\nACGT\n+\nII\n", ResourceType.FQ, "fq").message()).contains("line 4");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(">a\nACGT\n".getBytes());
    }
    Path file = Files.write(dir.resolve("seq.fa.gz"), gz.toByteArray());
    assertThat(ResourceValidator.validate(file, ResourceType.FA, "fa", dir.resolve("s")).valid())
        .isTrue();
  }

  @Test
  void jsonAndAnything() throws IOException {
    assertThat(check("{\"a\": [1, 2]}", ResourceType.JSON, "json").valid()).isTrue();
    assertThat(check("{\"a\": [1, 2}", ResourceType.JSON, "json").message())
        .startsWith("not valid JSON");
    Validation any = check("\u0000\u0001 binary", ResourceType.ANY, "*");
    assertThat(any.valid()).isTrue();
    assertThat(any.message()).startsWith("stored unvalidated");
  }

  @Test
  void networksAreNumericTables() throws IOException {
    assertThat(check(tsv("|n1|n2", "n1|0|1", "n2|1|0"), ResourceType.NS, "tsv").valid()).isTrue();
    assertThat(check(tsv("|n1|n2", "n1|0|x"), ResourceType.NS, "tsv").message())
        .contains("is not a number");
  }

  @Test
  void narrowPeakIsBed6PlusFourNumbers() throws IOException {
    String good = "chr1\t100\t200\tpeak1\t0\t.\t5.2\t3.1\t-1\t50\n";
    assertThat(check(good, ResourceType.NRWPK, "tsv").valid()).isTrue();
    assertThat(check("chr1\t100\t200\tpeak1\t0\t.\n", ResourceType.NRWPK, "tsv").message())
        .contains("6 tab-separated fields, BED10 needs 10");
    assertThat(
            check("chr1\t100\t200\tp\t0\t.\t5.2\tx\t-1\t50\n", ResourceType.NRWPK, "tsv").message())
        .contains("pValue 'x' is not a number");
  }

  private Validation bytes(byte[] content, ResourceType type) throws IOException {
    Path file = Files.write(dir.resolve("f-" + type), content);
    return ResourceValidator.validate(
        file, type, type.acceptableFormats().get(0), dir.resolve("s"));
  }

  private static byte[] gzip(byte[] content) throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(content);
    }
    return gz.toByteArray();
  }

  @Test
  void binaryGenomicsFilesByTheirMagicNumbers() throws IOException {
    // BAM: BGZF (gzip) blocks whose data starts with "BAM\1", then the header length
    byte[] bam = gzip(new byte[] {'B', 'A', 'M', 1, 0, 0, 0, 0, 0, 0, 0, 0});
    assertThat(bytes(bam, ResourceType.ALN).valid()).isTrue();
    assertThat(bytes("@HD\tVN:1.6\n".getBytes(), ResourceType.ALN).message())
        .contains("not BGZF-compressed");
    assertThat(bytes(gzip("plain text".getBytes()), ResourceType.ALN).message())
        .contains("does not start with BAM");
    assertThat(bytes(new byte[] {'B', 'A', 'I', 1, 2, 0, 0, 0}, ResourceType.BAI).valid()).isTrue();
    assertThat(bytes("BAM".getBytes(), ResourceType.BAI).valid()).isFalse();
    // bigWig's magic 0x888FFC26, written little-endian as most files are
    byte[] bw = {0x26, (byte) 0xFC, (byte) 0x8F, (byte) 0x88, 4, 0};
    assertThat(bytes(bw, ResourceType.BIGWIG).valid()).isTrue();
    assertThat(bytes("track type=wiggle_0\n".getBytes(), ResourceType.BIGWIG).message())
        .contains("not a bigWig file");
  }

  @Test
  void textGenomeTracks() throws IOException {
    String wig =
        "track type=wiggle_0 name=cov\nvariableStep chrom=chr1 span=5\n100 1.5\n200 2\n"
            + "fixedStep chrom=chr2 start=10 step=5\n0.5\n1e-3\n";
    Validation w = check(wig, ResourceType.WIG, "*");
    assertThat(w.valid()).as(w.message()).isTrue();
    assertThat(w.rows()).isEqualTo(4);
    assertThat(check("100 1.5\n", ResourceType.WIG, "*").message())
        .contains("data before any variableStep or fixedStep");
    assertThat(check("fixedStep chrom=chr1\n1\n", ResourceType.WIG, "*").message())
        .contains("fixedStep needs start=");
    String bg = "track type=bedGraph\nchr1\t0\t100\t1.5\nchr1\t100\t200\t-0.25\n";
    assertThat(check(bg, ResourceType.BEDGRAPH, "*").valid()).isTrue();
    assertThat(check("chr1\t0\t100\n", ResourceType.BEDGRAPH, "*").message()).contains("3 fields");
    assertThat(check("chr1\t0\t100\tx\n", ResourceType.BEDGRAPH, "*").message())
        .contains("value 'x' is not a number");
  }

  @Test
  void aTableLineOverTheBoundIsRefusedBeforeItIsHeld() throws IOException {
    // a header of 3 million columns: 6 Mi characters on one line
    String header = "gene" + "\ts".repeat(3_000_000);
    Validation v = check(header + "\nTP53\t1\n", ResourceType.MTX, "tsv");
    assertThat(v.valid()).isFalse();
    assertThat(v.message()).startsWith("line 1 is longer than 4194304 characters");
    // a BED file without line breaks
    Validation bed = check("chr1\t1\t2" + "\t0".repeat(3_000_000), ResourceType.BED3, "tsv");
    assertThat(bed.message()).startsWith("line 1 is longer than");
  }

  @Test
  void duplicateRowNamesAreFoundWithoutHoldingTheNames() throws IOException {
    StringBuilder rows = new StringBuilder("gene\ts1\n");
    for (int i = 0; i < 200_000; i++) {
      rows.append('g').append(i).append("\t1\n");
    }
    rows.append("g123456\t2\n");
    Validation v = check(rows.toString(), ResourceType.MTX, "tsv");
    assertThat(v.message()).isEqualTo("line 200002: row name 'g123456' appears twice");
  }

  @Test
  void aSequenceBombIsRefusedAfterALittleOfIt() throws IOException {
    // 1 GiB of one base in about 1 MB of gzip: 1000 times, over the budget of 200
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    byte[] line = ("A".repeat((1 << 20) - 1) + "\n").getBytes();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(">bomb\n".getBytes());
      for (int i = 0; i < 1024; i++) {
        out.write(line);
      }
    }
    Path file = Files.write(dir.resolve("bomb.fa.gz"), gz.toByteArray());
    Validation v = ResourceValidator.validate(file, ResourceType.FA, "fa", dir.resolve("s"));
    assertThat(v.valid()).isFalse();
    assertThat(v.message())
        .isEqualTo(
            "the gzip data expands more than 200 times (sequences do not compress that well):"
                + " refused as a decompression bomb");
  }

  @Test
  void jsonIsReadAsTokensWithJacksonsBounds() throws IOException {
    assertThat(check("[1, {\"a\": null}]", ResourceType.JSON, "json").valid()).isTrue();
    assertThat(check("", ResourceType.JSON, "json").message())
        .isEqualTo("not valid JSON: the file is empty");
    assertThat(check("{} {}", ResourceType.JSON, "json").message())
        .startsWith("not valid JSON: more content after the first value");
    // nesting 100,000 deep: refused by depth, not by the stack or the heap
    Validation deep = check("[".repeat(100_000) + "]".repeat(100_000), ResourceType.JSON, "json");
    assertThat(deep.valid()).isFalse();
    assertThat(deep.message()).startsWith("not valid JSON").contains("nesting depth");
  }
}
