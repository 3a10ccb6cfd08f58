package org.mevflow.db.type;

/**
 * Where an operation runs: mevflow's own {@code run.sh} runner, a Cromwell server, or WebMEV's
 * {@code local_docker} mode (the operation's image, run with the Docker CLI).
 */
public enum Runner {
  LOCAL,
  CROMWELL,
  LOCAL_DOCKER
}
