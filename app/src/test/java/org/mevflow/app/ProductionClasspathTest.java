package org.mevflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The production program (and its image, built from this module) carries no development
 * infrastructure: the Java test server and embedded PostgreSQL belong to the devstack module. This
 * module's test classpath is its runtime classpath plus JUnit, so what is missing here is missing
 * from the image.
 */
class ProductionClasspathTest {
  private static boolean present(String className) {
    try {
      Class.forName(className, false, ProductionClasspathTest.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Test
  void noTestServerNoEmbeddedDatabaseNoSimulator() {
    assertThat(present("io.temporal.testing.TestWorkflowEnvironment")).isFalse();
    assertThat(present("io.temporal.testserver.TestServer")).isFalse();
    assertThat(present("io.zonky.test.db.postgres.embedded.EmbeddedPostgres")).isFalse();
    assertThat(present("org.mevflow.simulators.cromwell.CromwellSimulator")).isFalse();
    assertThat(present("org.mevflow.devstack.DevCommand")).isFalse();
  }

  @Test
  void whatItRunsIsThere() {
    assertThat(present("org.mevflow.api.ApiApplication")).isTrue();
    assertThat(present("org.mevflow.worker.WorkerApplication")).isTrue();
    assertThat(present("io.temporal.client.WorkflowClient")).isTrue();
    assertThat(present("org.postgresql.Driver")).isTrue();
  }
}
