package org.mevflow.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import org.mevflow.core.sketch.MinHash;
import org.mevflow.core.sketch.ParamString;
import org.mevflow.core.sketch.SequenceFormatException;
import org.mevflow.core.sketch.Signature;
import org.mevflow.core.sketch.SignatureJson;
import org.mevflow.core.sketch.SketchParams;
import org.mevflow.core.sketch.Sketcher;
import org.mevflow.core.text.Errors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./mevflow sketch dna}: sourmash-compatible signatures, with nothing else running. */
@Command(
    name = "sketch",
    description = "Compute sourmash-compatible signatures.",
    subcommands = {SketchCommand.Dna.class})
class SketchCommand {

  @Command(
      name = "dna",
      description = {
        "Sketch DNA from FASTA/FASTQ (plain or gzip) like 'sourmash sketch dna'.",
        "One signature per input and parameter string; with --name, all inputs merge into one."
      })
  static class Dna implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "files, or - for stdin")
    List<String> inputs;

    @Option(
        names = {"-p", "--param-string"},
        paramLabel = "PARAMS",
        description = "e.g. k=21,k=31,k=51,scaled=1000,abund (default " + ParamString.DEFAULT + ")")
    List<String> paramStrings = new ArrayList<>();

    @Option(
        names = {"-o", "--output"},
        paramLabel = "OUT",
        description = "output file (.gz: gzipped); default: standard output")
    Path output;

    @Option(names = "--name", description = "name the signature (and merge all inputs into it)")
    String name;

    @Option(
        names = "--threads",
        defaultValue = "0",
        description = "hashing threads (default: all cores)")
    int threads;

    @Option(names = "--stats", description = "report sizes and speed on standard error")
    boolean stats;

    @Option(
        names = "--legacy-molecule",
        description = "write molecule \"dna\" as sourmash < 4.8.10 did, instead of \"DNA\"")
    boolean legacyMolecule;

    @Override
    public Integer call() throws IOException {
      List<List<SketchParams>> groups = new ArrayList<>();
      List<SketchParams> all = new ArrayList<>();
      try {
        for (String p : paramStrings.isEmpty() ? List.of(ParamString.DEFAULT) : paramStrings) {
          List<SketchParams> group = ParamString.parse(p);
          groups.add(group);
          all.addAll(group);
        }
      } catch (IllegalArgumentException e) {
        System.err.println("mevflow sketch: " + Errors.describe(e));
        return 2;
      }
      int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
      Sketcher sketcher = new Sketcher(all, n);
      List<Signature> signatures = new ArrayList<>();
      Sketcher.Session merged = name != null ? sketcher.start() : null;
      long started = System.nanoTime();
      for (String input : inputs) {
        Sketcher.Session session = merged != null ? merged : sketcher.start();
        try (InputStream in =
            input.equals("-") ? System.in : Files.newInputStream(Path.of(input))) {
          session.add(in, Sketcher.Progress.NONE);
        } catch (SequenceFormatException e) {
          System.err.println("mevflow sketch: " + display(input) + ": " + Errors.describe(e));
          return 1;
        } catch (java.nio.file.NoSuchFileException e) {
          System.err.println("mevflow sketch: " + input + ": no such file");
          return 1;
        }
        if (merged == null) {
          Sketcher.Result result = session.finish();
          report(input, result, started);
          signatures.addAll(split(groups, result.sketches(), null, filename(input)));
        }
      }
      if (merged != null) {
        Sketcher.Result result = merged.finish();
        report(name, result, started);
        // as sourmash: a merged signature records the last file it read
        signatures.addAll(
            split(groups, result.sketches(), name, filename(inputs.get(inputs.size() - 1))));
      }
      write(signatures);
      return 0;
    }

    private void report(String what, Sketcher.Result r, long startedNanos) {
      if (!stats) {
        return;
      }
      double seconds = (System.nanoTime() - startedNanos) / 1e9;
      System.err.printf(
          java.util.Locale.ROOT,
          "stats %s: records=%d bases=%d seconds=%.3f mbp_per_s=%.2f kept_hashes=%d"
              + " retained_bytes=%d bytes_per_hash=%.2f%n",
          display(what),
          r.records(),
          r.bases(),
          seconds,
          r.bases() / 1e6 / seconds,
          r.keptHashes(),
          r.retainedBytes(),
          r.keptHashes() == 0 ? 0.0 : (double) r.retainedBytes() / r.keptHashes());
    }

    /** One signature per parameter string, holding that string's sketches. */
    private static List<Signature> split(
        List<List<SketchParams>> groups, List<MinHash> sketches, String name, String filename) {
      List<Signature> out = new ArrayList<>();
      int at = 0;
      for (List<SketchParams> group : groups) {
        out.add(new Signature(name, filename, sketches.subList(at, at + group.size())));
        at += group.size();
      }
      return out;
    }

    private static String filename(String input) {
      return input.equals("-") ? "" : input;
    }

    private static String display(String input) {
      return input.equals("-") ? "standard input" : input;
    }

    /** To stdout, or to OUT through a temporary file: a failed run never leaves a partial OUT. */
    private void write(List<Signature> signatures) throws IOException {
      SignatureJson.MoleculeName molecule =
          legacyMolecule ? SignatureJson.MoleculeName.LEGACY : SignatureJson.MoleculeName.CURRENT;
      if (output == null) {
        SignatureJson.write(signatures, System.out, molecule);
        System.out.flush();
        return;
      }
      Path target = output.toAbsolutePath();
      Path tmp = Files.createTempFile(target.getParent(), ".mevflow-sketch-", ".tmp");
      try {
        try (OutputStream out =
            output.toString().endsWith(".gz")
                ? new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)
                : Files.newOutputStream(tmp)) {
          SignatureJson.write(signatures, out, molecule);
        }
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
