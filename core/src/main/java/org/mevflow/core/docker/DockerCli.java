package org.mevflow.core.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Docker CLI, as WebMEV drives it for {@code local_docker} operations: {@code docker run -d
 * --name <execution> -v <dir>:<dir> -u <uid>:<gid> --env WORKDIR=<run folder> <image> <command>},
 * then {@code inspect}, {@code logs} and {@code rm}. Every call has a time limit; a call the CLI
 * refuses is a {@link DockerException} with its exit code and message.
 */
public final class DockerCli {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_OUTPUT = 1 << 20;

  private final Path binary;
  private final Path executionDir;
  private final Duration timeout;

  public DockerCli(Path binary, Path executionDir, Duration timeout) {
    this.binary = binary;
    this.executionDir = executionDir;
    this.timeout = timeout;
  }

  /** The folder mounted into every container, each run's folder inside it. */
  public Path executionDir() {
    return executionDir;
  }

  /** A refused or failed CLI call. */
  public static final class DockerException extends IOException {
    private final int exitCode;

    DockerException(String message, int exitCode) {
      super(message);
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }

    /** The CLI said the container does not exist. */
    public boolean noSuchContainer() {
      return getMessage().contains("No such container") || getMessage().contains("No such object");
    }
  }

  /** A container's state, as {@code docker inspect} gives it. */
  public record State(String status, int exitCode, boolean oomKilled, String error) {
    public boolean running() {
      return status.equals("running") || status.equals("created") || status.equals("restarting");
    }
  }

  /** Starts the container detached; answers its id. */
  public String run(String name, String image, Path runDir, long uid, long gid, List<String> cmd)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "run",
            "-d",
            "--name",
            name,
            "-v",
            executionDir + ":" + executionDir,
            "-u",
            uid + ":" + gid,
            "--env",
            "WORKDIR=" + runDir,
            image));
    args.addAll(cmd);
    return call(args).strip();
  }

  /** The container's state, empty if there is no such container. */
  public Optional<State> state(String name) throws IOException, InterruptedException {
    String out;
    try {
      out = call(List.of("inspect", "--type", "container", "--format", "{{json .State}}", name));
    } catch (DockerException e) {
      if (e.noSuchContainer()) {
        return Optional.empty();
      }
      throw e;
    }
    JsonNode s = JSON.readTree(out);
    return Optional.of(
        new State(
            s.path("Status").asText("unknown"),
            s.path("ExitCode").asInt(-1),
            s.path("OOMKilled").asBoolean(false),
            s.path("Error").asText("")));
  }

  /** The container's output and errors (the last MiB). */
  public String logs(String name) throws IOException, InterruptedException {
    return call(List.of("logs", name));
  }

  /** Removes the container, stopping it first if it runs; nothing if there is none. */
  public void remove(String name) throws IOException, InterruptedException {
    try {
      call(List.of("rm", "-f", name));
    } catch (DockerException e) {
      if (!e.noSuchContainer()) {
        throw e;
      }
    }
  }

  private String call(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(args);
    Path out = Files.createTempFile("docker-", ".out");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new DockerException(
            "docker " + args.get(0) + " did not answer in " + timeout.toSeconds() + " s", -1);
      }
      String text = tail(out);
      if (p.exitValue() != 0) {
        throw new DockerException(
            "docker " + args.get(0) + " exited with " + p.exitValue() + ": " + text.strip(),
            p.exitValue());
      }
      return text;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static String tail(Path file) throws IOException {
    long size = Files.size(file);
    if (size <= MAX_OUTPUT) {
      return Files.readString(file, StandardCharsets.UTF_8);
    }
    try (var ch = java.nio.channels.FileChannel.open(file)) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(MAX_OUTPUT);
      ch.read(buf, size - MAX_OUTPUT);
      return "..." + new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }
  }
}
