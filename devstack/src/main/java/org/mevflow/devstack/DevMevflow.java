package org.mevflow.devstack;

import org.mevflow.app.Mevflow;

/**
 * {@code ./mevflow}: the program's commands plus the development stack's ({@code dev}, {@code
 * cromwell-sim}). Only this jar carries the Java test server and embedded PostgreSQL; the
 * production image is built from module app and has neither.
 */
public final class DevMevflow {
  private DevMevflow() {}

  public static void main(String[] args) {
    Mevflow.run(args, DevCommand.class, ClusterCommand.class, CromwellSimCommand.class);
  }
}
