package org.mevflow.activities.diagnostics;

import java.lang.management.ManagementFactory;
import org.jooq.DSLContext;
import org.mevflow.workflows.diagnostics.DiagnosticsActivities;
import org.mevflow.workflows.diagnostics.Probe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class DiagnosticsActivitiesImpl implements DiagnosticsActivities {
  private static final Logger log = LoggerFactory.getLogger(DiagnosticsActivitiesImpl.class);

  private final DSLContext db;

  public DiagnosticsActivitiesImpl(DSLContext db) {
    this.db = db;
  }

  @Override
  public Probe probe(String taskQueue) {
    // A database that does not answer fails the activity, which the workflow retries: the caller
    // learns "unreachable" only from a probe that could not complete at all.
    String version = db.fetchValue("select version()").toString();
    log.info("probe answered on task queue {}", taskQueue);
    return new Probe(taskQueue, ManagementFactory.getRuntimeMXBean().getName(), true, version);
  }
}
