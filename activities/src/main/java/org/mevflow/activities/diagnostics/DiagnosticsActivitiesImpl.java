package org.mevflow.activities.diagnostics;

import java.lang.management.ManagementFactory;
import org.jooq.DSLContext;
import org.mevflow.workflows.diagnostics.DiagnosticsActivities;
import org.mevflow.workflows.diagnostics.Probe;

public class DiagnosticsActivitiesImpl implements DiagnosticsActivities {
  private final DSLContext db;

  public DiagnosticsActivitiesImpl(DSLContext db) {
    this.db = db;
  }

  @Override
  public Probe probe(String taskQueue) {
    // A database that does not answer fails the activity, which the workflow retries: the caller
    // learns "unreachable" only from a probe that could not complete at all.
    String version = db.fetchValue("select version()").toString();
    return new Probe(taskQueue, ManagementFactory.getRuntimeMXBean().getName(), true, version);
  }
}
