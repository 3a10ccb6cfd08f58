package org.mevflow.core.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A git repository made by a test: an operation's files, committed. */
public final class LocalGitRepo {
  private LocalGitRepo() {}

  /** Copies {@code operation}'s files into a new repository at {@code dir}; returns the commit. */
  public static String create(Path operation, Path dir) throws IOException, InterruptedException {
    copyTree(operation, dir);
    git(dir, "init", "--quiet");
    return commit(dir, "operation");
  }

  /** Copies a folder and everything in it (file modes kept). */
  public static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (var files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** Commits everything in the repository at {@code dir}; returns the commit. */
  public static String commit(Path dir, String message) throws IOException, InterruptedException {
    git(dir, "add", "-A");
    git(
        dir,
        "-c",
        "user.name=test",
        "-c",
        "user.email=test@example.org",
        "commit",
        "--quiet",
        "-m",
        message);
    return git(dir, "rev-parse", "HEAD").strip();
  }

  public static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("git " + String.join(" ", args) + ": " + out);
    }
    return out;
  }
}
