package org.mevflow.core.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Docker that runs {@code local_docker} operations ({@code mevflow.docker.*}): the CLI binary
 * (none: such operations answer 503 and ingestion still works), the host folder that holds each
 * run's folder and is mounted into the container at the same path (as WebMEV mounts its
 * OPERATION_EXECUTION_DIR), and each CLI call's timeout.
 */
@ConfigurationProperties("mevflow.docker")
public record DockerSettings(String binary, String executionDir, Duration timeout) {
  public DockerSettings {
    binary = binary == null ? "" : binary.strip();
    executionDir = executionDir == null ? "" : executionDir.strip();
    timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
  }

  public boolean configured() {
    return !binary.isEmpty();
  }

  /** The client of the configured CLI, runs under {@code fallbackDir} unless one is set. */
  public Optional<DockerCli> client(Path fallbackDir) {
    if (!configured()) {
      return Optional.empty();
    }
    return Optional.of(
        new DockerCli(
            Path.of(binary),
            executionDir.isEmpty() ? fallbackDir : Path.of(executionDir),
            timeout));
  }
}
