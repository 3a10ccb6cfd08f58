package org.mevflow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Servers an earlier {@code ./mevflow dev} of the same home left running when it was killed (kill
 * -9 runs no shutdown hook; PostgreSQL and Temporal live in processes of their own). Each is found
 * by its pid file and recognised by its command line naming this home's data, so a process that
 * merely reuses the pid is never touched; it is stopped (SIGTERM, then SIGKILL after a bound) and
 * the launcher says so in one line.
 */
final class Leftovers {
  static final long STOP_SECONDS = 15;

  private Leftovers() {}

  /**
   * Stops the process named by line 1 of {@code pidFile} when its command line contains {@code
   * mark}; answers the line that says what was done, empty when nothing was left.
   */
  static Optional<String> stop(Path pidFile, String mark, String what) {
    return stop(pidFile, mark, what, "./mevflow dev");
  }

  /** As {@link #stop(Path, String, String)}, for servers a launcher named {@code by} started. */
  static Optional<String> stop(Path pidFile, String mark, String what, String by) {
    Optional<ProcessHandle> process = find(pidFile, mark);
    if (process.isEmpty()) {
      return Optional.empty();
    }
    ProcessHandle p = process.get();
    p.destroy();
    boolean ended = waitFor(p, STOP_SECONDS);
    if (!ended) {
      p.destroyForcibly();
      ended = waitFor(p, 5);
    }
    if (!ended) {
      throw new IllegalStateException(
          what + " left by an earlier " + by + " (pid " + p.pid() + ") does not stop: kill it");
    }
    return Optional.of(
        "stopped "
            + what
            + " (pid "
            + p.pid()
            + ") left running by an earlier "
            + by
            + " of "
            + pidFile.getParent());
  }

  static Optional<ProcessHandle> find(Path pidFile, String mark) {
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    long pid;
    try {
      String first = Files.readAllLines(pidFile).stream().findFirst().orElse("").strip();
      pid = Long.parseLong(first);
    } catch (IOException | NumberFormatException unreadable) {
      return Optional.empty();
    }
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> mentions(p, mark));
  }

  /** The full command line from /proc (ProcessHandle's is cut short on Linux). */
  private static boolean mentions(ProcessHandle p, String mark) {
    try {
      byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline"));
      return new String(raw).replace('\0', ' ').contains(mark);
    } catch (IOException | UnsupportedOperationException gone) {
      return p.info().commandLine().map(c -> c.contains(mark)).orElse(false);
    }
  }

  private static boolean waitFor(ProcessHandle p, long seconds) {
    try {
      p.onExit().get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    } catch (Exception timedOut) {
      return !p.isAlive();
    }
  }
}
