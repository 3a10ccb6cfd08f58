package org.mevflow.core.sketch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.mevflow.core.ToolCache;
import org.mevflow.core.text.Errors;
import org.mevflow.core.text.Gzip;

/**
 * The real {@code sourmash} command line (pinned by {@code scripts/install-sourmash}), as wort runs
 * it: sequence text piped into {@code sourmash sketch dna -p <params> --name <name> -o <file> -}.
 * sourmash cannot read gzip from a pipe, so gzipped input is decompressed here first (wort pipes
 * {@code curl | zcat} the same way). Every call has a time limit; a refusal is a {@link Failed}
 * carrying the end of sourmash's own message.
 */
public final class SourmashCli {
  private static final int MAX_MESSAGE = 800;

  private final Path executable;
  private final Duration afterInput;

  /**
   * @param afterInput how long sourmash may take to write its signature once its input has ended
   */
  public SourmashCli(Path executable, Duration afterInput) {
    this.executable = executable;
    this.afterInput = afterInput;
  }

  /**
   * The executable to use: {@code MEVFLOW_SOURMASH}, else the one {@code scripts/setup} installs in
   * the tool cache ({@code <cache>/bin/sourmash}), else none.
   */
  public static Optional<Path> installed() {
    String set = System.getenv("MEVFLOW_SOURMASH");
    if (set != null && !set.isBlank()) {
      return Optional.of(Path.of(set));
    }
    Path cached = ToolCache.dir().resolve("bin").resolve("sourmash");
    return Files.isExecutable(cached) ? Optional.of(cached) : Optional.empty();
  }

  public Path executable() {
    return executable;
  }

  /** sourmash could not be run, or refused its input; the message is sourmash's own. */
  public static final class Failed extends IOException {
    private final boolean notRunnable;

    Failed(String message, boolean notRunnable) {
      super(message);
      this.notRunnable = notRunnable;
    }

    /** The executable itself is missing or not executable (retrying will not help). */
    public boolean notRunnable() {
      return notRunnable;
    }
  }

  /** {@code sourmash --version}'s answer, such as "sourmash 4.9.4". */
  public String version() throws IOException {
    Process p = start(List.of(executable.toString(), "--version"), null);
    try {
      p.getOutputStream().close();
      byte[] out = p.getInputStream().readNBytes(4096);
      if (!p.waitFor(afterInput.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new Failed("sourmash --version did not answer within " + afterInput, false);
      }
      String text = new String(out, StandardCharsets.UTF_8).strip();
      if (p.exitValue() != 0 || text.isEmpty()) {
        throw new Failed("sourmash --version exited with " + p.exitValue(), false);
      }
      return text.lines().findFirst().orElse(text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * Sketches {@code input} (FASTA or FASTQ, plain or gzipped) into {@code out} with {@code params}
   * (such as {@code k=21,k=31,k=51,scaled=1000,abund}) and {@code name}; {@code progress} hears the
   * count of bytes handed to sourmash as they go. An {@link IOException} from {@code input} itself
   * is thrown as it is (the caller decides whether its source is worth retrying).
   */
  public void sketchDna(
      InputStream input, String params, String name, Path out, LongConsumer progress)
      throws IOException {
    Path stderr = Files.createTempFile("sourmash-", ".err");
    try {
      Process p =
          start(
              List.of(
                  executable.toString(),
                  "sketch",
                  "dna",
                  "-p",
                  params,
                  "--name",
                  name,
                  "-o",
                  out.toString(),
                  "-"),
              stderr);
      try {
        feed(Gzip.plain(input), p, progress, stderr);
        if (!p.waitFor(afterInput.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new Failed(
              "sourmash did not finish within " + afterInput + " after its input ended", false);
        }
        if (p.exitValue() != 0) {
          throw new Failed(
              "sourmash sketch dna exited with " + p.exitValue() + tail(stderr), false);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      } finally {
        if (p.isAlive()) {
          p.destroyForcibly();
        }
      }
    } finally {
      Files.deleteIfExists(stderr);
    }
  }

  private Process start(List<String> command, Path stderr) throws Failed {
    ProcessBuilder builder = new ProcessBuilder(command);
    if (stderr != null) {
      builder.redirectError(stderr.toFile());
    } else {
      builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    }
    try {
      return builder.start();
    } catch (IOException e) {
      throw new Failed("cannot run sourmash ('" + executable + "'): " + Errors.describe(e), true);
    }
  }

  /** Copies the input into sourmash's stdin; sourmash dying mid-way is reported as its failure. */
  private static void feed(InputStream in, Process p, LongConsumer progress, Path stderr)
      throws IOException, InterruptedException {
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    try (OutputStream stdin = p.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        try {
          stdin.write(buffer, 0, n);
        } catch (IOException brokenPipe) {
          p.waitFor(10, TimeUnit.SECONDS);
          throw new Failed(
              "sourmash stopped reading its input"
                  + (p.isAlive() ? "" : " (exit " + p.exitValue() + ")")
                  + tail(stderr),
              false);
        }
        total += n;
        progress.accept(total);
      }
    }
  }

  private static String tail(Path stderr) {
    try {
      String text = Files.readString(stderr, StandardCharsets.UTF_8);
      // sourmash redraws its progress line with ANSI escapes; keep the words
      text = text.replaceAll("\u001B\\[[0-9;]*[A-Za-z]", "").strip();
      if (text.isEmpty()) {
        return "";
      }
      return ": "
          + (text.length() > MAX_MESSAGE
              ? "..." + text.substring(text.length() - MAX_MESSAGE)
              : text);
    } catch (IOException e) {
      return "";
    }
  }
}
