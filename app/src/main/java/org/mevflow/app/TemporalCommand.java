package org.mevflow.app;

import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.List;
import java.util.concurrent.Callable;
import org.mevflow.workflows.operators.Search;
import org.mevflow.workflows.operators.SearchAttributeRegistration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./mevflow temporal ...}: set-up a Temporal cluster needs once. */
@Command(
    name = "temporal",
    description = "Set up a Temporal cluster for mevflow.",
    subcommands = {TemporalCommand.SearchAttributes.class})
class TemporalCommand {
  @Command(
      name = "search-attributes",
      description = {
        "Register mevflow's search attributes (Keyword) on a cluster; those present are kept.",
        "Needs operator rights on the namespace. The dev stack registers them itself."
      })
  static class SearchAttributes implements Callable<Integer> {
    @Mixin TemporalTarget temporal;

    @Override
    public Integer call() {
      WorkflowServiceStubs stubs = temporal.connect();
      try {
        List<String> added = SearchAttributeRegistration.register(stubs, temporal.namespace);
        for (var key : Search.ALL) {
          System.out.println(
              key.getName() + (added.contains(key.getName()) ? "  added" : "  already there"));
        }
        return 0;
      } finally {
        stubs.shutdown();
      }
    }
  }
}
