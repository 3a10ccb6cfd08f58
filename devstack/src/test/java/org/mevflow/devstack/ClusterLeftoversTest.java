package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After {@code ./mevflow cluster} was killed with -9, its servers run on and hold their ports; the
 * next start stops each one its pid files name whose command line names this cluster's home (or
 * PostgreSQL's data), and never a process that merely has a recorded pid.
 */
@Tag("component")
class ClusterLeftoversTest {
  @TempDir Path dir;

  @Test
  void theNextStartStopsWhatAKilledLauncherLeftAndNothingElse() throws Exception {
    Path home = dir.resolve("cluster");
    Path data = dir.resolve("pgdata");
    Files.createDirectories(home.resolve("nginx"));
    Files.createDirectories(home.resolve("postgres"));
    Files.createDirectories(home.resolve("mevflow"));
    // stand-ins whose command lines name the home or the data, as the cluster's servers' do
    Process nginx = sleeper(home.resolve("nginx").toString());
    Process postgres = sleeper(data.toString());
    // a process with a recorded pid that is not the cluster's (the pid was reused)
    Process stranger = sleeper(dir.resolve("elsewhere").toString());
    try {
      Files.writeString(home.resolve("nginx/nginx.pid"), nginx.pid() + "\n");
      Files.writeString(home.resolve("postgres/postgres.pid"), postgres.pid() + "\n");
      Files.writeString(home.resolve("mevflow/worker.pid"), stranger.pid() + "\n");

      ClusterCommand.stopLeftovers(home, data);

      assertThat(nginx.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(postgres.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(stranger.isAlive()).isTrue();
    } finally {
      nginx.destroyForcibly();
      postgres.destroyForcibly();
      stranger.destroyForcibly();
    }
  }

  /** A process that sleeps with {@code mark} in its command line. */
  private static Process sleeper(String mark) throws Exception {
    return new ProcessBuilder("python3", "-c", "import time; time.sleep(300)", mark)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }
}
