package org.mevflow.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mevflow.core.operations.OperationCatalog;
import org.mevflow.core.signatures.SignatureSettings;
import org.mevflow.workflows.TaskQueues;
import org.yaml.snakeyaml.Yaml;

/**
 * The compose file and the Kubernetes manifests, read as data and checked against the code: every
 * task queue has a worker (a queue nobody polls leaves its workflows waiting for ever), and the
 * processes share object storage whose buckets exist. Running them needs Docker, which CI lacks.
 */
class ManifestsTest {
  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    return (List<Object>) o;
  }

  static List<String> queues(String commaList) {
    return Arrays.stream(commaList.split(",")).map(String::strip).toList();
  }

  @Test
  void composeRunsAWorkerForEveryQueueOnSharedStorageWithItsBuckets() throws IOException {
    Map<String, Object> services;
    try (Reader in = Files.newBufferedReader(Path.of("compose.yaml"))) {
      services = map(map(new Yaml().load(in)).get("services"));
    }
    TreeSet<String> polled = new TreeSet<>();
    List<String> storages = new ArrayList<>();
    for (Object s : services.values()) {
      Map<String, Object> service = map(s);
      // a mevflow service's command is a list; other images' may be a plain string
      if (!(service.get("command") instanceof List<?> command)
          || !List.of("api", "worker").contains(command.get(0))) {
        continue;
      }
      Map<String, Object> env = map(service.get("environment"));
      storages.add(String.valueOf(env.get("MEVFLOW_STORAGE")));
      if (command.get(0).equals("worker")) {
        polled.addAll(queues((String) env.get("MEVFLOW_WORKER_TASK_QUEUES")));
      }
    }
    assertThat(polled).containsExactlyInAnyOrderElementsOf(TaskQueues.ALL);
    assertThat(storages).hasSize(3).containsOnly("s3");

    String buckets = list(map(services.get("minio-buckets")).get("entrypoint")).toString();
    SignatureSettings defaults = SignatureSettings.defaults();
    for (String bucket :
        List.of(
            "mevflow-resources",
            OperationCatalog.BUCKET,
            defaults.sraBucket(),
            defaults.genomesBucket())) {
      assertThat(buckets).contains("local/" + bucket);
    }
  }

  @Test
  void kubernetesRunsAWorkerForEveryQueue() throws IOException {
    TreeSet<String> polled = new TreeSet<>();
    try (Reader in = Files.newBufferedReader(Path.of("k8s/mevflow.yaml"))) {
      for (Object doc : new Yaml().loadAll(in)) {
        Map<String, Object> d = map(doc);
        if (!"Deployment".equals(d.get("kind"))) {
          continue;
        }
        Map<String, Object> pod = map(map(map(d.get("spec")).get("template")).get("spec"));
        for (Object c : list(pod.get("containers"))) {
          Map<String, Object> container = map(c);
          if (!List.of("worker").equals(container.get("args"))) {
            continue;
          }
          for (Object e : list(container.getOrDefault("env", List.of()))) {
            if ("MEVFLOW_WORKER_TASK_QUEUES".equals(map(e).get("name"))) {
              polled.addAll(queues((String) map(e).get("value")));
            }
          }
        }
      }
    }
    assertThat(polled).containsExactlyInAnyOrderElementsOf(TaskQueues.ALL);
  }
}
