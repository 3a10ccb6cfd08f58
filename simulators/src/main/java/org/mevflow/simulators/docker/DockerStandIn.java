package org.mevflow.simulators.docker;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The Docker CLI stand-in ({@code docker}, a Python 3 script in this package): for machines with no
 * Docker daemon, it checks the arguments of the commands mevflow's local_docker runner uses as the
 * real CLI does, builds images from a Dockerfile's ADD/COPY, and runs a container's command on the
 * host in a private mount namespace where the image's files are in place. Its state (images,
 * containers, logs) is kept beside the installed script.
 */
public final class DockerStandIn {
  private DockerStandIn() {}

  /** Writes the stand-in as {@code dir/docker} (executable); answers its path. */
  public static Path install(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve("docker");
    Path tmp = dir.resolve("docker.tmp");
    try (InputStream in = DockerStandIn.class.getResourceAsStream("docker")) {
      if (in == null) {
        throw new IOException("the docker stand-in is missing from the simulators jar");
      }
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return target;
  }
}
