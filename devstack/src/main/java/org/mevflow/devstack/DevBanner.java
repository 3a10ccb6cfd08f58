package org.mevflow.devstack;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mevflow.app.DevHome;

/**
 * What {@code ./mevflow dev} prints once the stack is up: where each part is, and how to try it.
 */
final class DevBanner {
  private DevBanner() {}

  static void printBanner(
      int apiPort,
      DevTemporal temporal,
      EmbeddedDatabase db,
      DevHome home,
      String password,
      List<String> more) {
    String host = InetAddress.getLoopbackAddress().getHostAddress();
    String api = "http://" + host + ":" + apiPort;
    System.out.printf(
        """

        mevflow dev stack is up
          API          %s   (OpenAPI %s/v3/api-docs, Swagger UI %s/swagger-ui.html)
          health       %s/actuator/health
          Temporal     %s   namespace default (%s)
        %s  PostgreSQL   %s   (data in %s)
          storage      %s
          dev user     %s / %s   password: %s
          try          curl -u %s:%s -X POST %s/v1/auth/tokens
        %sCtrl-C stops everything.
        %n""",
        api,
        api,
        api,
        api,
        temporal.target(),
        temporal.describe(),
        webUiLine(temporal),
        db.jdbcUrl(),
        home.postgres(),
        home.storage(),
        DevSeed.DEV_USER,
        DevSeed.DEV_EMAIL,
        password,
        DevSeed.DEV_USER,
        password,
        api,
        more.stream().map(line -> line + "\n").collect(java.util.stream.Collectors.joining()));
    if (!onPath(System.getenv().getOrDefault("MEVFLOW_FASTQ_DUMP", "fastq-dump"))) {
      System.out.println(
          "  note         fastq-dump is not installed: SRA signatures will fail until"
              + " scripts/setup installs sra-toolkit (genomes work without it)");
    }
    System.out.flush();
  }

  private static String webUiLine(DevTemporal temporal) {
    return temporal
        .webUi()
        .map(
            ui ->
                "  Web UI       "
                    + ui
                    + "   (search: MevflowKind=\"sketch\" AND MevflowStatus=\"FAILED\")\n")
        .orElse("");
  }

  /** --infra-only: what the separate api and worker processes need to reach this stack. */
  static void printInfraBanner(
      DevTemporal temporal, EmbeddedDatabase db, DevHome home, List<String> more) {
    System.out.printf(
        """

        mevflow dev infrastructure is up (no API, no worker: run them as processes)
          Temporal     %s   namespace default (%s)
        %s  PostgreSQL   %s   (data in %s)
          storage      %s
        %s  env          TEMPORAL_ADDRESS=%s MEVFLOW_DB_URL='%s' MEVFLOW_DB_USER=%s
                       MEVFLOW_STORAGE_ROOT=%s MEVFLOW_SECRET=$(cat %s)
                       (run ./mevflow api and ./mevflow worker with these)
        Ctrl-C stops everything.
        %n""",
        temporal.target(),
        temporal.describe(),
        webUiLine(temporal),
        db.jdbcUrl(),
        home.postgres(),
        home.storage(),
        more.stream().map(line -> line + "\n").collect(java.util.stream.Collectors.joining()),
        temporal.target(),
        db.jdbcUrl(),
        EmbeddedDatabase.USER,
        home.storage(),
        home.secretFile());
    System.out.flush();
  }

  private static boolean onPath(String command) {
    if (command.contains("/")) {
      return Files.isExecutable(Path.of(command));
    }
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }
}
