package org.mevflow.core.operations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** A repository at one commit, checked out with the system's git; every call has a time limit. */
public final class GitCheckout {
  private static final Pattern URL =
      Pattern.compile("^(https?|file|ssh)://\\S+$|^git@[\\w.-]+:\\S+$");
  private static final Pattern COMMIT = Pattern.compile("^[0-9a-fA-F]{7,40}$");
  private static final long LIMIT_SECONDS = 120;

  private GitCheckout() {}

  /** Clones {@code url} into {@code dir} and checks out {@code commit} (or the default branch). */
  public static String checkout(String url, String commit, Path dir)
      throws IOException, OperationSpec.Invalid {
    if (url == null || !URL.matcher(url).matches()) {
      throw new OperationSpec.Invalid("'" + url + "' is not a git repository URL");
    }
    if (commit != null && !COMMIT.matcher(commit).matches()) {
      throw new OperationSpec.Invalid("'" + commit + "' is not a commit hash");
    }
    git(null, "clone", "--quiet", "--no-checkout", url, dir.toString());
    git(dir, "checkout", "--quiet", "--detach", commit == null ? "HEAD" : commit);
    return git(dir, "rev-parse", "HEAD").strip();
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
