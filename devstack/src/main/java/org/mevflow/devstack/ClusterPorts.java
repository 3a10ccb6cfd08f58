package org.mevflow.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Where the cluster's servers listen, all on 127.0.0.1: nginx on its own port (the API's address),
 * everything else on {@link #COUNT} consecutive ports from {@code from}, in a fixed order, so that
 * an operator who moves one range moves them all.
 */
record ClusterPorts(int from, int nginx) {
  static final int COUNT = 30;

  /** The API's replicas take the ports from this offset on. */
  static final int API_OFFSET = 20;

  int postgres() {
    return from;
  }

  int temporal() {
    return from + 1;
  }

  /** Temporal's history, matching and worker services: gRPC, then membership ports. */
  int temporalService(int index) {
    return from + 2 + index;
  }

  int temporalMembership(int index) {
    return from + 5 + index;
  }

  int temporalMetrics() {
    return from + 9;
  }

  int temporalUi() {
    return from + 10;
  }

  int objectsMaster() {
    return from + 11;
  }

  int objectsVolume() {
    return from + 13;
  }

  int objectsFiler() {
    return from + 15;
  }

  int s3() {
    return from + 17;
  }

  int cromwellSim() {
    return from + 19;
  }

  int api(int replica) {
    return from + API_OFFSET + replica;
  }

  /** Fails with one line naming the first port something else holds. */
  void requireFree() {
    if (nginx >= from && nginx < from + COUNT) {
      throw new IllegalArgumentException(
          "the API's port "
              + nginx
              + " lies among the servers' ports "
              + from
              + "-"
              + (from + COUNT - 1)
              + ": move MEVFLOW_CLUSTER_PORT or MEVFLOW_CLUSTER_PORTS_FROM");
    }
    check(nginx, "MEVFLOW_CLUSTER_PORT");
    for (int p = from; p < from + COUNT; p++) {
      check(
          p,
          "MEVFLOW_CLUSTER_PORTS_FROM (the servers take " + from + "-" + (from + COUNT - 1) + ")");
    }
  }

  private static void check(int port, String setting) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException taken) {
      throw new IllegalStateException(
          "port " + port + " on 127.0.0.1 is in use: stop what listens there or set " + setting);
    }
  }
}
