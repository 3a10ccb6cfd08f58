package org.mevflow.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * mevflow's own processes as {@code deploy/topology.yaml} describes them (packaged into the
 * launcher jar): the API's replicas, port and probes, each worker's queues, replicas and drain
 * bound, and the buckets every process shares. {@code ./mevflow cluster} starts exactly these; the
 * deploy files are checked against the same file.
 */
record ClusterTopology(Api api, List<Worker> workers, List<String> buckets) {
  static final String RESOURCE = "/org/mevflow/devstack/topology.yaml";

  /** A stopping JVM's time to close its connections after the drain. */
  static final Duration AFTER_DRAIN = Duration.ofSeconds(30);

  record Api(int replicas, int port, String readiness, String liveness) {}

  record Worker(
      String name, List<String> queues, int replicas, Duration drain, String javaOptions) {
    /** What a platform must give the process to stop before killing it. */
    Duration stopBound() {
      return drain.plus(AFTER_DRAIN);
    }
  }

  static ClusterTopology load() {
    try (InputStream in = ClusterTopology.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the launcher jar lacks " + RESOURCE);
      }
      return parse(new Yaml().load(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static ClusterTopology parse(Map<String, Object> yaml) {
    Map<String, Object> api = (Map<String, Object>) yaml.get("api");
    List<Worker> workers = new ArrayList<>();
    ((Map<String, Object>) yaml.get("workers"))
        .forEach(
            (name, value) -> {
              Map<String, Object> w = (Map<String, Object>) value;
              workers.add(
                  new Worker(
                      name,
                      List.copyOf((List<String>) w.get("queues")),
                      (Integer) w.get("replicas"),
                      duration((String) w.get("drain")),
                      (String) w.getOrDefault("java-options", "")));
            });
    return new ClusterTopology(
        new Api(
            (Integer) api.get("replicas"),
            (Integer) api.get("port"),
            (String) api.get("readiness"),
            (String) api.get("liveness")),
        List.copyOf(workers),
        List.copyOf((List<String>) yaml.get("buckets")));
  }

  /** {@code 90s} or {@code 2m}, as the deploy files write durations. */
  static Duration duration(String text) {
    String t = text.strip();
    long n = Long.parseLong(t.substring(0, t.length() - 1));
    return switch (t.charAt(t.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      default -> throw new IllegalArgumentException("not a duration in s or m: " + text);
    };
  }
}
