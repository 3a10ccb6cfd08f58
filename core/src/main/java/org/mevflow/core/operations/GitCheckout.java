package org.mevflow.core.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A repository at one commit, checked out with the system's git; every call has a time limit. */
public final class GitCheckout {
  private static final Pattern URL =
      Pattern.compile("^(https?|file|ssh)://\\S+$|^git@[\\w.-]+:\\S+$");
  private static final Pattern COMMIT = Pattern.compile("^[0-9a-fA-F]{7,40}$");
  private static final long LIMIT_SECONDS = 120;

  private GitCheckout() {}

  /** A folder inside a git work tree: its checked-out commit and its origin, if it has one. */
  public record WorkTree(String commit, Optional<String> remote) {}

  /**
   * Fetches {@code commit} (or the default branch's head) of {@code url} into {@code dir} and
   * checks it out. Only that commit is fetched where the server allows it (GitHub does); otherwise
   * the branches and tags are, and the commit is looked up among them. Sources whose own history is
   * shallow work either way, as long as they hold the commit.
   */
  public static String checkout(String url, String commit, Path dir)
      throws IOException, OperationSpec.Invalid {
    if (url == null || !URL.matcher(url).matches()) {
      throw new OperationSpec.Invalid("'" + url + "' is not a git repository URL");
    }
    if (commit != null && !COMMIT.matcher(commit).matches()) {
      throw new OperationSpec.Invalid("'" + commit + "' is not a commit hash");
    }
    java.nio.file.Files.createDirectories(dir);
    git(dir, "init", "--quiet");
    git(dir, "remote", "add", "origin", url);
    String target = commit == null ? "HEAD" : commit;
    boolean fetched;
    try {
      git(dir, "fetch", "--quiet", "--depth", "1", "origin", target);
      target = "FETCH_HEAD";
      fetched = true;
    } catch (OperationSpec.Invalid refused) {
      fetched = false;
    }
    if (!fetched) {
      git(dir, "fetch", "--quiet", "--tags", "origin", "+refs/heads/*:refs/remotes/origin/*");
      if (commit == null) {
        target = "refs/remotes/origin/HEAD";
        try {
          git(dir, "remote", "set-head", "origin", "--auto");
        } catch (OperationSpec.Invalid noHead) {
          target = "FETCH_HEAD";
        }
      }
    }
    try {
      git(dir, "checkout", "--quiet", "--detach", target);
    } catch (OperationSpec.Invalid missing) {
      throw new OperationSpec.Invalid(
          "commit " + commit + " is not in " + url + " (" + missing.getMessage() + ")");
    }
    String sha = git(dir, "rev-parse", "HEAD").strip();
    if (commit != null && !sha.startsWith(commit.toLowerCase(java.util.Locale.ROOT))) {
      throw new OperationSpec.Invalid("commit " + commit + " is not in " + url);
    }
    return sha;
  }

  /** The work tree whose root is {@code dir}, if git knows it as one. */
  public static Optional<WorkTree> workTree(Path dir) throws IOException {
    try {
      // only the root of a work tree: an operation is a repository, not a folder inside one
      Path top = Path.of(git(dir, "rev-parse", "--show-toplevel").strip());
      if (!top.toRealPath().equals(dir.toRealPath())) {
        return Optional.empty();
      }
      String commit = git(dir, "rev-parse", "HEAD").strip();
      Optional<String> remote;
      try {
        remote = Optional.of(git(dir, "remote", "get-url", "origin").strip());
      } catch (OperationSpec.Invalid none) {
        remote = Optional.empty();
      }
      return Optional.of(new WorkTree(commit, remote));
    } catch (OperationSpec.Invalid notGit) {
      return Optional.empty();
    }
  }

  private static String git(Path dir, String... args) throws IOException, OperationSpec.Invalid {
    List<String> command = new ArrayList<>(List.of("git"));
    if (dir != null) {
      command.addAll(List.of("-C", dir.toString()));
    }
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new OperationSpec.Invalid(
            "git " + args[0] + " took longer than " + LIMIT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new OperationSpec.Invalid("git " + args[0] + " failed: " + out.strip());
    }
    return out;
  }
}
