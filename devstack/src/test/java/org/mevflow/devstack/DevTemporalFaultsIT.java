package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./mevflow dev} when its Temporal server cannot run: each case ends in one line saying
 * what, where and what to do, with a non-zero exit (or, without the binary, a fallback that says
 * what it lacks), no stack trace, and nothing left running.
 */
class DevTemporalFaultsIT {
  @TempDir Path dir;

  private Map<String, String> env(String home) throws Exception {
    return Launcher.devEnv(dir.resolve(home), Launcher.freePort(), "cli");
  }

  @Test
  void withoutTheBinaryCliIsRefusedAndAutoFallsBackSayingSo() throws Exception {
    Map<String, String> env = env("nobinary");
    env.put("MEVFLOW_TEMPORAL_BIN", dir.resolve("no-such-temporal").toString());
    Launcher.Result refused = Launcher.run("", env, "dev");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.output())
        .contains("mevflow dev: Temporal's CLI is not installed (scripts/install-temporal")
        .contains("(--temporal=cli)")
        .doesNotContain("\tat ");

    env.put("MEVFLOW_TEMPORAL", "auto");
    try (Launcher dev = Launcher.start(dir.resolve("fallback.log"), env, "dev")) {
      dev.awaitOutput("Ctrl-C stops everything.");
      assertThat(dev.output())
          .contains("Temporal's CLI is not installed")
          .contains("falling back to the Java test server")
          .contains("namespace default (Java test server, in memory: no Web UI, no visibility")
          .doesNotContain("Web UI       http");
      dev.stop();
    }
  }

  @Test
  void aTakenPortIsNamedWithTheSettingThatMovesIt() throws Exception {
    Map<String, String> env = env("taken");
    int port = Integer.parseInt(env.get("MEVFLOW_TEMPORAL_PORT"));
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", port));
      Launcher.Result r = Launcher.run("", env, "dev");
      assertThat(r.exitCode()).isEqualTo(1);
      assertThat(r.output())
          .contains(
              "port "
                  + port
                  + " on 127.0.0.1 for Temporal's frontend is in use: stop what listens there or"
                  + " set MEVFLOW_TEMPORAL_PORT")
          .doesNotContain("\tat ");
    }
    assertThat(dir.resolve("taken/temporal/server.pid")).doesNotExist();
  }

  @Test
  void aCorruptDatabaseFileIsNamedAndNothingKeepsRunning() throws Exception {
    Map<String, String> env = env("corrupt");
    Path db = dir.resolve("corrupt/temporal/temporal.db");
    Files.createDirectories(db.getParent());
    Files.writeString(db, "this is not an SQLite database, whatever its name says\n".repeat(200));
    Launcher.Result r = Launcher.run("", env, "dev");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.output())
        .contains("mevflow dev: Temporal's dev server exited with")
        .contains("(data " + db + ")")
        .contains("a corrupt temporal.db can be moved away")
        .doesNotContain("\tat ");
    assertThat(dir.resolve("corrupt/temporal/server.pid")).doesNotExist();
  }
}
