package org.mevflow.worker.analyses;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How a worker runs analyses ({@code mevflow.analyses.*}): the scratch folder of local runs, the
 * local runner's time limit ({@code local-time-limit}, 6 h; Temporal's bound on the run follows
 * it), and the limit of Cromwell operations whose spec sets no {@code time_limit} ({@code
 * time-limit}, 72 h).
 */
@ConfigurationProperties("mevflow.analyses")
public record AnalysesProperties(Path scratch, Duration localTimeLimit, Duration timeLimit) {
  public AnalysesProperties {
    scratch =
        scratch == null
            ? Path.of(System.getProperty("java.io.tmpdir"), "mevflow-scratch")
            : scratch;
    localTimeLimit = localTimeLimit == null ? Duration.ofHours(6) : localTimeLimit;
    timeLimit = timeLimit == null ? Duration.ofHours(72) : timeLimit;
  }
}
