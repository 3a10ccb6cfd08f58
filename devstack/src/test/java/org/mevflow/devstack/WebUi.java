package org.mevflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's Web UI driven in Debian's Chromium by {@code src/test/webui/find-workflow.mjs} (npm
 * playwright-core, installed once into mevflow's cache; it downloads no browser).
 */
final class WebUi {
  static final String PLAYWRIGHT = "1.65.1";

  private WebUi() {}

  /**
   * Searches the UI at {@code ui} with {@code query}, opens {@code workflowId} from the list and
   * finds {@code summary} on its page; screenshots go to {@code out}-list.png and {@code
   * out}-workflow.png. Answers the script's JSON line.
   */
  static String find(String ui, String query, String workflowId, String summary, Path out)
      throws IOException, InterruptedException {
    Path script = Path.of("src/test/webui/find-workflow.mjs").toAbsolutePath();
    return run(
        120,
        "node",
        script.toString(),
        module().toString(),
        ui,
        query,
        workflowId,
        summary,
        out.toString());
  }

  static synchronized Path module() throws IOException, InterruptedException {
    Path prefix = TemporalChoice.cache().resolve("playwright").resolve(PLAYWRIGHT);
    Path dir = prefix.resolve("node_modules").resolve("playwright-core");
    if (!Files.exists(dir.resolve("package.json"))) {
      Files.createDirectories(prefix);
      String out =
          run(
              300,
              "npm",
              "install",
              "--prefix",
              prefix.toString(),
              "--no-audit",
              "--no-fund",
              "--loglevel=error",
              "playwright-core@" + PLAYWRIGHT);
      assertThat(dir.resolve("package.json"))
          .as("npm playwright-core@" + PLAYWRIGHT + " installed:\n" + out)
          .exists();
    }
    return dir;
  }

  private static String run(int seconds, String... command)
      throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(command));
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).as(String.join(" ", args)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", args) + ":\n" + out).isZero();
    return out.strip();
  }
}
