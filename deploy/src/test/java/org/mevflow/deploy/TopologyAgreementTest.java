package org.mevflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mevflow.core.ToolCache;
import org.mevflow.core.operations.OperationCatalog;
import org.mevflow.core.signatures.SignatureSettings;
import org.mevflow.workflows.TaskQueues;
import org.yaml.snakeyaml.Yaml;

/**
 * One description of the topology: {@code topology.yaml} (which {@code ./mevflow cluster} starts as
 * it is) against {@code compose.yaml} and {@code k8s/mevflow.yaml}, read as data: the same workers
 * with the same queues, drains and stop bounds, the same API replicas and probes, the same buckets,
 * the pinned Temporal release; every queue polled by exactly one kind of worker; the Kubernetes
 * manifests valid against Kubernetes' own schemas and carrying what a platform team expects.
 */
class TopologyAgreementTest {
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  static Map<String, Object> load(String file) throws IOException {
    try (Reader in = Files.newBufferedReader(Path.of(file))) {
      return map(new Yaml().load(in));
    }
  }

  static List<Map<String, Object>> loadAll(String file) throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(Path.of(file))) {
      for (Object doc : new Yaml().loadAll(in)) {
        docs.add(map(doc));
      }
    }
    return docs;
  }

  static List<String> commaList(Object value) {
    return Arrays.stream(String.valueOf(value).split(",")).map(String::strip).toList();
  }

  static Duration duration(Object text) {
    String t = String.valueOf(text);
    long n = Long.parseLong(t.substring(0, t.length() - 1));
    return t.endsWith("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
  }

  /** A worker of topology.yaml: its queues, replicas, drain, and the stop bound drain + 30 s. */
  record Worker(String name, List<String> queues, int replicas, Duration drain) {
    Duration stopBound() {
      return drain.plusSeconds(30);
    }
  }

  static Map<String, Worker> workers() throws IOException {
    Map<String, Worker> workers = new LinkedHashMap<>();
    map(load("topology.yaml").get("workers"))
        .forEach(
            (name, w) -> {
              @SuppressWarnings("unchecked")
              List<String> queues = (List<String>) map(w).get("queues");
              workers.put(
                  name,
                  new Worker(
                      name,
                      queues,
                      (Integer) map(w).get("replicas"),
                      duration(map(w).get("drain"))));
            });
    return workers;
  }

  static Map<String, Object> api() throws IOException {
    return map(load("topology.yaml").get("api"));
  }

  @SuppressWarnings("unchecked")
  static List<String> buckets() throws IOException {
    return (List<String>) load("topology.yaml").get("buckets");
  }

  /** The version a line {@code NAME=vX.Y.Z} of scripts/install-cluster pins, without the v. */
  static String pinned(String name) throws IOException {
    Matcher m =
        Pattern.compile("(?m)^" + name + "=v([0-9.]+)$")
            .matcher(Files.readString(Path.of("../scripts/install-cluster")));
    assertThat(m.find()).as(name + " pinned in scripts/install-cluster").isTrue();
    return m.group(1);
  }

  @Test
  void everyQueueIsPolledByExactlyOneKindOfWorkerAndEveryBucketIsMade() throws IOException {
    List<String> polled = new ArrayList<>();
    workers().values().forEach(w -> polled.addAll(w.queues()));
    assertThat(polled).containsExactlyInAnyOrderElementsOf(TaskQueues.ALL);
    SignatureSettings defaults = SignatureSettings.defaults();
    assertThat(buckets())
        .contains(
            "mevflow-resources",
            OperationCatalog.BUCKET,
            defaults.sraBucket(),
            defaults.genomesBucket(),
            defaults.imgBucket());
  }

  @Test
  void composeRunsTheTopologyOnTemporalsServerImageWithItsSchemaJob() throws IOException {
    Map<String, Object> services = map(load("compose.yaml").get("services"));
    for (Worker w : workers().values()) {
      Map<String, Object> service = map(services.get(w.name()));
      assertThat(service).as("compose service " + w.name()).isNotNull();
      assertThat(service.get("command")).isEqualTo(List.of("worker"));
      Map<String, Object> env = map(service.get("environment"));
      assertThat(commaList(env.get("MEVFLOW_WORKER_TASK_QUEUES"))).isEqualTo(w.queues());
      assertThat(duration(env.get("MEVFLOW_WORKER_SHUTDOWN_GRACE"))).isEqualTo(w.drain());
      assertThat(duration(service.get("stop_grace_period"))).isEqualTo(w.stopBound());
      assertThat(map(service.get("deploy")).get("replicas")).isEqualTo(w.replicas());
      assertThat(env.get("MEVFLOW_STORAGE")).isEqualTo("s3");
    }
    long workerServices =
        services.values().stream()
            .filter(s -> List.of("worker").equals(map(s).get("command")))
            .count();
    assertThat(workerServices).isEqualTo(workers().size());

    Map<String, Object> api = map(services.get("api"));
    assertThat(map(api.get("deploy")).get("replicas")).isEqualTo(api().get("replicas"));
    assertThat(list(map(api.get("healthcheck")).get("test")).toString())
        .contains((String) api().get("readiness"));
    assertThat(list(map(services.get("nginx")).get("volumes")).toString())
        .contains("./nginx.conf:/etc/nginx/nginx.conf");

    String buckets = list(map(services.get("objects-buckets")).get("entrypoint")).toString();
    for (String bucket : buckets()) {
      assertThat(buckets).contains(bucket);
    }

    // Temporal's server image and a schema job, at the release the cluster command pins
    String temporal = pinned("temporal");
    for (Object s : services.values()) {
      assertThat(String.valueOf(map(s).get("image"))).doesNotContain("auto-setup");
    }
    assertThat(map(services.get("temporal")).get("image"))
        .isEqualTo("temporalio/server:" + temporal);
    assertThat(map(services.get("temporal-schema")).get("image"))
        .isEqualTo("temporalio/admin-tools:" + temporal);
    assertThat(list(map(services.get("temporal-schema")).get("entrypoint")).toString())
        .contains("update-schema --schema-name postgresql/v12/temporal")
        .contains("update-schema --schema-name postgresql/v12/visibility");
    assertThat(map(map(map(services.get("temporal")).get("depends_on")).get("temporal-schema")))
        .containsEntry("condition", "service_completed_successfully");
    assertThat(map(services.get("temporal-ui")).get("image"))
        .isEqualTo("temporalio/ui:" + pinned("ui"));
  }

  @Test
  void kubernetesRunsTheTopologyWithProbesResourcesBudgetsAndSecretsByReference()
      throws IOException {
    Map<String, Map<String, Object>> deployments = new LinkedHashMap<>();
    List<String> budgets = new ArrayList<>();
    Map<String, Object> configMap = Map.of();
    for (Map<String, Object> d : loadAll("k8s/mevflow.yaml")) {
      String name = String.valueOf(map(d.get("metadata")).get("name"));
      switch (String.valueOf(d.get("kind"))) {
        case "Deployment" -> deployments.put(name, d);
        case "PodDisruptionBudget" ->
            budgets.add(
                String.valueOf(
                    map(map(map(d.get("spec")).get("selector")).get("matchLabels")).get("app")));
        case "ConfigMap" -> configMap = map(d.get("data"));
        default -> {}
      }
    }
    assertThat(configMap).containsKeys("TEMPORAL_ADDRESS", "MEVFLOW_DB_URL");
    assertThat(configMap.keySet()).noneMatch(k -> k.matches(".*(PASSWORD|SECRET).*"));

    for (Worker w : workers().values()) {
      Map<String, Object> d = deployments.get("mevflow-" + w.name());
      assertThat(d).as("Deployment mevflow-" + w.name()).isNotNull();
      Map<String, Object> spec = map(d.get("spec"));
      assertThat(spec.get("replicas")).isEqualTo(w.replicas());
      Map<String, Object> pod = map(map(spec.get("template")).get("spec"));
      assertThat(((Number) pod.get("terminationGracePeriodSeconds")).longValue())
          .as("a worker's grace period is its drain + 30 s")
          .isEqualTo(w.stopBound().toSeconds());
      Map<String, String> env = plainEnv(map(list(pod.get("containers")).get(0)));
      assertThat(commaList(env.get("MEVFLOW_WORKER_TASK_QUEUES"))).isEqualTo(w.queues());
      assertThat(duration(env.get("MEVFLOW_WORKER_SHUTDOWN_GRACE"))).isEqualTo(w.drain());
      assertThat(budgets).contains("mevflow-" + w.name());
    }
    assertThat(deployments).hasSize(workers().size() + 1);

    Map<String, Object> api = map(deployments.get("mevflow-api").get("spec"));
    assertThat(api.get("replicas")).isEqualTo(api().get("replicas"));
    Map<String, Object> apiContainer =
        map(list(map(map(api.get("template")).get("spec")).get("containers")).get(0));
    assertThat(map(map(apiContainer.get("readinessProbe")).get("httpGet")).get("path"))
        .isEqualTo(api().get("readiness"));
    assertThat(map(map(apiContainer.get("livenessProbe")).get("httpGet")).get("path"))
        .isEqualTo(api().get("liveness"));

    for (Map<String, Object> d : deployments.values()) {
      Map<String, Object> pod = map(map(map(d.get("spec")).get("template")).get("spec"));
      for (Object c : list(pod.get("containers"))) {
        Map<String, Object> container = map(c);
        String what = map(d.get("metadata")).get("name") + "/" + container.get("name");
        assertThat(container).as(what).containsKeys("readinessProbe", "livenessProbe", "resources");
        assertThat(map(map(container.get("resources")).get("requests")))
            .as(what)
            .containsKeys("cpu", "memory");
        assertThat(map(map(container.get("resources")).get("limits")))
            .as(what)
            .containsKey("memory");
        // credentials only by reference to the Secret, never as values here
        for (Object e : list(container.getOrDefault("env", List.of()))) {
          String name = String.valueOf(map(e).get("name"));
          if (name.matches(".*(PASSWORD|SECRET|KEY).*")) {
            assertThat(map(e))
                .as(what + " " + name)
                .doesNotContainKey("value")
                .containsKey("valueFrom");
          }
        }
        assertThat(list(container.getOrDefault("envFrom", List.of())).toString())
            .as(what + " takes its addresses from the ConfigMap")
            .contains("configMapRef");
      }
    }
  }

  private static Map<String, String> plainEnv(Map<String, Object> container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Object e : list(container.getOrDefault("env", List.of()))) {
      Object value = map(e).get("value");
      if (value != null) {
        env.put(String.valueOf(map(e).get("name")), String.valueOf(value));
      }
    }
    return env;
  }

  @Test
  void theKubernetesManifestsPassKubernetesOwnSchemas() throws Exception {
    Path validate = ToolCache.dir().resolve("bin/kubernetes-validate");
    assertThat(validate)
        .as("scripts/install-kubernetes-validate (mvn verify runs scripts/setup)")
        .isExecutable();
    Validation valid = validate(validate, Path.of("k8s/mevflow.yaml"));
    assertThat(valid.exitCode()).as(valid.output()).isZero();
    assertThat(valid.output())
        .contains("passed for resource deployment/mevflow-api")
        .doesNotContain("ERROR");

    // and the validator refuses what Kubernetes refuses (it is not a no-op)
    Path broken = Files.createTempFile("broken", ".yaml");
    try {
      Files.writeString(
          broken,
          Files.readString(Path.of("k8s/mevflow.yaml"))
              .replaceFirst("replicas: 2", "replicas: two"));
      Validation refused = validate(validate, broken);
      assertThat(refused.exitCode()).as(refused.output()).isNotZero();
      assertThat(refused.output()).contains("spec.replicas");
    } finally {
      Files.deleteIfExists(broken);
    }
  }

  record Validation(int exitCode, String output) {}

  private static Validation validate(Path validator, Path file) throws Exception {
    Process p =
        new ProcessBuilder(validator.toString(), "--strict", file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    return new Validation(p.exitValue(), out);
  }
}
