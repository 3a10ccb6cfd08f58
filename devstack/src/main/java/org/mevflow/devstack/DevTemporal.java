package org.mevflow.devstack;

import java.util.Optional;

/**
 * The Temporal server of the dev stack: Temporal's own dev server (the CLI's {@code server
 * start-dev}, SQLite in {@code $MEVFLOW_HOME/temporal}) or, where it is not installed, the Java
 * test server in memory.
 */
interface DevTemporal extends AutoCloseable {
  /** host:port of its frontend. */
  String target();

  /** The Web UI's address, where the server has one. */
  Optional<String> webUi();

  /** The banner's line: which server, where its data is, and what it lacks. */
  String describe();

  /** Which server runs, as {@code --temporal} names it. */
  TemporalChoice kind();

  @Override
  void close();
}
