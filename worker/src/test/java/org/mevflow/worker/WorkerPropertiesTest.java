package org.mevflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The worker's cache and thread settings: each alone is enough, nonsense is refused by name. */
class WorkerPropertiesTest {
  @Test
  void threadsFollowTheCacheAndACacheOfZeroNeedsNothingElse() {
    assertThat(new WorkerProperties(null, null, null, null, null).workflowThreads()).isEqualTo(400);
    assertThat(new WorkerProperties(null, null, 50, null, null).workflowThreads()).isEqualTo(100);
    // no cache (documented as allowed): every step rebuilt from history, still on a few threads
    WorkerProperties uncached = new WorkerProperties(null, null, 0, null, null);
    assertThat(uncached.workflowCache()).isZero();
    assertThat(uncached.workflowThreads()).isEqualTo(10);
    assertThat(new WorkerProperties(null, null, 0, 3, null).workflowThreads()).isEqualTo(3);
  }

  @Test
  void negativeCachesAndNoThreadsAreRefused() {
    assertThatThrownBy(() -> new WorkerProperties(null, null, -1, null, null))
        .hasMessageContaining("workflow-cache must be >= 0");
    assertThatThrownBy(() -> new WorkerProperties(null, null, 10, 0, null))
        .hasMessageContaining("workflow-threads >= 1");
  }
}
