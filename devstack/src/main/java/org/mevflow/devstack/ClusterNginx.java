package org.mevflow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * nginx in front of the API's replicas, as WebMEV puts nginx in front of its app server: requests
 * go round the replicas; a replica that refuses connections is skipped, and a request that could
 * not reach one is tried on the next only when repeating it is safe (nginx never re-sends a POST it
 * had begun to send); with no replica answering, clients get a 503 problem+json saying so. Stopped
 * with SIGQUIT (it finishes the requests it holds).
 */
final class ClusterNginx {
  private final ClusterBinaries binaries;
  private final Path dir;
  private final ClusterPorts ports;
  private final ClusterTopology topology;

  ClusterNginx(ClusterBinaries binaries, Path home, ClusterPorts ports, ClusterTopology topology) {
    this.binaries = binaries;
    this.dir = home.resolve("nginx");
    this.ports = ports;
    this.topology = topology;
  }

  Supervised start() throws IOException {
    Files.createDirectories(dir.resolve("tmp"));
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, config());
    List<String> command =
        List.of(
            binaries.nginx().toString(),
            "-p",
            dir.toString(),
            "-c",
            conf.toString(),
            "-e",
            dir.resolve("error.log").toString(),
            "-g",
            "daemon off;");
    Supervised nginx =
        Supervised.start(
            "nginx", command, Map.of(), dir, conf.toString(), "QUIT", Duration.ofSeconds(30));
    nginx.await(
        () ->
            ClusterCommand.answers200(
                "http://127.0.0.1:" + ports.nginx() + topology.api().readiness()),
        Duration.ofSeconds(30),
        "pass requests to the API");
    return nginx;
  }

  /**
   * deploy/nginx.conf (compose's), for this machine: its upstream lists the API's replicas on their
   * ports, it listens on 127.0.0.1, and its pid, logs and temporary files live in the home.
   */
  String config() throws IOException {
    String template;
    try (var in = ClusterNginx.class.getResourceAsStream("/org/mevflow/devstack/nginx.conf")) {
      if (in == null) {
        throw new IllegalStateException("the launcher jar lacks nginx.conf");
      }
      template = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    String upstreams =
        ClusterMevflow.apiPorts(ports).values().stream()
            .map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=5s;")
            .collect(Collectors.joining("\n"));
    boolean root = ClusterPostgres.uid() == 0;
    String tmp = dir.resolve("tmp").toString();
    String machine =
        (root ? "user root;\n" : "")
            + "pid "
            + dir.resolve("tmp/nginx.pid")
            + ";\nworker_processes";
    String http =
        "http {\n  access_log "
            + dir.resolve("access.log")
            + ";\n"
            + String.join(
                "",
                java.util.stream.Stream.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
                    .map(t -> "  " + t + "_temp_path " + tmp + "/" + t + ";\n")
                    .toList());
    String config = replaceOnce(template, "worker_processes", machine);
    config = replaceOnce(config, "http {\n", http);
    config =
        config.replaceFirst(
            "(?m)^    server api:8080 [^\n]*$",
            java.util.regex.Matcher.quoteReplacement(upstreams.replaceFirst("^    ", "    ")));
    config = replaceOnce(config, "listen 8080;", "listen 127.0.0.1:" + ports.nginx() + ";");
    return "# written by ./mevflow cluster at each start from deploy/nginx.conf\n" + config;
  }

  private static String replaceOnce(String text, String what, String with) {
    int at = text.indexOf(what);
    if (at < 0) {
      throw new IllegalStateException("deploy/nginx.conf lacks '" + what.strip() + "'");
    }
    return text.substring(0, at) + with + text.substring(at + what.length());
  }
}
