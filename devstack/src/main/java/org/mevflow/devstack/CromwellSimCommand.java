package org.mevflow.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mevflow.app.ServiceCommands;
import org.mevflow.simulators.cromwell.CromwellSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./mevflow cromwell-sim}: the Cromwell simulator alone, as a process that outlives a dev
 * stack (so that a restarted stack resumes tracking jobs that kept running, as on a real Cromwell).
 * Point a stack at it with {@code MEVFLOW_CROMWELL_URL}.
 */
@Command(
    name = "cromwell-sim",
    description = {
      "Run the Cromwell simulator alone (checks every request against Cromwell's API document).",
      "Outputs go to local storage under --storage-root, as a dev stack's MEVFLOW_STORAGE_ROOT."
    })
class CromwellSimCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "0", description = "port on 127.0.0.1 (0: any free)")
  int port;

  @Option(
      names = "--storage-root",
      description = "local storage root shared with the stack (its MEVFLOW_HOME/storage)")
  Path storageRoot;

  @Option(
      names = "--object-store",
      description =
          "use the S3 store MEVFLOW_S3_ENDPOINT, _ACCESS_KEY and _SECRET_KEY name (a cluster's)"
              + " instead of local storage")
  boolean objectStore;

  @Option(names = "--scratch", description = "where jobs run (default: a folder under the root)")
  Path scratch;

  @Option(
      names = "--run-time",
      defaultValue = "PT10S",
      description = "how long each job runs (ISO-8601, default PT10S)")
  Duration runTime;

  @Override
  public Integer call() throws Exception {
    if (objectStore == (storageRoot != null)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "give either --storage-root or --object-store");
    }
    if (objectStore && scratch == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--object-store needs --scratch (where jobs run)");
    }
    CromwellSimulator simulator =
        objectStore
            ? CromwellSimulator.onStorage(objectStoreFromEnvironment(), scratch, port, runTime)
            : CromwellSimulator.onLocalStorage(
                storageRoot,
                scratch != null ? scratch : storageRoot.resolveSibling("cromwell-sim"),
                port,
                runTime);
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "cromwell-sim-shutdown"));
    System.out.println("Cromwell simulator listening on " + simulator.base());
    System.out.flush();
    ServiceCommands.keepRunning();
    return 0;
  }

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  private static org.mevflow.core.storage.ObjectStorage objectStoreFromEnvironment() {
    Map<String, String> env = System.getenv();
    return new org.mevflow.core.storage.StorageSettings(
            "s3",
            null,
            new org.mevflow.core.storage.StorageSettings.S3(
                env.getOrDefault("MEVFLOW_S3_REGION", "us-east-1"),
                env.get("MEVFLOW_S3_ENDPOINT"),
                Boolean.valueOf(env.getOrDefault("MEVFLOW_S3_PATH_STYLE", "true")),
                env.get("MEVFLOW_S3_ACCESS_KEY"),
                env.get("MEVFLOW_S3_SECRET_KEY")),
            null)
        .open();
  }
}
